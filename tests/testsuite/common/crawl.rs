//! A link checker for a built site served by [`Server`]: it starts from a few addresses and follows
//! every reference it finds — `href`, `src`, `srcset`, `cite`, absolute `<meta content>` (Open
//! Graph, Twitter), JSON-LD and TimelineJS strings, CSS `url()`, sitemap `<loc>`, Atom links and
//! `Sitemap:` in robots.txt — then checks that every fragment names an id in its target page.
//!
//! Addresses under the site's public base URL (`https://example.github.io/iraq-explainer/`) are
//! fetched from the test server instead; addresses on other hosts are only collected, since the
//! tests have no network.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use url::Url;

use super::http::{Server, percent_decode};

/// What a crawl found.
#[derive(Debug, Default)]
pub struct Report {
    /// Every broken reference, as "from → to: why".
    pub problems: Vec<String>,
    /// Local addresses fetched, with their status and content type.
    pub fetched: Vec<(String, u16, String)>,
    /// References to local addresses followed (counting repeats).
    pub links: usize,
    /// Fragments checked against the ids of their page.
    pub anchors: usize,
    pub external: BTreeSet<String>,
}

struct Page {
    ids: Option<HashSet<String>>,
}

pub struct Crawler<'a> {
    server: &'a Server,
    public: Url,
    local: Url,
    queue: VecDeque<(Url, u16, String)>,
    pages: HashMap<Url, Page>,
    fragments: Vec<(Url, String, String)>,
    report: Report,
}

/// The `url(...)` and `@import "..."` references of a stylesheet.
pub fn css_references(css: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        let after = &rest[at + 4..];
        let end = after.find(')').unwrap_or(after.len());
        found.push(after[..end].trim().trim_matches(['"', '\'']).to_string());
        rest = &after[end..];
    }
    let mut rest = css;
    while let Some(at) = rest.find("@import") {
        let after = rest[at + 7..].trim_start();
        if let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'')
            && let Some(end) = after[1..].find(quote)
        {
            found.push(after[1..1 + end].to_string());
        }
        rest = &rest[at + 7..];
    }
    found
}

