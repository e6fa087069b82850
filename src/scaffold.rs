//! Writing new files for editors: `explainer new section`, `explainer new event` and `explainer init`.
//!
//! Each new content file starts with valid front matter (the schema modeline first, then the fields),
//! so it builds as soon as it is written, and ends with a placeholder paragraph for the editor to
//! replace (`explainer check` warns while it is still there). Nothing here ever overwrites a file:
//! `new` refuses a name that is taken, `init` refuses a folder that is not empty.
//!
//! This module does not validate content beyond what it needs to choose names and defaults (known
//! kinds, sources and eras); the build and `check` do that.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::model::SectionMeta;
use crate::content::{self, Document, TIMELINE_DIR};
use crate::dates::PartialDate;
use crate::diagnostics::{Diagnostic, did_you_mean, display_path};
use crate::render::Templates;
use crate::{embedded, schema};

/// The start of the paragraph a new file holds until the editor writes their own.
pub const PLACEHOLDER: &str = "Replace this paragraph";

/// The editors' guide and the content model, written by `init` so the new explainer documents itself.
const DOCS: [(&str, &str); 2] = [
    ("docs/editing.md", include_str!("../docs/editing.md")),
    (
        "docs/content-model.md",
        include_str!("../docs/content-model.md"),
    ),
];

/// Gap between the weights of sections placed one after the other.
const WEIGHT_STEP: i64 = 10;

/// A file that was written, and what the editor should know about it.
#[derive(Debug)]
pub struct Created {
    /// Relative to the explainer's root, e.g. `content/who-are-the-militias.md`.
    pub path: PathBuf,
    pub notes: Vec<String>,
}

/// Writes `content/<slug>.md`, a section of `kind` placed after the last section of that kind.
pub fn new_section(
    root: &Path,
    title: &str,
    weight: Option<i64>,
    kind: &str,
) -> Result<Created, Box<Diagnostic>> {
    let title = one_line(title)?;
    if kind == "timeline" {
        return Err(Diagnostic::error("--kind", "there is already a timeline")
            .hint("add timeline events with: explainer new event YYYY-MM-DD \"Title\"")
            .into());
    }
    if let Ok(templates) = Templates::load(root) {
        let kinds = templates.section_kinds();
        if !kinds.contains(&kind) {
            let hint = match did_you_mean(kind, kinds.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the kinds are {}", kinds.join(", ")),
            };
            return Err(
                Diagnostic::error("--kind", format!("there is no section kind `{kind}`"))
                    .hint(hint)
                    .into(),
            );
        }
    }
    let files = content::read(root, true);
    let path = Path::new("content").join(format!("{}.md", slug(title)?));
    let mut notes = Vec::new();
    let weight = match weight {
        Some(w) => {
            if let Some(other) = files.sections.iter().find(|s| s.meta.weight == w) {
                notes.push(format!(
                    "{} also has weight {w}; the two are ordered by file name",
                    display_path(&other.path)
                ));
            }
            w
        }
        None => {
            let (w, place) = next_weight(&files.sections, kind);
            notes.push(format!("weight {w}: {place}"));
            w
        }
    };
    let mut text = front_matter_start(&path);
    text.push_str(&format!(
        "title: {}\nweight: {weight}\n",
        yaml_string(title)
    ));
    if kind != "prose" {
        text.push_str(&format!("kind: {kind}\n"));
    }
    text.push_str(&section_example(kind));
    text.push_str("---\n");
    text.push_str(&format!(
        "{PLACEHOLDER} with the section's text. After each fact, cite its source by its id in \
         content/sources.md, like this: `[@source-id]`. Headings inside a section start at three \
         hashes: `### A heading`.\n"
    ));
    write_new(root, &path, &text)?;
    Ok(Created { path, notes })
}

/// The fields a section of `kind` shows, as commented-out examples to fill in.
fn section_example(kind: &str) -> String {
    let lines: &[&str] = match kind {
        "figures" => &[
            "figures:",
            "  # - value: \"about 2,500\"",
            "  #   label: \"US troops in Iraq in July 2021\"",
            "  #   sources: [source-id]",
        ],
        "glossary" => &[
            "terms:",
            "  # - term: \"Mustafa al-Kadhimi\"",
            "  #   definition: \"Iraq's prime minister at the time of the agreement.\"",
        ],
        _ => &[
            "# quotes:",
            "#   - text: \"The exact words, nothing added but [bracketed] words and … for cuts\"",
            "#     speaker: Joe Biden",
            "#     role: President of the United States",
            "#     occasion: \"Remarks at the start of the meeting\"",
            "#     date: 2021-07-26",
            "#     source: source-id",
        ],
    };
    let mut text = String::new();
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    // An empty list is still valid; the examples stay as comments until the editor fills them in.
    if kind == "figures" || kind == "glossary" {
        text = text.replacen(":\n", ": []\n", 1);
    }
    text
}

