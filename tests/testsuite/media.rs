//! Photos made at build time: a newsroom photo (4000×3000 JPEG, taken on its side, with a GPS
//! position in its EXIF) becomes a `<picture>` of small files in WebP and JPEG, upright, with no
//! metadata left, and a rebuild makes nothing again.

use crate::common::{TestSite, html, select};
use crate::photos::{newsroom_photo, small_photo};

fn site_with_photo() -> TestSite {
    let site = TestSite::fixture("basic");
    std::fs::create_dir_all(site.root.join("content/photos")).unwrap();
    std::fs::write(
        site.root.join("content/photos/convoy.jpg"),
        newsroom_photo(0),
    )
    .unwrap();
    site.append(
        "content/what-happened.md",
        "![US armoured vehicles in a line on a desert road at dusk](photos/convoy.jpg \"The last convoy, 18 December 2011\")\n",
    );
    site
}

/// The page's references to files under `media/`, with each one's `w` width.
fn media_references(page: &str) -> Vec<(String, u32)> {
    let doc = html(page);
    let mut found = Vec::new();
    for el in select(&doc, "picture source, picture img") {
        for candidate in el.value().attr("srcset").unwrap_or_default().split(", ") {
            let (path, width) = candidate.rsplit_once(' ').unwrap();
            found.push((
                path.to_string(),
                width.trim_end_matches('w').parse().unwrap(),
            ));
        }
    }
    found
}

