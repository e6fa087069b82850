//! `explainer check` reports every realistic editor mistake with `path:line:col`, the offending line
//! and a hint, all in one run; exits 1 on errors and 0 when there are only warnings; writes nothing.
//!
//! Each case is a folder under `tests/fixtures/check/<case>/` whose files replace those of the `basic`
//! fixture. The full output is a snapshot in `tests/snapshots/check__<case>.snap`: it is what the
//! editor sees.

use crate::common::TestSite;
use serde_json::Value;

/// Runs `check` on `basic` with the case's files laid over it and checks the exit code.
fn check_case(case: &str, code: i32) -> String {
    let site = TestSite::fixture("basic").overlay(&format!("check/{case}"));
    let run = site.check(&[]);
    assert_eq!(run.code, Some(code), "{case}: exit code\n{}", run.stderr);
    assert!(
        run.stdout.is_empty(),
        "{case}: problems go to stderr: {}",
        run.stdout
    );
    assert!(!site.output().exists(), "{case}: check writes nothing");
    run.stderr
}

macro_rules! mistake {
    ($name:ident, $case:literal, $locus:literal) => {
        mistake!($name, $case, $locus, 1);
    };
    ($name:ident, $case:literal, $locus:literal, $code:literal) => {
        #[test]
        fn $name() {
            let stderr = check_case($case, $code);
            assert!(
                stderr.starts_with($locus),
                "expected {} first in:\n{stderr}",
                $locus
            );
            assert!(
                stderr.contains("= hint: "),
                "every problem has a hint:\n{stderr}"
            );
            insta::assert_snapshot!($case, stderr);
        }
    };
}

// Mistakes in the front matter, which the build also stops for.
mistake!(
    typo_in_a_key,
    "typo-in-a-key",
    "content/what-happened.md:3:1: error: unknown field `wieght`"
);
mistake!(
    wrong_indentation,
    "wrong-indentation",
    "content/sources.md:8:4: error:"
);
mistake!(
    unquoted_colon_in_a_title,
    "unquoted-colon-in-a-title",
    "content/what-happened.md:2:21: error: a colon inside a value"
);
mistake!(
    tab_character,
    "tab-character",
    "content/what-happened.md:5:1: error: tab character"
);
mistake!(
    impossible_date,
    "impossible-date",
    "content/timeline/2021-12-09-later.md:2:7: error: invalid date"
);
mistake!(
    unknown_source_id,
    "unknown-source-id",
    "content/timeline/2021-12-09-later.md:5:11: error: unknown source `wire-tow`"
);
mistake!(
    unknown_source_in_text,
    "unknown-source-in-text",
    "content/what-happened.md:12:38: error: unknown source `wire-three`"
);
mistake!(
    missing_closing_fence,
    "missing-closing-fence",
    "content/timeline/2021-12-09-later.md:1:1: error: the front matter is not closed"
);
mistake!(
    duplicate_event_id,
    "duplicate-event-id",
    "content/timeline/2021-12-09-later.md:6:5: error: the event id"
);
mistake!(
    weight_in_words,
    "weight-in-words",
    "content/what-happened.md:3:9: error:"
);
mistake!(
    missing_title,
    "missing-title",
    "content/timeline/2021-12-09-later.md:2:1: error: missing field `title`"
);
mistake!(
    no_front_matter,
    "no-front-matter",
    "content/why-it-matters.md:1:1: error: this file has no front matter"
);
mistake!(
    misspelt_kind,
    "misspelt-kind",
    "content/what-happened.md:4:7: error: no template"
);
mistake!(
    heading_too_big,
    "heading-too-big",
    "content/what-happened.md:14:1: error: a level-2 heading"
);
mistake!(
    quote_without_source,
    "quote-without-source",
    "content/what-happened.md:5:5: error: in `quotes[0]`: missing field `source`"
);

