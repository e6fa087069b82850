//! SVG drawings (a map, a chart): published as drawn, cleaned of anything that runs or fetches,
//! with the size their viewBox gives; a translation may show its own.

use crate::common::{TestSite, html, select};

/// A map drawn by hand, with what a drawing program or a careless copy leaves in: a script, a
/// handler, a link to another site, metadata; its labels in Arabic.
const MAP: &str = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 450\" onload=\"track()\">\r\n<title>خريطة العراق</title>\r\n<metadata>made by someone@example.com</metadata>\r\n<script>track()</script>\r\n<image href=\"https://tiles.example.com/iraq.png\" width=\"600\" height=\"450\"/>\r\n<path d=\"M10 10 L590 10 L590 440 Z\" fill=\"#e8e2d4\"/>\r\n<text x=\"300\" y=\"200\">بغداد</text>\r\n</svg>\r\n";

#[test]
fn a_drawing_is_published_cleaned_and_never_made_into_pixels() {
    let site = TestSite::fixture("basic");
    site.write("content/timeline/map.svg", MAP);
    std::fs::create_dir_all(site.root.join("static/charts")).unwrap();
    site.write(
        "static/charts/troops.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" viewBox=\"0 0 360 200\"><rect width=\"360\" height=\"200\" onclick=\"x()\"/></svg>",
    );
    site.write(
        "content/timeline/2021-12-09-later.md",
        "---\ndate: 2021-12-09\ntitle: Something later\nera: after\nsources: [wire-two]\nmedia:\n  src: map.svg\n  alt: \"A map of Iraq with Baghdad marked\"\n  credit: \"Map: Natural Earth\"\n---\nIt happened later.\n",
    );
    site.append(
        "content/what-happened.md",
        "![US troops in Iraq, 2020–21](/charts/troops.svg \"Troop levels\")\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = site.read_output("index.html");
    let doc = html(&page);

    let map = select(&doc, "li[id='2021-12-09-later'] figure.event-media img");
    assert_eq!(map.len(), 1);
    let attr = |name: &str| map[0].value().attr(name).unwrap_or_default().to_string();
    assert_eq!(
        (attr("width"), attr("height")),
        ("600".into(), "450".into())
    );
    assert_eq!(attr("alt"), "A map of Iraq with Baghdad marked");
    assert_eq!(attr("loading"), "lazy");
    let src = attr("src");
    assert!(
        src.starts_with("media/map-") && src.ends_with(".svg"),
        "{src}"
    );
    assert!(
        select(&doc, "li[id='2021-12-09-later'] picture").is_empty(),
        "a drawing is one file at every width"
    );
    let published = site.read_output(&src);
    for gone in [
        "script",
        "track",
        "onload",
        "metadata",
        "example.com",
        "<image",
        "\u{FEFF}",
    ] {
        assert!(!published.contains(gone), "{gone} is in {published}");
    }
    assert!(
        published.contains("<title>خريطة العراق</title>"),
        "{published}"
    );
    assert!(published.contains(">بغداد</text>"), "{published}");

    let chart = select(&doc, "figure.text-picture img");
    assert_eq!(chart.len(), 1);
    assert_eq!(chart[0].value().attr("width"), Some("720"));
    assert_eq!(chart[0].value().attr("height"), Some("400"));
    let chart_src = chart[0].value().attr("src").unwrap();
    assert!(!site.read_output(chart_src).contains("onclick"));
    assert!(
        !site.output().join("charts/troops.svg").exists(),
        "the drawing as written, handler and all, is not published"
    );
}

#[test]
fn a_broken_drawing_is_an_error_at_its_place() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n<g>\n<path d=\"M0 0\">\n</g>\n</svg>\n",
    );
    site.write(
        "content/sizeless.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0\"/></svg>",
    );
    // A web page saved under a drawing's name.
    site.write(
        "content/saved.svg",
        "<html><body><p>Map – Wikimedia Commons</p></body></html>",
    );
    site.append(
        "content/what-happened.md",
        "![A map](map.svg)\n\n![A chart](sizeless.svg)\n\n![A map](saved.svg)\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!("drawing-cannot-be-read", run.stderr);
}

#[test]
fn an_edition_shows_its_own_map_and_the_original_keeps_its_own() {
    let site = TestSite::fixture("basic").overlay("editions/arabic");
    let drawing = |label: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 300\"><text x=\"200\" y=\"150\">{label}</text></svg>"
        )
    };
    site.write("content/timeline/map.svg", &drawing("Baghdad"));
    site.write("content/timeline/map.ar.svg", &drawing("بغداد"));
    site.write(
        "content/timeline/2003-03-20-start.md",
        "---\ndate: 2003-03-20\ntitle: It starts\nera: before\nsources: [wire-one]\nmedia:\n  src: map.svg\n  alt: \"A map with Baghdad marked\"\n  credit: \"Map: Natural Earth\"\n---\nThe start.\n",
    );
    site.write(
        "content/timeline/2003-03-20-start.ar.md",
        "---\ntitle: البداية\nmedia:\n  src: map.ar.svg\n  alt: \"خريطة تظهر فيها بغداد\"\n---\nالبداية.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let map_of = |page: &str| {
        let doc = html(&site.read_output(page));
        let img = select(&doc, "li[id='2003-03-20-start'] figure.event-media img");
        assert_eq!(img.len(), 1, "{page}");
        let v = img[0].value();
        (
            v.attr("src").unwrap().to_string(),
            v.attr("alt").unwrap().to_string(),
        )
    };
    let (en_src, en_alt) = map_of("index.html");
    let (ar_src, ar_alt) = map_of("ar/index.html");
    assert_eq!(en_alt, "A map with Baghdad marked");
    assert_eq!(ar_alt, "خريطة تظهر فيها بغداد");
    assert!(site.read_output(&en_src).contains(">Baghdad<"), "{en_src}");
    let ar_file = ar_src.trim_start_matches("../");
    assert!(site.read_output(ar_file).contains(">بغداد<"), "{ar_src}");
}
