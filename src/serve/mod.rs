//! `explainer serve`: build into memory, serve over HTTP, rebuild on every save, reload open pages.
//!
//! One thread accepts requests and hands each to its own thread; one thread watches the sources and
//! rebuilds. The built site lives behind an `RwLock<Arc<Snapshot>>`: a rebuild prepares a whole new
//! snapshot and swaps it in, and only then tells open pages to reload, so no page ever sees a
//! half-finished build. A failed build keeps the last good snapshot and adds the error to it.
//! Nothing is written to disk.

mod answer;
pub mod http;
mod listen;
pub mod live;
mod notify;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::{Duration, Instant};

pub use listen::ServeError;

use crate::diagnostics::{Diagnostic, report};
use crate::output::Output;
use crate::pipeline::{Pipeline, SiteOptions};
use crate::url::{BaseUrl, SiteUrls};
use answer::{MAX_BUSY, handle, too_busy};
use live::{Event, Hub};

/// What `explainer serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The explainer, and the base URL it is served under.
    pub site: SiteOptions,
    pub bind: IpAddr,
    /// The port asked for; 0 lets the system choose.
    pub port: u16,
    /// Whether the port was chosen by the user: then a busy port is an error, not a reason to move on.
    pub port_explicit: bool,
    /// How open pages follow a save.
    pub client: live::Client,
}

/// How long the sources must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(15);

/// The built site as pages see it at one moment.
#[derive(Default)]
struct Snapshot {
    /// The last good build, if there has been one.
    output: Option<Arc<Output>>,
    /// Counts good builds; pages carry the number they were served from.
    build: u64,
    /// The current build error, rendered, if the last build failed.
    error: Option<String>,
}

struct Shared {
    options: ServeOptions,
    /// The loaded inputs, re-read file by file as they change. Only the rebuild thread uses it.
    pipeline: Mutex<Pipeline>,
    /// `/` or the base URL's path, like `/iraq-explainer/`.
    mount: String,
    snapshot: RwLock<Arc<Snapshot>>,
    hub: Hub,
    /// The port the server listens on: a request must name it in its `Host`.
    port: u16,
    /// Requests being answered now, each on its own thread (open pages' event streams included).
    busy: AtomicUsize,
    /// Open pages' event streams now.
    streams: AtomicUsize,
}

impl Shared {
    fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .map_or_else(|e| Arc::clone(&e.into_inner()), |s| Arc::clone(&s))
    }

    fn replace(&self, next: Snapshot) {
        let next = Arc::new(next);
        match self.snapshot.write() {
            Ok(mut guard) => *guard = next,
            Err(poisoned) => *poisoned.into_inner() = next,
        }
    }

    /// Reads again what `changed` touched (everything when `changed` is empty), builds into memory
    /// and swaps the result in. Returns the warnings, or the diagnostics of a failed build.
    fn rebuild(&self, changed: &[PathBuf]) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let built = {
            let mut pipeline = match self.pipeline.lock() {
                Ok(pipeline) => pipeline,
                Err(poisoned) => poisoned.into_inner(),
            };
            if !changed.is_empty() {
                pipeline.update(changed);
            }
            pipeline.build()
        };
        match built {
            Ok(built) => {
                let build = self.current().build + 1;
                self.replace(Snapshot {
                    output: Some(Arc::new(built.output)),
                    build,
                    error: None,
                });
                Ok(built.warnings)
            }
            Err(problems) => {
                let text: String = problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n");
                let current = self.current();
                self.replace(Snapshot {
                    output: current.output.clone(),
                    build: current.build,
                    error: Some(text),
                });
                Err(problems)
            }
        }
    }
}

/// A running server: its address, the URL to open, and how to stop it.
pub struct Running {
    pub address: SocketAddr,
    pub url: String,
    pub stop: Stop,
}

/// Stops a running server: [`serve`] stops taking requests and returns, on the thread that called
/// it, so that the process ends the ordinary way. Cheap to clone; any thread may call it.
#[derive(Clone)]
pub struct Stop {
    server: Arc<tiny_http::Server>,
    asked: Arc<AtomicBool>,
}

impl Stop {
    pub fn stop(&self) {
        self.asked.store(true, Ordering::SeqCst);
        self.server.unblock();
    }
}