#[test]
fn a_newsroom_photo_becomes_a_small_upright_picture_without_its_metadata() {
    let site = site_with_photo();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("; 1 picture made, 0 from the cache"),
        "{}",
        run.stdout
    );
    let page = site.read_output("index.html");
    let doc = html(&page);
    let figure = select(&doc, "figure.text-picture");
    assert_eq!(
        figure.len(),
        1,
        "a photo alone in its paragraph is a figure"
    );
    let caption: String = select(&doc, "figure.text-picture figcaption")[0]
        .text()
        .collect();
    assert_eq!(caption, "The last convoy, 18 December 2011");
    let webp = select(
        &doc,
        "figure.text-picture picture source[type='image/webp']",
    );
    assert_eq!(webp.len(), 1);
    let img = &select(&doc, "figure.text-picture picture img")[0];
    let attr = |name: &str| img.value().attr(name).unwrap_or_default().to_string();
    assert_eq!(
        attr("alt"),
        "US armoured vehicles in a line on a desert road at dusk"
    );
    // Turned upright: the 4000×3000 source taken on its side is 3000×4000, offered up to 1600 wide.
    assert_eq!(
        (attr("width"), attr("height")),
        ("1600".into(), "2133".into())
    );
    assert_eq!(attr("loading"), "lazy");
    let references = media_references(&page);
    let widths: Vec<u32> = references
        .iter()
        .filter(|(p, _)| p.ends_with(".webp"))
        .map(|(_, w)| *w)
        .collect();
    assert_eq!(widths, vec![320, 480, 640, 960, 1280, 1600]);

    // No file the page refers to is over 250 KB, and none keeps EXIF (so no GPS position).
    for (path, _) in &references {
        let bytes = std::fs::read(site.output().join(path)).unwrap();
        assert!(bytes.len() < 250 * 1024, "{path} is {} bytes", bytes.len());
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif" || w == b"EXIF"),
            "{path} keeps EXIF metadata"
        );
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert!(decoded.height() > decoded.width(), "{path} is not upright");
    }
    // The source photo is not published.
    assert!(!site.output().join("photos/convoy.jpg").exists());

    // A second build makes nothing: every picture comes from the cache.
    let again = site.build(&[]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert!(
        again.stdout.contains("; 0 pictures made, 1 from the cache"),
        "{}",
        again.stdout
    );
    assert_eq!(site.read_output("index.html"), page);

    // A changed photo is made again, under new names.
    std::fs::write(
        site.root.join("content/photos/convoy.jpg"),
        newsroom_photo(1),
    )
    .unwrap();
    let changed = site.build(&[]);
    assert!(
        changed
            .stdout
            .contains("; 1 picture made, 0 from the cache"),
        "{}",
        changed.stdout
    );
    assert_ne!(
        media_references(&site.read_output("index.html")),
        references
    );

    // Built from the output before last (the spare, which holds the first photo's files), the
    // output is exactly what a build into an empty folder makes: no file of the first photo is left.
    let fresh = tempfile::tempdir().unwrap();
    let out = fresh.path().join("public");
    let run = site.build(&["--output", out.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let files = |dir: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut found: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        found.sort();
        found
    };
    assert!(site.root.join(".explainer-spare-public").is_dir());
    assert_eq!(
        files(&site.output())
            .iter()
            .map(|f| &f.0)
            .collect::<Vec<_>>(),
        files(&out).iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(files(&site.output()) == files(&out), "the same bytes");
    // Two builds more: the second starts from a spare that already holds every picture, keeps them
    // and writes only the rest.
    for _ in 0..2 {
        assert_eq!(site.build(&[]).code, Some(0));
    }
    assert!(files(&site.output()) == files(&out), "the same bytes");
}

#[test]
fn a_missing_photo_is_an_error_at_its_place() {
    let site = TestSite::fixture("basic");
    let text = site.append(
        "content/what-happened.md",
        "“Convoy” — ![A convoy](photos/convoi.jpg)\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let line = text.lines().count() + 2;
    assert!(
        run.stderr.contains(&format!(
            "content/what-happened.md:{line}:24: error: the image `photos/convoi.jpg` is not in this explainer"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn the_lead_photo_loads_first_and_an_events_photo_when_scrolled_to() {
    let site = TestSite::fixture("basic");
    std::fs::write(site.root.join("content/lead.jpg"), small_photo(1200, 675)).unwrap();
    std::fs::write(
        site.root.join("content/timeline/ceremony.jpg"),
        small_photo(900, 600),
    )
    .unwrap();
    site.add_lead(&[
        "src: lead.jpg",
        r#"alt: "Soldiers fold a flag at a ceremony in Baghdad""#,
        r#"caption: "The ceremony in Baghdad""#,
        r#"credit: "Photo: Test Desk""#,
    ]);
    site.write(
        "content/timeline/2021-12-09-later.md",
        "---\ndate: 2021-12-09\ntitle: Something later\nera: after\nsources: [wire-two]\nmedia:\n  src: ceremony.jpg\n  alt: \"Officers at a table\"\n  credit: \"Photo: Test Desk\"\n---\nIt happened later.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("; 2 pictures made"), "{}", run.stdout);
    let page = site.read_output("index.html");
    let doc = html(&page);

    let lead = select(&doc, "header figure.lead picture img");
    assert_eq!(lead.len(), 1, "the lead photo is under the headline");
    let attr = |el: &scraper::ElementRef, name: &str| el.value().attr(name).map(str::to_string);
    assert_eq!(attr(&lead[0], "fetchpriority").as_deref(), Some("high"));
    assert_eq!(
        attr(&lead[0], "loading"),
        None,
        "the lead photo is not lazy"
    );
    assert_eq!(
        (attr(&lead[0], "width"), attr(&lead[0], "height")),
        (Some("1200".into()), Some("675".into()))
    );
    let caption: String = select(&doc, "figure.lead figcaption")[0].text().collect();
    assert_eq!(caption, "The ceremony in Baghdad Photo: Test Desk");

    let event = select(
        &doc,
        "li[id='2021-12-09-later'] figure.event-media picture img",
    );
    assert_eq!(event.len(), 1);
    assert_eq!(attr(&event[0], "loading").as_deref(), Some("lazy"));
    assert_eq!(
        attr(&event[0], "alt").as_deref(),
        Some("Officers at a table")
    );
    let widths: Vec<String> = select(&doc, "li[id='2021-12-09-later'] picture source")[0]
        .value()
        .attr("srcset")
        .unwrap()
        .split(", ")
        .map(|c| c.rsplit_once(' ').unwrap().1.to_string())
        .collect();
    assert_eq!(widths, ["320w", "480w", "640w", "900w"], "never enlarged");

    assert!(
        page.contains("src=\"media/lead-"),
        "files are linked relative to the page"
    );

    // The TimelineJS export carries the event's photo, its credit and its description.
    let json: serde_json::Value = serde_json::from_str(&site.read_output("timeline.json")).unwrap();
    let media = &json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["unique_id"] == "2021-12-09-later")
        .unwrap()["media"];
    let url = media["url"].as_str().unwrap();
    assert!(
        url.starts_with("media/ceremony-") && url.ends_with("-900.jpg"),
        "{url}"
    );
    assert!(site.output().join(url).is_file());
    assert_eq!(media["credit"], "Photo: Test Desk");
    assert_eq!(media["alt"], "Officers at a table");
    assert!(media["thumbnail"].as_str().unwrap().ends_with("-320.webp"));
}

#[test]
fn a_picture_on_another_site_is_refused() {
    let site = TestSite::fixture("basic");
    let text = site.append(
        "content/what-happened.md",
        "![A convoy](https://images.example.com/convoy.jpg)\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1));
    let line = text.lines().count() + 2;
    assert!(
        run.stderr.contains(&format!(
            "content/what-happened.md:{line}:13: error: a picture on another site"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("download the picture"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!("picture-on-another-site", run.stderr);
}

#[test]
fn a_photo_that_is_not_a_picture_is_an_error_at_its_place() {
    let site = site_naming_convoy(b"Saved from a chat app: not a picture");
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!("picture-cannot-be-read", run.stderr);
}

#[test]
fn a_damaged_photo_is_an_error_at_its_place() {
    // A photo cut short in its copy: the start of a JPEG only.
    let site = site_naming_convoy(&small_photo(640, 480)[..400]);
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!("picture-damaged", run.stderr);
}

/// The basic fixture with `content/photos/convoy.jpg` holding `bytes`, shown at the end of
/// `content/what-happened.md`.
fn site_naming_convoy(bytes: &[u8]) -> TestSite {
    let site = TestSite::fixture("basic");
    std::fs::create_dir_all(site.root.join("content/photos")).unwrap();
    std::fs::write(site.root.join("content/photos/convoy.jpg"), bytes).unwrap();
    site.append(
        "content/what-happened.md",
        "![A convoy](photos/convoy.jpg)\n",
    );
    site
}

#[test]
fn a_decorative_picture_needs_no_alt_text_and_shows_none() {
    let site = TestSite::fixture("basic");
    std::fs::write(
        site.root.join("content/timeline/pattern.jpg"),
        small_photo(800, 200),
    )
    .unwrap();
    let event = "---\ndate: 2021-12-09\ntitle: Something later\nera: after\nsources: [wire-two]\nmedia:\n  src: pattern.jpg\n  decorative: true\n  credit: \"Photo: Test Desk\"\n---\nIt happened later.\n";
    site.write("content/timeline/2021-12-09-later.md", event);
    let root = site.root.display().to_string();
    let check = crate::common::explainer(&["check", "--root", &root], &site.root);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert_eq!(site.build(&[]).code, Some(0));
    let doc = html(&site.read_output("index.html"));
    let img = select(&doc, "li[id='2021-12-09-later'] picture img");
    assert_eq!(img[0].value().attr("alt"), Some(""));
    // Without the mark, the same picture must be described.
    site.write(
        "content/timeline/2021-12-09-later.md",
        &event.replace("  decorative: true\n", ""),
    );
    let check = crate::common::explainer(&["check", "--root", &root], &site.root);
    assert_eq!(check.code, Some(1));
    assert!(
        check.stderr.contains("this picture has no alt text"),
        "{}",
        check.stderr
    );
}

/// `check` writes nothing (issue 30, 9): it makes the pictures to check them, caches none of them,
/// and a build after it still makes them; what a build cached, check uses.
#[test]
fn check_makes_the_pictures_but_writes_no_cache() {
    let site = site_with_photo();
    let cache = site.root.join(".explainer-cache");
    let run = site.check(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!cache.exists(), "check wrote {}", cache.display());
    let run = site.build(&[]);
    assert!(
        run.stdout.contains("; 1 picture made, 0 from the cache"),
        "{}",
        run.stdout
    );
    assert!(cache.is_dir());
    let before = std::fs::read_dir(cache.join("images")).unwrap().count();
    assert_eq!(site.check(&[]).code, Some(0));
    assert_eq!(
        std::fs::read_dir(cache.join("images")).unwrap().count(),
        before
    );
}
