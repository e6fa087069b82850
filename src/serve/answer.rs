//! What a request to `explainer serve` gets: a file of the last good build (pages with the
//! live-reload client injected), a redirect to the mount, the not-found page, an open page's event
//! stream, or a refusal — 403 for a request that names another site as its Host, 503 past the
//! limits on open connections.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use super::http::{self, Resolved};
use super::live::{self, Event};
use super::{Shared, Snapshot};
use crate::output::{NOT_FOUND_FILE, Output};

/// At most this many requests are answered at once, event streams of open pages included; more
/// are told to come back (503) without a thread of their own. A preview has a handful of pages
/// open; thousands of connections are someone trying to exhaust the machine.
pub(super) const MAX_BUSY: usize = 128;

/// Of which at most this many are open pages' event streams, which stay open.
const MAX_STREAMS: usize = 64;

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

/// The answer when too many requests are open at once.
pub(super) fn too_busy(request: Request) {
    respond(
        request,
        503,
        "text/plain; charset=utf-8",
        b"Too many open connections; try again\n".to_vec(),
        header("Retry-After", "1"),
    );
}

pub(super) fn handle(request: Request, shared: &Shared) {
    // A page on another site whose name resolves to this machine (DNS rebinding) sends its own
    // name as the Host: it gets nothing, so it cannot read the preview or its event stream.
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    if !host
        .as_deref()
        .is_some_and(|h| http::is_own_host(h, shared.port))
    {
        respond(
            request,
            403,
            "text/plain; charset=utf-8",
            b"Forbidden: this preview answers only at 127.0.0.1, localhost or [::1]\n".to_vec(),
            None,
        );
        return;
    }
    let url = request.url().to_string();
    match url.split('?').next() {
        Some(live::EVENTS_PATH) => {
            if shared.streams.fetch_add(1, Ordering::SeqCst) < MAX_STREAMS {
                stream_events(request, shared);
            } else {
                too_busy(request);
            }
            shared.streams.fetch_sub(1, Ordering::SeqCst);
            return;
        }
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
