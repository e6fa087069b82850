//! Sharing metadata agrees with the visible page: the JSON-LD `NewsArticle`, Open Graph and the
//! Twitter card carry the same headline, dates and corrections as the HTML, and the social image
//! exists at the size they advertise.

use crate::common::{TestSite, html, select};
use serde_json::Value;

const BASE_URL: &str = "https://example.github.io/iraq-explainer/";

fn build(site: &TestSite, args: &[&str]) -> scraper::Html {
    let run = site.build(args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // The fixture's Arabic edition leaves two events untranslated: warnings, and nothing else.
    assert!(!run.stderr.contains("error"), "no errors: {}", run.stderr);
    html(&site.read_output("index.html"))
}

fn json_ld(doc: &scraper::Html) -> Value {
    let scripts = select(doc, "script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1, "exactly one JSON-LD block");
    let text: String = scripts[0].text().collect();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("the JSON-LD parses: {e}\n{text}"))
}

/// `<meta property=...>` or `<meta name=...>` content; exactly one such tag.
fn meta(doc: &scraper::Html, key: &str) -> String {
    let found = select(doc, &format!("meta[property='{key}'], meta[name='{key}']"));
    assert_eq!(found.len(), 1, "one {key}");
    found[0]
        .value()
        .attr("content")
        .unwrap_or_default()
        .to_string()
}

fn text(el: &scraper::ElementRef) -> String {
    el.text().collect::<String>()
}

/// Width and height from a PNG's IHDR chunk, read by hand from the bytes.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR", "the header chunk comes first");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

fn has_offset(iso: &str) -> bool {
    let zone = &iso[iso.len().saturating_sub(6)..];
    iso.contains('T')
        && (zone.starts_with('+') || zone.starts_with('-'))
        && zone.as_bytes()[3] == b':'
}

#[test]
fn json_ld_is_a_news_article_that_agrees_with_the_page() {
    let site = TestSite::bundled();
    let doc = build(&site, &["--base-url", BASE_URL]);
    let article = json_ld(&doc);
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["@type"], "NewsArticle");

    // Dates: the visible <time> values, the JSON-LD and Open Graph are one and the same.
    let times = select(&doc, ".dates time[datetime]");
    assert_eq!(times.len(), 2, "published and updated");
    let published = times[0].value().attr("datetime").unwrap();
    let updated = times[1].value().attr("datetime").unwrap();
    assert_eq!(published, "2021-07-27T09:00:00-04:00");
    assert_eq!(article["datePublished"], published);
    assert_eq!(article["dateModified"], updated);
    assert_eq!(meta(&doc, "article:published_time"), published);
    assert_eq!(meta(&doc, "article:modified_time"), updated);
    assert!(has_offset(published) && has_offset(updated));
    assert!(updated > published);

    // The headline is the visible h1; the byline's names are the authors.
    let h1 = text(&select(&doc, "h1")[0]);
    assert_eq!(article["headline"], h1.as_str());
    assert_eq!(meta(&doc, "og:title"), h1);
    let byline: Vec<String> = select(&doc, ".byline .author, .byline a")
        .iter()
        .map(text)
        .collect();
    let authors: Vec<&str> = article["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert_eq!(a["@type"], "Person");
            a["name"].as_str().unwrap()
        })
        .collect();
    assert_eq!(authors, byline);
    assert_eq!(article["publisher"]["@type"], "Organization");
    assert_eq!(article["publisher"]["name"], "Explainer Desk");
    assert_eq!(article["dateline"], "WASHINGTON");

    // One canonical address everywhere.
    let canonical = select(&doc, "link[rel=canonical]")[0]
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(canonical, BASE_URL);
    assert_eq!(article["mainEntityOfPage"]["@id"], canonical);
    assert_eq!(article["url"], canonical);
    assert_eq!(meta(&doc, "og:url"), canonical);

    // The correction is the visible one, in plain words, with its date.
    let visible = select(&doc, "#corrections li");
    let corrections = article["correction"].as_array().unwrap();
    assert_eq!(corrections.len(), visible.len());
    for (correction, li) in corrections.iter().zip(&visible) {
        assert_eq!(correction["@type"], "CorrectionComment");
        let time = li
            .select(&scraper::Selector::parse("time").unwrap())
            .next()
            .unwrap();
        assert_eq!(
            correction["datePublished"],
            time.value().attr("datetime").unwrap()
        );
        // The visible text without its date and citation marks.
        let mut words = String::new();
        for node in li.descendants() {
            let in_cite_or_time = node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    e.name() == "time"
                        || e.has_class("cite", scraper::CaseSensitivity::CaseSensitive)
                })
            });
            if let Some(t) = node.value().as_text()
                && !in_cite_or_time
            {
                words.push_str(t);
            }
        }
        let words = words
            .trim_start_matches(": ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(correction["text"], words.as_str());
    }
}

