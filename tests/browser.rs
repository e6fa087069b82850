//! Runs the browser tests in `tests/browser/*.mjs`: Node with playwright-core driving Debian's
//! Chromium against the real `explainer` binary. The page checks (`checks.mjs`) run twice each: on
//! the published page (`page.mjs`), which must pass, and on deliberately broken copies of it
//! (`broken.mjs`), where each must report the breakage. Needs `npm ci --ignore-scripts` and Chromium at
//! /usr/bin/chromium (or the path in $CHROMIUM); README's test command and .ci/run provide both.

#[path = "support/photos.rs"]
mod photos;

use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One browser at a time: on a small machine, Chromium runs side by side make the live-reload test's
/// timeouts flaky and every check slower.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn run(script: &str, args: &[&str]) {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let repo = repo_root();
    assert!(
        repo.join("node_modules/playwright-core").is_dir(),
        "node_modules is missing: run `npm ci --ignore-scripts` first (README, Run the tests)"
    );
    let out = Command::new("node")
        .arg(repo.join("tests/browser").join(script))
        .args(args)
        .current_dir(&repo)
        .env("EXPLAINER_BIN", env!("CARGO_BIN_EXE_explainer"))
        .env("FIXTURES", repo_root().join("tests/fixtures"))
        .output()
        .expect("run node (is Node.js installed?)");
    assert!(
        out.status.success(),
        "{script} {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_open_page_reloads_after_each_save_and_never_shows_a_broken_page() {
    run("serve_reload.mjs", &[]);
}

#[test]
fn a_save_patches_the_open_page_keeping_scroll_focus_and_open_details() {
    run("serve_morph.mjs", &[]);
}

#[test]
fn the_morph_checks_fail_against_a_full_reload() {
    run("serve_morph.mjs", &["full"]);
}

/// Runs one check of `checks.mjs` on the published page, then on its broken copies.
fn page_check(name: &str) {
    run("page.mjs", &[name]);
}

fn broken_check(name: &str) {
    run("broken.mjs", &[name]);
}

#[test]
fn axe_finds_no_wcag_22_aa_violation_light_and_dark_at_1280_390_and_320_px() {
    page_check("a11y");
}

#[test]
fn axe_check_reports_missing_alt_low_contrast_and_sideways_scrolling() {
    broken_check("a11y");
}

#[test]
fn page_loads_with_no_console_error_failed_or_outside_request() {
    page_check("network");
}

#[test]
fn network_check_reports_root_relative_assets_console_errors_and_outside_requests() {
    broken_check("network");
}

#[test]
fn page_weight_is_within_budget() {
    page_check("budget");
}

#[test]
fn budget_check_reports_heavy_pages_many_requests_big_scripts_and_web_fonts() {
    broken_check("budget");
}

#[test]
fn everything_is_readable_without_javascript() {
    page_check("nojs");
}

#[test]
fn no_javascript_check_reports_content_hidden_without_script() {
    broken_check("nojs");
}

#[test]
fn keyboard_reaches_every_control_with_visible_unobscured_focus() {
    page_check("keyboard");
}

#[test]
fn keyboard_check_reports_hidden_focus_sticky_headers_and_broken_skip_links() {
    broken_check("keyboard");
}

#[test]
fn reduced_motion_turns_off_transitions_and_smooth_scrolling() {
    page_check("motion");
}

#[test]
fn motion_check_reports_motion_left_on() {
    broken_check("motion");
}

#[test]
fn text_spacing_and_text_at_200_percent_lose_nothing_at_1280_and_320_px() {
    page_check("spacing");
}

#[test]
fn spacing_check_reports_clipped_text_fixed_pixel_sizes_and_sideways_scrolling() {
    broken_check("spacing");
}

#[test]
fn printed_pdf_has_every_event_expanded_content_and_source_urls() {
    page_check("print");
}

#[test]
fn print_check_reports_missing_headlines_urls_and_collapsed_content() {
    broken_check("print");
}

/// Issue 19, 6: on a phone the contents take one line, and the label and headline are on the first
/// screen, in both editions; the check finds a wrapped contents list and a pushed-down headline.
#[test]
fn on_a_phone_the_contents_take_one_line_and_the_headline_is_on_the_first_screen() {
    page_check("phone");
    broken_check("phone");
    edition_check("phone");
}

/// Issue 19, 1 and 2: every citation mark opens its source's preview and every first mention of a
/// glossary term its card, in both editions, with the keyboard, and Escape closes it; the check
/// finds previews that do not open, that leave the window, and fallback links left showing.
#[test]
fn every_mark_and_term_opens_its_preview_or_card_in_place_and_escape_closes_it() {
    page_check("popovers");
    broken_check("popovers");
    edition_check("popovers");
}

