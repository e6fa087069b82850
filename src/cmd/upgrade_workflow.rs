//! `explainer upgrade-workflow`: the explainer's Pages workflow, rewritten for this version.

use std::process::ExitCode;

use clap::Args;
use explainer::diagnostics::report;
use explainer::scaffold::workflow::{self, VERSION};

use super::RootArg;

#[derive(Debug, Args)]
pub struct UpgradeWorkflowArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Show the change without writing it
    #[arg(long)]
    pub dry_run: bool,
}

pub fn execute(args: UpgradeWorkflowArgs) -> ExitCode {
    let upgrade = match workflow::upgrade_workflow(&args.root.root, !args.dry_run) {
        Ok(upgrade) => upgrade,
        Err(problem) => {
            report([&*problem]);
            return ExitCode::FAILURE;
        }
    };
    let path = upgrade.path.display();
    if upgrade.diff.is_empty() {
        println!("{path} already publishes with explainer {VERSION}; nothing to change");
        return ExitCode::SUCCESS;
    }
    print!("{}", upgrade.diff);
    let what = match &upgrade.from {
        Some(version) if version != VERSION => {
            format!("to publish with explainer {VERSION} instead of {version}")
        }
        _ => format!("as explainer {VERSION} writes it"),
    };
    if args.dry_run {
        println!("This would rewrite {path} {what}; nothing was written.");
    } else {
        println!(
            "Rewrote {path} {what}. Commit and push it to publish with this version (lines marked - above were the old file's)."
        );
    }
    ExitCode::SUCCESS
}