/// Builds, starts listening and watching, and serves: `on_ready` runs with the URL before requests are
/// served; the function returns once [`Stop::stop`] is called.
pub fn serve(options: ServeOptions, on_ready: impl FnOnce(&Running)) -> Result<(), ServeError> {
    // A bad base URL is reported by the first build; the page is then served at `/`.
    let base = options
        .site
        .base_url
        .as_deref()
        .and_then(|u| BaseUrl::parse(u).ok());
    let mount = match SiteUrls::new(base.as_ref()).root {
        root if root.is_empty() => "/".to_string(),
        root => root,
    };
    let server = listen::bind(options.bind, options.port, options.port_explicit)?;
    let address = server.server_addr().to_ip().ok_or(ServeError::NotIp)?;
    let host = match address.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let url = format!("http://{host}:{}{mount}", address.port());

    let pipeline = Pipeline::open(options.site.clone());
    let shared = Arc::new(Shared {
        pipeline: Mutex::new(pipeline),
        options,
        mount,
        snapshot: RwLock::new(Arc::new(Snapshot::default())),
        hub: Hub::default(),
        port: address.port(),
        busy: AtomicUsize::new(0),
        streams: AtomicUsize::new(0),
    });
    let started = Instant::now();
    match shared.rebuild(&[]) {
        Ok(warnings) => {
            report(&warnings);
            println!("Built the page in {} ms", started.elapsed().as_millis());
        }
        Err(problems) => {
            report(&problems);
            println!("The page does not build yet; fix the problems above and save.");
        }
    }

    let root = &shared.options.site.root;
    let mut watcher = watch::Watcher::new(root).map_err(|source| ServeError::Watch {
        root: root.clone(),
        source,
    })?;
    let rebuilder = Arc::clone(&shared);
    thread::spawn(move || {
        while let Some(changed) = watcher.next_batch(QUIET) {
            rebuild_after(&rebuilder, &changed);
        }
    });

    let stop = Stop {
        server: Arc::new(server),
        asked: Arc::default(),
    };
    on_ready(&Running {
        address,
        url,
        stop: stop.clone(),
    });
    loop {
        match stop.server.recv() {
            Ok(request) => {
                if shared.busy.fetch_add(1, Ordering::SeqCst) >= MAX_BUSY {
                    shared.busy.fetch_sub(1, Ordering::SeqCst);
                    too_busy(request);
                    continue;
                }
                let shared = Arc::clone(&shared);
                thread::spawn(move || {
                    handle(request, &shared);
                    shared.busy.fetch_sub(1, Ordering::SeqCst);
                });
            }
            Err(_) if stop.asked.load(Ordering::SeqCst) => return Ok(()),
            // A connection that failed before it became a request (reset, or out of file handles
            // for a moment): the server goes on.
            Err(err) => eprintln!("warning: a connection failed: {err}"),
        }
    }
}

/// Rebuilds after `changed` and tells open pages what to do.
fn rebuild_after(shared: &Shared, changed: &[PathBuf]) {
    let started = Instant::now();
    let was_broken = shared.current().error.is_some();
    let before = shared.current().output.clone();
    let what = notify::describe(&shared.options.site.root, changed);
    match shared.rebuild(changed) {
        Ok(warnings) => {
            report(&warnings);
            let now = shared.current();
            let Some(after) = now.output.as_deref() else {
                return;
            };
            let event = notify::event_after(
                changed,
                was_broken,
                before.as_deref(),
                after,
                now.build,
                &shared.mount,
            );
            let css_only = event == Event::Css;
            shared.hub.broadcast(&event);
            println!(
                "Rebuilt in {} ms after {what}; {} open page{} {}",
                started.elapsed().as_millis(),
                shared.hub.clients(),
                if shared.hub.clients() == 1 { "" } else { "s" },
                if css_only { "restyled" } else { "reloaded" }
            );
        }
        Err(problems) => {
            report(&problems);
            if let Some(text) = shared.current().error.clone() {
                shared.hub.broadcast(&Event::BuildError(text));
            }
            println!(
                "Build failed after {what}; still serving the last good page, with the error shown over it"
            );
        }
    }
}

/// The sources a root has, for the start-up message.
pub fn watched_folders(root: &Path) -> Vec<String> {
    watch::SOURCES
        .iter()
        .filter(|d| root.join(d).is_dir())
        .map(|d| format!("{d}/"))
        .collect()
}
