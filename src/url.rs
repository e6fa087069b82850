//! Web addresses: the page's base URL, parsed and checked once, the site's own addresses made from
//! it, and the questions every stage asks of an address an editor wrote (does it leave the site?
//! would it run script? is it well formed?).
//!
//! A leaf module: it imports nothing of explainer's, so that `content`, `markdown`, `render`,
//! `publish`, `check` and `serve` can all use it without reaching into one another. It fetches
//! nothing and knows nothing of files or diagnostics; callers word their own messages.

use serde::Serialize;

/// The address a page is published at: an `http(s)://` URL, always ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

/// Why a text cannot be a base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadBaseUrl {
    /// It does not start with `https://` or `http://`.
    NotAWebAddress,
    /// It holds a character that no address written in a page may hold as it is: a quote, a space,
    /// `<`, `>`, a backslash, a control character, or a query or fragment (`?`, `#`). Every address
    /// of the site is made from it, in attributes, feeds and robots.txt, so it is refused rather
    /// than escaped in each.
    Character(char),
}

impl BaseUrl {
    /// Accepts any `http://` or `https://` address, adding the final `/` if it is missing.
    pub fn parse(text: &str) -> Result<BaseUrl, BadBaseUrl> {
        if !is_web_address(text) {
            return Err(BadBaseUrl::NotAWebAddress);
        }
        if let Some(c) = text.chars().find(|c| !base_url_char(*c)) {
            return Err(BadBaseUrl::Character(c));
        }
        Ok(if text.ends_with('/') {
            BaseUrl(text.to_string())
        } else {
            BaseUrl(format!("{text}/"))
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path part, always starting and ending with `/`: `/iraq-explainer/`, or `/`.
    pub fn path(&self) -> &str {
        let after_scheme = self.0.split_once("://").map_or(self.0.as_str(), |(_, r)| r);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }

    /// The host, without user or port: `example.github.io`.
    pub fn host(&self) -> &str {
        host_of(&self.0)
    }
}

/// Where the page will live, which decides how every link and asset address is written. Templates
/// see it as `paths` (`{{ paths.root }}style.css`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteUrls {
    /// Prefix for site-relative URLs: `""` (relative, works from disk) or the base URL's path, such as
    /// `/iraq-explainer/`.
    pub root: String,
    /// The absolute address of the page, when known, for the canonical link.
    pub canonical: Option<String>,
    /// The link back to the page from anywhere on the site (the not-found page): the root path, or
    /// `index.html` when links are relative.
    pub home: String,
    /// The folder of this edition's files under the root: `""` for the original, `ar/` for the
    /// Arabic edition.
    pub edition: String,
    /// Every edition of the page, this one included, the original first; empty when there is only
    /// one.
    pub editions: Vec<EditionLink>,
}

/// One edition of the page, as another edition links to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditionLink {
    /// Its language tag, for `hreflang` and `lang`.
    pub lang: String,
    /// The language's name in the language itself: "English", "العربية".
    pub name: String,
    /// `rtl` or `ltr`: the language's direction, for `dir`.
    pub dir: String,
    /// The link to it from the page that shows this list.
    pub href: String,
    /// Its absolute address, when the base URL is known (for `hreflang` alternates).
    pub url: Option<String>,
    /// Whether this is the page that shows the list.
    pub current: bool,
}

impl SiteUrls {
    pub fn new(base: Option<&BaseUrl>) -> SiteUrls {
        match base {
            None => SiteUrls {
                root: String::new(),
                canonical: None,
                home: "index.html".to_string(),
                edition: String::new(),
                editions: Vec::new(),
            },
            Some(base) => SiteUrls {
                root: base.path().to_string(),
                home: base.path().to_string(),
                canonical: Some(base.as_str().to_string()),
                edition: String::new(),
                editions: Vec::new(),
            },
        }
    }

    /// The addresses of the edition in `language`, published in the folder `<language>/`: shared
    /// files (the stylesheet) stay at the root, which relative links reach with `../`.
    pub fn edition(&self, language: &str) -> SiteUrls {
        let folder = format!("{language}/");
        SiteUrls {
            root: if self.root.is_empty() {
                "../".to_string()
            } else {
                self.root.clone()
            },
            canonical: self.canonical.as_ref().map(|c| format!("{c}{folder}")),
            home: match &self.canonical {
                Some(_) => format!("{}{folder}", self.root),
                None => "index.html".to_string(),
            },
            edition: folder,
            editions: Vec::new(),
        }
    }

