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
    #[command(flatten)]
    pub root: RootArg,
}

pub fn execute(command: NewCommand) -> ExitCode {
    let created = match command {
        NewCommand::Section(args) => {
            scaffold::new_section(&args.root.root, &args.title, args.weight, &args.kind)
        }
        NewCommand::Event(args) => scaffold::new_event(
            &args.root.root,
            &args.date,
            &args.title,
            &args.sources,
            args.era.as_deref(),
        ),
    };
    said(created)
}

/// Says what `new` wrote, or why it wrote nothing.
fn said(result: Result<scaffold::Created, Box<Diagnostic>>) -> ExitCode {
    match result {
        Ok(created) => {
            println!("Created {}", display_path(&created.path));
            for note in &created.notes {
                println!("  {note}");
            }
            println!("Edit it, then run `explainer check` to see it is ready.");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            report([&*problem]);
            ExitCode::FAILURE
        }
    }
}
