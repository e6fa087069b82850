//! `explainer init DIR`: a new explainer, ready to edit, from the one built into the binary.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use explainer::diagnostics::{display_path, report};
use explainer::scaffold;
use explainer::scaffold::workflow::VERSION;

use super::count;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create; it must not exist yet, or be empty
    pub dir: PathBuf,
    /// Also copy the built-in templates/ and static/, to restyle the page
    #[arg(long)]
    pub templates: bool,
    /// Also write the example's edition in this language (ar: the Arabic edition), to start a
    /// bilingual explainer
    #[arg(long = "lang", value_name = "LANGUAGE")]
    pub langs: Vec<String>,
}

pub fn execute(args: InitArgs) -> ExitCode {
    match scaffold::init(&args.dir, args.templates, &args.langs) {
        Ok(files) => {
            let dir = display_path(&args.dir);
            println!(
                "Created a new explainer in {dir} ({})",
                count(files.len(), "file")
            );
            println!("It holds an example explainer to edit; {dir}/docs/editing.md explains how.");
            println!(
                "Next: cd {dir}, then `explainer serve --open` to see it, and `explainer check` before publishing."
            );
            println!(
                "To publish it on GitHub Pages with explainer {VERSION}, follow {dir}/docs/publishing.md."
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            report([&*problem]);
            ExitCode::FAILURE
        }
    }
}
