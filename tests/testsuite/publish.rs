//! Publishing: the built site served the way GitHub Pages serves it, under a project sub-path and on
//! a custom domain, crawled until every link, asset and `#anchor` is known to resolve; the styled
//! not-found page at any depth; and the hosting files (sitemap, robots.txt, feed, CNAME, .nojekyll,
//! timeline.json).

use crate::common::crawl::{Crawler, Report, css_references};
use crate::common::http::Server;
use crate::common::{TestSite, html, select};

const PROJECT_URL: &str = "https://example.github.io/iraq-explainer/";
const CUSTOM_URL: &str = "https://explainers.example.com/";

/// Adds a line to the front matter of `content/_index.md`.
fn add_page_field(site: &TestSite, line: &str) {
    let path = site.root.join("content/_index.md");
    let text = std::fs::read_to_string(&path).expect("read _index.md");
    let text = text.replacen("---\n", &format!("---\n{line}\n"), 1);
    std::fs::write(path, text).expect("write _index.md");
}

fn build(site: &TestSite, args: &[&str]) {
    let run = site.build(args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.is_empty(), "no warnings: {}", run.stderr);
}

pub(crate) fn assert_clean(report: &Report) {
    assert!(
        report.problems.is_empty(),
        "{} broken references:\n{}",
        report.problems.len(),
        report.problems.join("\n")
    );
}

/// The crawl reached every kind of file, so a clean report means something.
pub(crate) fn assert_thorough(report: &Report, prefix: &str) {
    eprintln!(
        "{prefix}: fetched {} addresses, followed {} local references, checked {} anchors, saw {} external addresses",
        report.fetched.len(),
        report.links,
        report.anchors,
        report.external.len()
    );
    let fetched = |suffix: &str, kind: &str| {
        report.fetched.iter().any(|(path, status, content_type)| {
            path.starts_with(prefix)
                && path.ends_with(suffix)
                && *status == 200
                && content_type.starts_with(kind)
        })
    };
    assert!(fetched("/", "text/html"), "the page: {:?}", report.fetched);
    assert!(
        fetched(".css", "text/css"),
        "the stylesheet: {:?}",
        report.fetched
    );
    assert!(
        fetched(".png", "image/png"),
        "the social card: {:?}",
        report.fetched
    );
    for file in ["atom.xml", "sitemap.xml", "robots.txt", "timeline.json"] {
        assert!(fetched(file, ""), "{file}: {:?}", report.fetched);
    }
    assert!(report.links > 150, "only {} local links", report.links);
    assert!(report.anchors > 80, "only {} anchors", report.anchors);
    assert!(
        report.external.len() > 20,
        "source links: {:?}",
        report.external
    );
}

/// A missing address deep under the site gets the styled 404 page, and its stylesheet loads from
/// there.
fn assert_styled_not_found(server: &Server, site: &TestSite, missing: &str) {
    let response = server.get(missing);
    assert_eq!(response.status, 404, "{missing}");
    assert_eq!(response.text(), site.read_output("404.html"));
    let doc = html(&response.text());
    let href = select(&doc, "link[rel=stylesheet]")[0]
        .value()
        .attr("href")
        .expect("the 404 page links its stylesheet")
        .to_string();
    let base = url::Url::parse(&format!("{}{missing}", server.origin())).unwrap();
    let stylesheet = base.join(&href).unwrap();
    let css = server.get(stylesheet.path());
    assert_eq!(css.status, 200, "{href} from {missing}");
    assert!(css.content_type.starts_with("text/css"));
    assert!(
        css.text().contains(".not-found"),
        "the page's own stylesheet"
    );
    assert!(!select(&doc, "h1").is_empty() && !select(&doc, "main").is_empty());
}

