//! Every kind of mistake an editor can make gets `path:line:col`, the offending line, a hint, exit
//! code 1, and leaves the previous output exactly as it was.
//!
//! Each case is a folder under `tests/fixtures/errors/<case>/` whose files replace those of the
//! `basic` fixture. The messages are snapshots in `tests/testsuite/snapshots/`.

use crate::common::TestSite;

/// The `basic` fixture's last good output, then the case laid over it: see `common::broken_build`.
fn broken_build(case: &str) -> String {
    crate::common::broken_build(&format!("errors/{case}"), |_| {})
}

macro_rules! error_case {
    ($name:ident, $case:literal, $locus:literal) => {
        #[test]
        fn $name() {
            let stderr = broken_build($case);
            assert!(stderr.contains($locus), "expected {} in:\n{stderr}", $locus);
            assert!(
                stderr.contains("= hint: "),
                "every error has a hint:\n{stderr}"
            );
            insta::assert_snapshot!($case, stderr);
        }
    };
}

error_case!(
    unquoted_colon_in_a_title,
    "unquoted-colon",
    "content/what-happened.md:2:"
);
error_case!(
    no_front_matter,
    "no-front-matter",
    "content/what-happened.md:1:1:"
);
error_case!(
    unclosed_front_matter,
    "unclosed-front-matter",
    "content/what-happened.md:1:1:"
);
error_case!(
    unknown_field_suggests_the_right_one,
    "unknown-field",
    "content/what-happened.md:3:1:"
);
error_case!(
    weight_that_is_not_a_number,
    "wrong-type",
    "content/what-happened.md:3:9:"
);
error_case!(
    impossible_date,
    "impossible-date",
    "content/timeline/2021-12-09-later.md:2:7:"
);
error_case!(
    unknown_source_in_front_matter,
    "unknown-source",
    "content/timeline/2021-12-09-later.md:5:11:"
);
error_case!(
    unknown_source_in_text,
    "unknown-source-in-text",
    "content/what-happened.md:7:26:"
);
error_case!(
    duplicate_event_id,
    "duplicate-id",
    "content/timeline/2021-12-09-later.md:6:5:"
);
error_case!(
    missing_template_for_a_kind,
    "missing-template",
    "content/what-happened.md:4:7:"
);
error_case!(
    template_syntax_error,
    "template-syntax-error",
    "templates/sections/prose.html:"
);
error_case!(
    template_render_error,
    "template-render-error",
    "templates/sections/prose.html:3:"
);
error_case!(
    tab_characters,
    "tab-indent",
    "content/what-happened.md:5:1:"
);
error_case!(
    unknown_era,
    "unknown-era",
    "content/timeline/2021-12-09-later.md:4:6:"
);
error_case!(
    missing_required_field,
    "missing-field",
    "content/timeline/2021-12-09-later.md:2:1:"
);
error_case!(
    heading_above_the_section_title,
    "heading-level",
    "content/what-happened.md:7:1:"
);
error_case!(
    bad_indentation,
    "bad-indentation",
    "content/sources.md:8:4:"
);
error_case!(
    shared_image_that_does_not_exist,
    "missing-image",
    "content/_index.md:3:8:"
);
error_case!(
    shared_image_without_a_description,
    "image-without-alt",
    "content/_index.md:3:8:"
);
error_case!(
    a_copied_base_template_missing_a_block,
    "old-base-template",
    "templates/404.html (built in):4:10: error: Block `title` is not defined in any parent template"
);
error_case!(
    custom_domain_with_a_scheme,
    "bad-cname",
    "content/_index.md:3:8:"
);

/// Front-matter problems in different files come out together. (Checks of the Markdown text, such as
/// `[@id]` citations, run once every file's front matter reads; see ARCHITECTURE.md.)
#[test]
fn all_problems_are_reported_in_one_run() {
    let stderr = broken_build("several-errors");
    assert!(
        stderr.contains("content/what-happened.md:3:1: error: unknown field `wieght`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/timeline/2017-07-middle.md:2:7: error: invalid date"),
        "{stderr}"
    );
    assert!(stderr.contains("build failed with 2 errors"), "{stderr}");
}

#[test]
fn a_bad_base_url_is_refused_before_anything_is_written() {
    let site = TestSite::fixture("basic");
    let run = site.build(&["--base-url", "example.github.io/iraq"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("`example.github.io/iraq` is not a web address"),
        "{}",
        run.stderr
    );
    assert!(!site.output().exists());
}

error_case!(
    a_script_address_in_front_matter_is_refused,
    "javascript-url",
    "content/_index.md:7:11:"
);
error_case!(
    a_data_address_in_a_markdown_link_is_refused,
    "javascript-link-in-text",
    "content/what-happened.md:16:"
);