// Mistakes only `check` looks for.
mistake!(
    broken_anchor,
    "broken-anchor",
    "content/what-happened.md:16:33: error: there is no `#timline` on the page"
);
mistake!(
    broken_anchor_in_html,
    "broken-anchor-in-html",
    "content/what-happened.md:16:28: error: there is no `#correction` on the page"
);
mistake!(
    broken_anchor_in_a_key_point,
    "broken-anchor-in-a-key-point",
    "content/_index.md:13:41: error: there is no `#timelines`"
);
mistake!(
    broken_anchor_in_a_template,
    "broken-anchor-in-a-template",
    "templates/sections/prose.html:6:13: error: there is no `#top`"
);
mistake!(
    empty_link,
    "empty-link",
    "content/what-happened.md:16:6: error: this link has no address"
);
mistake!(
    missing_alt_text,
    "missing-alt-text",
    "content/what-happened.md:14:1: error: this image has no description"
);
mistake!(
    misspelt_group,
    "misspelt-group",
    "content/timeline/2021-12-09-later.md:5:8: warning: the group `Figthing` is on this event only",
    0
);
mistake!(
    media_on_another_site,
    "media-on-another-site",
    "content/timeline/2021-12-09-later.md:7:8: warning: the media `https://www.youtube.com/watch?v=a1b2c3` is still on another site",
    0
);
mistake!(
    media_without_alt_text,
    "media-without-alt-text",
    "content/timeline/2021-12-09-later.md:7:8: error: this picture has no alt text"
);
mistake!(
    photo_without_credit,
    "photo-without-credit",
    "content/timeline/2021-12-09-later.md:7:8: error: this photo has no credit"
);
mistake!(
    missing_image_file,
    "missing-image-file",
    "content/what-happened.md:14:40: error: the image `photos/convoy.jpeg`"
);
mistake!(
    malformed_web_address,
    "malformed-web-address",
    "content/what-happened.md:12:40: error: the web address `https://apnews`"
);
mistake!(
    link_without_https,
    "link-without-https",
    "content/what-happened.md:12:45: error: `www.reuters.com/world` looks like"
);
mistake!(
    space_in_source_url,
    "space-in-source-url",
    "content/sources.md:15:10: error: the web address"
);
mistake!(
    too_many_key_points,
    "too-many-key-points",
    "content/_index.md:10:1: error: too many key points: 6"
);
mistake!(
    too_few_key_points,
    "too-few-key-points",
    "content/_index.md:10:1: error: too few key points: 2"
);
mistake!(
    headline_too_long,
    "headline-too-long",
    "content/_index.md:2:9: error: the headline is 128 characters"
);
mistake!(
    event_outside_its_era,
    "event-outside-its-era",
    "content/timeline/2003-03-20-start.md:4:6: error: this event (2003-03-20) is outside its era"
);
mistake!(
    event_id_clashes_with_a_section,
    "event-id-clashes-with-a-section",
    "content/timeline/2021-12-09-later.md:6:5: error: the id `what-happened` is used twice"
);

// Warnings: reported, but check passes.
mistake!(
    unused_source,
    "unused-source",
    "content/sources.md:16:9: warning: the source `wire-three` is never cited",
    0
);
mistake!(
    file_name_and_date_disagree,
    "file-name-and-date-disagree",
    "content/timeline/2021-12-09-later.md:2:7: warning: the file name says 2021-12-09",
    0
);
mistake!(
    event_after_publication_without_update,
    "event-after-publication-without-update",
    "content/timeline/2021-12-09-later.md:2:7: warning: this event is after the page was published",
    0
);
mistake!(
    example_text_left_in,
    "example-text-left-in",
    "content/timeline/2021-12-09-later.md:7:1: error: this is still the example text"
);

