//! `explainer new translation FILE --lang ar`, and `--lang` of `new section` and `new event`: the
//! translation file of an edition beside its original, holding the original's title to translate
//! and an example paragraph (`check` warns while either is left as written).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Created, PLACEHOLDER, write_new, yaml_string};
use crate::content::{self, front_matter, translation};
use crate::diagnostics::{Diagnostic, did_you_mean, display_path};

/// Writes the `language` translation of `original` (a path from the root, `content/...md`).
pub fn new_translation(
    root: &Path,
    original: &Path,
    language: &str,
) -> Result<Created, Box<Diagnostic>> {
    let original = original.strip_prefix("./").unwrap_or(original);
    let languages = editions(root);
    if !languages.contains(language) {
        let hint = match did_you_mean(language, languages.iter().map(String::as_str)) {
            Some(hint) => hint,
            None => format!(
                "an edition starts with its page file: explainer new translation content/_index.md --lang {language} writes it"
            ),
        };
        let is_page = original == Path::new("content").join(content::INDEX_FILE);
        if !is_page {
            return Err(Diagnostic::error(
                "--lang",
                format!("there is no `{language}` edition yet"),
            )
            .hint(hint)
            .into());
        }
    }
    let text = std::fs::read_to_string(root.join(original)).map_err(|e| {
        Diagnostic::error(original, format!("cannot read the file to translate: {e}"))
            .hint("name a content file, like content/what-happened.md")
    })?;
    let title = front_matter::split(&text)
        .ok()
        .and_then(|split| front_matter::parse::<TitleOnly>(&text, &split).ok())
        .and_then(|t| t.title);
    let stem = original
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let path: PathBuf = original.with_file_name(format!("{stem}.{language}.md"));
    let mut out = super::front_matter_start(&path);
    if let Some(title) = &title {
        out.push_str(&format!("title: {}\n", yaml_string(title)));
    }
    out.push_str(&format!(
        "---\n{PLACEHOLDER} with the translation of {}: the text below its fields, and the fields above (its title, and any key points, quotes or terms) in the same order.\n",
        display_path(original)
    ));
    write_new(root, &path, &out)?;
    let mut notes = Vec::new();
    if title.is_some() {
        notes.push("translate the title too; the rest of the fields come from the original".into());
    }
    Ok(Created { path, notes })
}

#[derive(serde::Deserialize)]
struct TitleOnly {
    title: Option<String>,
}

/// The languages with an edition: those of `content/_index.<language>.md`.
fn editions(root: &Path) -> BTreeSet<String> {
    let names: Vec<String> = std::fs::read_dir(root.join("content"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    content::translation::languages(names.iter().map(String::as_str))
}

/// `explainer translate --mark-done FILE`: records in the translation at `path` what its original
/// says now (a fingerprint of each part, `translated_from:`), so that `check` can tell when the
/// original changes. Returns the file and which original it follows.
pub fn mark_done(root: &Path, path: &Path) -> Result<Created, Box<Diagnostic>> {
    let path = path.strip_prefix("./").unwrap_or(path);
    let files = content::read(root, true);
    let Some(translation) = files.translations.iter().find(|t| t.path == path) else {
        let problem = files.problems.iter().find(|d| d.path == path);
        return Err(match problem {
            Some(problem) => Box::new(problem.clone()),
            None => Diagnostic::error(path, "this is not a translation explainer reads")
                .hint("name a translation like content/what-happened.ar.md, beside content/what-happened.md, in an edition that has content/_index.ar.md")
                .into(),
        });
    };
    let original = &translation.original;
    let parts = files.parts_of(original).ok_or_else(|| {
        Diagnostic::error(
            original,
            "this file does not parse, so the translation cannot be marked as following it",
        )
        .hint("run explainer check, fix what it says, and mark the translation again")
    })?;
    let picture = (files.events.iter().find(|e| e.path == *original))
        .and_then(|e| e.meta.media.as_ref())
        .or_else(|| {
            (files.page.as_ref())
                .filter(|p| p.path == *original)
                .and_then(|p| p.meta.lead.as_ref())
        });
    // Only what the translation gives is done: a picture's words left in the original's language
    // stay to do, and check goes on saying so.
    let record: Vec<String> = parts
        .iter()
        .filter(|(name, text)| !text.is_empty() && translation::gives(translation, name, picture))
        .map(|(name, text)| format!("{name}: {}", translation::fingerprint(text)))
        .collect();
    let line = format!("translated_from: {{{}}}", record.join(", "));
    let text: &str = &translation.text;
    let updated = match translation.key_range("translated_from") {
        Some(key) => {
            let start = key.start;
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            format!("{}{line}{}", &text[..start], &text[end..])
        }
        None => {
            let end = translation.split.yaml.end;
            format!("{}{line}\n{}", &text[..end], &text[end..])
        }
    };
    std::fs::write(root.join(path), updated)
        .map_err(|e| Diagnostic::error(path, format!("cannot write this file: {e}")))?;
    Ok(Created {
        path: path.to_path_buf(),
        notes: vec![format!(
            "follows {} as it is now; explainer check will say when that changes",
            display_path(original)
        )],
    })
}
