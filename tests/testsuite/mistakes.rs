//! The mistakes newsroom editors make (issue 13), each a case under `tests/fixtures/mistakes/<case>/`
//! laid over the `basic` fixture: the build must fail with exit code 1, name the file, line and column
//! where the mistake is, say what to do, and leave the last good output as it was. The messages are
//! snapshots. Every case is built three times: as written, with CRLF line endings, and with a
//! byte-order mark; positions and messages must not move.

use std::fs;
use std::path::Path;

use crate::common::broken_build;

/// The same text with CRLF line endings.
fn crlf(path: &Path) {
    let text = fs::read_to_string(path).unwrap();
    fs::write(path, text.replace('\n', "\r\n")).unwrap();
}

/// The same text after a byte-order mark.
fn bom(path: &Path) {
    let text = fs::read_to_string(path).unwrap();
    fs::write(path, format!("\u{feff}{text}")).unwrap();
}

/// Builds the case as written, with CRLF and with a byte-order mark; all three must say the same.
fn mistake(case: &str, locus: &str) -> String {
    let overlay = format!("mistakes/{case}");
    let stderr = broken_build(&overlay, |_| {});
    assert!(stderr.contains(locus), "expected {locus} in:\n{stderr}");
    assert!(
        stderr.contains("= hint: "),
        "every error has a hint:\n{stderr}"
    );
    for (ending, edit) in [("CRLF", crlf as fn(&Path)), ("a byte-order mark", bom)] {
        let other = broken_build(&overlay, edit);
        assert_eq!(
            other, stderr,
            "{case} with {ending} must be reported the same way"
        );
    }
    stderr
}

/// A mistake that is published unless the editor sees the warning: the page still builds, with exit
/// code 0, and the warning starts the output, at its place.
macro_rules! warning {
    ($name:ident, $case:literal, $start:literal) => {
        #[test]
        fn $name() {
            let site =
                crate::common::TestSite::fixture("basic").overlay(concat!("mistakes/", $case));
            let run = site.build(&[]);
            assert_eq!(run.code, Some(0), "{}", run.stderr);
            assert!(run.stderr.starts_with($start), "{}", run.stderr);
            insta::assert_snapshot!($case, run.stderr);
        }
    };
}

macro_rules! mistake {
    ($name:ident, $case:literal, $locus:literal) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!($case, mistake($case, $locus));
        }
    };
}

// Wrong positions (issue 13, 1 and 2): non-ASCII text before the mistake must not move it.
mistake!(
    curly_quotes_euro_and_dash_before_a_misspelt_field,
    "non-ascii-before-unknown-field",
    "content/what-happened.md:3:1: error: unknown field `wieght`"
);
mistake!(
    arabic_before_an_unknown_field,
    "arabic-before-unknown-field",
    "content/what-happened.md:4:1: error: unknown field `dir`"
);
mistake!(
    a_wrong_value_after_arabic_on_the_same_line,
    "value-after-arabic-on-one-line",
    "content/what-happened.md:2:49: error:"
);
mistake!(
    an_unclosed_double_quote_is_reported_where_it_opens,
    "unclosed-quote",
    "content/what-happened.md:2:8: error: this quote is not closed"
);
mistake!(
    an_unclosed_single_quote_is_reported_where_it_opens,
    "unclosed-single-quote",
    "content/what-happened.md:2:8: error: this quote is not closed"
);
// Closed by a quote lines later, so that YAML reads on and stops far below (issue 30, 7).
mistake!(
    an_unclosed_double_quote_closed_lines_later_is_reported_where_it_opens,
    "unclosed-quote-closed-later",
    "content/what-happened.md:2:8: error: this quote is not closed"
);
mistake!(
    an_unclosed_single_quote_closed_lines_later_is_reported_where_it_opens,
    "unclosed-single-quote-closed-later",
    "content/what-happened.md:2:8: error: this quote is not closed"
);

// The same event told twice, its headline differing only in case and punctuation (issue 30, 4).
mistake!(
    an_event_told_twice_with_another_wording,
    "event-told-twice",
    "content/timeline/2021-12-09-something-later.md:3:9: error: this event repeats one already on the page"
);

