//! The `explainer` binary: parses the command line, runs the command, reports, sets the exit code.

#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use explainer::cli::{Cli, Command, Format, NewCommand, SchemaKind, ServeArgs};
use explainer::diagnostics::{self, Diagnostic, display_path};
use explainer::schema::{self, FileKind};
use explainer::{BuildError, BuildOptions, check, scaffold};

fn report(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
}

/// "1 error", "2 warnings".
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Says what `new` wrote, or why it wrote nothing.
fn created(result: Result<scaffold::Created, Box<Diagnostic>>) -> ExitCode {
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
            report(&[*problem]);
            ExitCode::FAILURE
        }
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
        Command::Check(args) => {
            let found = check::check(&args.root, args.drafts);
            let (errors, warnings) = (found.errors(), found.warnings());
            match args.format {
                Format::Json => println!("{}", diagnostics::to_json(&found.diagnostics)),
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
        Command::New(NewCommand::Section(args)) => created(scaffold::new_section(
            &args.root,
            &args.title,
            args.weight,
            &args.kind,
        )),
        Command::New(NewCommand::Event(args)) => created(scaffold::new_event(
            &args.root,
            &args.date,
            &args.title,
            &args.sources,
            args.era.as_deref(),
        )),
        Command::Init(args) => match scaffold::init(&args.dir, args.templates) {
            Ok(files) => {
                let dir = display_path(&args.dir);
                println!(
                    "Created a new explainer in {dir} ({})",
                    count(files.len(), "file")
                );
                println!(
                    "It holds an example explainer to edit; {dir}/docs/editing.md explains how."
                );
                println!(
                    "Next: cd {dir}, then `explainer serve --open` to see it, and `explainer check` before publishing."
                );
                ExitCode::SUCCESS
            }
            Err(problem) => {
                report(&[*problem]);
                ExitCode::FAILURE
            }
        },
        Command::Schema(args) => {
            if let Some(dir) = args.out {
                for kind in FileKind::ALL {
                    let path = dir.join(kind.file_name());
                    let written = std::fs::create_dir_all(&dir).and_then(|()| {
                        std::fs::write(&path, schema::to_text(&schema::schema(kind)))
                    });
                    if let Err(err) = written {
                        eprintln!("error: cannot write {}: {err}", path.display());
                        return ExitCode::FAILURE;
                    }
                    println!("Wrote {}", display_path(&path));
                }
                return ExitCode::SUCCESS;
            }
            let value = match args.kind {
                None => schema::combined(),
                Some(SchemaKind::Page) => schema::schema(FileKind::Page),
                Some(SchemaKind::Section) => schema::schema(FileKind::Section),
                Some(SchemaKind::Event) => schema::schema(FileKind::Event),
            };
            print!("{}", schema::to_text(&value));
            ExitCode::SUCCESS
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
