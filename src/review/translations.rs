//! What `check` says of the editions in other languages: a file of the original that has no
//! translation (the edition shows it untranslated), key points, quotes, figures, terms, corrections
//! or eras a translation lacks, and sources the original cites that its translation does not.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::Files;
use crate::content::model::Media;
use crate::content::translation::{
    Parts, TranslatedMeta, Translation, changed_parts, gives, missing_words,
};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::markdown::cited_ids;
use crate::scaffold::PLACEHOLDER;

/// The translation file `original` would have in `language`.
fn translation_path(original: &Path, language: &str) -> PathBuf {
    let stem = original.file_stem().unwrap_or_default().to_string_lossy();
    original.with_file_name(format!("{stem}.{language}.md"))
}

pub(super) fn check_translations(files: &Files, out: &mut Diagnostics) {
    let languages = files.edition_languages();
    let by_original: HashMap<(&Path, &str), &Translation> = files
        .translations
        .iter()
        .map(|t| ((t.original.as_path(), t.language.as_str()), t))
        .collect();
    let originals = files
        .page
        .iter()
        .map(|d| {
            (
                &d.path,
                &*d.text,
                &d.split,
                lists_of_page(&d.meta),
                d.meta.lead.as_ref(),
            )
        })
        .chain(
            files
                .sections
                .iter()
                .map(|d| (&d.path, &*d.text, &d.split, lists_of_section(&d.meta), None)),
        )
        .chain((files.events.iter()).map(|d| {
            (
                &d.path,
                &*d.text,
                &d.split,
                Vec::new(),
                d.meta.media.as_ref(),
            )
        }));
    // The original's language by its own name, for "the English changed since…".
    let original_language = files
        .page
        .as_ref()
        .map_or("en", |p| p.meta.language.as_str());
    let original_name = crate::i18n::Catalogs::builtin()
        .catalog(original_language)
        .text("language-name");
    for (path, text, split, lists, picture) in originals {
        let (yaml, body) = (&text[split.yaml.clone()], &text[split.body.clone()]);
        for language in &languages {
            let Some(translation) = by_original.get(&(path.as_path(), language.as_str())) else {
                out.push(
                    Diagnostic::warning(
                        path,
                        format!(
                            "the `{language}` edition has no translation of this file, so it shows it as written here"
                        ),
                    )
                    .hint(format!(
                        "translate it in {}: the same fields' text, and the text below them",
                        display_path(&translation_path(path, language))
                    )),
                );
                continue;
            };
            fewer_items(path, original_language, translation, &lists, out);
            no_text(path, body, original_language, translation, out);
            let parts = files.parts_of(path);
            if let Some(parts) = &parts {
                fields_not_given(path, parts, (translation, picture), out);
            }
            missing_citations(path, (text, yaml), translation, out);
            left_as_written(translation, out);
            if let (Some(recorded), Some(parts)) = (translation.meta.translated_from(), parts) {
                // What the translation does not give is reported above, not as changed.
                let given: Parts = (parts.into_iter())
                    .filter(|(name, _)| gives(translation, name, picture))
                    .collect();
                changed_since(translation, &original_name, &given, recorded, out);
            }
        }
    }
}