// Two files, two errors: one file's front matter does not parse, and another cites a source no file
// lists; both are reported in one run (issue 30, 6).
mistake!(
    an_unknown_field_in_one_file_and_an_unknown_source_in_another,
    "errors-in-two-files",
    "content/timeline/2021-12-09-later.md:5:11: error: unknown source `wire-three`"
);

// Required text left empty (issue 13, 7).
mistake!(
    a_title_with_nothing_after_the_colon,
    "empty-title",
    "content/what-happened.md:2:1: error: `title` has no text"
);
mistake!(
    a_title_of_null,
    "null-title",
    "content/what-happened.md:2:1: error: `title` has no text"
);
mistake!(
    a_title_of_spaces_in_quotes,
    "blank-quoted-title",
    "content/what-happened.md:2:1: error: `title` has no text"
);
mistake!(
    a_quote_without_a_speaker,
    "empty-quote-speaker",
    "content/what-happened.md:6:5: error: in `quotes[0]`: `speaker` has no text"
);

#[test]
fn a_failed_first_build_does_not_claim_to_have_kept_an_output() {
    let site = crate::common::TestSite::fixture("basic").overlay("mistakes/empty-title");
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .ends_with("error: build failed with 1 error; nothing was written\n"),
        "{}",
        run.stderr
    );
    assert!(!site.output().exists());
}

// The wrong cause named (issue 13, 3 and 5).
mistake!(
    a_citation_inside_a_list_in_brackets,
    "citation-in-bracketed-list",
    "content/_index.md:10:43: error: a citation `[@…]` inside a list written in brackets"
);
mistake!(
    curly_quotes_around_a_value_with_a_colon,
    "curly-quotes-around-a-colon",
    "content/what-happened.md:2:13: error: a colon inside a value"
);

// Right line, right cause (issue 13, 8 and 10) and a language by name (14).
mistake!(
    an_event_saved_among_the_sections,
    "event-in-sections-folder",
    "content/2021-12-10-saved-here.md:2:1: error: this looks like a timeline event, but it is in content/"
);
mistake!(
    a_date_written_with_slashes,
    "date-with-slashes",
    "content/timeline/2021-12-09-later.md:2:7: error: invalid date: `06/09/2021` is not written YYYY-MM-DD: write 2021-09-06 if it means 6 September 2021, or 2021-06-09 if it means 9 June 2021"
);
mistake!(
    a_date_written_with_dashes,
    "date-with-dashes",
    "content/timeline/2021-12-09-later.md:2:7: error: invalid date: `2021–12–09` has dashes between its parts where hyphens belong: write 2021-12-09"
);
mistake!(
    a_language_written_as_its_name,
    "language-by-name",
    "content/_index.md:5:11: error: `Arabic` is not a language code"
);

/// A mistake is reported once, where it is: a misspelt era on one event must not make the next
/// event of the real era look out of place (issue 13, 9).
#[test]
fn a_misspelt_era_is_reported_once() {
    let site = crate::common::TestSite::fixture("basic").overlay("mistakes/misspelt-era");
    let run = site.check(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/timeline/2017-07-middle.md:4:6: error: unknown era `befroe`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("already ended"), "{}", run.stderr);
    assert!(
        run.stderr.ends_with("error: check found 1 error\n"),
        "{}",
        run.stderr
    );
}

// Mistakes that were published (issue 13, 6): a file duplicated by the computer.
mistake!(
    a_section_copied_by_the_file_manager,
    "copied-section",
    "content/what-happened copy.md:2:8: error: this section repeats one already on the page"
);
mistake!(
    an_event_copied_by_the_file_manager,
    "copied-event",
    "content/timeline/2021-12-09-later (1).md:3:8: error: this event repeats one already on the page"
);

// Curly quotes around a whole value are published as part of it (issue 13, 5): a warning, since a
// title may really be a quotation.
warning!(
    curly_quotes_around_a_title_are_a_warning,
    "curly-quotes-around-a-title",
    "content/what-happened.md:2:8: warning: this value is wrapped in curly quotes"
);

