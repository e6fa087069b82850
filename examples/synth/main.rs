//! Writes a synthetic explainer for benchmarks: N prose sections of about 1.5 KB of Markdown each, M
//! timeline events, a sources list they cite, and the built-in templates and static files.
//!
//! `cargo run --release --example synth -- --sections N --events M --out DIR`
//!
//! This file is only the command line; the content is made in `generate.rs`, which the benchmarks
//! share.

mod generate;

use std::path::PathBuf;
use std::process::ExitCode;

struct Args {
    sections: usize,
    events: usize,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut sections, mut events, mut out) = (10, 20, None);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--sections" => {
                sections = value
                    .parse()
                    .map_err(|_| format!("--sections {value}: not a number"))?
            }
            "--events" => {
                events = value
                    .parse()
                    .map_err(|_| format!("--events {value}: not a number"))?
            }
            "--out" => out = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    Ok(Args {
        sections,
        events,
        out,
    })
}

fn main() -> ExitCode {
    match parse_args()
        .and_then(|args| generate::generate(&args.out, args.sections, args.events).map(|()| args))
    {
        Ok(args) => {
            println!(
                "Wrote {} sections and {} events to {}",
                args.sections,
                args.events,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("synth: {message}");
            eprintln!("usage: synth --sections N --events M --out DIR");
            ExitCode::FAILURE
        }
    }
}
