//! The files a host and the wider web expect beside the page: `sitemap.xml`, `robots.txt`, the Atom
//! feed of updates and corrections ([`feed`]), `CNAME` for a custom domain, `.nojekyll`, and the
//! timeline for reuse in TimelineJS ([`timeline_json`]) and as a spreadsheet in its sheet layout
//! (`timeline.csv`, from [`crate::timelinejs::to_csv`]).
//!
//! This is the last stage before writing: it adds files to the [`Output`] from the validated site
//! and the page's address. It renders no templates. The sitemap, robots file and feed are made of
//! absolute addresses, so they are written only when the base URL is known.

pub mod feed;
pub mod timeline_json;

use crate::content::Site;
use crate::diagnostics::Diagnostics;
use crate::html::escape;
use crate::i18n::Language;
use crate::media::Pictures;
use crate::output::{
    CNAME_FILE, FEED_FILE, NOJEKYLL_FILE, Output, ROBOTS_FILE, SITEMAP_FILE, TIMELINE_CSV_FILE,
    TIMELINE_FILE,
};
use crate::url::BaseUrl;

/// Adds the hosting files to `output`, for a page published at `base` if it is known. Problems go
/// to `out`; an error leaves out the file it is about.
pub fn add_hosting_files(
    site: &Site,
    base: Option<&BaseUrl>,
    (language, pictures): (&Language, &Pictures),
    output: &mut Output,
    out: &mut Diagnostics,
) {
    // GitHub Pages runs Jekyll on a branch it publishes unless this file is present; Jekyll would
    // drop files whose names start with `_`. A deploy from Actions ignores it.
    output.insert(NOJEKYLL_FILE, Vec::new());
    if let Some(cname) = &site.page.meta.cname
        && let Some(host) = check_cname(site, cname, base, out)
    {
        output.insert(CNAME_FILE, format!("{host}\n"));
    }
    if let Some(base) = base {
        output.insert(SITEMAP_FILE, sitemap(site, base.as_str()));
        output.insert(ROBOTS_FILE, robots(base.as_str()));
    }
    add_edition_files(site, base, (language, pictures), "", output);
}

/// Adds the files each edition has of its own, in its `folder` (`""` for the original, `ar/`): the
/// feed, when the base URL is known, and the timeline as data.
pub fn add_edition_files(
    site: &Site,
    base: Option<&BaseUrl>,
    (language, pictures): (&Language, &Pictures),
    folder: &str,
    output: &mut Output,
) {
    let edition_base = base.and_then(|b| BaseUrl::parse(&format!("{}{folder}", b.as_str())).ok());
    if let Some(base) = &edition_base {
        output.insert(
            format!("{folder}{FEED_FILE}"),
            feed::atom(site, base, language),
        );
    }
    let canonical = edition_base.as_ref().map(BaseUrl::as_str);
    // Photos are at the site's root: by their full address when it is known, else from the folder.
    let media_root = match base {
        Some(base) => base.as_str().to_string(),
        None => "../".repeat(folder.matches('/').count()),
    };
    let photos = timeline_json::Photos {
        pictures,
        root: &media_root,
    };
    if let Some(json) = timeline_json::timeline(site, canonical, language, &photos) {
        output.insert(format!("{folder}{TIMELINE_FILE}"), json);
        let csv = crate::timelinejs::to_csv(Some(&site.page), &site.sections, &site.events);
        output.insert(format!("{folder}{TIMELINE_CSV_FILE}"), csv.csv);
    }
}

/// A `CNAME` holds a bare host name. It should be the host of the base URL too, or links would
/// point at the other address.
fn check_cname<'a>(
    site: &Site,
    cname: &'a str,
    base: Option<&BaseUrl>,
    out: &mut Diagnostics,
) -> Option<&'a str> {
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
        out.push(
            doc.error_at_value(
                "cname",
                cname,
                format!("`{cname}` is not a domain name"),
            )
            .hint("write only the domain, like `cname: explainers.example.com` (no https://, no path)"),
        );
        return None;
    }
    if let Some(base) = base {
        let base_host = base.host();
        if !base_host.eq_ignore_ascii_case(host) {
            out.push(
                doc.error_at_value(
                    "cname",
                    cname,
                    format!("the custom domain is `{host}` but the page is built for `{base_host}`"),
                )
                .hint(format!(
                    "build with --base-url https://{host}/ (the Pages workflow does once the domain is set in the repository's Pages settings)"
                ))
                .as_warning(),
            );
        }
    }
    Some(host)
}

/// The sitemap: the page, and each edition with every edition named as its alternate
/// (`xhtml:link`, as search engines read hreflang in sitemaps), the original as `x-default`.
fn sitemap(site: &Site, canonical: &str) -> String {
    let meta = &site.page.meta;
    let modified = meta.updated.as_ref().unwrap_or(&meta.published).iso();
    let editions: Vec<(String, String)> = std::iter::once((meta.language.clone(), String::new()))
        .chain(
            site.edition_languages()
                .into_iter()
                .map(|l| (l.clone(), format!("{l}/"))),
        )
        .collect();
    let alternates: String = if editions.len() > 1 {
        editions
            .iter()
            .map(|(lang, folder)| (lang.as_str(), format!("{canonical}{folder}")))
            .chain(std::iter::once(("x-default", canonical.to_string())))
            .map(|(lang, url)| {
                format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(lang),
                    escape(&url)
                )
            })
            .collect()
    } else {
        String::new()
    };
    let namespace = if alternates.is_empty() {
        ""
    } else {
        " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""
    };
    let urls: String = editions
        .iter()
        .map(|(_, folder)| {
            format!(
                "<url><loc>{}</loc><lastmod>{}</lastmod>{alternates}</url>\n",
                escape(&format!("{canonical}{folder}")),
                escape(&modified)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{namespace}>\n\
         {urls}\
         </urlset>\n"
    )
}

fn robots(canonical: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {canonical}{SITEMAP_FILE}\n")
}
