//! The command line: the commands and their options, and nothing else.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