/// The weight that puts a new section right after the last section of `kind`, and where that is.
fn next_weight(sections: &[Arc<Document<SectionMeta>>], kind: &str) -> (i64, String) {
    let name =
        |s: &Document<SectionMeta>| format!("\u{201c}{}\u{201d} ({})", s.meta.title, s.meta.weight);
    let last_of_kind = sections
        .iter()
        .map(|s| &**s)
        .filter(|s| s.kind() == kind)
        .max_by_key(|s| s.meta.weight);
    let last = sections.iter().map(|s| &**s).max_by_key(|s| s.meta.weight);
    let at_end = |last: Option<&Document<SectionMeta>>| match last {
        Some(l) => (
            l.meta.weight + WEIGHT_STEP,
            format!("at the end, after {}", name(l)),
        ),
        None => (WEIGHT_STEP, "the first section".to_string()),
    };
    let Some(after) = last_of_kind else {
        return at_end(last);
    };
    let next = sections
        .iter()
        .filter(|s| s.meta.weight > after.meta.weight)
        .min_by_key(|s| s.meta.weight);
    match next {
        None => at_end(Some(after)),
        Some(next) if next.meta.weight - after.meta.weight >= 2 => (
            after.meta.weight + (next.meta.weight - after.meta.weight) / 2,
            format!("after {}, before {}", name(after), name(next)),
        ),
        Some(_) => {
            let (w, _) = at_end(last);
            (
                w,
                format!(
                    "there is no free weight right after {}, so the section goes at the end; change `weight:` to move it",
                    name(after)
                ),
            )
        }
    }
}

/// Writes `content/timeline/<date>-<slug>.md`, one timeline event.
pub fn new_event(
    root: &Path,
    date: &str,
    title: &str,
    sources: &[String],
    era: Option<&str>,
) -> Result<Created, Box<Diagnostic>> {
    let title = one_line(title)?;
    let date = PartialDate::parse(date).map_err(|e| {
        Diagnostic::error("DATE", format!("invalid date: {e}"))
            .hint("write it as YYYY, YYYY-MM or YYYY-MM-DD, for example 2021-07-26")
    })?;
    let files = content::read(root, true);
    let path =
        Path::new("content")
            .join(TIMELINE_DIR)
            .join(format!("{}-{}.md", date.iso(), slug(title)?));
    let mut notes = Vec::new();

    let known: Vec<&str> = files
        .sections
        .iter()
        .flat_map(|s| s.meta.sources.iter().map(|src| src.id.as_str()))
        .collect();
    // With the sources list unreadable, the ids cannot be checked here; `check` will.
    if !known.is_empty() || files.all_parsed() {
        for id in sources {
            if !known.contains(&id.as_str()) {
                let hint = match did_you_mean(id, known.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => "use the `id` of a source in content/sources.md, or add the source there first".into(),
                };
                return Err(
                    Diagnostic::error("--source", format!("unknown source `{id}`"))
                        .hint(hint)
                        .into(),
                );
            }
        }
    }
    let eras = files
        .sections
        .iter()
        .find(|s| s.is_timeline())
        .map(|t| t.meta.eras.clone())
        .unwrap_or_default();
    let era = match era {
        Some(id) => {
            if !eras.iter().any(|e| e.id == id) {
                let ids = eras.iter().map(|e| e.id.as_str());
                let hint = match did_you_mean(id, ids.clone()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None if eras.is_empty() => {
                        "the timeline has no eras: define them in content/timeline/_index.md".into()
                    }
                    None => format!("the eras are {}", ids.collect::<Vec<_>>().join(", ")),
                };
                return Err(Diagnostic::error("--era", format!("unknown era `{id}`"))
                    .hint(hint)
                    .into());
            }
            Some(id.to_string())
        }
        None => {
            let holding = eras.iter().find(|e| {
                date.earliest() >= e.start.earliest() && date.earliest() <= e.end.latest()
            });
            if let Some(e) = holding {
                notes.push(format!("era `{}` ({}), from its dates", e.id, e.title));
            }
            holding.map(|e| e.id.clone())
        }
    };

    let mut text = front_matter_start(&path);
    text.push_str(&format!(
        "date: {}\ntitle: {}\n",
        date.iso(),
        yaml_string(title)
    ));
    if let Some(era) = &era {
        text.push_str(&format!("era: {era}\n"));
    }
    if sources.is_empty() {
        text.push_str("# Add the id of at least one source from content/sources.md: [id1, id2]\n");
        notes.push(
            "add at least one source id to `sources:` (explainer check will remind you)".into(),
        );
    }
    text.push_str(&format!("sources: [{}]\n---\n", sources.join(", ")));
    let cite = sources.first().map_or("source-id", String::as_str);
    text.push_str(&format!(
        "{PLACEHOLDER} with one to three sentences on what happened, each fact followed by its \
         source, like this: `[@{cite}]`.\n"
    ));
    write_new(root, &path, &text)?;
    Ok(Created { path, notes })
}

