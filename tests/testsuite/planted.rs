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

/// A made picture in the cache that is a link (to a file anywhere on the machine) is never taken:
/// the picture is made again, the link replaced, and the output holds neither a link nor the file.
#[cfg(unix)]
#[test]
fn a_link_planted_in_the_picture_cache_is_not_published() {
    let site = TestSite::fixture("basic");
    fs::write(site.root.join("content/convoy.jpg"), small_photo(800, 600)).unwrap();
    site.append(
        "content/what-happened.md",
        "![A convoy on a desert road](convoy.jpg)\n",
    );
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
    let site = TestSite::fixture("basic");
    fs::write(site.root.join("content/convoy.jpg"), small_photo(800, 600)).unwrap();
    site.append(
        "content/what-happened.md",
        "![A convoy on a desert road](convoy.jpg)\n",
    );
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
