//! The `explainer` binary: parses the command line, runs the command, reports, sets the exit code.

use std::io::Write;
use std::path::Path;
use std::process::{self, ExitCode};
use std::time::Instant;

use clap::Parser;
use explainer::cli::{Cli, Command};
use explainer::diagnostics::Diagnostic;
use explainer::{BuildError, BuildOptions};

fn report(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
}

/// Opens a built file with the desktop's default handler, or says where it is when there is none
/// (a server, a container, CI).
fn open_in_browser(path: &Path) {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let opener = if cfg!(target_os = "macos") {
        process::Command::new("open").arg(&path).status()
    } else if cfg!(windows) {
        process::Command::new("cmd")
            .args(["/C", "start", ""])
            .arg(&path)
            .status()
    } else {
        process::Command::new("xdg-open")
            .arg(&path)
            .stderr(process::Stdio::null())
            .status()
    };
    if !opener.is_ok_and(|status| status.success()) {
        println!(
            "Open file://{} in a web browser to see the page",
            path.display()
        );
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let started = Instant::now();
            let output = args.output.unwrap_or_else(|| args.root.join("public"));
            let options = BuildOptions {
                root: args.root,
                output,
                base_url: args.base_url,
                drafts: args.drafts,
            };
            match explainer::build(&options) {
                Ok(built) => {
                    report(&built.warnings);
                    println!(
                        "Built {} files ({} KB) into {} in {} ms",
                        built.output.len(),
                        built.output.total_bytes().div_ceil(1024),
                        options.output.display(),
                        started.elapsed().as_millis()
                    );
                    if args.open {
                        open_in_browser(&options.output.join("index.html"));
                    }
                    ExitCode::SUCCESS
                }
                Err(BuildError::Content(problems)) => {
                    report(&problems);
                    let errors = problems.iter().filter(|d| d.is_error()).count();
                    eprintln!(
                        "error: build failed with {errors} error{}; {} was left as it was",
                        if errors == 1 { "" } else { "s" },
                        options.output.display()
                    );
                    ExitCode::FAILURE
                }
                Err(BuildError::Write(err)) => {
                    eprintln!("error: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
