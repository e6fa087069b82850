//! The files a host and the wider web expect beside the page: `sitemap.xml`, `robots.txt`, the Atom
//! feed of updates and corrections ([`feed`]), `CNAME` for a custom domain, `.nojekyll`, and the
//! timeline for reuse in TimelineJS ([`timeline_json`]).
//!
//! This is the last stage before writing: it adds files to the [`Output`] from the validated site
//! and the page's address. It renders no templates. The sitemap, robots file and feed are made of
//! absolute addresses, so they are written only when the base URL is known.

pub mod feed;
pub mod timeline_json;

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};
use crate::output::Output;
use crate::render::Paths;

pub const FEED_FILE: &str = "atom.xml";
pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const TIMELINE_FILE: &str = "timeline.json";

/// Text escaped for XML and HTML (the same escape the Markdown stage uses).
pub use crate::markdown::escape_html as escape;

/// The host of an `http(s)://` address, without user or port.
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    authority.split(':').next().unwrap_or(authority)
}

/// Adds the hosting files to `output`. Returns warnings, or the problems that stop the build.
pub fn add_hosting_files(
    site: &Site,
    paths: &Paths,
    output: &mut Output,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    // GitHub Pages runs Jekyll on a branch it publishes unless this file is present; Jekyll would
    // drop files whose names start with `_`. A deploy from Actions ignores it.
    output.insert(".nojekyll", Vec::new());
    if let Some(cname) = &site.page.meta.cname {
        output.insert(
            "CNAME",
            format!("{}\n", check_cname(site, cname, paths, &mut warnings)?),
        );
    }
    if let Some(canonical) = &paths.canonical {
        output.insert(SITEMAP_FILE, sitemap(site, canonical));
        output.insert("robots.txt", robots(canonical));
        output.insert(FEED_FILE, feed::atom(site, canonical));
    }
    if let Some(json) = timeline_json::timeline(site, paths.canonical.as_deref()) {
        output.insert(TIMELINE_FILE, json);
    }
    Ok(warnings)
}

/// A `CNAME` holds a bare host name. It should be the host of the base URL too, or links would
/// point at the other address.
fn check_cname<'a>(
    site: &Site,
    cname: &'a str,
    paths: &Paths,
    warnings: &mut Vec<Diagnostic>,
) -> Result<&'a str, Vec<Diagnostic>> {
    let doc = &site.page;
    let host = cname.trim();
    let valid = !host.is_empty()
        && host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !valid {
        return Err(vec![
            doc.error_at_value(
                "cname",
                cname,
                format!("`{cname}` is not a domain name"),
            )
            .hint("write only the domain, like `cname: explainers.example.com` (no https://, no path)"),
        ]);
    }
    if let Some(canonical) = &paths.canonical {
        let base_host = host_of(canonical);
        if !base_host.eq_ignore_ascii_case(host) {
            warnings.push(Diagnostic {
                severity: Severity::Warning,
                ..doc
                    .error_at_value(
                        "cname",
                        cname,
                        format!("the custom domain is `{host}` but the page is built for `{base_host}`"),
                    )
                    .hint(format!(
                        "build with --base-url https://{host}/ (the Pages workflow does once the domain is set in the repository's Pages settings)"
                    ))
            });
        }
    }
    Ok(host)
}

fn sitemap(site: &Site, canonical: &str) -> String {
    let meta = &site.page.meta;
    let modified = meta.updated.as_ref().unwrap_or(&meta.published).iso();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
         <url><loc>{}</loc><lastmod>{}</lastmod></url>\n\
         </urlset>\n",
        escape(canonical),
        escape(&modified)
    )
}

fn robots(canonical: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {canonical}{SITEMAP_FILE}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            escape(r#"<a href="x">Tom's & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;"
        );
    }

    #[test]
    fn finds_the_host_of_an_address() {
        assert_eq!(
            host_of("https://example.github.io/iraq/"),
            "example.github.io"
        );
        assert_eq!(host_of("http://127.0.0.1:8080/x"), "127.0.0.1");
        assert_eq!(host_of("https://news.example.com"), "news.example.com");
    }
}
