//! The "Latest" box under the key points: what changed since publication, as live pages list their
//! key events.

use serde::Serialize;

use super::views::{TimeView, ViewBuilder};
use crate::content::Site;
use crate::dates::PartialDate;
use crate::markdown;

/// One line of the "Latest" box: an event after publication, or a correction, with its date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatestView {
    pub date: TimeView,
    /// The event's headline; empty for a correction (the template says "Correction").
    pub title: String,
    pub href: String,
    pub correction: bool,
}

impl ViewBuilder<'_> {
    /// What changed since publication, newest first, when the page says it was updated: each
    /// event dated after publication and each correction, linking to it.
    pub fn latest(&self, site: &Site) -> Vec<LatestView> {
        let page = &site.page.meta;
        if page.updated.is_none() {
            return Vec::new();
        }
        let mut items: Vec<(PartialDate, LatestView)> = site
            .events_since_publication()
            .map(|e| {
                let view = LatestView {
                    date: self.time(e.meta.date),
                    title: markdown::smarten(&e.meta.title),
                    href: format!("#{}", e.event_id()),
                    correction: false,
                };
                (e.meta.date, view)
            })
            .collect();
        for (correction, id) in page.corrections.iter().zip(page.correction_ids()) {
            let view = LatestView {
                date: self.time(correction.date),
                title: String::new(),
                href: format!("#{id}"),
                correction: true,
            };
            items.push((correction.date, view));
        }
        items.sort_by_key(|(date, _)| std::cmp::Reverse(date.earliest()));
        items.into_iter().map(|(_, view)| view).collect()
    }
}