/// Starts a new explainer in `dir`: the example content, the schemas, the editors' guide, and
/// optionally the templates and static files to restyle it. `dir` must not exist or be empty. Returns the files written.
pub fn init(dir: &Path, with_templates: bool) -> Result<Vec<PathBuf>, Box<Diagnostic>> {
    let shown = display_path(dir);
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map_err(|e| Diagnostic::error(dir, format!("cannot read this folder: {e}")))?
            .next()
            .is_none();
        if !empty {
            return Err(Diagnostic::error(dir, "this folder is not empty")
                .hint(format!("choose a new folder name; explainer init never overwrites files, and {shown} already has some")).into());
        }
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let folders: &[&str] = if with_templates {
        &["content", "templates", "static"]
    } else {
        &["content"]
    };
    for folder in folders {
        for (rel, bytes) in embedded::files_under(folder) {
            files.push((format!("{folder}/{rel}"), bytes.to_vec()));
        }
    }
    for kind in schema::FileKind::ALL {
        let text = schema::to_text(&schema::schema(kind));
        files.push((
            format!("{}/{}", schema::SCHEMA_DIR, kind.file_name()),
            text.into_bytes(),
        ));
    }
    for (rel, text) in DOCS {
        files.push((rel.into(), text.as_bytes().to_vec()));
    }
    files.push((".gitignore".into(), b"/public\n".to_vec()));
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        write_file(&path, &bytes).map_err(|e| Diagnostic::error(&path, e))?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// `---` and the schema modeline for a new content file at `path` (relative to the root).
fn front_matter_start(path: &Path) -> String {
    let inner = path.strip_prefix("content").unwrap_or(path);
    match schema::modeline(inner) {
        Some(line) => format!("---\n{line}\n"),
        None => "---\n".into(),
    }
}

/// Writes a new file, refusing one that exists.
fn write_new(root: &Path, rel: &Path, text: &str) -> Result<(), Box<Diagnostic>> {
    if !root.join("content").is_dir() {
        return Err(Diagnostic::error(
            "content",
            format!("no content folder in {}", display_path(root)),
        )
        .hint("run explainer from the explainer's folder, or pass --root DIR")
        .into());
    }
    write_file(&root.join(rel), text.as_bytes()).map_err(|e| {
        let d = Diagnostic::error(rel, e);
        if root.join(rel).exists() {
            d.hint("edit that file, or choose a different title so the new file gets its own name")
        } else {
            d
        }
        .into()
    })
}

/// Creates `path` (and its folders) with `bytes`; fails if it already exists.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("cannot create the folder: {e}"))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                "this file already exists; nothing was changed".to_string()
            }
            _ => format!("cannot create this file: {e}"),
        })?;
    file.write_all(bytes)
        .map_err(|e| format!("cannot write this file: {e}"))
}

fn one_line(title: &str) -> Result<&str, Box<Diagnostic>> {
    let title = title.trim();
    if title.is_empty() || title.contains(['\n', '\r']) {
        return Err(
            Diagnostic::error("TITLE", "the title must be one line of text")
                .hint("put the title in quotes: \"Who are the militias?\"")
                .into(),
        );
    }
    Ok(title)
}

/// A file name from a title: the slug of its first words, at most 60 characters.
fn slug(title: &str) -> Result<String, Box<Diagnostic>> {
    // "What's next" becomes `whats-next`, not `what-s-next`.
    let full = crate::markdown::slugify(&title.replace(['\'', '\u{2019}'], ""));
    let mut slug = String::new();
    for word in full.split('-') {
        if !slug.is_empty() && slug.len() + word.len() + 1 > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        return Err(Diagnostic::error(
            "TITLE",
            "the title has no letters or digits to name the file after",
        )
        .hint("give a title with words in it")
        .into());
    }
    Ok(slug)
}

/// A YAML double-quoted string: safe for colons, quotes and `#` in titles.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_short_file_names() {
        assert_eq!(
            slug("Who are the militias?").unwrap(),
            "who-are-the-militias"
        );
        assert_eq!(slug("What’s next").unwrap(), "whats-next");
        let long = "Iraq says foreign combat forces will leave within fifteen days, officials tell reporters in Baghdad";
        let s = slug(long).unwrap();
        assert!(s.len() <= 60 && s.starts_with("iraq-says"), "{s}");
        assert!(slug("?!").is_err());
    }

    #[test]
    fn titles_are_quoted_for_yaml() {
        assert_eq!(
            yaml_string(r#"Iraq: the "deal" \ after"#),
            r#""Iraq: the \"deal\" \\ after""#
        );
    }
}
