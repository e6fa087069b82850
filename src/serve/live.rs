//! Live reload: the script injected into served pages, the error overlay, and the hub that pushes
//! Server-Sent Events to every open page.
//!
//! Only `serve` uses this module; `build` output never contains the script. The server sends
//! `reload` after a new build is in memory (never before), `css` when only stylesheets changed, and
//! `build-error` with the diagnostics when a build fails, so the page shows them over the last good
//! version.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};

/// The URL path of the event stream. Outside any base path, so it never clashes with the site.
pub const EVENTS_PATH: &str = "/__explainer/events";

/// The script served with every page (`client.js`); the server fills in the build the page comes
/// from and how it updates.
const CLIENT: &str = include_str!("client.js");

/// idiomorph, the DOM-morphing library the client patches pages with (vendored, see `vendor/`).
pub const IDIOMORPH: &str = include_str!("vendor/idiomorph.min.js");

/// Where pages load idiomorph from. Outside any base path, like the event stream.
pub const IDIOMORPH_PATH: &str = "/__explainer/idiomorph.js";

/// How open pages follow a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    /// Patch the page in place (idiomorph); otherwise reload it whole.
    pub morph: bool,
    /// Bring the section or event that changed into view, and mark it for a moment.
    pub follow: bool,
}

impl Default for Client {
    fn default() -> Client {
        Client {
            morph: true,
            follow: true,
        }
    }
}

/// Adds the live-reload script, and the error overlay when `error` is set, before `</body>`. `build`
/// is the number of the build the page comes from.
pub fn inject(html: &str, error: Option<&str>, build: u64, client: Client) -> String {
    let mut extra = String::new();
    if let Some(text) = error {
        extra.push_str(&overlay(text));
    }
    if client.morph {
        extra.push_str(&format!(
            "<script id=\"explainer-idiomorph\" src=\"{IDIOMORPH_PATH}\"></script>"
        ));
    }
    extra.push_str("<script id=\"explainer-live\">");
    extra.push_str(
        &CLIENT
            .replacen("__BUILD__", &build.to_string(), 1)
            .replacen("__MORPH__", &client.morph.to_string(), 1)
            .replacen("__FOLLOW__", &client.follow.to_string(), 1),
    );
    extra.push_str("</script>\n");
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

/// The overlay as HTML, for pages loaded while the build is broken.
fn overlay(text: &str) -> String {
    format!(
        "<div id=\"explainer-build-error\" role=\"alert\" style=\"position:fixed;inset:auto 1rem 1rem 1rem;\
max-height:70vh;overflow:auto;z-index:2147483647;background:#1b1b1b;color:#fff;border:3px solid #e0533d;\
border-radius:6px;padding:1rem;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace\">\
<strong>The page could not be rebuilt. It shows the last good version until you fix this:</strong>\
<pre style=\"white-space:pre-wrap;margin:.75rem 0 0\">{}</pre></div>\n",
        crate::html::escape(text)
    )
}

/// A page for when no build has ever succeeded: only the overlay.
pub fn error_page(text: &str) -> String {
    inject_page(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build error</title></head><body>\
<p>explainer has not built this page yet.</p></body></html>",
        Some(text),
    )
}

fn inject_page(html: &str, error: Option<&str>) -> String {
    inject(html, error, 0, Client::default())
}

/// One Server-Sent Event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The number of the build being served, sent when a page connects.
    Hello(u64),
    /// A new build, by number: pages from an older one update.
    Reload(u64),
    /// Only stylesheets changed.
    Css,
    /// Only pictures changed: their addresses (URL paths).
    Pictures(Vec<String>),
    /// A new build in which only sections changed: for each page's address, the new HTML of its
    /// changed sections.
    Patch {
        build: u64,
        pages: Vec<(String, Vec<String>)>,
    },
    BuildError(String),
}

impl Event {
    /// The bytes on the wire: `event:` and one `data:` line (JSON keeps it on one line).
    pub fn encode(&self) -> String {
        match self {
            Event::Hello(build) => format!("event: hello\ndata: {build}\n\n"),
            Event::Reload(build) => format!("event: reload\ndata: {build}\n\n"),
            Event::Css => "event: css\ndata: {}\n\n".to_string(),
            Event::Patch { build, pages } => {
                let pages: serde_json::Map<String, serde_json::Value> = pages
                    .iter()
                    .map(|(address, sections)| (address.clone(), sections.clone().into()))
                    .collect();
                let data = serde_json::json!({ "build": build, "pages": pages });
                format!("event: patch\ndata: {data}\n\n")
            }
            Event::Pictures(paths) => {
                let data = serde_json::to_string(paths).unwrap_or_else(|_| "[]".to_string());
                format!("event: pictures\ndata: {data}\n\n")
            }
            Event::BuildError(text) => {
                let data = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string());
                format!("event: build-error\ndata: {data}\n\n")
            }
        }
    }
}

/// Every open page's event channel.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Event>>>,
}

impl Hub {
    pub fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = channel();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    /// Sends to every page still listening and forgets the ones that went away.
    pub fn broadcast(&self, event: &Event) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|tx| tx.send(event.clone()).is_ok());
        }
    }

    pub fn clients(&self) -> usize {
        self.clients.lock().map_or(0, |c| c.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_body_closes() {
        let page = inject(
            "<html><body><p>Hi</p></body></html>",
            None,
            1,
            Client::default(),
        );
        assert!(page.contains("<p>Hi</p><script id=\"explainer-idiomorph\" src=\"/__explainer/idiomorph.js\"></script><script id=\"explainer-live\">"));
        assert!(page.contains("let built = 1;"));
        let whole = inject(
            "<body></body>",
            None,
            2,
            Client {
                morph: false,
                follow: true,
            },
        );
        assert!(!whole.contains("idiomorph.js") && whole.contains("const morphing = false &&"));
        assert!(page.ends_with("</script>\n</body></html>"));
        assert!(!page.contains("explainer-build-error\" role"));
    }

    #[test]
    fn the_overlay_escapes_the_message() {
        let page = inject(
            "<body></body>",
            Some("content/a.md:2:1: error: <b>bad</b>"),
            1,
            Client::default(),
        );
        assert!(page.contains("content/a.md:2:1: error: &lt;b&gt;bad&lt;/b&gt;"));
    }

    #[test]
    fn events_are_single_data_lines() {
        let e = Event::BuildError("a\nb \"c\"".into()).encode();
        assert_eq!(e, "event: build-error\ndata: \"a\\nb \\\"c\\\"\"\n\n");
    }

    #[test]
    fn the_hub_drops_pages_that_went_away() {
        let hub = Hub::default();
        let kept = hub.subscribe();
        drop(hub.subscribe());
        hub.broadcast(&Event::Reload(2));
        assert_eq!(hub.clients(), 1);
        assert_eq!(kept.recv().ok(), Some(Event::Reload(2)));
    }
}