/// The URLs in a `srcset`: the first word of each comma-separated candidate.
fn srcset_urls(srcset: &str) -> Vec<String> {
    srcset
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Every string in a JSON value.
fn json_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

fn is_absolute_web_address(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// The references in an HTML document or fragment, and its ids.
fn html_references(html: &str, fragment: bool) -> (Vec<String>, HashSet<String>) {
    let doc = if fragment {
        scraper::Html::parse_fragment(html)
    } else {
        scraper::Html::parse_document(html)
    };
    let select = |css: &str| {
        let selector = scraper::Selector::parse(css).expect("valid selector");
        doc.select(&selector).collect::<Vec<_>>()
    };
    let mut refs = Vec::new();
    for (css, attribute) in [
        ("[href]", "href"),
        ("[src]", "src"),
        ("[poster]", "poster"),
        ("[cite]", "cite"),
        ("object[data]", "data"),
    ] {
        refs.extend(
            select(css)
                .iter()
                .filter_map(|e| e.value().attr(attribute))
                .map(str::to_string),
        );
    }
    for el in select("[srcset]") {
        refs.extend(srcset_urls(el.value().attr("srcset").unwrap_or_default()));
    }
    for el in select("meta[content]") {
        let content = el.value().attr("content").unwrap_or_default();
        if is_absolute_web_address(content) {
            refs.push(content.to_string());
        }
    }
    for el in select("[style]") {
        refs.extend(css_references(el.value().attr("style").unwrap_or_default()));
    }
    for el in select("style") {
        refs.extend(css_references(&el.text().collect::<String>()));
    }
    for el in select("script[type='application/ld+json']") {
        let text: String = el.text().collect();
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(value) => {
                let mut strings = Vec::new();
                json_strings(&value, &mut strings);
                refs.extend(strings.into_iter().filter(|s| is_absolute_web_address(s)));
            }
            Err(err) => refs.push(format!("invalid-json-ld:{err}")),
        }
    }
    let mut ids: HashSet<String> = select("[id]")
        .iter()
        .filter_map(|e| e.value().attr("id"))
        .map(str::to_string)
        .collect();
    ids.extend(
        select("a[name]")
            .iter()
            .filter_map(|e| e.value().attr("name"))
            .map(str::to_string),
    );
    (refs, ids)
}

impl<'a> Crawler<'a> {
    /// A crawler for a site built for `public` (its base URL) and served by `server` under the
    /// same path.
    pub fn new(server: &'a Server, public: &str) -> Crawler<'a> {
        let public = Url::parse(public).expect("a valid base URL");
        let local = Url::parse(&server.origin())
            .and_then(|origin| origin.join(public.path()))
            .expect("a valid local URL");
        Crawler {
            server,
            public,
            local,
            queue: VecDeque::new(),
            pages: HashMap::new(),
            fragments: Vec::new(),
            report: Report::default(),
        }
    }

    /// Adds a starting point: a path relative to the base URL and the status it must answer with.
    pub fn start(mut self, path: &str, status: u16) -> Self {
        let url = self.local.join(path).expect("a valid start path");
        self.queue.push_back((url, status, "(start)".to_string()));
        self
    }

    /// The local address for `url`, or `None` when it is on another host.
    fn localise(&self, url: &Url) -> Option<Url> {
        if url.origin() == self.local.origin() {
            return Some(url.clone());
        }
        if url.origin() != self.public.origin() {
            return None;
        }
        let mut local = self.local.clone();
        local.set_path(url.path());
        local.set_query(url.query());
        local.set_fragment(url.fragment());
        Some(local)
    }

    fn follow(&mut self, reference: &str, base: &Url) {
        let from = base.path().to_string();
        if let Some(err) = reference.strip_prefix("invalid-json-ld:") {
            self.report
                .problems
                .push(format!("{from}: the JSON-LD does not parse: {err}"));
            return;
        }
        let resolved = match base.join(reference.trim()) {
            Ok(url) => url,
            Err(err) => {
                self.report
                    .problems
                    .push(format!("{from} → {reference}: not a URL ({err})"));
                return;
            }
        };
        if !matches!(resolved.scheme(), "http" | "https") {
            return;
        }
        let Some(mut local) = self.localise(&resolved) else {
            self.report.external.insert(resolved.to_string());
            return;
        };
        // A host serves a folder's index.html at the folder's address: one page, one fetch.
        if let Some(folder) = local.path().strip_suffix("index.html").map(str::to_string)
            && folder.ends_with('/')
        {
            local.set_path(&folder);
        }
        self.report.links += 1;
        if let Some(fragment) = local.fragment().filter(|f| !f.is_empty()) {
            let fragment = fragment.to_string();
            local.set_fragment(None);
            self.fragments
                .push((local.clone(), fragment, format!("{from} → {reference}")));
        }
        local.set_fragment(None);
        if !self.pages.contains_key(&local) && !self.queue.iter().any(|(u, _, _)| *u == local) {
            self.queue
                .push_back((local, 200, format!("{from} → {reference}")));
        }
    }

    /// Fetches everything reachable and checks every fragment.
    pub fn run(mut self) -> Report {
        while let Some((url, expected, from)) = self.queue.pop_front() {
            if self.pages.contains_key(&url) {
                continue;
            }
            let target = match url.query() {
                Some(q) => format!("{}?{q}", url.path()),
                None => url.path().to_string(),
            };
            let response = self.server.get(&target);
            self.report.fetched.push((
                target.clone(),
                response.status,
                response.content_type.clone(),
            ));
            if response.status != expected {
                self.report.problems.push(format!(
                    "{from}: {target} answered {} instead of {expected}{}",
                    response.status,
                    response
                        .location
                        .as_ref()
                        .map(|l| format!(" (redirect to {l})"))
                        .unwrap_or_default()
                ));
            }
            let kind = response.content_type.split(';').next().unwrap_or_default();
            let text = response.text();
            let (references, ids) = match kind {
                "text/html" => {
                    let (refs, ids) = html_references(&text, false);
                    (refs, Some(ids))
                }
                "text/css" => (css_references(&text), None),
                "application/xml" => (self.xml_references(&text, &target), None),
                "application/json" => {
                    let mut strings = Vec::new();
                    match serde_json::from_str::<serde_json::Value>(&text) {
                        Ok(value) => json_strings(&value, &mut strings),
                        Err(err) => self
                            .report
                            .problems
                            .push(format!("{target} is not valid JSON: {err}")),
                    }
                    let mut refs = Vec::new();
                    for s in strings {
                        if s.contains('<') {
                            refs.extend(html_references(&s, true).0);
                        } else if is_absolute_web_address(&s) {
                            refs.push(s);
                        }
                    }
                    (refs, None)
                }
                "text/plain" => (
                    text.lines()
                        .filter_map(|l| l.strip_prefix("Sitemap:"))
                        .map(|u| u.trim().to_string())
                        .collect(),
                    None,
                ),
                _ => (Vec::new(), None),
            };
            self.pages.insert(url.clone(), Page { ids });
            for reference in references {
                self.follow(&reference, &url);
            }
        }
        for (page, fragment, from) in std::mem::take(&mut self.fragments) {
            self.report.anchors += 1;
            let decoded = percent_decode(&fragment);
            // A page that answered with an error is reported already; its ids still count.
            match self.pages.get(&page) {
                Some(Page { ids: Some(ids), .. }) if ids.contains(&decoded) => {}
                Some(Page { ids: Some(_), .. }) => self
                    .report
                    .problems
                    .push(format!("{from}: no element has the id `{decoded}`")),
                _ => self.report.problems.push(format!(
                    "{from}: a fragment on something that is not a page"
                )),
            }
        }
        self.report
    }

    /// Sitemap `<loc>`s, Atom `<link href>`s and the links inside Atom HTML content.
    fn xml_references(&mut self, text: &str, target: &str) -> Vec<String> {
        let doc = match roxmltree::Document::parse(text) {
            Ok(doc) => doc,
            Err(err) => {
                self.report
                    .problems
                    .push(format!("{target} is not well-formed XML: {err}"));
                return Vec::new();
            }
        };
        let mut refs = Vec::new();
        for node in doc.descendants().filter(|n| n.is_element()) {
            match node.tag_name().name() {
                "loc" => refs.extend(node.text().map(str::to_string)),
                "link" => refs.extend(node.attribute("href").map(str::to_string)),
                "content" if node.attribute("type") == Some("html") => {
                    refs.extend(html_references(node.text().unwrap_or_default(), true).0);
                }
                _ => {}
            }
        }
        refs
    }
}
