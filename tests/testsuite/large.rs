//! A large explainer, as `cargo run --example synth` makes them: the build gives back each
//! section's text once it is rendered, in batches, to keep its memory down. That must change nothing
//! in the page, and must leave the texts that are read later.

use std::sync::Arc;

use crate::generate;
use explainer::assets::{self, CardCache};
use explainer::content;
use explainer::diagnostics::Diagnostics;
use explainer::i18n::Language;
use explainer::output::Output;
use explainer::render::{self, RenderCache, Templates};
use explainer::url::SiteUrls;

#[test]
fn giving_back_texts_while_rendering_changes_nothing_in_the_page() {
    let dir = tempfile::tempdir().unwrap();
    // More sections than one batch, and not a whole number of batches.
    generate::generate(dir.path(), 700, 12).unwrap();
    let load = || content::load(dir.path(), false, &mut Diagnostics::default()).unwrap();
    let site = load();
    let templates = Arc::new(Templates::load(dir.path()).unwrap());
    let urls = SiteUrls::new(None);
    let mut statics = Output::read_static(dir.path()).unwrap();
    let mut cards = CardCache::default();
    let language = Language::new(&site.page.meta.language, templates.catalogs());
    let assets = assets::prepare(
        &site,
        &mut statics,
        false,
        &language,
        &mut cards,
        &mut Diagnostics::default(),
    )
    .unwrap();

    // Rendered with a cache, which keeps every text.
    let mut kept_warnings = Diagnostics::default();
    let mut shared = site.clone();
    let mut cache = RenderCache::default();
    let kept = render::render(
        &mut shared,
        &templates,
        &urls,
        &assets,
        &language,
        Some(&mut cache),
        &mut kept_warnings,
    )
    .unwrap();
    // A site of its own, so that nothing else holds its documents, rendered without a cache.
    let mut owned = load();
    let mut released_warnings = Diagnostics::default();
    let released = render::render(
        &mut owned,
        &templates,
        &urls,
        &assets,
        &language,
        None,
        &mut released_warnings,
    )
    .unwrap();
    let (kept_warnings, released_warnings) =
        (kept_warnings.into_vec(), released_warnings.into_vec());

    assert!(kept.index == released.index, "the page differs");
    assert!(kept.not_found == released.not_found);
    let text = |w: &[explainer::diagnostics::Diagnostic]| {
        w.iter().map(ToString::to_string).collect::<Vec<_>>()
    };
    assert_eq!(text(&kept_warnings), text(&released_warnings));

    // Ordinary sections gave back their text; the sources lists and the timeline kept theirs.
    let plain = owned
        .sections
        .iter()
        .filter(|s| s.meta.sources.is_empty() && !s.is_timeline());
    assert!(plain.clone().count() >= 700);
    assert!(
        plain
            .clone()
            .all(|s| s.text.is_empty() && s.body().is_empty())
    );
    assert!(
        owned
            .sections
            .iter()
            .filter(|s| !s.meta.sources.is_empty() || s.is_timeline())
            .all(|s| !s.text.is_empty())
    );
    // The site that is still shared kept every text.
    assert!(site.sections.iter().all(|s| !s.text.is_empty()));
}