/// How many of each list of text an original has: key points, corrections, quotes, figures, terms,
/// eras.
type Lists = Vec<(&'static str, usize)>;

fn lists_of_page(meta: &crate::content::model::PageMeta) -> Lists {
    vec![
        ("key_points", meta.key_points.len()),
        ("corrections", meta.corrections.len()),
    ]
}

fn lists_of_section(meta: &crate::content::model::SectionMeta) -> Lists {
    vec![
        ("quotes", meta.quotes.len()),
        ("figures", meta.figures.len()),
        ("terms", meta.terms.len()),
        ("eras", meta.eras.len()),
    ]
}

/// How many items of `field` the translation gives, when it gives the field at all.
fn given(translation: &Translation, field: &str) -> Option<usize> {
    match (&translation.meta, field) {
        (TranslatedMeta::Page(p), "key_points") => p.key_points.as_ref().map(Vec::len),
        (TranslatedMeta::Page(p), "corrections") => p.corrections.as_ref().map(Vec::len),
        (TranslatedMeta::Section(s), "quotes") => s.quotes.as_ref().map(Vec::len),
        (TranslatedMeta::Section(s), "figures") => s.figures.as_ref().map(Vec::len),
        (TranslatedMeta::Section(s), "terms") => s.terms.as_ref().map(Vec::len),
        (TranslatedMeta::Section(s), "eras") => s.eras.as_ref().map(Vec::len),
        _ => None,
    }
}

fn fewer_items(
    original: &Path,
    language: &str,
    translation: &Translation,
    lists: &Lists,
    out: &mut Diagnostics,
) {
    for (field, count) in lists {
        if *count == 0 {
            continue;
        }
        let here = given(translation, field).unwrap_or(0);
        if here < *count {
            let at = translation.key_range(field);
            let mut warning = Diagnostic::warning(
                &translation.path,
                format!(
                    "`{field}` has {here} of the {count} in {}: the edition shows the other {} as written there, marked as `{language}`",
                    display_path(original),
                    count - here
                ),
            )
            .hint(format!(
                "translate every item of `{field}`, in the original's order"
            ));
            if let Some(at) = at {
                warning = warning.at(&translation.text, at);
            }
            out.push(warning);
        }
    }
}

/// The text fields of the original (a title, a picture's words) the translation does not give;
/// its text and lists are told of by [`no_text`] and [`fewer_items`].
fn fields_not_given(
    original: &Path,
    parts: &Parts,
    (translation, picture): (&Translation, Option<&Media>),
    out: &mut Diagnostics,
) {
    let told = [
        "text",
        "key_points",
        "corrections",
        "quotes",
        "figures",
        "terms",
        "eras",
    ];
    for (name, text) in parts {
        if text.is_empty() || told.contains(name) || gives(translation, name, picture) {
            continue;
        }
        let what = match *name {
            "media" | "lead" => {
                let words = missing_words(picture, translation.picture_words());
                let words: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
                format!("its picture's {}", words.join(" and "))
            }
            _ => "it".to_string(),
        };
        out.push(
            Diagnostic::warning(
                &translation.path,
                format!(
                    "`{name}` is not translated here: the edition shows {what} as written in {}",
                    display_path(original)
                ),
            )
            .hint(format!(
                "give `{name}:` in this file with the original's words in this language"
            )),
        );
    }
}

/// A translation of the fields alone, of an original with text below them.
fn no_text(
    original: &Path,
    body: &str,
    language: &str,
    translation: &Translation,
    out: &mut Diagnostics,
) {
    if translation.gives_text() || body.trim().is_empty() {
        return;
    }
    out.push(
        Diagnostic::warning(
            &translation.path,
            format!(
                "this translation has no text below its fields: the edition shows the text of {} as written there, marked as `{language}`",
                display_path(original)
            ),
        )
        .hint("translate the text below the original's fields, under this file's closing ---"),
    );
}

fn missing_citations(
    original: &Path,
    (text, yaml): (&str, &str),
    translation: &Translation,
    out: &mut Diagnostics,
) {
    let here = cited_ids(&translation.text);
    // Without a text of its own, the translation shows the original's, citations and all.
    let text = if translation.gives_text() { text } else { yaml };
    let missing: Vec<String> = cited_ids(text)
        .into_iter()
        .filter(|id| !here.contains(id))
        .map(|id| format!("[@{id}]"))
        .collect();
    if missing.is_empty() {
        return;
    }
    out.push(
        Diagnostic::warning(
            &translation.path,
            format!(
                "{} cites {} and this translation does not",
                display_path(original),
                missing.join(", ")
            ),
        )
        .hint("cite the same sources where the translation says the same, exactly as the original: [@id]"),
    );
}

/// The example text `explainer new translation` writes, still there.
fn left_as_written(translation: &Translation, out: &mut Diagnostics) {
    let body = translation.split.body.clone();
    if let Some(i) = translation.text[body.clone()].find(PLACEHOLDER) {
        let at = body.start + i;
        out.push(
            Diagnostic::error(
                &translation.path,
                "this is still the example text that `explainer new` wrote",
            )
            .at(&translation.text, at..at + PLACEHOLDER.len())
            .hint(
                "replace the paragraph with your own text: nothing is published while it is there",
            ),
        );
    }
}

/// The parts of the original that changed since the translation was marked done.
fn changed_since(
    translation: &Translation,
    language: &str,
    parts: &Parts,
    recorded: &std::collections::BTreeMap<String, String>,
    out: &mut Diagnostics,
) {
    let changed = changed_parts(parts, recorded);
    if changed.is_empty() {
        return;
    }
    let what: Vec<String> = changed.iter().map(|p| format!("`{p}`")).collect();
    let at = translation.key_range("translated_from");
    let mut warning = Diagnostic::warning(
        &translation.path,
        format!(
            "the {language} changed since this was translated: {} in {}",
            what.join(", "),
            display_path(&translation.original)
        ),
    )
    .hint(format!(
        "bring the translation up to date, then run `explainer translate --mark-done {}`",
        display_path(&translation.path)
    ));
    if let Some(at) = at {
        warning = warning.at(&translation.text, at);
    }
    out.push(warning);
}
