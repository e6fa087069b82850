//! `explainer build`: the page into the output folder, replaced whole or left as it was.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use explainer::diagnostics::report;
use explainer::{BuildError, browser};

use super::{BaseUrlArg, SiteArgs, count};

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the page [default: ROOT/public]
    #[arg(long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub base_url: BaseUrlArg,
    /// Open the built page in the default web browser
    #[arg(long)]
    pub open: bool,
}

pub fn execute(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let output = args
        .output
        .unwrap_or_else(|| args.site.root.root.join("public"));
    let options = args.site.options(args.base_url);
    match explainer::build(options, &output) {
        Ok(built) => {
            report(&built.warnings);
            println!(
                "Built {} files ({} KB) into {} in {} ms{}",
                built.output.len(),
                built.output.total_bytes().div_ceil(1024),
                output.display(),
                started.elapsed().as_millis(),
                pictures_made(built.images)
            );
            if args.open {
                let page = output.join("index.html");
                let page = std::fs::canonicalize(&page).unwrap_or(page);
                browser::open(&page.display().to_string());
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(problems)) => {
            report(&problems);
            let errors = problems.iter().filter(|d| d.is_error()).count();
            // Say only what is true: there may be no earlier output to keep.
            let kept = if output.exists() {
                format!("{} was left as it was", output.display())
            } else {
                "nothing was written".to_string()
            };
            eprintln!(
                "error: build failed with {}; {kept}",
                count(errors, "error")
            );
            ExitCode::FAILURE
        }
        Err(BuildError::Write(err)) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// What the build did with photos, when the page has any: "; 2 pictures made, 3 from the cache".
fn pictures_made(images: explainer::media::Report) -> String {
    if images.made + images.reused == 0 {
        return String::new();
    }
    let plural = |n: usize| if n == 1 { "picture" } else { "pictures" };
    format!(
        "; {} {} made, {} from the cache",
        images.made,
        plural(images.made),
        images.reused
    )
}
