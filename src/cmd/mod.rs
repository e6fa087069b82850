//! The command line: one module per command, each with its arguments and an `execute` that runs it
//! and says what happened. The options several commands share are declared once here and
//! flattened into each.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod schema;
pub mod serve;
pub mod timelinejs;
pub mod translate;
pub mod upgrade_workflow;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use explainer::SiteOptions;

#[derive(Debug, Parser)]
#[command(
    name = "explainer",
    version,
    about = "Build a single-page news explainer with a timeline from Markdown"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the page into the output folder (replaced whole, or left as it was on error)
    Build(build::BuildArgs),
    /// Preview the page: serve it from memory and reload it in the browser on every save
    Serve(serve::ServeArgs),
    /// Check everything before publishing: what build checks, plus links, anchors, alt text, key
    /// points, headline length and web addresses. Writes nothing
    Check(check::CheckArgs),
    /// Add a section or a timeline event: writes one new Markdown file, never overwriting one
    #[command(subcommand)]
    New(new::NewCommand),
    /// Start a new explainer in DIR from the example built into explainer
    Init(init::InitArgs),
    /// Import a timeline from a spreadsheet: `explainer import timelinejs FILE`
    #[command(subcommand)]
    Import(timelinejs::ImportCommand),
    /// Export the timeline as a spreadsheet: `explainer export timelinejs`
    #[command(subcommand)]
    Export(timelinejs::ExportCommand),
    /// Print the JSON Schema of the front matter, for editors' YAML tooling
    Schema(schema::SchemaArgs),
    /// Record that translations are up to date with their originals (`--mark-done FILE...`)
    Translate(translate::TranslateArgs),
    /// Rewrite the explainer's GitHub Pages workflow to publish with this version of explainer,
    /// showing the change
    UpgradeWorkflow(upgrade_workflow::UpgradeWorkflowArgs),
}

/// Where the explainer is.
#[derive(Debug, Args)]
pub struct RootArg {
    /// The explainer's folder, holding content/ (and optionally templates/ and static/)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// Which explainer, with or without its drafts: what every command that builds reads.
#[derive(Debug, Args)]
pub struct SiteArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Include sections and events marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}

/// The address the page is published at.
#[derive(Debug, Args)]
pub struct BaseUrlArg {
    /// The address the page will be published at, e.g. https://ORG.github.io/REPO/: links, the
    /// feed and the social cards are made for it, and `serve` serves the page under its path
    /// (http://127.0.0.1:1111/REPO/) [default: the page's base_url, else relative links that also
    /// work opened from disk]
    #[arg(long)]
    pub base_url: Option<String>,
}

impl SiteArgs {
    pub fn options(self, base_url: BaseUrlArg) -> SiteOptions {
        SiteOptions {
            root: self.root.root,
            base_url: base_url.base_url,
            drafts: self.drafts,
        }
    }
}

/// "1 error", "2 warnings".
pub fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
