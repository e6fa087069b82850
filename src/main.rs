//! The `explainer` binary: parses the command line, runs the command, reports, sets the exit code.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use explainer::cli::{Cli, Command, ServeArgs};
use explainer::diagnostics::Diagnostic;
use explainer::{BuildError, BuildOptions};

fn report(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
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
                        let page = options.output.join("index.html");
                        let page = std::fs::canonicalize(&page).unwrap_or(page);
                        explainer::browser::open(&page.display().to_string());
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
        Command::Serve(args) => serve(args),
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    let _ = ctrlc::set_handler(|| {
        println!("\nStopped.");
        std::process::exit(0);
    });
    let open = args.open;
    let options = explainer::serve::ServeOptions {
        port: args.port.unwrap_or(1111),
        port_explicit: args.port.is_some(),
        root: args.root,
        bind: args.bind,
        base_url: args.base_url,
        drafts: args.drafts,
    };
    let folders = explainer::serve::watched_folders(&options.root).join(", ");
    let result = explainer::serve::serve(options, |running| {
        println!("Serving the explainer at {}", running.url);
        println!("Watching {folders} for changes. Press Ctrl-C to stop.");
        if open {
            explainer::browser::open(&running.url);
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