/// A broken front matter in one file does not hide the problems of the others (issue 30, 6): their
/// Markdown and the checks across files run, and a citation of a source no file lists is reported,
/// unless the broken file could be the one listing it.
#[test]
fn markdown_of_good_files_is_checked_while_another_file_is_broken() {
    let stderr = check_case("several-problems", 1);
    for locus in [
        "content/_index.md:10:1: error: too few key points",
        "content/timeline/2017-07-middle.md:9:1: error: this image has no description",
        "content/timeline/2017-07-middle.md:13:1: error: a level-2 heading",
        "content/timeline/2017-07-middle.md:15:9: error: unknown source `wire-nine`",
        "content/timeline/2021-12-09-later.md:2:7: error: invalid date",
        "content/what-happened.md:3:1: error: unknown field `wieght`",
    ] {
        assert!(stderr.contains(locus), "{locus} in:\n{stderr}");
    }
    assert!(
        stderr.ends_with("error: check found 6 errors\n"),
        "{stderr}"
    );
    // The broken section might be the one that lists `wire-nine`: then nothing is said of it.
    let site = TestSite::fixture("basic").overlay("check/several-problems");
    let path = site.root.join("content/what-happened.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("---\n", "---\nsources:\n  - id: wire-nine\n", 1),
    )
    .unwrap();
    let run = site.check(&[]);
    assert!(
        !run.stderr.contains("unknown source `wire-nine`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/what-happened.md:3:5: error: in `sources[0]`"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!("several-problems", stderr);
}

#[test]
fn good_sites_pass() {
    for site in [TestSite::fixture("basic"), TestSite::bundled()] {
        let run = site.check(&[]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert!(run.stderr.is_empty(), "{}", run.stderr);
        assert!(
            run.stdout.starts_with("No problems found in "),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn json_output_for_tools() {
    let site = TestSite::fixture("basic")
        .overlay("check/unused-source")
        .overlay("check/broken-anchor");
    let run = site.check(&["--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.is_empty(),
        "only JSON, on stdout: {}",
        run.stderr
    );
    let items: Vec<Value> = serde_json::from_str(&run.stdout).expect("a JSON array");
    assert_eq!(items.len(), 2, "{}", run.stdout);
    for item in &items {
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["column", "hint", "line", "message", "path", "severity"]
        );
    }
    let (warning, error) = (&items[0], &items[1]);
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["path"], "content/sources.md");
    assert_eq!(
        (&warning["line"], &warning["column"]),
        (&Value::from(16), &Value::from(9))
    );
    assert_eq!(error["severity"], "error");
    assert_eq!(error["path"], "content/what-happened.md");
    assert_eq!(
        (&error["line"], &error["column"]),
        (&Value::from(16), &Value::from(33))
    );
    assert_eq!(error["message"], "there is no `#timline` on the page");
    assert_eq!(error["hint"], "did you mean `#timeline`?");

    // Only warnings: exit 0.
    let run = TestSite::fixture("basic")
        .overlay("check/unused-source")
        .check(&["--format", "json"]);
    assert_eq!(run.code, Some(0));
    let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items[0]["severity"], "warning");

    // A problem about a whole file has no line or column.
    let site = TestSite::fixture("basic");
    site.write("content/notes/idea.md", "---\ntitle: An idea\n---\n");
    let run = site.check(&["--format", "json"]);
    let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items[0]["path"], "content/notes/idea.md");
    assert!(
        items[0]["line"].is_null() && items[0]["column"].is_null(),
        "{}",
        run.stdout
    );

    // Nothing wrong: an empty array.
    let run = TestSite::fixture("basic").check(&["--format", "json"]);
    assert_eq!((run.code, run.stdout.trim()), (Some(0), "[]"));
}

/// The problems a run printed, without its closing summary (`error: build failed with …`,
/// `warning: check found …`), which each command words its own way.
fn problems_printed(stderr: &str) -> String {
    let summary = [
        "error: build failed",
        "error: check found",
        "warning: check found",
    ];
    stderr
        .lines()
        .filter(|line| !summary.iter().any(|s| line.starts_with(s)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One set of rules (issue 30, 2): on every case of `check/`, `errors/` and `mistakes/`, `build` and
/// `check` print the same problems in the same order, exit with the same code, and when that code
/// is 1 the build leaves the earlier output as it was.
#[test]
fn build_and_check_find_the_same_problems_in_every_case() {
    let mut compared = 0;
    for group in ["check", "errors", "mistakes"] {
        let mut cases: Vec<_> = std::fs::read_dir(crate::common::fixtures().join(group))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        cases.sort();
        for case in cases {
            let site = TestSite::fixture("basic");
            assert_eq!(site.build(&[]).code, Some(0));
            let before = site.output_snapshot();
            let site = site.overlay(&format!("{group}/{case}"));
            let checked = site.check(&[]);
            let built = site.build(&[]);
            let (checked_problems, built_problems) = (
                problems_printed(&checked.stderr),
                problems_printed(&built.stderr),
            );
            assert_eq!(
                built_problems, checked_problems,
                "{group}/{case}: build printed\n{}\ncheck printed\n{}",
                built.stderr, checked.stderr
            );
            assert_eq!(built.code, checked.code, "{group}/{case}: exit codes");
            if built.code == Some(1) {
                assert_eq!(
                    site.output_snapshot(),
                    before,
                    "{group}/{case}: output kept"
                );
            }
            compared += 1;
        }
    }
    assert!(compared > 100, "only {compared} cases compared");
}
