//! Translations: `what-happened.ar.md` beside `what-happened.md` holds the Arabic text of that
//! section, and nothing else. Dates, ids, weights, sources and eras are written once, in the original,
//! and shared by every edition; a translation that writes one is told so. An edition exists for each
//! language with a page file (`content/_index.ar.md`).
//!
//! [`edition`] makes the site of one edition: the original site with each translated file's text in
//! place of the original's. A file without a translation keeps its original text (`check` says which
//! are missing).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

mod parts;
mod shown;
mod texts;

pub use parts::{
    Parts, changed_parts, event_parts, fingerprint, gives, missing_words, page_parts, section_parts,
};
pub use shown::Untranslated;
pub use texts::*;

use super::front_matter::{self, Split};
use super::model::{EventMeta, Media, PageMeta, SectionMeta};
use super::{Document, Site, Text};
use crate::diagnostics::{Diagnostic, Problem};

/// The language of a translation file's name (`ar` in `what-happened.ar.md`), when it is one of
/// `languages`, and the original's file name.
pub fn translated_name(name: &str, languages: &BTreeSet<String>) -> Option<(String, String)> {
    let stem = name.strip_suffix(".md")?;
    let (original, language) = stem.rsplit_once('.')?;
    languages
        .contains(language)
        .then(|| (language.to_string(), format!("{original}.md")))
}

/// The languages of the editions other than the original's: those with a page file
/// `content/_index.<language>.md`, whose suffix is a language tag.
pub fn languages<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    names
        .into_iter()
        .filter_map(|name| name.strip_prefix("_index.")?.strip_suffix(".md"))
        .filter(|tag| {
            !tag.is_empty()
                && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && tag.parse::<icu_locale_core::LanguageIdentifier>().is_ok()
        })
        .map(str::to_string)
        .collect()
}

/// The languages of the editions other than the original's, in order: those whose page file is
/// among `translations`.
pub fn edition_languages(translations: &[Translation]) -> Vec<String> {
    let languages: BTreeSet<&str> = translations
        .iter()
        .filter(|t| matches!(t.meta, TranslatedMeta::Page(_)))
        .map(|t| t.language.as_str())
        .collect();
    languages.into_iter().map(str::to_string).collect()
}

/// What a translation file translates.
#[derive(Debug, Clone)]
pub enum TranslatedMeta {
    Page(PageText),
    Section(SectionText),
    Event(EventText),
}

impl TranslatedMeta {
    /// The record of what the original said when this was translated, if it was marked done.
    pub fn translated_from(&self) -> Option<&BTreeMap<String, String>> {
        match self {
            TranslatedMeta::Page(t) => t.translated_from.as_ref(),
            TranslatedMeta::Section(t) => t.translated_from.as_ref(),
            TranslatedMeta::Event(t) => t.translated_from.as_ref(),
        }
    }
}

/// One translation file, parsed.
#[derive(Debug, Clone)]
pub struct Translation {
    pub language: String,
    /// The original file, e.g. `content/what-happened.md`.
    pub original: PathBuf,
    pub path: PathBuf,
    pub text: Text,
    pub split: Split,
    pub meta: TranslatedMeta,
}

impl Translation {
    /// Whether the translation has a text of its own below its fields.
    pub fn gives_text(&self) -> bool {
        !self.text[self.split.body.clone()].trim().is_empty()
    }

    /// The words the translation gives for the picture of its original, if any.
    pub fn picture_words(&self) -> Option<&MediaText> {
        match &self.meta {
            TranslatedMeta::Page(t) => t.lead.as_ref(),
            TranslatedMeta::Event(t) => t.media.as_ref(),
            TranslatedMeta::Section(_) => None,
        }
    }

    /// Where the field `key` of the translation's front matter starts, in its text.
    pub fn key_range(&self, key: &str) -> Option<std::ops::Range<usize>> {
        let yaml = self.split.yaml.clone();
        front_matter::find_key(&self.text[yaml.clone()], key)
            .map(|r| r.start + yaml.start..r.end + yaml.start)
    }
}

