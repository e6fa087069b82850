//! `explainer init`: a new explainer in a new folder, from the one built into the binary.

use std::fs;
use std::path::{Path, PathBuf};

use super::{workflow, write_file};
use crate::diagnostics::{Diagnostic, display_path};
use crate::{embedded, schema};

/// The editors' guide, the content model and the publishing guide, written by `init` so the new
/// explainer documents itself.
const DOCS: [(&str, &str); 3] = [
    ("docs/editing.md", include_str!("../../docs/editing.md")),
    (
        "docs/content-model.md",
        include_str!("../../docs/content-model.md"),
    ),
    (
        "docs/publishing.md",
        include_str!("../../docs/publishing.md"),
    ),
];

/// Starts a new explainer in `dir`: the example content (in the original language, and in each of
/// `languages` it has an edition in), the schemas, the guides, a README, the GitHub Pages workflow
/// pinned to this version and a `.gitignore` for the built page, and optionally the templates and
/// static files to restyle it. `dir` must not exist or be empty. Returns the files written.
pub fn init(
    dir: &Path,
    with_templates: bool,
    languages: &[String],
) -> Result<Vec<PathBuf>, Box<Diagnostic>> {
    // The example's editions: only those asked for are written.
    let editions = crate::content::translation::languages(
        embedded::files_under("content").map(|(rel, _)| rel),
    );
    if let Some(unknown) = languages.iter().find(|l| !editions.contains(*l)) {
        let have: Vec<&str> = editions.iter().map(String::as_str).collect();
        return Err(Diagnostic::error(
            "--lang",
            format!("the example explainer has no `{unknown}` edition"),
        )
        .hint(format!(
            "it has {}; write another edition's files with explainer new translation",
            have.join(", ")
        ))
        .into());
    }
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
        &["content", "templates", "static", "locales"]
    } else {
        &["content"]
    };
    for folder in folders {
        for (rel, bytes) in embedded::files_under(folder) {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            let translation = crate::content::translation::translated_name(name, &editions);
            if translation.is_some_and(|(language, _)| !languages.contains(&language)) {
                continue;
            }
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
    files.push(("README.md".into(), workflow::readme().into_bytes()));
    files.push((
        workflow::WORKFLOW_PATH.into(),
        workflow::pages_workflow().into_bytes(),
    ));
    files.push((
        ".gitignore".into(),
        b"/public\n/.explainer-cache\n/.explainer-spare-*\n".to_vec(),
    ));
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        write_file(&path, &bytes).map_err(|e| Diagnostic::error(&path, e))?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}