#[test]
fn a_project_site_under_a_sub_path_has_no_broken_links() {
    let site = TestSite::bundled();
    build(&site, &["--base-url", PROJECT_URL]);
    let server = Server::start(&site.output(), "/iraq-explainer/");
    let report = Crawler::new(&server, PROJECT_URL)
        .start("", 200)
        .start("robots.txt", 200)
        .start("sitemap.xml", 200)
        .start("no/such/page", 404)
        .run();
    assert_clean(&report);
    assert_thorough(&report, "/iraq-explainer/");
    for missing in [
        "/iraq-explainer/nothing-here",
        "/iraq-explainer/a/b/c/d/deep.html",
        "/iraq-explainer/style.css",
    ] {
        assert_styled_not_found(&server, &site, missing);
    }
}

#[test]
fn a_custom_domain_at_the_root_has_no_broken_links() {
    let site = TestSite::bundled();
    add_page_field(&site, "cname: explainers.example.com");
    build(&site, &["--base-url", CUSTOM_URL]);
    assert_eq!(site.read_output("CNAME"), "explainers.example.com\n");
    let server = Server::start(&site.output(), "/");
    let report = Crawler::new(&server, CUSTOM_URL)
        .start("", 200)
        .start("robots.txt", 200)
        .start("sitemap.xml", 200)
        .start("no/such/page", 404)
        .run();
    assert_clean(&report);
    assert_thorough(&report, "/");
    for missing in ["/nothing-here", "/a/b/c/deep/", "/iraq-explainer/"] {
        assert_styled_not_found(&server, &site, missing);
    }
}

