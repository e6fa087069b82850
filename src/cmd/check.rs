//! `explainer check`: every problem at once, for people or for tools; exits 1 on errors.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use explainer::check;
use explainer::diagnostics::{report, to_json};

use super::{BaseUrlArg, SiteArgs, count};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    #[command(flatten)]
    pub base_url: BaseUrlArg,
    /// How to print problems: `text` for people, `json` for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn execute(args: CheckArgs) -> ExitCode {
    let found = check::check(args.site.options(args.base_url));
    let (errors, warnings) = (found.errors(), found.warnings());
    match args.format {
        Format::Json => println!("{}", to_json(&found.diagnostics)),
        Format::Text if found.diagnostics.is_empty() => println!(
            "No problems found in {}; ready to build",
            count(found.files, "content file")
        ),
        Format::Text => {
            report(&found.diagnostics);
            let summary = match (errors, warnings) {
                (0, w) => format!("warning: check found {}", count(w, "warning")),
                (e, 0) => format!("error: check found {}", count(e, "error")),
                (e, w) => format!(
                    "error: check found {} and {}",
                    count(e, "error"),
                    count(w, "warning")
                ),
            };
            eprintln!("{summary}");
        }
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
