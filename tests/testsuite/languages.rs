//! The page's language (issue 14): the interface words of every built-in catalog, dates and numbers
//! from CLDR for the page's locale, and a page in Arabic, read right to left with Arabic words,
//! Iraqi month names and Arabic-Indic digits.

use explainer::dates::{PartialDate, Timestamp};
use explainer::i18n::{Arg, Catalogs, Formats};

use crate::common::{TestSite, html, repo_root, select};

/// The message ids of the English catalog, in its order.
fn message_ids() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("locales/en.ftl")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with([' ', '#', '*', '[']))
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id.to_string()))
        .collect()
}

/// Every message of `language`'s catalog, with sample arguments: each count from 0 to 3 and 11
/// where the message takes a count.
fn interface_words(language: &str) -> String {
    let catalogs = Catalogs::builtin();
    let catalog = catalogs.catalog(language);
    let formats = Formats::new(language);
    let date = formats.date(PartialDate::parse("2021-12-10").unwrap());
    let mut out = String::new();
    for id in message_ids() {
        assert!(catalog.has_own(&id), "{language} has no `{id}`");
        if id == "event-sources" {
            for n in [0, 1, 2, 3, 11] {
                let text = catalog.format(&id, &[("count", Arg::Count(n))]).unwrap();
                out.push_str(&format!("{id} (count {n}) = {text}\n"));
            }
            continue;
        }
        let args = [("title", Arg::Text("…")), ("date", Arg::Text(&date))];
        let text = catalog.format(&id, &args).unwrap();
        out.push_str(&format!("{id} = {text}\n"));
    }
    out
}

#[test]
fn the_interface_words_in_english() {
    insta::assert_snapshot!("interface-words-en", interface_words("en"));
}

#[test]
fn the_interface_words_in_arabic() {
    insta::assert_snapshot!("interface-words-ar", interface_words("ar"));
}

#[test]
fn arabic_dates_for_iraq() {
    let ar = Formats::new("ar");
    let date = |text: &str| ar.date(PartialDate::parse(text).unwrap());
    let with_time = Timestamp::parse("2021-12-10T09:00:00+03:00").unwrap();
    let text = [
        format!("locale: {}", ar.locale()),
        format!("a year, 2003: {}", date("2003")),
        format!("a month, 2014-06: {}", date("2014-06")),
        format!("a day, 2021-07-26: {}", date("2021-07-26")),
        format!(
            "a period, 2021-12-09 to 2021-12-10: {} – {}",
            date("2021-12-09"),
            date("2021-12-10")
        ),
        format!(
            "a date with a time, 2021-12-10T09:00:00+03:00: {}",
            ar.moment(&with_time)
        ),
        format!(
            "numbers 7, 12, 1234: {}, {}, {}",
            ar.number(7),
            ar.number(12),
            ar.number(1234)
        ),
    ]
    .join("\n");
    insta::assert_snapshot!("arabic-dates", text);
}

#[test]
fn a_page_in_arabic_reads_right_to_left_in_arabic() {
    let site = TestSite::fixture("basic").overlay("languages/arabic");
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = html(&site.read_output("index.html"));
    let root = select(&page, "html")[0];
    assert_eq!(root.value().attr("lang"), Some("ar"));
    assert_eq!(root.value().attr("dir"), Some("rtl"));
    let mut shown = String::new();
    for css in [
        ".skip-link",
        ".page-nav",
        ".byline",
        ".dates",
        "#key-points-title",
        ".era-nav li",
        ".event-title",
        ".event-sources",
        ".sources li",
        ".corrections li",
        ".site-footer p",
        ".pull-quote figcaption",
    ] {
        for element in select(&page, css) {
            // The words a reader sees: a citation's button repeats its link's number (CSS shows one).
            let text: String = element
                .descendants()
                .filter(|n| {
                    !n.ancestors()
                        .any(|a| a.value().as_element().is_some_and(|e| e.name() == "button"))
                })
                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                .collect();
            shown.push_str(&format!("{css}: {}\n", text.trim()));
        }
    }
    insta::assert_snapshot!("arabic-page", shown);
    let not_found = html(&site.read_output("404.html"));
    assert_eq!(
        select(&not_found, "html")[0].value().attr("dir"),
        Some("rtl")
    );
    let heading: String = select(&not_found, "h1")[0].text().collect();
    assert_eq!(heading, "لا يوجد شيء في هذا العنوان");
}

/// Where the accent colour (#a1321c, the label's box) is in the band `rows` of an indexed PNG: the
/// leftmost and rightmost columns.
fn accent_columns(png_bytes: &[u8], rows: std::ops::Range<usize>) -> (usize, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let palette = reader.info().palette.clone().unwrap().into_owned();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    let width = frame.width as usize;
    let accent = palette
        .chunks(3)
        .position(|c| c == [0xa1, 0x32, 0x1c])
        .unwrap() as u8;
    let columns: Vec<usize> = rows
        .flat_map(|y| (0..width).map(move |x| (y, x)))
        .filter(|(y, x)| pixels[y * width + x] == accent)
        .map(|(_, x)| x)
        .collect();
    (
        *columns.iter().min().unwrap(),
        *columns.iter().max().unwrap(),
    )
}

/// The social card of an Arabic page (issue 14, 5): drawn (no missing characters), shaped by
/// rustybuzz, and set from the right: the label's box ends at the right margin. The English card's
/// box starts at the left one.
#[test]
fn an_arabic_headline_makes_a_card_set_from_the_right() {
    let site = TestSite::fixture("basic").overlay("languages/arabic");
    let page = site.root.join("content/_index.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let text = text.replacen(
        "title: \"A test explainer: what changed\"",
        "title: \"نهاية المهمة القتالية الأمريكية في العراق\"\nlabel: شرح",
        1,
    );
    std::fs::write(&page, text).unwrap();
    let run = site.build(&["--base-url", "https://example.github.io/iraq-explainer/"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.is_empty(),
        "no missing characters: {}",
        run.stderr
    );
    let card = |site: &TestSite| {
        let doc = html(&site.read_output("index.html"));
        let url = select(&doc, "meta[property='og:image']")[0]
            .value()
            .attr("content")
            .unwrap()
            .to_string();
        let name = url.rsplit('/').next().unwrap().to_string();
        std::fs::read(site.output().join(name)).unwrap()
    };
    // The label's box is 46 px high from y = 72.
    let (left, right) = accent_columns(&card(&site), 80..110);
    assert!(
        right >= 1115 && left > 900,
        "the box is at the right: {left}..{right}"
    );

    let english = TestSite::fixture("basic");
    let run = english.build(&["--base-url", "https://example.github.io/iraq-explainer/"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let (left, right) = accent_columns(&card(&english), 80..110);
    assert!(
        left <= 85 && right < 400,
        "the box is at the left: {left}..{right}"
    );
}