/// The crawler must be able to fail, or the two tests above prove nothing.
#[test]
fn the_crawler_reports_broken_links_assets_and_anchors() {
    // The build refuses such links in the content (tests/testsuite/errors.rs): they are planted
    // in the published files, as a hand edit or another tool would leave them.
    let site = TestSite::fixture("basic");
    site.write(
        "static/extra.css",
        "body { background: url(missing-background.png); }\n",
    );
    site.write(
        "templates/partials/sharing.html",
        "<link rel=\"stylesheet\" href=\"{{ paths.root }}{{ assets[\"extra.css\"] }}\">",
    );
    build(&site, &["--base-url", PROJECT_URL]);
    let page = site.output().join("index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let planted = "<p>A <a href=\"#nowhere\">dead anchor</a>, a <a href=\"other.html\">missing page</a>, \
                   an <img src=\"pictures/gone.gif\" alt=\"image\"> and a \
                   <a href=\"index.html#also-nowhere\">cross-page anchor</a>.</p></main>";
    std::fs::write(&page, html.replacen("</main>", planted, 1)).unwrap();
    let server = Server::start(&site.output(), "/iraq-explainer/");
    let report = Crawler::new(&server, PROJECT_URL).start("", 200).run();
    let problems = report.problems.join("\n");
    for expected in [
        "no element has the id `nowhere`",
        "no element has the id `also-nowhere`",
        "/iraq-explainer/other.html answered 404",
        "/iraq-explainer/pictures/gone.gif answered 404",
        "/iraq-explainer/missing-background.png answered 404",
    ] {
        assert!(problems.contains(expected), "{expected} in:\n{problems}");
    }
    assert_eq!(report.problems.len(), 5, "{problems}");
}

#[test]
fn the_crawler_reads_stylesheet_references() {
    let css = "a{background:url( \"img/a.png\" )} @import 'print.css'; b{mask:url(m.svg)}";
    assert_eq!(css_references(css), ["img/a.png", "m.svg", "print.css"]);
}

#[test]
fn hosting_files_with_and_without_a_base_url() {
    let site = TestSite::fixture("basic");
    build(&site, &[]);
    let out = site.output();
    for file in [".nojekyll", "404.html", "timeline.json", "index.html"] {
        assert!(out.join(file).is_file(), "{file} is written");
    }
    // Files made of absolute addresses need the base URL.
    for file in ["sitemap.xml", "robots.txt", "atom.xml", "CNAME"] {
        assert!(!out.join(file).exists(), "{file} needs a base URL");
    }
    // The not-found page without a base URL: relative links, like the page, so it works opened
    // from disk and at the top of a site.
    let doc = html(&site.read_output("404.html"));
    for el in select(&doc, "[href], [src]") {
        let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
        assert!(!url.starts_with('/') && !url.contains("//"), "{url}");
    }
    assert_eq!(
        select(&doc, "main a")[0].value().attr("href"),
        Some("index.html")
    );

    build(&site, &["--base-url", PROJECT_URL]);
    assert_eq!(
        site.read_output("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.github.io/iraq-explainer/sitemap.xml\n"
    );
    let sitemap = site.read_output("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");
    let urlset = doc.root_element();
    assert_eq!(
        urlset.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let text = |name: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(text("loc"), PROJECT_URL);
    assert_eq!(text("lastmod"), "2021-12-10T09:00:00+00:00");
    let not_found = html(&site.read_output("404.html"));
    for el in select(&not_found, "[href], [src]") {
        let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
        assert!(
            url.starts_with("/iraq-explainer/") || url.starts_with('#'),
            "{url} must work at any depth"
        );
    }
}

#[test]
fn the_feed_carries_the_update_and_each_correction() {
    let site = TestSite::bundled();
    build(&site, &["--base-url", PROJECT_URL]);
    let xml = site.read_output("atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the feed is XML");
    let atom = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().namespace(), Some(atom));
    assert_eq!(feed.tag_name().name(), "feed");
    let child_text = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|n| n.has_tag_name((atom, name)))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    assert!(child_text(feed, "title").starts_with("The end of the US combat mission"));
    assert_eq!(
        child_text(feed, "id"),
        "tag:example.github.io,2021-07-27:/iraq-explainer/"
    );
    assert_eq!(child_text(feed, "updated"), "2022-01-04T09:00:00+00:00");
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name((atom, "entry")))
        .collect();
    let titles: Vec<String> = entries.iter().map(|e| child_text(*e, "title")).collect();
    // Newest first: the update, the four events after publication (the page's "Latest" box), the
    // correction, the publication.
    assert_eq!(
        titles[1..5],
        [
            "Deadline for the end of the US combat role",
            "Iraq announces the end of the coalition’s combat mission",
            "Iraq holds an early parliamentary election",
            "Last US military flight leaves Kabul",
        ],
        "{titles:?}"
    );
    assert_eq!(titles.len(), 7, "{titles:?}");
    assert!(titles[0].starts_with("Updated: "), "{titles:?}");
    assert_eq!(titles[5], "Correction, 28 July 2021");
    assert!(titles[6].starts_with("The end of the US combat mission"));
    let ids: std::collections::HashSet<String> =
        entries.iter().map(|e| child_text(*e, "id")).collect();
    assert_eq!(ids.len(), 7, "entry ids are unique");
    assert!(
        ids.iter()
            .all(|id| id.starts_with("tag:example.github.io,2021-07-27:"))
    );
    for entry in &entries {
        for field in ["updated", "published"] {
            let value = child_text(*entry, field);
            assert!(
                value.len() == 25 && value.as_bytes()[10] == b'T',
                "{field} {value} is an RFC 3339 date-time with offset"
            );
        }
        let content = child_text(*entry, "content");
        assert!(!content.contains("cite"), "no citation marks: {content}");
    }
    let correction = entries[5];
    let link = correction
        .children()
        .find(|n| n.has_tag_name((atom, "link")))
        .and_then(|n| n.attribute("href"))
        .unwrap();
    assert_eq!(link, format!("{PROJECT_URL}#correction-2021-07-28"));
    assert_eq!(
        child_text(correction, "updated"),
        "2021-07-28T00:00:00-04:00"
    );
    assert!(child_text(correction, "content").contains("was wrong"));

    let page = html(&site.read_output("index.html"));
    let feed_link = select(&page, "link[rel=alternate][type='application/atom+xml']");
    assert_eq!(
        feed_link[0].value().attr("href"),
        Some("/iraq-explainer/atom.xml")
    );
}