#[test]
fn open_graph_and_twitter_cards_are_complete() {
    let site = TestSite::bundled();
    let doc = build(&site, &["--base-url", BASE_URL]);
    assert_eq!(meta(&doc, "og:type"), "article");
    assert_eq!(meta(&doc, "og:site_name"), "Explainer Desk");
    assert_eq!(meta(&doc, "og:locale"), "en_US");
    let description = select(&doc, "meta[name=description]")[0]
        .value()
        .attr("content")
        .unwrap();
    assert_eq!(meta(&doc, "og:description"), description);
    assert_eq!(meta(&doc, "twitter:card"), "summary_large_image");
    let twitter_title = meta(&doc, "twitter:title");
    assert!(twitter_title.chars().count() <= 70, "{twitter_title}");
    assert_eq!(twitter_title, "The end of the US combat mission in Iraq");
    assert!(meta(&doc, "twitter:description").chars().count() <= 200);
    assert_eq!(meta(&doc, "twitter:image"), meta(&doc, "og:image"));
    assert_eq!(meta(&doc, "twitter:image:alt"), meta(&doc, "og:image:alt"));
    assert!(meta(&doc, "og:image:alt").contains("combat mission"));
}

#[test]
fn the_social_images_exist_at_their_advertised_sizes() {
    let site = TestSite::bundled();
    let doc = build(&site, &["--base-url", BASE_URL]);
    let file_of = |url: &str| {
        let file = url
            .strip_prefix(BASE_URL)
            .unwrap_or_else(|| panic!("{url} is an absolute address under the base URL"));
        std::fs::read(site.output().join(file)).expect("the image is in the output")
    };

    // The card Open Graph and Twitter show.
    let url = meta(&doc, "og:image");
    let width: u32 = meta(&doc, "og:image:width").parse().unwrap();
    let height: u32 = meta(&doc, "og:image:height").parse().unwrap();
    assert_eq!((width, height), (1200, 630));
    assert_eq!(meta(&doc, "og:image:type"), "image/png");
    let bytes = file_of(&url);
    assert_eq!(png_size(&bytes), (width, height));
    assert!(bytes.len() < 300 * 1024, "{} bytes", bytes.len());

    // The shapes the JSON-LD offers search engines: 16:9, 4:3 and 1:1, each over 50,000 pixels.
    let article = json_ld(&doc);
    let images = article["image"].as_array().expect("an image list");
    let mut ratios = Vec::new();
    for image in images {
        assert_eq!(image["@type"], "ImageObject");
        let (w, h) = (
            image["width"].as_u64().unwrap() as u32,
            image["height"].as_u64().unwrap() as u32,
        );
        assert_eq!(png_size(&file_of(image["url"].as_str().unwrap())), (w, h));
        assert!(w * h >= 50_000);
        ratios.push(format!("{:.3}", f64::from(w) / f64::from(h)));
    }
    assert_eq!(ratios, ["1.778", "1.333", "1.000"]);
}

#[test]
fn a_page_can_bring_its_own_image() {
    let site = TestSite::fixture("basic");
    let card =
        std::fs::read(crate::common::repo_root().join("docs/screenshots/desktop.png")).unwrap();
    std::fs::create_dir_all(site.root.join("static/cards")).unwrap();
    std::fs::write(site.root.join("static/cards/own.png"), &card).unwrap();
    let index = std::fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    site.write(
        "content/_index.md",
        &index.replacen(
            "---\n",
            "---\nimage: cards/own.png\nimage_alt: The explainer's first screen\n",
            1,
        ),
    );
    let doc = build(&site, &["--base-url", BASE_URL]);
    assert_eq!(meta(&doc, "og:image"), format!("{BASE_URL}cards/own.png"));
    let (width, height) = png_size(&card);
    assert_eq!(meta(&doc, "og:image:width"), width.to_string());
    assert_eq!(meta(&doc, "og:image:height"), height.to_string());
    assert_eq!(meta(&doc, "og:image:alt"), "The explainer's first screen");
    assert_eq!(
        json_ld(&doc)["image"][0]["url"],
        format!("{BASE_URL}cards/own.png")
    );
    let drawn = std::fs::read_dir(site.output())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().starts_with("social-card"));
    assert!(!drawn, "no card is drawn when the page has its own");
}

