//! `explainer serve`: the page from memory, rebuilt and reloaded on every save, until Ctrl-C.

use std::net::IpAddr;
use std::process::ExitCode;

use clap::Args;
use explainer::{browser, serve};

use super::{BaseUrlArg, SiteArgs};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on; 0 picks any free port [default: 1111, or the next free one]
    #[arg(long)]
    pub port: Option<u16>,
    /// The address to listen on; the default only answers this computer
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    #[command(flatten)]
    pub base_url: BaseUrlArg,
    /// Open the page in the default web browser
    #[arg(long)]
    pub open: bool,
}

pub fn execute(args: ServeArgs) -> ExitCode {
    let _ = ctrlc::set_handler(|| {
        println!("\nStopped.");
        std::process::exit(0);
    });
    let open = args.open;
    let options = serve::ServeOptions {
        port: args.port.unwrap_or(1111),
        port_explicit: args.port.is_some(),
        bind: args.bind,
        site: args.site.options(args.base_url),
    };
    let folders = serve::watched_folders(&options.site.root).join(", ");
    let result = serve::serve(options, |running| {
        println!("Serving the explainer at {}", running.url);
        println!("Watching {folders} for changes. Press Ctrl-C to stop.");
        if open {
            browser::open(&running.url);
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
