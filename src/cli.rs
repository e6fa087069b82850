//! The command line: the commands and their options, and nothing else.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    Build(BuildArgs),
    /// Preview the page: serve it from memory and reload it in the browser on every save
    Serve(ServeArgs),
    /// Check everything before publishing: what build checks, plus links, anchors, alt text, key
    /// points, headline length and web addresses. Writes nothing
    Check(CheckArgs),
    /// Add a section or a timeline event: writes one new Markdown file, never overwriting one
    #[command(subcommand)]
    New(NewCommand),
    /// Start a new explainer in DIR from the example built into explainer
    Init(InitArgs),
    /// Print the JSON Schema of the front matter, for editors' YAML tooling
    Schema(SchemaArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The explainer's folder, holding content/ (and optionally templates/ and static/)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the page [default: ROOT/public]
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// The address the page will be published at, e.g. https://ORG.github.io/REPO/ [default: the
    /// page's base_url, else relative links that also work opened from disk]
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include sections and events marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Open the built page in the default web browser
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The explainer's folder, holding content/ (and optionally templates/ and static/)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; 0 picks any free port [default: 1111, or the next free one]
    #[arg(long)]
    pub port: Option<u16>,
    /// The address to listen on; the default only answers this computer
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Serve under the path of this address, exactly as it will be published, e.g.
    /// https://ORG.github.io/REPO/ is served at http://127.0.0.1:1111/REPO/
    #[arg(long)]
    pub base_url: Option<String>,
    /// Open the page in the default web browser
    #[arg(long)]
    pub open: bool,
    /// Include sections and events marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The explainer's folder, holding content/
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Also check sections and events marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// How to print problems: `text` for people, `json` for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

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
    /// How the section is shown: prose, figures or glossary (or a kind with its own template)
    #[arg(long, default_value = "prose")]
    pub kind: String,
    /// The explainer's folder, holding content/
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
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
    /// The explainer's folder, holding content/
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create; it must not exist yet, or be empty
    pub dir: PathBuf,
    /// Also copy the built-in templates/ and static/, to restyle the page
    #[arg(long)]
    pub templates: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which front matter: page (content/_index.md), section or event [default: one schema that
    /// accepts all three]
    #[arg(value_enum)]
    pub kind: Option<SchemaKind>,
    /// Write page.json, section.json and event.json into this folder instead of printing
    #[arg(long, value_name = "DIR", conflicts_with = "kind")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Page,
    Section,
    Event,
}