    /// The same, with the list of editions as seen from this one: `languages` gives each edition's
    /// folder (`""` for the original, `ar/`), language tag, name and direction.
    pub fn with_editions(mut self, languages: &[(String, String, String, String)]) -> SiteUrls {
        let site_root = self.canonical.as_ref().map(|c| {
            c.strip_suffix(self.edition.as_str())
                .unwrap_or(c)
                .to_string()
        });
        self.editions = languages
            .iter()
            .map(|(folder, lang, name, dir)| {
                let href = match &site_root {
                    Some(_) => format!("{}{folder}", self.root),
                    None if self.edition.is_empty() => format!("{folder}index.html"),
                    None => format!("../{folder}index.html"),
                };
                EditionLink {
                    lang: lang.clone(),
                    name: name.clone(),
                    dir: dir.clone(),
                    href,
                    url: site_root.as_ref().map(|r| format!("{r}{folder}")),
                    current: *folder == self.edition,
                }
            })
            .collect();
        self
    }

    /// The address of a file of the site, as the page links to it: `/iraq-explainer/atom.xml`.
    pub fn file(&self, name: &str) -> String {
        format!("{}{name}", self.root)
    }

    /// The address of a file of this edition: `/iraq-explainer/ar/atom.xml`.
    pub fn edition_file(&self, name: &str) -> String {
        format!("{}{}{name}", self.root, self.edition)
    }
}

/// Whether `c` may be written as it is in a base URL: the letters, digits and punctuation of an
/// address's scheme, host and path (RFC 3986, with `%` escapes), and letters of any script (an
/// internationalised host or path), but no quote, space, angle bracket, backslash, backtick, brace,
/// control character, `?` or `#`.
fn base_url_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || "-._~:/@!$&*+,;=%()[]".contains(c)
    } else {
        !c.is_whitespace()
            && !c.is_control()
            && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
    }
}

/// Whether `text` starts as a web address does: `https://` or `http://`.
pub fn is_web_address(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

/// The host of an `http(s)://` address, without user or port.
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    authority.split(':').next().unwrap_or(authority)
}

/// Whether a link leaves the page for another site.
pub fn is_external(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// The scheme of `url` when it is one that runs script or carries a whole document inline
/// (`javascript:`, `vbscript:`, `data:`), as browsers read it: case and the whitespace and control
/// characters they ignore do not hide it.
pub fn unsafe_scheme(url: &str) -> Option<&'static str> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript", "vbscript", "data"]
        .into_iter()
        .find(|scheme| {
            cleaned
                .strip_prefix(scheme)
                .is_some_and(|rest| rest.starts_with(':'))
        })
}

