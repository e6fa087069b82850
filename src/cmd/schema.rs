//! `explainer schema`: the JSON Schema of the front matter, printed or written as files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use explainer::diagnostics::display_path;
use explainer::schema::{self, FileKind};

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which front matter: page (content/_index.md), section or event, or the translation of
    /// one [default: one schema that accepts them all]
    #[arg(value_enum)]
    pub kind: Option<SchemaKind>,
    /// Write one file per kind (page.json, section.json, event.json and their translations'
    /// page-translation.json…) into this folder instead of printing
    #[arg(long, value_name = "DIR", conflicts_with = "kind")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Page,
    Section,
    Event,
    /// The translation of a page file (`content/_index.ar.md`)
    PageTranslation,
    /// The translation of a section file
    SectionTranslation,
    /// The translation of an event file
    EventTranslation,
}

pub fn execute(args: SchemaArgs) -> ExitCode {
    if let Some(dir) = args.out {
        return write(&dir);
    }
    let value = match args.kind {
        None => schema::combined(),
        Some(SchemaKind::Page) => schema::schema(FileKind::Page),
        Some(SchemaKind::Section) => schema::schema(FileKind::Section),
        Some(SchemaKind::Event) => schema::schema(FileKind::Event),
        Some(SchemaKind::PageTranslation) => schema::schema(FileKind::PageTranslation),
        Some(SchemaKind::SectionTranslation) => schema::schema(FileKind::SectionTranslation),
        Some(SchemaKind::EventTranslation) => schema::schema(FileKind::EventTranslation),
    };
    print!("{}", schema::to_text(&value));
    ExitCode::SUCCESS
}

/// Writes one file per kind of front matter into `dir`.
fn write(dir: &std::path::Path) -> ExitCode {
    for kind in FileKind::ALL {
        let path = dir.join(kind.file_name());
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&path, schema::to_text(&schema::schema(kind))));
        if let Err(err) = written {
            eprintln!("error: cannot write {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
        println!("Wrote {}", display_path(&path));
    }
    ExitCode::SUCCESS
}
