//! `serve` rebuilds incrementally (re-reading only the changed files, re-rendering only the sections
//! whose inputs changed). Whatever changes, the result must be byte for byte what a full build of the
//! same files gives: these tests make each kind of change and compare.

use std::path::PathBuf;

use crate::common::TestSite;
use explainer::{Pipeline, SiteOptions};

/// A pipeline kept between builds, as `serve` keeps one.
fn session(site: &TestSite, base_url: Option<&str>) -> Pipeline {
    Pipeline::open(SiteOptions {
        root: site.root.clone(),
        base_url: base_url.map(str::to_string),
        drafts: false,
    })
}

/// Applies `change` to the site, updates the pipeline with `changed`, and checks the incremental
/// result against a fresh full build.
fn same_as_full_build(
    site: &TestSite,
    session: &mut Pipeline,
    changed: &[&str],
    change: impl FnOnce(&TestSite),
) {
    change(site);
    let changed: Vec<PathBuf> = changed.iter().map(PathBuf::from).collect();
    session.update(&changed);
    let incremental = session.build();
    let full = Pipeline::build_once(session.options().clone());
    match (incremental, full) {
        (Ok(a), Ok(b)) => {
            let (a, b) = (a.output, b.output);
            let files = |o: &explainer::output::Output| {
                o.files().map(|(p, _)| p.to_string()).collect::<Vec<_>>()
            };
            assert_eq!(files(&a), files(&b), "the same files after {changed:?}");
            for (path, bytes) in b.files() {
                assert!(
                    a.get(path) == Some(bytes),
                    "{path} differs from a full build after {changed:?}"
                );
            }
        }
        (Err(a), Err(b)) => {
            let text = |d: &[explainer::diagnostics::Diagnostic]| {
                d.iter().map(ToString::to_string).collect::<Vec<_>>()
            };
            assert_eq!(text(&a), text(&b), "the same problems after {changed:?}");
        }
        (a, b) => panic!(
            "incremental ok: {}, full ok: {} after {changed:?}",
            a.is_ok(),
            b.is_ok()
        ),
    }
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let path = site.root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn every_kind_of_change_gives_what_a_full_build_gives() {
    let site = TestSite::fixture("basic");
    let mut session = session(&site, None);
    assert!(session.build().is_ok());

    // One section's text.
    same_as_full_build(&site, &mut session, &["content/what-happened.md"], |s| {
        edit(s, "content/what-happened.md", "on a Monday", "on a Tuesday");
    });
    // One event: the timeline section depends on it.
    same_as_full_build(
        &site,
        &mut session,
        &["content/timeline/2017-07-middle.md"],
        |s| {
            edit(
                s,
                "content/timeline/2017-07-middle.md",
                "In the middle.",
                "Still in the middle.",
            );
        },
    );
    // The sources: every citation number may change.
    same_as_full_build(
        &site,
        &mut session,
        &["content/sources.md", "content/what-happened.md"],
        |s| {
            edit(
                s,
                "content/sources.md",
                "  - id: wire-one",
                "  - id: wire-zero\n    outlet: Wire Zero\n    title: Zero\n    date: 2020\n    url: https://example.com/0\n  - id: wire-one",
            );
            edit(
                s,
                "content/what-happened.md",
                "Tuesday [@wire-one",
                "Tuesday [@wire-zero; @wire-one",
            );
        },
    );
    // The page itself, which every section template sees.
    same_as_full_build(&site, &mut session, &["content/_index.md"], |s| {
        edit(
            s,
            "content/_index.md",
            "dateline: WASHINGTON",
            "dateline: BAGHDAD",
        );
    });
    // A new section, then its removal.
    same_as_full_build(&site, &mut session, &["content/added.md"], |s| {
        s.write(
            "content/added.md",
            "---\ntitle: Added\nweight: 20\n---\nNew text [@wire-two].\n",
        );
    });
    same_as_full_build(&site, &mut session, &["content/added.md"], |s| {
        std::fs::remove_file(s.root.join("content/added.md")).unwrap();
    });
    // A title: the section and the page's list of sections both show it.
    same_as_full_build(&site, &mut session, &["content/what-happened.md"], |s| {
        edit(
            s,
            "content/what-happened.md",
            "title: What happened",
            "title: What happened next",
        );
    });
    // A weight change reorders the page.
    same_as_full_build(&site, &mut session, &["content/what-happened.md"], |s| {
        edit(s, "content/what-happened.md", "weight: 10", "weight: 95");
    });
    // A template.
    same_as_full_build(
        &site,
        &mut session,
        &["templates/sections/prose.html"],
        |s| {
            s.write(
            "templates/sections/prose.html",
            "<section id=\"{{ section.id }}\"><h2>{{ section.title }}</h2>{{ section.html | safe }}</section>",
        );
        },
    );
    // Static files: a new one, a change, one that replaces a built-in file, its removal (the
    // built-in one shows again), and a folder of them removed.
    same_as_full_build(&site, &mut session, &["static/extra.txt"], |s| {
        s.write("static/extra.txt", "extra");
    });
    same_as_full_build(&site, &mut session, &["static/extra.txt"], |s| {
        s.write("static/extra.txt", "more");
    });
    same_as_full_build(&site, &mut session, &["static/style.css"], |s| {
        s.write("static/style.css", "body { color: black; }");
    });
    same_as_full_build(&site, &mut session, &["static/style.css"], |s| {
        std::fs::remove_file(s.root.join("static/style.css")).unwrap();
    });
    same_as_full_build(&site, &mut session, &["static/img/a.svg"], |s| {
        s.write(
            "static/img/a.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    });
    same_as_full_build(&site, &mut session, &["static/img"], |s| {
        std::fs::remove_dir_all(s.root.join("static/img")).unwrap();
    });
    // A broken file, then its fix.
    same_as_full_build(&site, &mut session, &["content/what-happened.md"], |s| {
        edit(s, "content/what-happened.md", "weight: 95", "wieght: 95");
    });
    same_as_full_build(&site, &mut session, &["content/what-happened.md"], |s| {
        edit(s, "content/what-happened.md", "wieght: 95", "weight: 96");
    });
    // A folder renamed away and back: read again as a whole.
    same_as_full_build(&site, &mut session, &["content/timeline"], |s| {
        std::fs::rename(
            s.root.join("content/timeline"),
            s.root.join("content/later"),
        )
        .unwrap();
        std::fs::create_dir(s.root.join("content/timeline")).unwrap();
        for entry in std::fs::read_dir(s.root.join("content/later")).unwrap() {
            let entry = entry.unwrap();
            std::fs::rename(
                entry.path(),
                s.root.join("content/timeline").join(entry.file_name()),
            )
            .unwrap();
        }
        std::fs::remove_dir(s.root.join("content/later")).unwrap();
    });
}

#[test]
fn a_published_page_gets_a_new_social_card_when_its_headline_changes() {
    let site = TestSite::fixture("basic");
    let mut session = session(&site, Some("https://example.org/iraq/"));
    let first = session.build().unwrap().output;
    // The card's name is fingerprinted: it changes exactly when its bytes do.
    let card = |o: &explainer::output::Output| {
        o.files()
            .map(|(p, _)| p.to_string())
            .find(|p| p.starts_with("social-card.") && p.ends_with(".png"))
            .expect("a drawn card")
    };
    same_as_full_build(&site, &mut session, &["content/_index.md"], |s| {
        let text = std::fs::read_to_string(s.root.join("content/_index.md")).unwrap();
        let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
        edit(s, "content/_index.md", title, "title: A different headline");
    });
    let second = session.build().unwrap().output;
    assert_ne!(
        card(&first),
        card(&second),
        "the card shows the new headline"
    );
    // And an edit elsewhere keeps it as it was.
    same_as_full_build(&site, &mut session, &["content/what-happened.md"], |s| {
        edit(s, "content/what-happened.md", "on a Monday", "on a Friday");
    });
    assert_eq!(card(&second), card(&session.build().unwrap().output));
}

#[test]
fn unchanged_sections_are_not_rendered_again() {
    let site = TestSite::fixture("basic");
    let mut session = session(&site, None);
    let first = session.build().unwrap().output;
    // A change to a file that is not content leaves every section's inputs as they were; the page is
    // assembled from the kept sections and comes out the same.
    session.update(&[PathBuf::from("content/notes.txt")]);
    let second = session.build().unwrap().output;
    assert!(first.get("index.html") == second.get("index.html"));
}

/// A file renamed to end in `.MD` while `serve` runs is reported as a full build reports it, and the
/// report goes when it is renamed back.
#[test]
fn a_file_renamed_to_capital_md_and_back() {
    let site = TestSite::fixture("basic");
    let mut session = session(&site, None);
    assert!(session.build().is_ok());
    let md = site.root.join("content/what-happened.md");
    let capital = site.root.join("content/what-happened.MD");
    std::fs::rename(&md, &capital).unwrap();
    session.update(&[
        PathBuf::from("content/what-happened.md"),
        PathBuf::from("content/what-happened.MD"),
    ]);
    let (Err(failed), Err(full)) = (
        session.build(),
        Pipeline::build_once(session.options().clone()),
    ) else {
        panic!("a file left out is an error, in serve's build as in a full one");
    };
    assert_eq!(failed, full);
    assert!(
        failed.iter().any(|d| d
            .message
            .starts_with("explainer reads only files whose names end in .md")),
        "{failed:?}"
    );
    std::fs::rename(&capital, &md).unwrap();
    session.update(&[
        PathBuf::from("content/what-happened.MD"),
        PathBuf::from("content/what-happened.md"),
    ]);
    assert!(session.build().is_ok());
}