/// Why `url` is not a well-formed web address, and what to do; `None` when it is. Nothing is fetched.
pub fn web_address_problem(url: &str) -> Option<(String, String)> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Some((
            format!("`{url}` is not a web address"),
            "web addresses start with https://, like https://apnews.com/article/…".into(),
        ));
    };
    if let Some(bad) = url
        .chars()
        .find(|c| c.is_whitespace() || "\"<>\\`{}|^".contains(*c))
    {
        let what = if bad.is_whitespace() {
            "a space".to_string()
        } else {
            format!("the character `{bad}`")
        };
        return Some((
            format!("the web address `{url}` contains {what}"),
            "copy the address again from the browser's address bar".into(),
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let (host, port) = match host.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (host, None),
    };
    if !valid_site_name(host)
        || port.is_some_and(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Some((
            format!("the web address `{url}` has no valid site name"),
            "after https:// comes the site's name with its ending, like https://www.reuters.com/…"
                .into(),
        ));
    }
    None
}

/// A host name with an ending (`reuters.com`), an IPv4 address or `localhost`.
fn valid_site_name(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    let is_ip = labels.len() == 4 && labels.iter().all(|l| l.parse::<u8>().is_ok());
    let bad_label = labels.iter().any(|l| {
        l.is_empty()
            || l.starts_with('-')
            || l.ends_with('-')
            || !l.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    let bad_tld = !(tld.chars().all(char::is_alphabetic) && tld.chars().count() >= 2
        || tld.starts_with("xn--"));
    !(host.is_empty()
        || bad_label
        || (!is_ip && host != "localhost" && (labels.len() < 2 || bad_tld)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_with_markup_or_spaces_is_refused() {
        for (text, c) in [
            ("https://x.github.io/r\"><img src=x onerror=alert(1)>/", '"'),
            ("https://x.github.io/r'/", '\''),
            ("https://x.github.io/my explainer/", ' '),
            ("https://x.github.io/r<b>/", '<'),
            ("https://x.github.io/r\u{a0}/", '\u{a0}'),
            ("https://x.github.io/r/?q=1", '?'),
            ("https://x.github.io/r/#top", '#'),
            ("https://x.github.io/\\r/", '\\'),
        ] {
            assert_eq!(
                BaseUrl::parse(text),
                Err(BadBaseUrl::Character(c)),
                "{text}"
            );
        }
        assert_eq!(BaseUrl::parse("ftp://x/"), Err(BadBaseUrl::NotAWebAddress));
        for text in [
            "https://x.github.io/iraq-explainer/",
            "https://خبر.example/شرح/",
            "https://example.com/a%20b/",
            "http://[::1]:8080/r/",
        ] {
            assert!(BaseUrl::parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn base_urls_become_root_paths() {
        let base = BaseUrl::parse("https://example.github.io/iraq-explainer").unwrap();
        let p = SiteUrls::new(Some(&base));
        assert_eq!(p.root, "/iraq-explainer/");
        assert_eq!(
            p.canonical.as_deref(),
            Some("https://example.github.io/iraq-explainer/")
        );
        assert_eq!(p.home, "/iraq-explainer/");
        assert_eq!(p.file("atom.xml"), "/iraq-explainer/atom.xml");
        let news = BaseUrl::parse("https://news.example.com").unwrap();
        assert_eq!(SiteUrls::new(Some(&news)).root, "/");
        assert_eq!(news.host(), "news.example.com");
        assert_eq!(SiteUrls::new(None).root, "");
        assert_eq!(SiteUrls::new(None).home, "index.html");
        assert_eq!(
            BaseUrl::parse("example.github.io/x"),
            Err(BadBaseUrl::NotAWebAddress)
        );
    }

    #[test]
    fn finds_the_host_of_an_address() {
        assert_eq!(
            host_of("https://example.github.io/iraq/"),
            "example.github.io"
        );
        assert_eq!(host_of("http://127.0.0.1:8080/x"), "127.0.0.1");
        assert_eq!(host_of("https://user@news.example.com"), "news.example.com");
    }

    #[test]
    fn web_addresses_must_name_a_site() {
        for good in [
            "https://apnews.com/article/iraq",
            "http://www.reuters.com",
            "https://example.github.io/iraq-explainer/",
            "https://en.m.wikipedia.org/wiki/Operation_Inherent_Resolve",
            "http://localhost:8000/",
            "https://911plus.org/8312010-barack-obama/",
            "https://العربية.example/خبر",
        ] {
            assert_eq!(web_address_problem(good), None, "{good}");
        }
        for bad in [
            "https://apnews",
            "https://apnews.",
            "https//apnews.com",
            "htps://apnews.com",
            "https://ap news.com",
            "https://ap\u{a0}news.com",
            "https://",
            "https://apnews.com:port/",
        ] {
            assert!(web_address_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn refuses_script_and_data_addresses_however_written() {
        for url in [
            "javascript:x",
            " JaVa\tScRiPt:x",
            "data:text/html,x",
            "VBScript:x",
        ] {
            assert!(unsafe_scheme(url).is_some(), "{url:?}");
        }
        for url in [
            "https://a",
            "#javascript:",
            "static/data:x.png",
            "javascript.html",
        ] {
            assert_eq!(unsafe_scheme(url), None, "{url:?}");
        }
    }

    #[test]
    fn external_links_leave_the_site() {
        assert!(is_external("https://apnews.com"));
        assert!(is_external(" //cdn.example"));
        assert!(!is_external("#timeline"));
        assert!(!is_external("photos/a.jpg"));
    }
}