// A headline in a script the social card's fonts lack (issues 14, 5 and 15, 4): an error, not a
// card of boxes, told by every build, not only by one for a published address, which alone draws
// the card. Arabic is drawn (tests/testsuite/sharing.rs); Chinese is not.
mistake!(
    a_headline_the_card_fonts_cannot_draw,
    "title-the-card-cannot-draw",
    "content/_index.md:2:9: error: the social card's fonts have no `美`, `军`, `撤`, `离`"
);

// What text pasted from a word processor or typed on a phone brings (issue 13, "at least 25 more").
mistake!(
    a_non_breaking_space_after_a_colon,
    "non-breaking-space-after-colon",
    "content/what-happened.md:3:8: error: a non-breaking space in the front matter"
);
mistake!(
    a_zero_width_space_inside_a_field_name,
    "zero-width-space-in-a-key",
    "content/what-happened.md:3:4: error: a zero-width space in the front matter"
);
mistake!(
    a_date_with_its_weekday,
    "date-with-a-weekday",
    "content/timeline/2021-12-09-later.md:2:7: error: invalid date: `Thursday, 9 December 2021` is written in words: write 2021-12-09"
);
mistake!(
    a_number_with_a_thousands_separator,
    "thousands-separator",
    "content/what-happened.md:3:9: error: `weight` should be a whole number, not the text \"1,000\""
);
mistake!(
    a_field_name_with_a_capital,
    "capitalised-key",
    "content/what-happened.md:2:1: error: unknown field `Title`"
);
mistake!(
    a_list_written_with_stars,
    "star-bullets",
    "content/_index.md:11:3: error: a list item that starts with `*`"
);
mistake!(
    a_file_ending_in_capital_md,
    "markdown-by-another-name",
    "content/Why it matters.MD: error: explainer reads only files whose names end in .md"
);

/// A file saved as UTF-16 (Notepad's "Unicode"): named, with how to save it as UTF-8.
#[test]
fn a_file_saved_as_utf_16() {
    let stderr = broken_build("mistakes/empty-title", |path| {
        let text = "---\ntitle: ما الذي حدث\nweight: 10\n---\nText.\n";
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        fs::write(path, bytes).unwrap();
    });
    insta::assert_snapshot!("utf-16", stderr);
    assert!(
        stderr.starts_with("content/what-happened.md: error: this file is saved as UTF-16"),
        "{stderr}"
    );
}

/// A file saved in Windows-1252 ("ANSI"), as older Windows editors do: the first character that is
/// not UTF-8 at its line and column (after Arabic and curly quotes saved right, so counted in
/// characters), what it most likely is, and how to save the file as UTF-8 (issue 30, 9); with CRLF
/// the place is the same.
#[test]
fn a_file_saved_in_windows_1252() {
    let write = |ending: &'static str| {
        move |path: &std::path::Path| {
            let mut bytes =
                format!("---{ending}title: “ما الذي حدث”{ending}weight: 10{ending}---{ending}")
                    .into_bytes();
            bytes.extend(b"The deal\x92s terms \x96 at \x80 2bn.");
            bytes.extend(ending.as_bytes());
            fs::write(path, bytes).unwrap();
        }
    };
    let stderr = broken_build("mistakes/empty-title", write("\n"));
    insta::assert_snapshot!("windows-1252", stderr);
    assert!(
        stderr.starts_with(
            "content/what-happened.md:5:9: error: this file is not UTF-8: the byte 0x92 here is not text, most likely `’` saved in Windows-1252"
        ),
        "{stderr}"
    );
    assert_eq!(broken_build("mistakes/empty-title", write("\r\n")), stderr);
}