#[test]
fn timeline_json_follows_timelinejs() {
    let site = TestSite::bundled();
    build(&site, &["--base-url", PROJECT_URL]);
    let text = site.read_output("timeline.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("timeline.json parses");
    // The events are written out one by one and put into the document: the whole must read as one
    // pretty-printed document, as serde_json writes it.
    assert_eq!(text, serde_json::to_string_pretty(&json).unwrap());
    let page = html(&site.read_output("index.html"));
    let items = select(&page, "ol.timeline > li");
    let events = json["events"].as_array().expect("an events array");
    assert_eq!(events.len(), items.len());
    for (event, item) in events.iter().zip(&items) {
        assert_eq!(event["unique_id"], item.value().attr("id").unwrap());
        let datetime = item
            .select(&scraper::Selector::parse("h3 time").unwrap())
            .next()
            .unwrap()
            .value()
            .attr("datetime")
            .unwrap();
        let start = &event["start_date"];
        let mut parts = vec![format!("{:04}", start["year"].as_i64().unwrap())];
        for part in ["month", "day"] {
            if let Some(n) = start[part].as_i64() {
                parts.push(format!("{n:02}"));
            }
        }
        assert_eq!(parts.join("-"), datetime, "{event}");
        let headline = item
            .select(&scraper::Selector::parse(".event-headline").unwrap())
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        assert_eq!(event["text"]["headline"], headline.as_str());
        let text = event["text"]["text"].as_str().unwrap();
        assert!(
            !text.contains("class=\"cite\"") && !text.contains("#source-"),
            "citation marks are taken out: {text}"
        );
        assert!(
            text.contains("<a href=\"https://"),
            "sources follow: {text}"
        );
        assert!(event["group"].is_string(), "every bundled event has an era");
    }
    assert_eq!(
        events[0]["start_date"],
        serde_json::json!({"year": 2003, "month": 3, "day": 20})
    );
    let eras = json["eras"].as_array().unwrap();
    assert_eq!(eras.len(), 4);
    assert_eq!(eras[3]["text"]["headline"], "Since publication");
    assert!(
        eras.iter()
            .all(|e| e["start_date"]["year"].is_i64() && e["end_date"]["year"].is_i64())
    );
    assert!(
        json["title"]["text"]["headline"]
            .as_str()
            .unwrap()
            .starts_with("The end of the US combat mission")
    );
}

/// (A custom domain that is not a bare host name is an error case in tests/errors.rs.)
#[test]
fn a_custom_domain_that_is_not_the_base_url_s_host_is_a_warning() {
    let site = TestSite::fixture("basic");
    add_page_field(&site, "cname: explainers.example.com");
    let run = site.build(&["--base-url", PROJECT_URL]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: the custom domain is `explainers.example.com` but the page is built for `example.github.io`"
        ),
        "{}",
        run.stderr
    );
}

/// Issue 19, 3: a page that was updated lists, under its key points, what changed since
/// publication, newest first, each linking to its event or correction on the page; a page that was
/// not updated has no such box.
#[test]
fn an_updated_page_lists_what_changed_since_publication() {
    let site = TestSite::bundled();
    build(&site, &[]);
    let page = html(&site.read_output("index.html"));
    let items: Vec<String> = select(&page, ".latest li")
        .iter()
        .map(|li| li.text().collect::<String>())
        .collect();
    assert_eq!(
        items,
        [
            "31 December 2021: Deadline for the end of the US combat role",
            "9 December 2021: Iraq announces the end of the coalition’s combat mission",
            "10 October 2021: Iraq holds an early parliamentary election",
            "30 August 2021: Last US military flight leaves Kabul",
            "28 July 2021: a correction",
        ]
    );
    for link in select(&page, ".latest a") {
        let target = link.value().attr("href").unwrap().trim_start_matches('#');
        assert_eq!(
            select(&page, &format!("[id=\"{target}\"]")).len(),
            1,
            "#{target}"
        );
    }
    let title = select(&page, "#latest-title");
    assert!(
        title[0]
            .text()
            .collect::<String>()
            .starts_with("Latest 4 January 2022")
    );

    let page_file = site.root.join("content/_index.md");
    let text = std::fs::read_to_string(&page_file).unwrap();
    let not_updated: String = text
        .lines()
        .filter(|l| !l.starts_with("updated:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&page_file, not_updated).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!site.read_output("index.html").contains("class=\"latest"));
}
