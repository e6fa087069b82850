//! The `explainer` binary: parses the command line and hands it to the command's module, whose exit
//! code it returns.

#![deny(clippy::unwrap_used, clippy::expect_used)]

mod cmd;

use std::process::ExitCode;

/// The static Linux release links musl, whose allocator is slow under rayon's threads (Cargo.toml).
#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use cmd::{Cli, Command};

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => cmd::build::execute(args),
        Command::Serve(args) => cmd::serve::execute(args),
        Command::Check(args) => cmd::check::execute(args),
        Command::New(command) => cmd::new::execute(command),
        Command::Init(args) => cmd::init::execute(args),
        Command::Schema(args) => cmd::schema::execute(args),
        Command::Import(command) => cmd::timelinejs::import(command),
        Command::Export(command) => cmd::timelinejs::export(command),
        Command::Translate(args) => cmd::translate::execute(args),
        Command::UpgradeWorkflow(args) => cmd::upgrade_workflow::execute(args),
    }
}
