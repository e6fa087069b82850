//! `explainer translate --mark-done FILE...`: records that translations follow their originals as
//! they are now.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use explainer::diagnostics::{display_path, report};
use explainer::scaffold;

use super::RootArg;

#[derive(Debug, Args)]
pub struct TranslateArgs {
    /// Record in each translation what its original says now, so that `check` warns when the
    /// original changes
    #[arg(long, required = true)]
    pub mark_done: bool,
    /// The translation files, e.g. content/what-happened.ar.md
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub root: RootArg,
}

pub fn execute(args: TranslateArgs) -> ExitCode {
    let mut code = ExitCode::SUCCESS;
    for file in &args.files {
        match scaffold::mark_done(&args.root.root, file) {
            Ok(done) => {
                println!("Marked {} as translated", display_path(&done.path));
                for note in &done.notes {
                    println!("  {note}");
                }
            }
            Err(problem) => {
                report([&*problem]);
                code = ExitCode::FAILURE;
            }
        }
    }
    code
}