/// Spaces after a `---` line are not a mistake: the page builds.
#[test]
fn spaces_after_the_fences_are_fine() {
    let site = crate::common::TestSite::fixture("basic");
    let path = site.root.join("content/what-happened.md");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("---\n", "---  \n");
    fs::write(&path, text).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

// Indentation (issue 13, 4 and 11).
mistake!(
    a_field_indented_more_than_the_one_above,
    "over-indented-field",
    "content/_index.md:7:7: error: this line is indented more than the field above it"
);

// A list item indented too far folds into the item above and would be published inside it.
warning!(
    a_list_item_indented_too_far_is_a_warning,
    "over-indented-list-item",
    "content/_index.md:13:7: warning: this line is indented too far, so it became part of the text above it"
);

/// `build` reports every error `check` would, then stops (issue 13, 12): here two broken front
/// matters, three problems in the Markdown of files that parsed and a source no file lists (issue
/// 30, 6), which the build alone would not have read.
#[test]
fn build_reports_every_error_check_would() {
    let built = broken_build("check/several-problems", |_| {});
    let site = crate::common::TestSite::fixture("basic").overlay("check/several-problems");
    let checked = site.check(&[]);
    let without_summary = |text: &str| {
        text.trim_end()
            .rsplit_once('\n')
            .map(|(body, _)| body.to_string())
    };
    assert_eq!(without_summary(&built), without_summary(&checked.stderr));
    assert!(
        built.ends_with("error: build failed with 6 errors; [ROOT]/public was left as it was\n"),
        "{built}"
    );
    assert!(
        checked.stderr.ends_with("error: check found 6 errors\n"),
        "{}",
        checked.stderr
    );
}

// Lines a phone or a word processor changed (issue 13, "at least 25 more"): a dash for `---`, a
// field without a space after its colon, a field given twice, yes for true, a number in quotes.
mistake!(
    a_dash_where_the_three_hyphens_belong,
    "dash-for-fence",
    "content/what-happened.md:1:1: error: this line should be three hyphens, `---`, not `—`"
);
mistake!(
    no_space_after_a_colon,
    "no-space-after-colon",
    "content/what-happened.md:3:1: error: no space after the colon of `weight`"
);
mistake!(
    yes_where_true_belongs,
    "yes-for-true",
    "content/what-happened.md:4:8: error: `draft` should be true or false, not the text \"Yes\""
);
mistake!(
    a_number_in_quotes,
    "quoted-number",
    "content/what-happened.md:3:9: error: `weight` should be a whole number, not the text \"10\""
);

// A field without a space after its colon, indented so far that YAML read it as text of the value
// above: the page builds, with a warning at the field.
warning!(
    no_space_after_a_colon_inside_a_text_is_a_warning,
    "no-space-after-colon-in-text",
    "content/_index.md:5:3: warning: no space after the colon of `dateline`, so this line is not a field"
);

// Dates that are almost right.
mistake!(
    a_date_with_a_full_stop_after_it,
    "date-with-a-full-stop",
    "content/timeline/2021-12-09-later.md:2:7: error: invalid date: `2021-12-09.` ends with `.`: write 2021-12-09"
);
mistake!(
    two_dates_for_one_event,
    "date-range",
    "content/timeline/2021-12-09-later.md:2:7: error: invalid date: `2021-12-09 – 2021-12-10` is two dates"
);
mistake!(
    a_day_with_one_digit,
    "one-digit-day",
    "content/timeline/2021-12-09-later.md:2:7: error: invalid date: `2021-12-9` needs two digits for the month and the day: write 2021-12-09"
);
mistake!(
    a_publication_date_in_words,
    "published-in-words",
    "content/_index.md:8:12: error: invalid date: `27 July 2021` is written in words: write 2021-07-27"
);
mistake!(
    a_publication_time_without_its_offset,
    "time-without-offset",
    "content/_index.md:8:12: error: invalid date: the time `09:00` has no offset from UTC"
);

// Source ids written as citations are, in a list of sources.
mistake!(
    sources_separated_by_semicolons,
    "sources-with-semicolons",
    "content/timeline/2021-12-09-later.md:5:11: error: `wire-two; wire-one` is several sources written as one"
);
mistake!(
    a_source_id_with_an_at_sign,
    "source-with-at",
    "content/timeline/2021-12-09-later.md:5:11: error: a source id written with `@`"
);

// Text that looks right in a word processor but is not Markdown, and would be published as written.
mistake!(
    a_list_pasted_with_bullets,
    "pasted-bullets",
    "content/what-happened.md:14:1: error: a list item that starts with `•`"
);
mistake!(
    sources_in_a_citation_separated_by_commas,
    "citation-with-commas",
    "content/what-happened.md:12:39: error: sources in one citation are separated by commas"
);
mistake!(
    a_citation_without_its_at_sign,
    "citation-without-at",
    "content/what-happened.md:12:38: error: `[wire-two]` names a source but is not a citation"
);
mistake!(
    a_citation_in_round_brackets,
    "citation-in-round-brackets",
    "content/what-happened.md:12:25: error: `(@wire-one)` names a source but is not a citation"
);
mistake!(
    a_space_between_the_words_and_the_address_of_a_link,
    "space-inside-a-link",
    "content/what-happened.md:16:45: error: a space between `]` and `(`, so this is not a link"
);

/// What `check` finds beyond what stops a build, built as written, with CRLF and with a byte-order
/// mark, all three reported the same way: the exit code, and the message at its place.
fn checked(case: &str, code: i32, locus: &str) -> String {
    let run = |edit: fn(&Path)| {
        let site = crate::common::TestSite::fixture("basic")
            .overlay_edited(&format!("mistakes/{case}"), edit);
        let run = site.check(&[]);
        assert_eq!(run.code, Some(code), "{}", run.stderr);
        run.stderr
    };
    let stderr = run(|_| {});
    assert!(
        stderr.starts_with(locus),
        "expected {locus} first in:\n{stderr}"
    );
    assert_eq!(
        run(crlf),
        stderr,
        "{case} with CRLF must be reported the same way"
    );
    assert_eq!(
        run(bom),
        stderr,
        "{case} with a byte-order mark must be reported the same way"
    );
    stderr
}

/// A mistake `check` reports (an error: exit code 1, or a warning: 0); a build does not stop for these.
macro_rules! check_finds {
    ($name:ident, $case:literal, $code:literal, $locus:literal) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!($case, checked($case, $code, $locus));
        }
    };
}