/// The fields of `T` (from its schema): what an original file may hold.
fn fields<T: JsonSchema>() -> Vec<String> {
    let schema = schemars::schema_for!(T);
    schema
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// A field the original has and a translation may not: said in those words, not as an unknown field.
fn not_text(
    problem: Problem,
    original: &Path,
    original_fields: &[String],
    text: &[String],
) -> Problem {
    let Some(field) = problem
        .message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    else {
        return problem;
    };
    if !original_fields.iter().any(|f| f == field) {
        return problem;
    }
    Problem {
        message: format!(
            "`{field}` is not translated: it is written once, in {}",
            crate::diagnostics::display_path(original)
        ),
        hint: Some(format!(
            "remove it here; a translation holds only text ({})",
            text.iter()
                .filter(|f| *f != "translated_from")
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )),
        ..problem
    }
}

fn parse_as<T: for<'de> Deserialize<'de> + JsonSchema, O: JsonSchema>(
    text: &str,
    split: &Split,
    original: &Path,
) -> Result<T, Problem> {
    front_matter::parse::<T>(text, split)
        .map_err(|p| not_text(p, original, &fields::<O>(), &fields::<T>()))
}

/// Parses a translation of `original` (`content/...`) written in `text`.
pub(super) fn parse(
    language: &str,
    original: PathBuf,
    path: PathBuf,
    text: Text,
    in_timeline: bool,
) -> Result<Translation, Box<Diagnostic>> {
    let at = |p: Problem| Box::new(Diagnostic::from_problem(&path, &text, 0, p));
    let split = front_matter::split(&text).map_err(at)?;
    let is_index = original.file_name().is_some_and(|n| n == super::INDEX_FILE);
    let meta = if is_index && !in_timeline {
        parse_as::<PageText, PageMeta>(&text, &split, &original).map(TranslatedMeta::Page)
    } else if in_timeline && !is_index {
        parse_as::<EventText, EventMeta>(&text, &split, &original).map(TranslatedMeta::Event)
    } else {
        parse_as::<SectionText, SectionMeta>(&text, &split, &original).map(TranslatedMeta::Section)
    }
    .map_err(at)?;
    Ok(Translation {
        language: language.to_string(),
        original,
        path,
        text,
        split,
        meta,
    })
}

/// `original` with `translation`'s text: its file, its body and its front matter's text fields;
/// what it leaves in the original's words (in `language`) is recorded in `shown`.
fn translated<M: Clone>(
    original: &Arc<Document<M>>,
    (translation, language): (&Translation, &str),
    merge: impl FnOnce(&mut M),
    shown: impl Fn(&mut M) -> &mut Untranslated,
) -> Arc<Document<M>> {
    let mut doc = (**original).clone();
    shown(&mut doc.meta).language = language.to_string();
    merge(&mut doc.meta);
    if translation.gives_text() {
        doc.replace_text(
            translation.path.clone(),
            translation.text.clone(),
            translation.split.clone(),
        );
    } else if !doc.body().trim().is_empty() {
        shown(&mut doc.meta).text = true;
    }
    Arc::new(doc)
}

/// `original` as it is, shown whole in its own `language` for want of a translation.
fn untranslated<M: Clone>(
    original: &Arc<Document<M>>,
    language: &str,
    shown: impl Fn(&mut M) -> &mut Untranslated,
) -> Arc<Document<M>> {
    let mut doc = (**original).clone();
    *shown(&mut doc.meta) = Untranslated::whole(language);
    Arc::new(doc)
}

fn set(field: &mut String, value: &Option<String>) {
    if let Some(value) = value {
        field.clone_from(value);
    }
}

/// Each optional field the translation gives, in place of the original's.
fn set_given<const N: usize>(pairs: [(&mut Option<String>, &Option<String>); N]) {
    for (field, value) in pairs {
        if value.is_some() {
            field.clone_from(value);
        }
    }
}

fn merge_page(meta: &mut PageMeta, text: &PageText, language: &str) {
    set(&mut meta.title, &text.title);
    set(&mut meta.label, &text.label);
    set(&mut meta.standfirst, &text.standfirst);
    set(&mut meta.description, &text.description);
    set_given([
        (&mut meta.dateline, &text.dateline),
        (&mut meta.site_name, &text.site_name),
        (&mut meta.image_alt, &text.image_alt),
    ]);
    if let (Some(lead), Some(words)) = (meta.lead.as_mut(), &text.lead) {
        merge_media(lead, words);
    }
    // A list the translation gives in part keeps the original's other items, marked as such.
    if let Some(points) = &text.key_points {
        let count = meta.key_points.len();
        let given = points.len().min(count);
        meta.key_points.splice(..given, points.iter().cloned());
        meta.untranslated
            .items_past("key_points", points.len(), count);
    }
    let given = text.corrections.as_ref().map_or(0, Vec::len);
    for (correction, text) in meta
        .corrections
        .iter_mut()
        .zip(text.corrections.iter().flatten())
    {
        correction.text.clone_from(&text.text);
    }
    let count = meta.corrections.len();
    meta.untranslated.items_past("corrections", given, count);
    for (author, text) in meta.authors.iter_mut().zip(text.authors.iter().flatten()) {
        author.name.clone_from(&text.name);
    }
    meta.language = text
        .language
        .clone()
        .unwrap_or_else(|| language.to_string());
}

fn merge_section(meta: &mut SectionMeta, text: &SectionText) {
    set(&mut meta.title, &text.title);
    fn given<T>(list: &Option<Vec<T>>) -> usize {
        list.as_ref().map_or(0, Vec::len)
    }
    let shown = &mut meta.untranslated;
    shown.items_past("figures", given(&text.figures), meta.figures.len());
    shown.items_past("quotes", given(&text.quotes), meta.quotes.len());
    shown.items_past("terms", given(&text.terms), meta.terms.len());
    for (figure, text) in meta.figures.iter_mut().zip(text.figures.iter().flatten()) {
        set(&mut figure.value, &text.value);
        set(&mut figure.label, &text.label);
    }
    for (quote, text) in meta.quotes.iter_mut().zip(text.quotes.iter().flatten()) {
        set(&mut quote.text, &text.text);
        set(&mut quote.speaker, &text.speaker);
        set(&mut quote.role, &text.role);
        set(&mut quote.occasion, &text.occasion);
        if let Some(translated) = text.translated {
            quote.translated = translated;
        }
    }
    for (term, text) in meta.terms.iter_mut().zip(text.terms.iter().flatten()) {
        set(&mut term.term, &text.term);
        set(&mut term.definition, &text.definition);
        if text.mentions.is_some() {
            term.mentions.clone_from(&text.mentions);
        }
    }
    for (i, era) in meta.eras.iter_mut().enumerate() {
        match text.eras.iter().flatten().find(|e| e.id == era.id) {
            Some(text) => era.title.clone_from(&text.title),
            None => meta.untranslated.items.push(("eras", i)),
        }
    }
}

fn merge_event(meta: &mut EventMeta, text: &EventText) {
    set(&mut meta.title, &text.title);
    if text.display_date.is_some() {
        meta.display_date.clone_from(&text.display_date);
    }
    if text.group.is_some() && meta.group.is_some() {
        meta.group.clone_from(&text.group);
    }
    if let (Some(media), Some(words)) = (meta.media.as_mut(), &text.media) {
        merge_media(media, words);
    }
}

fn merge_media(media: &mut Media, words: &MediaText) {
    set(&mut media.src, &words.src);
    set_given([
        (&mut media.alt, &words.alt),
        (&mut media.caption, &words.caption),
        (&mut media.credit, &words.credit),
    ]);
}

/// The site of the edition in `language`: every file its translation's text, or its own.
pub fn edition(site: &Site, language: &str, translations: &[Translation]) -> Site {
    let original = site.page.meta.language.as_str();
    let by_original: HashMap<&Path, &Translation> = translations
        .iter()
        .filter(|t| t.language == language)
        .map(|t| (t.original.as_path(), t))
        .collect();
    let page = match by_original.get(site.page.path.as_path()) {
        Some(
            t @ Translation {
                meta: TranslatedMeta::Page(text),
                ..
            },
        ) => translated(
            &site.page,
            (t, original),
            |m| merge_page(m, text, language),
            |m| &mut m.untranslated,
        ),
        _ => {
            let mut page = (*site.page).clone();
            page.meta.language = language.to_string();
            Arc::new(page)
        }
    };
    let sections = site
        .sections
        .iter()
        .map(|doc| match by_original.get(doc.path.as_path()) {
            Some(
                t @ Translation {
                    meta: TranslatedMeta::Section(text),
                    ..
                },
            ) => translated(
                doc,
                (t, original),
                |m| merge_section(m, text),
                |m| &mut m.untranslated,
            ),
            _ => untranslated(doc, original, |m| &mut m.untranslated),
        })
        .collect();
    let events = site
        .events
        .iter()
        .map(|doc| match by_original.get(doc.path.as_path()) {
            Some(
                t @ Translation {
                    meta: TranslatedMeta::Event(text),
                    ..
                },
            ) => translated(
                doc,
                (t, original),
                |m| merge_event(m, text),
                |m| &mut m.untranslated,
            ),
            _ => untranslated(doc, original, |m| &mut m.untranslated),
        })
        .collect();
    Site {
        page,
        sections,
        events,
        translations: Arc::new(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_files_are_named_after_their_original() {
        let languages = languages(["_index.md", "_index.ar.md", "_index.x y.md", "what.md"]);
        assert_eq!(languages.into_iter().collect::<Vec<_>>(), ["ar"]);
        let ar: BTreeSet<String> = ["ar".to_string()].into();
        assert_eq!(
            translated_name("what-happened.ar.md", &ar),
            Some(("ar".into(), "what-happened.md".into()))
        );
        assert_eq!(
            translated_name("_index.ar.md", &ar),
            Some(("ar".into(), "_index.md".into()))
        );
        // `is` is Icelandic, but there is no Icelandic edition: an ordinary file.
        assert_eq!(translated_name("what.is.md", &ar), None);
        assert_eq!(translated_name("what-happened.md", &ar), None);
    }
}
