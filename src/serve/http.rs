//! Turning a request path into a file of the built site, safely, and the Content-Type to send.
//!
//! The site is served from memory, so no request can read the disk; even so, anything that looks like
//! an attempt to climb out of the site (`..`, `%2e%2e`, `%2f`, backslashes, NUL, doubled slashes) is
//! refused with 400 rather than normalised, the way a strict static host would.

/// What a request path points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the built site, by its relative path (`index.html`, `style.css`).
    File(String),
    /// A folder asked for without its trailing slash: redirect here, as GitHub Pages does.
    Redirect(String),
    /// Nothing here: answer with the 404 page.
    NotFound,
    /// A malformed or hostile path.
    BadRequest,
}

/// Decodes `%XX` escapes. Returns `None` for a malformed escape or bytes that are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Resolves `url` (path and query, as sent) for a site mounted at `base_path` (`/` or `/repo/`).
/// `exists` says whether the built site has a file at a relative path.
pub fn resolve(url: &str, base_path: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("");
    // Reject encoded separators and dots before decoding, so `%2f` and `%2e%2e` never become paths.
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%2e")
        || lower.contains("%00")
    {
        return Resolved::BadRequest;
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::BadRequest;
    };
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) || decoded.contains("//") {
        return Resolved::BadRequest;
    }
    let mount = base_path.trim_end_matches('/');
    if decoded == mount && !mount.is_empty() {
        return Resolved::Redirect(format!("{mount}/"));
    }
    let Some(rest) = decoded.strip_prefix(base_path) else {
        return Resolved::NotFound;
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let empty_inside = segment.is_empty() && i != last;
        if empty_inside || *segment == ".." || *segment == "." || segment.contains(':') {
            return Resolved::BadRequest;
        }
    }
    if rest.is_empty() || rest.ends_with('/') {
        let index = format!("{rest}index.html");
        return if exists(&index) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if exists(rest) {
        return Resolved::File(rest.to_string());
    }
    if exists(&format!("{rest}/index.html")) {
        return Resolved::Redirect(format!("{decoded}/"));
    }
    Resolved::NotFound
}

/// The Content-Type for a file name, by extension; text types carry `charset=utf-8`.
/// Whether a request's `Host` names this server: `127.0.0.1`, `localhost`, `[::1]` or any other
/// address written as numbers (the one `--bind` gave, seen from a phone on the same network), with
/// the port it listens on. A name (`attacker.example`) is refused, even when it resolves here: that
/// is how a page on another site would reach the preview (DNS rebinding).
pub fn is_own_host(host: &str, port: u16) -> bool {
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, p)) if !p.contains(']') => (name, Some(p)),
        _ => (host, None),
    };
    let port_ok = given_port.is_none_or(|p| p.parse::<u16>() == Ok(port));
    let bare = name.strip_prefix('[').and_then(|n| n.strip_suffix(']'));
    let name_ok = match bare {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
        None => {
            name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
        }
    };
    port_ok && name_ok
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machines_addresses_are_its_host() {
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
            "192.168.1.20:1111",
            "127.0.0.1",
        ] {
            assert!(is_own_host(host, 1111), "{host}");
        }
        for host in [
            "attacker.example:1111",
            "attacker.example",
            "127.0.0.1:2222",
            "localhost.attacker.example:1111",
            "127.0.0.1.nip.io:1111",
            "[::1]:80",
            "",
            "[attacker]:1111",
        ] {
            assert!(!is_own_host(host, 1111), "{host}");
        }
    }

    fn site(path: &str) -> bool {
        ["index.html", "style.css", "docs/index.html", "a b.txt"].contains(&path)
    }

    #[test]
    fn serves_files_under_the_mount() {
        assert_eq!(
            resolve("/repo/", "/repo/", site),
            Resolved::File("index.html".into())
        );
        assert_eq!(
            resolve("/repo/style.css?v=2", "/repo/", site),
            Resolved::File("style.css".into())
        );
        assert_eq!(
            resolve("/repo/a%20b.txt", "/repo/", site),
            Resolved::File("a b.txt".into())
        );
        assert_eq!(
            resolve("/repo", "/repo/", site),
            Resolved::Redirect("/repo/".into())
        );
        assert_eq!(
            resolve("/repo/docs", "/repo/", site),
            Resolved::Redirect("/repo/docs/".into())
        );
        assert_eq!(resolve("/style.css", "/repo/", site), Resolved::NotFound);
        assert_eq!(
            resolve("/repo/missing.html", "/repo/", site),
            Resolved::NotFound
        );
        assert_eq!(resolve("/", "/", site), Resolved::File("index.html".into()));
    }

    #[test]
    fn refuses_every_way_out() {
        for url in [
            "/repo/../etc/passwd",
            "/repo/%2e%2e/etc/passwd",
            "/repo/%2E%2E%2Fetc%2Fpasswd",
            "/repo/..%2fetc",
            "/repo/docs/..\\..\\etc",
            "/repo/%5c..%5cetc",
            "/repo//etc/passwd",
            "/repo/./index.html",
            "/repo/%00index.html",
            "/repo/%zz",
            "/repo/C:/Windows",
            "//etc/passwd",
        ] {
            assert_eq!(resolve(url, "/repo/", site), Resolved::BadRequest, "{url}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.3f2a.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("card.PNG"), "image/png");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
