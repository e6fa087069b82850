//! `explainer serve`: build into memory, serve over HTTP, rebuild on every save, reload open pages.
//!
//! One thread accepts requests and hands each to its own thread; one thread watches the sources and
//! rebuilds. The built site lives behind an `RwLock<Arc<Snapshot>>`: a rebuild prepares a whole new
//! snapshot and swaps it in, and only then tells open pages to reload, so no page ever sees a
//! half-finished build. A failed build keeps the last good snapshot and adds the error to it.
//! Nothing is written to disk.

pub mod http;
mod listen;
pub mod live;
mod notify;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::{Duration, Instant};

pub use listen::ServeError;
use tiny_http::{Header, Method, Request, Response};

use crate::diagnostics::{Diagnostic, report};
use crate::output::{NOT_FOUND_FILE, Output};
use crate::pipeline::{Pipeline, SiteOptions};
use crate::url::{BaseUrl, SiteUrls};
use http::Resolved;
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
                let shared = Arc::clone(&shared);
                thread::spawn(move || handle(request, &shared));
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

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(
    request: Request,
    status: u16,
    content_type: &str,
    body: Vec<u8>,
    extra: Option<Header>,
) {
    let mut response = Response::from_data(body).with_status_code(status);
    for h in [
        header("Content-Type", content_type),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
        extra,
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    // The client may have gone away; there is nobody to tell.
    let _ = request.respond(response);
}

fn handle(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    match url.split('?').next() {
        Some(live::EVENTS_PATH) => return stream_events(request, shared),
        Some(live::IDIOMORPH_PATH) => {
            return respond(
                request,
                200,
                "text/javascript; charset=utf-8",
                live::IDIOMORPH.as_bytes().to_vec(),
                None,
            );
        }
        _ => {}
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"Method not allowed\n".to_vec(),
            header("Allow", "GET, HEAD"),
        );
        return;
    }
    let snapshot = shared.current();
    let error = snapshot.error.as_deref();
    let Some(output) = &snapshot.output else {
        let page = live::error_page(error.unwrap_or("The page is being built."));
        respond(
            request,
            503,
            "text/html; charset=utf-8",
            page.into_bytes(),
            None,
        );
        return;
    };
    answer_from(request, &url, shared, &snapshot, output);
}

/// Answers a request for `url` from the last good build: the file, a redirect to the mount, or the
/// site's not-found page.
fn answer_from(request: Request, url: &str, shared: &Shared, snapshot: &Snapshot, output: &Output) {
    let error = snapshot.error.as_deref();
    let page = |path: &str| -> Vec<u8> {
        let bytes = output.get(path).map(|c| c.bytes()).unwrap_or_default();
        if path.ends_with(".html") {
            let client = shared.options.client;
            live::inject(
                &String::from_utf8_lossy(&bytes),
                error,
                snapshot.build,
                client,
            )
            .into_bytes()
        } else {
            bytes.into_owned()
        }
    };
    match http::resolve(url, &shared.mount, |p| output.get(p).is_some()) {
        Resolved::File(path) => respond(request, 200, http::content_type(&path), page(&path), None),
        Resolved::Redirect(location) => {
            respond(
                request,
                301,
                "text/plain; charset=utf-8",
                Vec::new(),
                header("Location", &location),
            );
        }
        Resolved::NotFound if output.get(NOT_FOUND_FILE).is_some() => {
            respond(
                request,
                404,
                "text/html; charset=utf-8",
                page(NOT_FOUND_FILE),
                None,
            );
        }
        Resolved::NotFound => {
            let body = format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\
<body><h1>Not found</h1><p>Nothing here. The page is at <a href=\"{0}\">{0}</a>.</p></body></html>",
                shared.mount
            );
            respond(
                request,
                404,
                "text/html; charset=utf-8",
                live::inject(&body, error, snapshot.build, shared.options.client).into_bytes(),
                None,
            );
        }
        Resolved::BadRequest => respond(
            request,
            400,
            "text/plain; charset=utf-8",
            b"Bad request\n".to_vec(),
            None,
        ),
    }
}

/// Holds the connection open and writes each event as it comes, with a heartbeat so closed pages
/// are noticed.
fn stream_events(request: Request, shared: &Shared) {
    let events = shared.hub.subscribe();
    let now = shared.current();
    let (pending, build) = (now.error.clone(), now.build);
    let mut out = request.into_writer();
    let mut send = |text: &str| out.write_all(text.as_bytes()).and_then(|()| out.flush());
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if send(head).is_err() || send(&Event::Hello(build).encode()).is_err() {
        return;
    }
    if let Some(text) = pending
        && send(&Event::BuildError(text).encode()).is_err()
    {
        return;
    }
    loop {
        let written = match events.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => send(&event.encode()),
            Err(RecvTimeoutError::Timeout) => send(": still here\n\n"),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if written.is_err() {
            return;
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