/// The timeline at a glance (issue 19, 4): a mark per event, linking to it, placed by its date from
/// the first to the last in the edition's reading direction, none on another, each 24 px or more,
/// and each showing a focus ring and its date and headline when focused, at 1280 and 320 px, in
/// both editions; the check finds stacked marks, a mark off its date, a dead link and no labels.
#[test]
fn the_overview_places_every_event_by_its_date_and_links_to_it() {
    page_check("overview");
    broken_check("overview");
    edition_check("overview");
}

/// Photos on a slow connection (issue 16): a lead photo, a 4000×3000 newsroom photo in the text and
/// a photo on an event, each held back as it loads; the page must not move as they arrive, must make
/// no request to another site, must pass axe, and on a phone must load under 200 KB of photos for
/// the first screen and no photo file over 250 KB. The check must find the movement when the
/// photos' width and height are taken out.
#[test]
fn photos_reserve_their_space_and_stay_small_on_a_slow_connection() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let fixture = repo_root().join("tests/fixtures/basic");
    for entry in walkdir::WalkDir::new(&fixture) {
        let entry = entry.unwrap();
        let to = site.join(entry.path().strip_prefix(&fixture).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let write = |rel: &str, bytes: &[u8]| {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    write("content/lead.jpg", &photos::small_photo(1600, 900));
    write("content/photos/still.jpg", &photos::small_photo(1280, 720));
    // A video of the explainer's own, with its poster and captions (never played: not a real film).
    write("content/clips/dusk.mp4", b"not a real film");
    write("content/clips/dusk.jpg", &photos::small_photo(960, 540));
    write(
        "content/clips/dusk.vtt",
        "WEBVTT\n\n00:00.000 --> 00:03.000\nA convoy at dusk\n".as_bytes(),
    );
    write("content/photos/convoy.jpg", &photos::newsroom_photo(0));
    write(
        "content/timeline/ceremony.jpg",
        &photos::small_photo(1200, 800),
    );
    let edit = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(site.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} has {from:?}");
        std::fs::write(site.join(rel), text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "content/_index.md",
        "key_points:",
        "lead:\n  src: lead.jpg\n  alt: \"Soldiers fold a flag at a ceremony\"\n  credit: \"Photo: Test Desk\"\nkey_points:",
    );
    let text = std::fs::read_to_string(site.join("content/what-happened.md")).unwrap();
    std::fs::write(
        site.join("content/what-happened.md"),
        format!("{text}\n![US armoured vehicles in a line on a desert road](photos/convoy.jpg \"The last convoy\")\n\nMore text after the photo.\n\n[![Two leaders in an office](photos/still.jpg)](https://youtu.be/dQw4w9WgXcQ)\n\nhttps://x.com/CENTCOM/status/1419751846349651968\n\n![A convoy on a road at dusk](clips/dusk.mp4 \"At dusk\")\n"),
    )
    .unwrap();
    edit(
        "content/timeline/2021-12-09-later.md",
        "sources: [wire-two]",
        "sources: [wire-two]\nmedia:\n  src: ceremony.jpg\n  alt: \"Officers at a table\"\n  credit: \"Photo: Test Desk\"",
    );
    run("media.mjs", &[site.to_str().unwrap()]);
}

#[test]
fn script_injection_payloads_in_every_field_never_run() {
    run("injection.mjs", &[]);
}

/// Issue 29: heading attributes, a translation's, an imported sheet's cell and a base URL are
/// refused by the build; a site's interface words and a drawing only linked from the page are
/// published and run nothing in Chromium, opened as a reader would.
#[test]
fn planted_markup_is_refused_or_runs_nothing() {
    run("planted.mjs", &[]);
}

/// The Arabic edition of a bilingual fixture (issue 14): axe at every width in both schemes, and the
/// page mirrored (the timeline's rail, the key points' rule, text from the right, no sideways
/// scrolling); the English page must fail the mirror check.
#[test]
fn the_arabic_edition_passes_axe_and_is_mirrored() {
    run("editions.mjs", &[]);
}

/// The bundled explainer's Arabic edition (`ar/`) goes through the same checks as the original
/// (issue 14): axe at every width in both schemes, the page weight, no JavaScript, the keyboard and
/// print, and the mirror check; print's breakages are found on it too.
fn edition_check(name: &str) {
    run("page.mjs", &[name, "ar/"]);
}

#[test]
fn the_arabic_edition_passes_axe_light_and_dark_at_1280_390_and_320_px() {
    edition_check("a11y");
}

#[test]
fn the_arabic_edition_stays_within_the_page_weight_budget() {
    edition_check("budget");
}

#[test]
fn the_arabic_edition_works_without_javascript() {
    edition_check("nojs");
}

#[test]
fn the_arabic_edition_can_be_used_with_the_keyboard() {
    edition_check("keyboard");
}

#[test]
fn the_arabic_edition_prints_everything_and_its_breakages_are_found() {
    edition_check("print");
    run("broken.mjs", &["print", "ar/"]);
}

#[test]
fn the_arabic_edition_is_mirrored() {
    edition_check("rtl");
}
