//! `explainer new section` and `explainer new event`: one new Markdown file, never overwriting one.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use explainer::diagnostics::{Diagnostic, display_path, report};
use explainer::{kinds, scaffold};

use super::RootArg;

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Write content/<slug>.md, a new section placed after the last one of its kind
    Section(NewSectionArgs),
    /// Write content/timeline/<date>-<slug>.md, a new timeline event
    Event(NewEventArgs),
    /// Write the translation of a content file for an edition in another language, beside it:
    /// content/what-happened.ar.md for content/what-happened.md
    Translation(NewTranslationArgs),
}

#[derive(Debug, Args)]
pub struct NewTranslationArgs {
    /// The content file to translate, e.g. content/what-happened.md (content/_index.md starts the
    /// edition)
    pub file: std::path::PathBuf,
    /// The edition's language, e.g. ar
    #[arg(long = "lang", value_name = "LANGUAGE")]
    pub lang: String,
    #[command(flatten)]
    pub root: RootArg,
}

#[derive(Debug, Args)]
pub struct NewSectionArgs {
    /// The section's heading, in quotes: "Who are the militias?"
    pub title: String,
    /// Where the section goes (smaller comes first) [default: right after the last section of
    /// the same kind]
    #[arg(long)]
    pub weight: Option<i64>,
    /// How the section is shown: prose, figures, glossary or sources (or a kind with its own
    /// template)
    #[arg(long, default_value = kinds::PROSE)]
    pub kind: String,
    /// Also write its translation for the edition in this language (repeat for more)
    #[arg(long = "lang", value_name = "LANGUAGE")]
    pub langs: Vec<String>,
    #[command(flatten)]
    pub root: RootArg,
}

#[derive(Debug, Args)]
pub struct NewEventArgs {
    /// When it happened, as precisely as you know: YYYY, YYYY-MM or YYYY-MM-DD
    pub date: String,
    /// What happened, in quotes: "Iraq says combat forces will leave"
    pub title: String,
    /// The id of a source in content/sources.md that reports the event (repeat for more)
    #[arg(long = "source", value_name = "ID")]
    pub sources: Vec<String>,
    /// The id of the timeline era the event belongs to [default: the era whose dates hold it]
    #[arg(long)]
    pub era: Option<String>,
    /// Also write its translation for the edition in this language (repeat for more)
    #[arg(long = "lang", value_name = "LANGUAGE")]
    pub langs: Vec<String>,
    #[command(flatten)]
    pub root: RootArg,
}

pub fn execute(command: NewCommand) -> ExitCode {
    let (created, root, langs) = match command {
        NewCommand::Section(args) => (
            scaffold::new_section(&args.root.root, &args.title, args.weight, &args.kind),
            args.root.root,
            args.langs,
        ),
        NewCommand::Event(args) => (
            scaffold::new_event(
                &args.root.root,
                &args.date,
                &args.title,
                &args.sources,
                args.era.as_deref(),
            ),
            args.root.root,
            args.langs,
        ),
        NewCommand::Translation(args) => (
            scaffold::new_translation(&args.root.root, &args.file, &args.lang),
            args.root.root,
            Vec::new(),
        ),
    };
    // The translations of a new file, once the file is there.
    let original = created.as_ref().ok().map(|c| c.path.clone());
    let mut code = said(created);
    if let Some(original) = original {
        for lang in langs {
            if said(scaffold::new_translation(&root, &original, &lang)) != ExitCode::SUCCESS {
                code = ExitCode::FAILURE;
            }
        }
    }
    code
}

/// Says what `new` wrote, or why it wrote nothing.
fn said(result: Result<scaffold::Created, Box<Diagnostic>>) -> ExitCode {
    match result {
        Ok(created) => {
            println!("Created {}", display_path(&created.path));
            for note in &created.notes {
                println!("  {note}");
            }
            println!(
                "Replace its example paragraph (nothing is published while it is there), then run `explainer check`."
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            report([&*problem]);
            ExitCode::FAILURE
        }
    }
}
