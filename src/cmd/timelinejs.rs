//! `explainer import timelinejs FILE` and `explainer export timelinejs`: a timeline to and from
//! Knight Lab's TimelineJS spreadsheet template.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use explainer::diagnostics::{display_path, report};
use explainer::timelinejs::{self, ImportOptions, Sheet};

use super::{RootArg, count};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A TimelineJS sheet (CSV, or .xlsx): one event file per row, the eras into the timeline's
    /// section, the title row printed as a proposal. Never overwrites a file unless --update
    Timelinejs(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The sheet: a CSV file (Google Sheets: File › Download › Comma-separated values, or its
    /// "Publish to the web" CSV) or an Excel workbook (.xlsx)
    pub file: PathBuf,
    /// Rewrite the event files of rows that were imported before (matched by their Id, or their
    /// date and headline) with what the sheet says now
    #[arg(long)]
    pub update: bool,
    /// Download each picture, video or sound the sheet links to, once, into static/media/, and
    /// use the file instead of the link (the page then asks nothing of another site)
    #[arg(long)]
    pub download_media: bool,
    #[command(flatten)]
    pub root: RootArg,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The timeline as a TimelineJS sheet (CSV), with explainer's Source and Id columns
    Timelinejs(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where to write the CSV (`-` for standard output)
    #[arg(long, short, default_value = "timeline.csv")]
    pub output: PathBuf,
    #[command(flatten)]
    pub root: RootArg,
}

pub fn import(command: ImportCommand) -> ExitCode {
    let ImportCommand::Timelinejs(args) = command;
    if let Err(problem) = explainer::scaffold::require_explainer(&args.root.root) {
        report([&*problem]);
        return ExitCode::FAILURE;
    }
    let sheet = match Sheet::read(&args.file) {
        Ok(sheet) => sheet,
        Err(problem) => {
            report([&*problem]);
            return ExitCode::FAILURE;
        }
    };
    let options = ImportOptions {
        update: args.update,
        download_media: args.download_media,
    };
    let imported = timelinejs::import(&args.root.root, &sheet, &options);
    report(&imported.diagnostics);
    for path in &imported.written {
        println!("Wrote {}", display_path(path));
    }
    if !imported.eras.is_empty() {
        println!(
            "Added {} to content/timeline/_index.md: {}",
            count(imported.eras.len(), "era"),
            imported.eras.join(", ")
        );
    }
    if !imported.unchanged.is_empty() {
        println!(
            "{} already say what the sheet says",
            count(imported.unchanged.len(), "event file")
        );
    }
    for path in &imported.kept {
        println!(
            "Kept {}: it exists and differs from the sheet (--update rewrites it)",
            display_path(path)
        );
    }
    if let Some((headline, standfirst)) = &imported.title {
        println!("\nThe sheet's title row, for content/_index.md if you want it (not written):");
        println!("  title: {headline}");
        if !standfirst.is_empty() {
            println!("  standfirst: {standfirst}");
        }
    }
    let errors = imported.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!(
            "\nerror: {} skipped; the other rows were imported. Correct the sheet and import it again (with --update for rows imported before)",
            count(errors, "problem row")
        );
        return ExitCode::FAILURE;
    }
    println!("\nNext: explainer check, then explainer serve to see the timeline");
    ExitCode::SUCCESS
}

pub fn export(command: ExportCommand) -> ExitCode {
    let ExportCommand::Timelinejs(args) = command;
    let exported = match timelinejs::export(&args.root.root) {
        Ok(exported) => exported,
        Err(problems) => {
            report(&problems);
            eprintln!("error: the content has errors, so the timeline was not exported");
            return ExitCode::FAILURE;
        }
    };
    if args.output.as_os_str() == "-" {
        print!("{}", exported.csv);
        return ExitCode::SUCCESS;
    }
    if let Err(e) = std::fs::write(&args.output, &exported.csv) {
        eprintln!("error: cannot write {}: {e}", display_path(&args.output));
        return ExitCode::FAILURE;
    }
    println!(
        "Wrote {}: {} and {}, in TimelineJS's sheet layout",
        display_path(&args.output),
        count(exported.events, "event"),
        count(exported.eras, "era")
    );
    if exported.drafts > 0 {
        println!("  {} left out", count(exported.drafts, "draft event"));
    }
    ExitCode::SUCCESS
}
