//! `explainer serve`: the page from memory, rebuilt and reloaded on every save, until Ctrl-C.

use std::io::Write;
use std::net::IpAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

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
    /// Reload open pages whole on every save, instead of patching them in place
    #[arg(long)]
    pub full_reload: bool,
    /// Do not scroll to and mark the section or event a save changed
    #[arg(long)]
    pub no_follow: bool,
}

pub fn execute(args: ServeArgs) -> ExitCode {
    // Ctrl-C asks the server to stop; `serve` then returns here and the process ends as any command
    // does. The handler itself prints nothing and takes no lock (a rebuild may be printing), and a
    // second Ctrl-C, or a first one before the server is up, ends the process at once.
    let stop: Arc<OnceLock<serve::Stop>> = Arc::default();
    let presses = Arc::new(AtomicUsize::new(0));
    let handler_stop = Arc::clone(&stop);
    let _ = ctrlc::set_handler(move || {
        let first = presses.fetch_add(1, Ordering::SeqCst) == 0;
        match handler_stop.get() {
            Some(stop) if first => {
                stop.stop();
                // Whatever the process is doing, it ends within a second.
                std::thread::spawn(|| {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                    quit_now();
                });
            }
            _ => quit_now(),
        }
    });
    let open = args.open;
    let options = serve::ServeOptions {
        port: args.port.unwrap_or(1111),
        port_explicit: args.port.is_some(),
        bind: args.bind,
        site: args.site.options(args.base_url),
        client: serve::live::Client {
            morph: !args.full_reload,
            follow: !args.no_follow,
        },
    };
    let folders = serve::watched_folders(&options.site.root).join(", ");
    let result = serve::serve(options, |running| {
        let _ = stop.set(running.stop.clone());
        println!("Serving the explainer at {}", running.url);
        println!("Watching {folders} for changes. Press Ctrl-C to stop.");
        if open {
            browser::open(&running.url);
        }
    });
    match result {
        Ok(()) => {
            // Not `println!`, which panics when nothing reads the output any more.
            let _ = writeln!(std::io::stdout(), "\nStopped.");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Ends the process at once, running nothing more: no exit handlers, no flushing, no waiting for a
/// rebuild to finish.
fn quit_now() -> ! {
    #[cfg(target_os = "linux")]
    // SAFETY: `_exit` only ends the process; it touches no memory of this one.
    unsafe {
        libc::_exit(0)
    }
    #[cfg(not(target_os = "linux"))]
    std::process::exit(0)
}