#[test]
fn json_ld_cannot_be_broken_out_of() {
    let site = TestSite::fixture("basic");
    let index = std::fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    let hostile = "Tom & Jerry </script><script>alert(1)</script> <!-- end";
    site.write(
        "content/_index.md",
        &index.replacen(
            "title: \"A test explainer: what changed\"",
            &format!("title: \"{hostile}\""),
            1,
        ),
    );
    let doc = build(&site, &["--base-url", BASE_URL]);
    let page = site.read_output("index.html");
    assert_eq!(
        select(&doc, "script").len(),
        1,
        "the title opened no script of its own"
    );
    let article = json_ld(&doc);
    let h1 = select(&doc, "h1")[0].text().collect::<String>();
    assert_eq!(h1, "Tom & Jerry </script><script>alert(1)</script> <!– end");
    assert_eq!(article["headline"], h1.as_str());
    assert!(
        page.contains("\\u003c/script\\u003e"),
        "`<` is escaped in the JSON"
    );
}

#[test]
fn without_a_base_url_nothing_claims_an_address() {
    let site = TestSite::fixture("basic");
    let doc = build(&site, &[]);
    let article = json_ld(&doc);
    assert_eq!(article["@type"], "NewsArticle");
    for key in ["url", "mainEntityOfPage", "image"] {
        assert!(article.get(key).is_none(), "{key} needs a base URL");
    }
    for key in ["og:url", "og:image", "twitter:image"] {
        assert!(
            select(&doc, &format!("meta[property='{key}'], meta[name='{key}']")).is_empty(),
            "{key} needs a base URL"
        );
    }
    assert_eq!(
        meta(&doc, "article:published_time"),
        "2021-07-27T09:00:00-04:00"
    );
    let drawn = std::fs::read_dir(site.output())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().starts_with("social-card"));
    assert!(!drawn, "no card is drawn when nothing can link to it");
}

/// A page whose lead picture is a photo is shared with it (its widest file), described by its alt
/// text, in both editions; the bundled page, whose lead is a drawn map, keeps the drawn card (see
/// above).
#[test]
fn a_lead_photo_is_what_the_page_is_shared_with() {
    let site = TestSite::fixture("basic").overlay("editions/arabic");
    std::fs::write(
        site.root.join("content/lead.jpg"),
        crate::photos::small_photo(2000, 1125),
    )
    .unwrap();
    site.add_lead(&[
        "src: lead.jpg",
        r#"alt: "Iraqi and US officers at a table in Baghdad""#,
        r#"credit: "Photo: Test Desk""#,
    ]);
    let doc = build(&site, &["--base-url", BASE_URL]);
    let url = meta(&doc, "og:image");
    assert!(
        url.starts_with(&format!("{BASE_URL}media/lead-")) && url.ends_with("-1600.jpg"),
        "{url}"
    );
    assert_eq!(meta(&doc, "og:image:type"), "image/jpeg");
    assert_eq!(
        (meta(&doc, "og:image:width"), meta(&doc, "og:image:height")),
        ("1600".to_string(), "900".to_string())
    );
    assert_eq!(
        meta(&doc, "og:image:alt"),
        "Iraqi and US officers at a table in Baghdad"
    );
    let file = url.strip_prefix(BASE_URL).unwrap();
    let decoded =
        image::load_from_memory(&std::fs::read(site.output().join(file)).unwrap()).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1600, 900));

    // The Arabic edition shares the same photo, at the same address (no `ar/../` in it: not every
    // site that reads the tags resolves one).
    let ar = html(&site.read_output("ar/index.html"));
    assert_eq!(meta(&ar, "og:image"), url);
}