// The rest of the messages in docs/editing.md, each shown by a fixture.
mistake!(
    a_source_id_with_an_at_sign_in_a_list,
    "source-id-with-at-in-a-list",
    "content/timeline/2021-12-09-later.md:6:5: error: a value cannot start with `@`"
);
mistake!(
    a_list_item_not_lined_up,
    "misaligned-list-item",
    "content/_index.md:13:5: error: the indentation does not line up"
);
mistake!(
    a_field_not_lined_up_with_its_item,
    "misaligned-fields",
    "content/what-happened.md:6:4: error: in `quotes[0]`: missing field `speaker`"
);
mistake!(
    a_file_in_a_folder_explainer_does_not_read,
    "file-in-another-folder",
    "content/notes/what-happened-draft.md: error: this file is in a folder explainer does not read"
);
mistake!(
    a_source_id_used_twice,
    "source-id-twice",
    "content/sources.md:16:9: error: the source id `wire-one` is used twice"
);
mistake!(
    an_event_without_sources,
    "event-without-sources",
    "content/timeline/2021-12-09-later.md:3:8: error: this event cites no source"
);
mistake!(
    a_figure_without_sources,
    "figure-without-sources",
    "content/key-figures.md:9:13: error: this figure cites no source"
);
mistake!(
    figures_in_a_prose_section,
    "figures-in-a-prose-section",
    "content/what-happened.md:4:1: error: a `prose` section does not show `figures`"
);
mistake!(
    updated_before_published,
    "updated-before-published",
    "content/_index.md:9:10: error: the page is updated before it was published"
);
mistake!(
    an_id_with_capitals_and_a_space,
    "id-with-capitals",
    "content/what-happened.md:4:5: error: `What Happened` cannot be used as an id"
);
check_finds!(
    an_era_that_comes_back,
    "era-out-of-order",
    1,
    "content/timeline/2021-12-09-later.md:4:6: error: the era `after` already ended earlier in the timeline"
);
check_finds!(
    a_file_name_and_a_date_that_differ,
    "file-name-date-mismatch",
    0,
    "content/timeline/2021-12-09-later.md:2:7: warning: the file name says 2021-12-09, but `date:` says 2021-12-19"
);
check_finds!(
    an_event_after_publication_on_a_page_never_updated,
    "no-updated-date",
    0,
    "content/timeline/2021-12-09-later.md:2:7: warning: this event is after the page was published"
);
check_finds!(
    an_address_from_the_root,
    "address-from-the-root",
    0,
    "content/what-happened.md:16:44: warning: `/timeline.json` starts with /"
);
// What `explainer new` wrote and nobody replaced never goes live (issue 30, 1).
mistake!(
    the_example_text_left_in,
    "example-text-left",
    "content/what-happened.md:16:1: error: this is still the example text"
);
check_finds!(
    a_description_too_long,
    "long-description",
    0,
    "content/_index.md:4:1: warning: the description is"
);
mistake!(
    a_space_after_the_at_sign_of_a_citation,
    "citation-with-a-space",
    "content/what-happened.md:12:35: error: the citation `[@ wire-one; @wire-two]` cannot be read"
);

