//! Editions (issue 14): an explainer in English with an Arabic translation beside each translated
//! file. The Arabic edition is built at `ar/` with its own 404 page, feed, timeline.json and social
//! card, shares every date, id and source with the original, and the two link each other both ways
//! (visible link, hreflang, Open Graph, JSON-LD); the whole site crawls clean under `/REPO/`.

use crate::common::crawl::Crawler;
use crate::common::http::Server;
use crate::common::{TestSite, html, select};
use crate::publish::{assert_clean, assert_thorough};

const URL: &str = "https://example.github.io/iraq-explainer/";

fn bilingual() -> TestSite {
    TestSite::fixture("basic").overlay("editions/arabic")
}

fn text(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn attr(doc: &scraper::Html, css: &str, name: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

#[test]
fn the_arabic_edition_is_built_at_ar_with_its_own_files() {
    let site = bilingual();
    let run = site.build(&["--base-url", URL]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for file in [
        "ar/index.html",
        "ar/404.html",
        "ar/atom.xml",
        "ar/timeline.json",
    ] {
        assert!(site.output().join(file).is_file(), "{file}");
    }
    let ar = html(&site.read_output("ar/index.html"));
    assert_eq!(attr(&ar, "html", "lang"), ["ar"]);
    assert_eq!(attr(&ar, "html", "dir"), ["rtl"]);
    assert_eq!(text(&ar, "h1"), ["شرح للاختبار: ما الذي تغيّر"]);
    assert_eq!(text(&ar, "#key-points-title"), ["أبرز النقاط"]);
    // Translated sections and events; the untranslated events keep the original's words, and every
    // date is the original's, written as Iraq writes it.
    assert!(
        text(&ar, "h2").contains(&"ماذا حدث".to_string()),
        "{:?}",
        text(&ar, "h2")
    );
    let events = text(&ar, ".event-title");
    assert!(
        events[0].contains("٢٠ آذار ٢٠٠٣") && events[0].contains("البداية"),
        "{events:?}"
    );
    assert!(events[1].contains("A month-only event"), "{events:?}");
    assert_eq!(text(&ar, ".era-label .era-name"), ["قبل", "منذ النشر"]);
    // The same sources, numbered the same, cited in Arabic digits.
    assert_eq!(
        attr(&ar, ".sources li", "id"),
        ["source-wire-one", "source-wire-two"]
    );
    assert!(
        site.read_output("ar/index.html")
            .contains("المصدر </span>١</a>")
    );
    // Its own card, drawn from the Arabic headline.
    let card = attr(&ar, "meta[property='og:image']", "content");
    assert!(
        card[0].starts_with(&format!("{URL}ar/social-card.")),
        "{card:?}"
    );
    let not_found = html(&site.read_output("ar/404.html"));
    assert_eq!(text(&not_found, "h1"), ["لا يوجد شيء في هذا العنوان"]);
    let feed = site.read_output("ar/atom.xml");
    assert!(feed.contains(&format!("href=\"{URL}ar/\"/>")), "{feed}");
    assert!(
        feed.contains("<subtitle>التحديثات والتصحيحات</subtitle>"),
        "{feed}"
    );
    let timeline = site.read_output("ar/timeline.json");
    assert!(timeline.contains("البداية"), "{timeline}");

    // The original is the English page it was.
    let en = html(&site.read_output("index.html"));
    assert_eq!(attr(&en, "html", "lang"), ["en"]);
    assert_eq!(text(&en, "h1"), ["A test explainer: what changed"]);
}

#[test]
fn the_editions_link_each_other_both_ways() {
    let site = bilingual();
    let run = site.build(&["--base-url", URL]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let en = html(&site.read_output("index.html"));
    let ar = html(&site.read_output("ar/index.html"));
    let ar_url = format!("{URL}ar/");
    for doc in [&en, &ar] {
        assert_eq!(
            attr(doc, "link[rel=alternate][hreflang]", "href"),
            [URL, ar_url.as_str(), URL],
            "en, ar and x-default"
        );
        assert_eq!(
            attr(doc, "link[rel=alternate][hreflang]", "hreflang"),
            ["en", "ar", "x-default"]
        );
    }
    assert_eq!(attr(&en, ".editions a", "href"), ["/iraq-explainer/ar/"]);
    assert_eq!(text(&en, ".editions a"), ["العربية"]);
    assert_eq!(attr(&ar, ".editions a", "href"), ["/iraq-explainer/"]);
    assert_eq!(text(&ar, ".editions a"), ["English"]);
    assert_eq!(
        attr(&en, "meta[property='og:locale:alternate']", "content"),
        ["ar_IQ"]
    );
    assert_eq!(
        attr(&ar, "meta[property='og:locale']", "content"),
        ["ar_IQ"]
    );
    let json_ld = |doc: &scraper::Html| -> serde_json::Value {
        let script = select(doc, "script[type='application/ld+json']")[0]
            .text()
            .collect::<String>();
        serde_json::from_str(&script).unwrap()
    };
    assert_eq!(json_ld(&en)["workTranslation"][0]["@id"], ar_url.as_str());
    assert_eq!(json_ld(&ar)["translationOfWork"]["@id"], URL);
    assert_eq!(json_ld(&ar)["inLanguage"], "ar");

    // Without a base URL the links are relative and work from disk.
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let en = html(&site.read_output("index.html"));
    let ar = html(&site.read_output("ar/index.html"));
    assert_eq!(attr(&en, ".editions a", "href"), ["ar/index.html"]);
    assert_eq!(attr(&ar, ".editions a", "href"), ["../index.html"]);
    let style = attr(&ar, "link[rel=stylesheet]", "href");
    let style = style[0]
        .strip_prefix("../")
        .expect("the shared stylesheet, one folder up");
    assert!(site.output().join(style).is_file(), "{style}");
}

#[test]
fn both_editions_crawl_clean_under_the_sub_path() {
    let site = bilingual();
    let run = site.build(&["--base-url", URL]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let server = Server::start(&site.output(), "/iraq-explainer/");
    let report = Crawler::new(&server, URL)
        .start("", 200)
        .start("ar/", 200)
        .start("ar/atom.xml", 200)
        .start("ar/timeline.json", 200)
        .start("no/such/page", 404)
        .run();
    assert_clean(&report);
    let fetched: Vec<&str> = report.fetched.iter().map(|(p, _, _)| p.as_str()).collect();
    assert!(fetched.contains(&"/iraq-explainer/ar/"), "{fetched:?}");
    assert!(
        fetched
            .iter()
            .any(|p| p.starts_with("/iraq-explainer/ar/social-card.")),
        "{fetched:?}"
    );
    let _ = assert_thorough;
}

/// `explainer translate --mark-done` records what the original says; when the original changes,
/// `check` says what changed, at the record, until the translation is marked again (issue 14, 6).
#[test]
fn check_says_when_the_english_changed_since_a_translation() {
    let site = bilingual();
    let run = crate::common::explainer(
        &["translate", "--mark-done", "content/what-happened.ar.md"],
        &site.root,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Marked content/what-happened.ar.md as translated"),
        "{}",
        run.stdout
    );
    let translation =
        std::fs::read_to_string(site.root.join("content/what-happened.ar.md")).unwrap();
    assert!(
        translation.contains("\ntranslated_from: {title: "),
        "{translation}"
    );
    assert!(!site.check(&[]).stderr.contains("changed since"));

    let original = site.root.join("content/what-happened.md");
    let text = std::fs::read_to_string(&original).unwrap();
    std::fs::write(
        &original,
        text.replace("It happened on a Monday", "It happened on a Tuesday"),
    )
    .unwrap();
    let check = site.check(&[]);
    assert_eq!(check.code, Some(0), "a warning: {}", check.stderr);
    let line = translation
        .lines()
        .position(|l| l.starts_with("translated_from:"))
        .unwrap()
        + 1;
    let expected = format!(
        "content/what-happened.ar.md:{line}:1: warning: the English changed since this was translated: `text` in content/what-happened.md"
    );
    assert!(
        check.stderr.contains(&expected),
        "{expected} in:\n{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("explainer translate --mark-done content/what-happened.ar.md")
    );

    let again = crate::common::explainer(
        &["translate", "--mark-done", "content/what-happened.ar.md"],
        &site.root,
    );
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    let marked = std::fs::read_to_string(site.root.join("content/what-happened.ar.md")).unwrap();
    assert_eq!(
        marked.matches("translated_from:").count(),
        1,
        "the record is replaced"
    );
    assert!(!site.check(&[]).stderr.contains("changed since"));

    let refused = crate::common::explainer(
        &["translate", "--mark-done", "content/what-happened.md"],
        &site.root,
    );
    assert_eq!(refused.code, Some(1));
    assert!(
        refused
            .stderr
            .contains("error: this is not a translation explainer reads")
    );
}

/// The sitemap lists both editions, each naming every edition as its alternate and the original as
/// `x-default` (what zola #2835 asks for).
#[test]
fn the_sitemap_lists_each_edition_with_its_alternates() {
    let site = bilingual();
    let run = site.build(&["--base-url", URL]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let xml = site.read_output("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let xhtml = "http://www.w3.org/1999/xhtml";
    let urls: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let locs: Vec<&str> = urls
        .iter()
        .map(|u| {
            u.children()
                .find(|c| c.has_tag_name("loc"))
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    let ar_url = format!("{URL}ar/");
    assert_eq!(locs, [URL, ar_url.as_str()]);
    for url in urls {
        let alternates: Vec<(&str, &str)> = url
            .children()
            .filter(|c| c.has_tag_name((xhtml, "link")))
            .map(|c| {
                (
                    c.attribute("hreflang").unwrap(),
                    c.attribute("href").unwrap(),
                )
            })
            .collect();
        assert_eq!(
            alternates,
            [("en", URL), ("ar", ar_url.as_str()), ("x-default", URL)]
        );
    }
}

/// GitHub Pages shows the site's one 404.html for a missing address in any edition: it tells each
/// edition's readers in their own words where their page is.
#[test]
fn the_not_found_page_speaks_to_every_edition() {
    let site = bilingual();
    let run = site.build(&["--base-url", URL]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = html(&site.read_output("404.html"));
    assert_eq!(attr(&page, ".not-found-edition", "lang"), ["ar"]);
    assert_eq!(attr(&page, ".not-found-edition", "dir"), ["rtl"]);
    assert_eq!(
        text(&page, ".not-found-edition .label"),
        ["الصفحة غير موجودة"]
    );
    assert_eq!(
        attr(&page, ".not-found-edition a", "href"),
        ["/iraq-explainer/ar/"]
    );
}

#[test]
fn an_events_group_and_media_words_are_translated_and_its_file_shared() {
    let site = bilingual();
    site.write(
        "content/timeline/2003-03-20-start.md",
        "---\ndate: 2003-03-20\ntime: \"05:30\"\ntitle: It starts\nera: before\ngroup: Fighting\nsources: [wire-one]\nmedia:\n  src: https://example.org/photo.jpg\n  alt: Smoke over the city\n  caption: Baghdad at dawn\n  credit: Wire One\n---\nThe start.\n",
    );
    site.write(
        "content/timeline/2003-03-20-start.ar.md",
        "---\ntitle: البداية\ngroup: القتال\nmedia:\n  caption: بغداد عند الفجر\n---\nالبداية.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let english = html(&site.read_output("index.html"));
    let arabic = html(&site.read_output("ar/index.html"));
    assert_eq!(text(&english, ".event-group"), ["Fighting"]);
    assert_eq!(text(&arabic, ".event-group"), ["القتال"]);
    assert!(
        text(&arabic, ".event-media")[0].starts_with("بغداد عند الفجر، Wire One"),
        "{:?}",
        text(&arabic, ".event-media")
    );
    assert_eq!(
        attr(&arabic, ".event-media a", "href"),
        ["https://example.org/photo.jpg"],
        "the file is the original's"
    );
    // The time of day, as each edition's readers write it.
    assert_eq!(
        text(&english, ".event-title time")[0],
        "20 March 2003 at 5:30\u{202f}am"
    );
    assert_eq!(
        text(&arabic, ".event-title time")[0],
        "٢٠ آذار ٢٠٠٣ في ٥:٣٠ ص"
    );
}

/// A translation that gives part of a list, or no text, or no file at all, drops nothing (issue 30,
/// 3): the Arabic page shows the original's other items after the translated ones, and every part in
/// English says so with `lang="en" dir="ltr"`, so that a screen reader reads it in English. The
/// warning says exactly that.
#[test]
fn what_a_translation_does_not_give_is_shown_from_the_original_marked_english() {
    let site = bilingual();
    // One key point of three; the section's fields but not its text; the middle event untranslated
    // (the fixture translates only the first).
    let index = site.root.join("content/_index.ar.md");
    let written = std::fs::read_to_string(&index).unwrap().replace(
        "  - \"النقطة الثانية [@wire-two].\"\n  - \"النقطة الثالثة.\"\n",
        "",
    );
    std::fs::write(&index, written).unwrap();
    let section = site.root.join("content/what-happened.ar.md");
    let written = std::fs::read_to_string(&section).unwrap();
    let fields_end = 4 + written[4..].find("---\n").unwrap() + 4;
    let fields_only = &written[..fields_end];
    std::fs::write(&section, fields_only).unwrap();

    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/_index.ar.md:7:1: warning: `key_points` has 1 of the 3 in content/_index.md: \
             the edition shows the other 2 as written there, marked as `en`"
        ) && run.stderr.contains(
            "content/what-happened.ar.md: warning: this translation has no text below its fields: \
             the edition shows the text of content/what-happened.md as written there, marked as `en`"
        ),
        "{}",
        run.stderr
    );
    let page = html(&site.read_output("ar/index.html"));
    let points = text(&page, ".key-points li");
    assert_eq!(points.len(), 3, "{points:?}");
    assert!(points[0].starts_with("النقطة الأولى"), "{points:?}");
    let marked = text(&page, ".key-points li > span[lang='en'][dir='ltr']");
    assert_eq!(marked.len(), 2, "the two English points are marked");
    assert!(marked[0].starts_with("The second point"), "{marked:?}");
    assert!(marked[1].starts_with("The third point"), "{marked:?}");
    // The section's title is Arabic; its text is the original's, marked.
    let body = text(&page, "#what-happened div[lang='en'][dir='ltr']");
    assert_eq!(body.len(), 1, "the English text is marked once");
    assert!(body[0].contains("It happened"), "{body:?}");
    assert!(
        select(&page, "#what-happened[lang]").is_empty(),
        "the section itself is Arabic"
    );
    // The untranslated event, whole; the translated one is not marked.
    assert_eq!(attr(&page, "[id='2017-07-middle']", "lang"), ["en"]);
    assert_eq!(attr(&page, "[id='2017-07-middle']", "dir"), ["ltr"]);
    assert!(attr(&page, "[id='2003-03-20-start']", "lang").is_empty());
    // Nothing is marked on the English page.
    let original = html(&site.read_output("index.html"));
    assert!(
        select(&original, "body [dir='ltr']").is_empty(),
        "the original is not marked"
    );
}

/// A picture's description and caption are parts of a translation (issue 30, 3): left in English they
/// are reported, `--mark-done` does not record them as done, and once translated the warning goes
/// and marking records them.
#[test]
fn a_pictures_words_left_in_english_are_reported_and_not_marked_done() {
    let site = bilingual();
    site.write(
        "content/timeline/2003-03-20-start.md",
        "---\ndate: 2003-03-20\ntitle: It starts\nera: before\nsources: [wire-one]\nmedia:\n  src: https://example.org/photo.jpg\n  alt: Smoke over the city — at 05:30\n  caption: Baghdad at dawn\n---\nThe start.\n",
    );
    let translation = "content/timeline/2003-03-20-start.ar.md";
    site.write(
        translation,
        "---\r\ntitle: البداية\r\nmedia:\r\n  caption: بغداد عند الفجر\r\n---\r\nالبداية.\r\n",
    );
    let mark = || {
        let run = crate::common::explainer(&["translate", "--mark-done", translation], &site.root);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        std::fs::read_to_string(site.root.join(translation)).unwrap()
    };
    let warning = "content/timeline/2003-03-20-start.ar.md: warning: `media` is not translated here: \
                   the edition shows its picture's `alt` as written in content/timeline/2003-03-20-start.md";
    let check = site.check(&[]);
    assert!(check.stderr.contains(warning), "{}", check.stderr);
    let marked = mark();
    assert!(marked.contains("translated_from: {title: "), "{marked}");
    assert!(
        !marked.contains("media: "),
        "the picture is not done: {marked}"
    );
    let check = site.check(&[]);
    assert!(
        check.stderr.contains(warning),
        "still reported: {}",
        check.stderr
    );
    assert!(!check.stderr.contains("changed since"), "{}", check.stderr);

    site.write(translation, "---\r\ntitle: البداية\r\nmedia:\r\n  alt: دخان فوق المدينة\r\n  caption: بغداد عند الفجر\r\n---\r\nالبداية.\r\n");
    let check = site.check(&[]);
    assert!(
        !check.stderr.contains("is not translated here"),
        "{}",
        check.stderr
    );
    let marked = mark();
    assert!(marked.contains(", media: "), "{marked}");
}
