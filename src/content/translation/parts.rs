//! What a translation follows in its original: the text fields and the text below them, each a
//! part with a fingerprint, recorded in the translation by `explainer translate --mark-done` so that
//! `check` can say which parts of the original changed since.

use std::collections::BTreeMap;

use crate::content::Document;
use crate::content::model::{EventMeta, Media, PageMeta, SectionMeta};

/// The parts of an original a translation follows, each by name, with its text: the text fields
/// and the text below them. Dates, ids and sources are shared, not translated, so they are not
/// parts.
pub type Parts = Vec<(&'static str, String)>;

fn joined<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join("\n")
}

pub fn page_parts(doc: &Document<PageMeta>) -> Parts {
    let m = &doc.meta;
    vec![
        ("title", m.title.clone()),
        ("label", m.label.clone()),
        ("standfirst", m.standfirst.clone()),
        ("description", m.description.clone()),
        ("dateline", m.dateline.clone().unwrap_or_default()),
        (
            "key_points",
            joined(m.key_points.iter().map(String::as_str)),
        ),
        (
            "corrections",
            joined(m.corrections.iter().map(|c| c.text.as_str())),
        ),
        ("lead", m.lead.as_ref().map(media_words).unwrap_or_default()),
        ("text", doc.body().trim().to_string()),
    ]
}

pub fn section_parts(doc: &Document<SectionMeta>) -> Parts {
    let m = &doc.meta;
    vec![
        ("title", m.title.clone()),
        (
            "quotes",
            joined(
                m.quotes
                    .iter()
                    .flat_map(|q| [q.text.as_str(), &q.speaker, &q.role, &q.occasion]),
            ),
        ),
        (
            "figures",
            joined(m.figures.iter().flat_map(|f| [f.value.as_str(), &f.label])),
        ),
        (
            "terms",
            joined(
                m.terms
                    .iter()
                    .flat_map(|t| [t.term.as_str(), &t.definition]),
            ),
        ),
        ("eras", joined(m.eras.iter().map(|e| e.title.as_str()))),
        ("text", doc.body().trim().to_string()),
    ]
}

pub fn event_parts(doc: &Document<EventMeta>) -> Parts {
    let m = &doc.meta;
    let media = m.media.as_ref().map(media_words);
    vec![
        ("title", m.title.clone()),
        ("display_date", m.display_date.clone().unwrap_or_default()),
        ("group", m.group.clone().unwrap_or_default()),
        ("media", media.unwrap_or_default()),
        ("text", doc.body().trim().to_string()),
    ]
}

/// The words of a picture that a translation gives again: its description, caption and credit.
fn media_words(media: &Media) -> String {
    joined(
        [&media.alt, &media.caption, &media.credit]
            .into_iter()
            .flatten()
            .map(String::as_str),
    )
}

/// A short fingerprint of a part's text: the first eight hex digits of its SHA-256.
pub fn fingerprint(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// The parts whose text is not what it was when the translation was marked done, by name.
pub fn changed_parts(parts: &Parts, recorded: &BTreeMap<String, String>) -> Vec<&'static str> {
    parts
        .iter()
        .filter(|(name, text)| {
            let now = fingerprint(text);
            match recorded.get(*name) {
                Some(then) => *then != now,
                None => !text.is_empty(),
            }
        })
        .map(|(name, _)| *name)
        .collect()
}

/// Whether `translation` gives the part `name` of its original: its text below the fields, or
/// the field itself; for a picture (`media`, `lead`), each of the words `picture` (the original's)
/// has, its description and caption.
pub fn gives(translation: &super::Translation, name: &str, picture: Option<&Media>) -> bool {
    use super::TranslatedMeta::{Event, Page, Section};
    match (&translation.meta, name) {
        (_, "text") => translation.gives_text(),
        (_, "lead" | "media") => missing_words(picture, translation.picture_words()).is_empty(),
        (Page(t), "title") => t.title.is_some(),
        (Page(t), "label") => t.label.is_some(),
        (Page(t), "standfirst") => t.standfirst.is_some(),
        (Page(t), "description") => t.description.is_some(),
        (Page(t), "dateline") => t.dateline.is_some(),
        (Page(t), "key_points") => t.key_points.is_some(),
        (Page(t), "corrections") => t.corrections.is_some(),
        (Section(t), "title") => t.title.is_some(),
        (Section(t), "quotes") => t.quotes.is_some(),
        (Section(t), "figures") => t.figures.is_some(),
        (Section(t), "terms") => t.terms.is_some(),
        (Section(t), "eras") => t.eras.is_some(),
        (Event(t), "title") => t.title.is_some(),
        (Event(t), "display_date") => t.display_date.is_some(),
        (Event(t), "group") => t.group.is_some(),
        _ => false,
    }
}

/// The words of a picture (`alt`, `caption`) the original has and the translation does not give.
pub fn missing_words(
    picture: Option<&Media>,
    given: Option<&super::MediaText>,
) -> Vec<&'static str> {
    let Some(picture) = picture else {
        return Vec::new();
    };
    let alt = given.and_then(|w| w.alt.as_ref());
    let caption = given.and_then(|w| w.caption.as_ref());
    [
        ("alt", &picture.alt, alt),
        ("caption", &picture.caption, caption),
    ]
    .into_iter()
    .filter(|(_, original, translated)| original.is_some() && translated.is_none())
    .map(|(name, _, _)| name)
    .collect()
}