/// The same swallowed line written twice is reported twice, each at its own place.
#[test]
fn the_same_line_swallowed_twice_is_reported_at_both_places() {
    let site =
        crate::common::TestSite::fixture("basic").overlay("mistakes/over-indented-list-item");
    let path = site.root.join("content/_index.md");
    let text = fs::read_to_string(&path).unwrap().replace(
        "  - \"The third point.\"",
        "  - >-\n    The third point.\n      - >- The second point [@wire-two].",
    );
    fs::write(&path, text).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for place in [
        "content/_index.md:13:7: warning",
        "content/_index.md:16:7: warning",
    ] {
        assert!(run.stderr.contains(place), "{place} in:\n{}", run.stderr);
    }
}

// Translations (issue 14): a translation carries only text, and is named after the file it
// translates.
mistake!(
    a_translation_that_gives_a_date,
    "translation-with-a-date",
    "content/timeline/2003-03-20-start.ar.md:3:1: error: `date` is not translated: it is written once, in content/timeline/2003-03-20-start.md"
);
mistake!(
    a_translation_of_a_file_that_is_not_there,
    "translation-without-original",
    "content/what-hapened.ar.md: error: this translates content/what-hapened.md, which is not there"
);
check_finds!(
    a_translation_that_leaves_a_pictures_description_in_english,
    "translation-without-picture-words",
    0,
    "content/timeline/2003-03-20-start.ar.md: warning: `media` is not translated here: the edition shows its picture's `alt` as written in content/timeline/2003-03-20-start.md"
);
check_finds!(
    a_translation_of_the_fields_alone,
    "translation-without-text",
    0,
    "content/what-happened.ar.md: warning: this translation has no text below its fields: the edition shows the text of content/what-happened.md as written there, marked as `en`"
);
check_finds!(
    a_translation_that_leaves_things_out,
    "translation-incomplete",
    0,
    "content/_index.ar.md:7:1: warning: `key_points` has 2 of the 3 in content/_index.md: the edition shows the other 1 as written there, marked as `en`"
);
check_finds!(
    a_translation_of_an_original_that_changed_since,
    "translation-out-of-date",
    0,
    "content/what-happened.ar.md:8:1: warning: the English changed since this was translated: `title` in content/what-happened.md"
);

// Planted markup (issue 29): nothing an editor writes becomes an attribute or a broken address.
mistake!(
    a_heading_with_an_attribute_other_than_its_id_and_classes,
    "heading-with-attributes",
    "content/what-happened.md:14:36: error: a heading may carry only an id and classes, not `tabindex`"
);
mistake!(
    a_base_url_that_would_break_out_of_its_attribute,
    "base-url-with-markup",
    "content/_index.md:5:12: error: the base URL `https://x.github.io/r\"><img src=x onerror=alert(1)>/` holds `\"`, which an address cannot"
);
mistake!(
    html_nested_deeper_than_the_limit,
    "html-nested-too-deep",
    "content/what-happened.md:20:501: error: HTML elements nested more than 100 deep"
);
mistake!(
    a_content_file_saved_as_text_or_with_another_markdown_ending,
    "saved-as-text",
    "content/who-are-the-militias.txt: error: explainer reads only files whose names end in .md, so this one is left out"
);
mistake!(
    a_heading_that_skips_a_level,
    "heading-skips-a-level",
    "content/what-happened.md:18:1: error: a level-5 heading where a level-4 one belongs"
);
