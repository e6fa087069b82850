//! The built pages pass the W3C Nu HTML checker (npm `vnu-jar`) with zero errors and zero warnings,
//! and the stylesheet passes its CSS checker.
//!
//! Needs Java and `npm ci --ignore-scripts` (README's test command runs it).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::TestSite;

fn vnu_jar() -> PathBuf {
    let jar = crate::common::repo_root().join("node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.is_file(),
        "{} is missing: run `npm ci --ignore-scripts` first (README, Run the tests)",
        jar.display()
    );
    jar
}

/// Runs the checker with warnings treated as errors; returns its report on failure.
fn check(args: &[&str], files: &[&Path]) -> Result<(), String> {
    let out = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .arg("--Werror")
        .args(args)
        .args(files)
        .output()
        .expect("run java (is a JRE installed?)");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Every HTML file the build wrote, at any depth.
fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)
        .expect("read the output folder")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            found.extend(html_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "html") {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn check_all_html(dir: &Path) -> Result<(), String> {
    let files = html_files(dir);
    assert!(
        files.iter().any(|f| f.ends_with("index.html"))
            && files.iter().any(|f| f.ends_with("404.html")),
        "expected index.html and 404.html among {files:?}"
    );
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    check(&[], &refs)
}

/// The published stylesheet, whatever its fingerprint.
fn stylesheet(site: &TestSite) -> PathBuf {
    std::fs::read_dir(site.output())
        .expect("read the output folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("style.") && name.ends_with(".css")
        })
        .expect("a stylesheet in the output")
}

#[test]
fn every_built_html_file_is_valid_with_no_warnings() {
    let site = TestSite::bundled();
    let plain = site.build(&[]);
    assert_eq!(plain.code, Some(0), "{}", plain.stderr);
    check_all_html(&site.output()).unwrap_or_else(|report| panic!("Nu checker:\n{report}"));
    check(&["--css"], &[&stylesheet(&site)])
        .unwrap_or_else(|report| panic!("CSS checker:\n{report}"));

    // With a base URL the page also carries its canonical link, feed link and sharing metadata.
    let sub_path = site.build(&["--base-url", "https://example.github.io/iraq-explainer/"]);
    assert_eq!(sub_path.code, Some(0), "{}", sub_path.stderr);
    check_all_html(&site.output())
        .unwrap_or_else(|report| panic!("Nu checker (sub-path build):\n{report}"));
}

#[test]
fn fixture_with_footnotes_and_headings_is_valid_html() {
    let site = TestSite::fixture("basic");
    assert_eq!(site.build(&[]).code, Some(0));
    check(&[], &[&site.output().join("index.html")])
        .unwrap_or_else(|report| panic!("Nu checker:\n{report}"));
}

/// The checker itself must be able to fail, or the tests above prove nothing.
#[test]
fn the_checker_rejects_invalid_markup() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!doctype html><html lang=en><title>x</title><ol><div>not a list item</div></ol>",
    )
    .unwrap();
    let report = check(&[], &[&bad]).expect_err("invalid HTML must be reported");
    assert!(report.contains("error"), "{report}");
}

/// Both editions of a bilingual explainer (issue 14): every page of the original and of the Arabic
/// edition, with and without a base URL.
#[test]
fn both_editions_are_valid_with_no_warnings() {
    let site = TestSite::fixture("basic").overlay("editions/arabic");
    for args in [
        &[][..],
        &["--base-url", "https://example.github.io/iraq-explainer/"],
    ] {
        let run = site.build(args);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let files = html_files(&site.output());
        assert!(
            files.iter().any(|f| f.ends_with("ar/index.html")),
            "{files:?}"
        );
        assert!(
            files.iter().any(|f| f.ends_with("ar/404.html")),
            "{files:?}"
        );
        check_all_html(&site.output())
            .unwrap_or_else(|report| panic!("Nu checker ({args:?}):\n{report}"));
    }
}

/// A page with every kind of media (issue 16): a lead photo, a photo and a drawing in the text, a
/// video with its poster and captions, an event's photo, and facades of a video and a post on
/// other sites.
#[test]
fn a_page_with_photos_drawings_video_and_facades_is_valid() {
    use crate::photos::small_photo;
    let site = TestSite::fixture("basic");
    let put = |rel: &str, bytes: &[u8]| {
        let path = site.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    put("content/lead.jpg", &small_photo(1200, 675));
    put("content/photos/convoy.jpg", &small_photo(900, 600));
    put("content/timeline/ceremony.jpg", &small_photo(800, 600));
    put(
        "content/map.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 30\"><title>A map</title><rect width=\"40\" height=\"30\"/></svg>",
    );
    put("content/clips/dusk.mp4", b"a film");
    put("content/clips/dusk.jpg", &small_photo(640, 360));
    put(
        "content/clips/dusk.vtt",
        b"WEBVTT\n\n00:00.000 --> 00:02.000\nDusk\n",
    );
    site.add_lead(&[
        "src: lead.jpg",
        r#"alt: "Officers at a table""#,
        r#"caption: "Talks in Baghdad""#,
        r#"credit: "Photo: Test Desk""#,
    ]);
    site.append(
        "content/what-happened.md",
        "![A convoy](photos/convoy.jpg \"The last convoy\")\n\n![A map of Iraq](map.svg)\n\n\
             ![A convoy at dusk](clips/dusk.mp4 \"At dusk\")\n\n\
             [![Two leaders](photos/convoy.jpg)](https://youtu.be/dQw4w9WgXcQ)\n\n\
             https://x.com/CENTCOM/status/1419751846349651968\n",
    );
    site.write(
        "content/timeline/2021-12-09-later.md",
        "---\ndate: 2021-12-09\ntitle: Something later\nera: after\nsources: [wire-two]\nmedia:\n  src: ceremony.jpg\n  alt: \"Officers at a table\"\n  credit: \"Photo: Test Desk\"\n---\nIt happened later.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = site.output().join("index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    for kind in [
        "<picture>",
        "<video",
        "class=\"embed-open\"",
        ".svg\" width=",
    ] {
        assert!(html.contains(kind), "{kind} is on the page");
    }
    check(&[], &[&page]).unwrap_or_else(|report| panic!("Nu checker:\n{report}"));
}
