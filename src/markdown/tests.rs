//! The Markdown stage's tests: rendering, citations, links and plain text.

use super::*;

fn settings(citations: &Citations) -> Settings<'_> {
    Settings {
        citations,
        id_prefix: "why",
        min_heading: 3,
        trusted_html: false,
        terms: None,
        pictures: None,
    }
}

#[test]
fn turns_citations_into_numbered_links() {
    let c = Citations::new(["ap", "reuters"]);
    let r = render("Troops stay [@reuters; @ap].", &settings(&c));
    assert_eq!(
        r.html,
        // In the sources list's order, whatever the order written.
        // Each a link to the sources list, and a button opening the source's preview.
        "<p>Troops stay<sup class=\"cite\"><a class=\"cite-link\" href=\"#source-ap\"><span class=\"visually-hidden\">source </span>1</a><button type=\"button\" class=\"cite-open\" popovertarget=\"preview-ap\"><span class=\"visually-hidden\">source </span>1</button>, <a class=\"cite-link\" href=\"#source-reuters\"><span class=\"visually-hidden\">source </span>2</a><button type=\"button\" class=\"cite-open\" popovertarget=\"preview-reuters\"><span class=\"visually-hidden\">source </span>2</button></sup>.</p>\n"
    );
    assert_eq!(r.cited, ["reuters", "ap"]);
    assert!(r.problems.is_empty());
}

#[test]
fn reports_unknown_citations_where_they_are() {
    let c = Citations::new(["ap"]);
    let text = "First line.\n\nSecond [@reutres] line.";
    let r = render(text, &settings(&c));
    assert_eq!(r.problems.len(), 1);
    assert_eq!(&text[r.problems[0].range.clone()], "reutres");
}

#[test]
fn leaves_citations_in_code_alone() {
    let c = Citations::new(["ap"]);
    let r = render("`[@ap]` and\n\n    [@ap]\n", &settings(&c));
    assert!(!r.html.contains("cite"), "{}", r.html);
}

#[test]
fn gives_headings_prefixed_unique_ids_and_checks_levels() {
    let c = Citations::default();
    let r = render(
        "### The deal\n\n### The deal\n\n## Too big\n",
        &settings(&c),
    );
    assert!(r.html.contains("<h3 id=\"why-the-deal\">"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"why-the-deal-2\">"), "{}", r.html);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].message, "a level-2 heading inside this text");
}

#[test]
fn renders_footnotes_with_section_scoped_ids() {
    let c = Citations::default();
    let r = render("Said so.[^a]\n\n[^a]: In an interview.\n", &settings(&c));
    assert!(
        r.html
            .contains("href=\"#why-fn-a\" id=\"why-fn-a-ref\">1</a>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<li id=\"why-fn-a\">"), "{}", r.html);
    assert!(r.html.contains("In an interview."), "{}", r.html);
}

#[test]
fn citations_on_a_new_line_still_sit_against_the_word() {
    let c = Citations::new(["ap"]);
    let r = render("Named in October 2014\n[@ap].", &settings(&c));
    assert!(r.html.contains("2014<sup"), "{}", r.html);
}

#[test]
fn images_need_alt_text() {
    let c = Citations::default();
    let text = "A photo:\n\n![](a.jpg) and ![ ](b.jpg) and ![Troops](c.jpg)\n\n<img src=\"d.jpg\"> <img alt=\"\" src=\"e.jpg\">\n";
    let r = render(text, &settings(&c));
    let flagged: Vec<&str> = r.problems.iter().map(|p| &text[p.range.clone()]).collect();
    assert_eq!(
        flagged,
        ["![](a.jpg)", "![ ](b.jpg)", "<img src=\"d.jpg\">"]
    );
}

#[test]
fn lists_links_with_the_place_of_their_destination() {
    let text = "See [the timeline](#timeline), ![A map](map.png) and `[x](#code)`.\n\n<a href=\"#era-return\">Return</a>\n";
    let found = links(text);
    let urls: Vec<(&str, &str, bool)> = found
        .iter()
        .map(|l| (l.url.as_str(), &text[l.range.clone()], l.image))
        .collect();
    assert_eq!(
        urls,
        [
            ("#timeline", "#timeline", false),
            ("map.png", "map.png", true),
            ("#era-return", "#era-return", false)
        ]
    );
}

#[test]
fn unchecked_citations_accept_any_id() {
    let c = Citations::unchecked();
    let r = render("Said [@anything].", &settings(&c));
    assert!(r.problems.is_empty());
}

#[test]
fn smartens_titles_as_plain_text() {
    assert_eq!(
        smarten("What doesn't change -- \"yet\"..."),
        "What doesn’t change – “yet”…"
    );
    assert_eq!(smarten("1 * 2 <b> [x]"), "1 * 2 <b> [x]");
}

#[test]
fn plain_text_drops_markup_and_citations() {
    assert_eq!(
        plain_text("It's *about* 2,500 [@ap; @reuters].\nSee `x`\n[@ap]."),
        "It’s about 2,500. See x."
    );
}

#[test]
fn inline_rendering_drops_the_paragraph_and_smartens_quotes() {
    let c = Citations::default();
    let r = render_inline("It's \"done\"", &c, false);
    assert_eq!(r.html, "It’s “done”");
}

#[test]
fn sanitises_raw_html_but_keeps_explainer_markup() {
    let c = Citations::new(["ap"]);
    let text = "A <abbr title=\"North Atlantic\">NATO</abbr> deal<script>alert(1)</script> \
                <img src=x onerror=alert(2) alt=\"x\"> [@ap].[^n] <a href=\"javascript:alert(3)\">go</a>\n\n\
                <iframe src=\"https://evil.example\"></iframe>\n\n[^n]: Note.\n";
    let html = render(text, &settings(&c)).html;
    assert!(
        html.contains("<abbr title=\"North Atlantic\">NATO</abbr>"),
        "{html}"
    );
    for gone in ["<script", "alert(1)", "onerror", "javascript:", "<iframe"] {
        assert!(!html.contains(gone), "{gone} left in {html}");
    }
    assert!(
        html.contains("<a class=\"cite-link\" href=\"#source-ap\""),
        "{html}"
    );
    assert!(
        html.contains("<button type=\"button\" class=\"cite-open\" popovertarget=\"preview-ap\">"),
        "{html}"
    );
    assert!(html.contains("id=\"why-fn-n\""), "{html}");
    assert!(html.contains("class=\"footnotes\""), "{html}");
}

#[test]
fn keeps_raw_html_when_the_page_trusts_it() {
    let c = Citations::default();
    let mut trusted = settings(&c);
    trusted.trusted_html = true;
    let html = render("<script>ok()</script>\n", &trusted).html;
    assert!(html.contains("<script>ok()</script>"), "{html}");
}

#[test]
fn external_links_do_not_share_the_page() {
    let c = Citations::default();
    let html = render(
        "[a](https://example.com/?a=1&b=\"2\" \"T\") [b](#here)\n",
        &settings(&c),
    )
    .html;
    assert!(
        html.contains("<a href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer\" title=\"T\">a</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#here\">b</a>"), "{html}");
}

#[test]
fn refuses_script_addresses_in_links() {
    let c = Citations::default();
    let r = render("[x](javascript:alert(1))\n", &settings(&c));
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].message, "a link to a `javascript:` address");
}

#[test]
fn a_heading_carries_only_its_id_and_classes() {
    let c = Citations::default();
    // An attribute after an id and a class, on a line of Arabic: the caret is at the name.
    let text =
        "Intro — “quoted”.\n\n### تحليل {#analysis .wide tabindex=0 autofocus onfocus=alert(1)}\n";
    let r = render(text, &settings(&c));
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert_eq!(&text[r.problems[0].range.clone()], "tabindex=0");
    assert!(
        r.problems[0].message.contains("only an id and classes"),
        "{}",
        r.problems[0].message
    );
    assert_eq!(r.html.matches("<h3").count(), 1);
    assert!(
        r.html
            .contains("<h3 id=\"analysis\" class=\"wide\">تحليل</h3>"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("onfocus"), "{}", r.html);
    // Id and classes alone are fine.
    let r = render("### Analysis {#a .b}\n", &settings(&c));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn ids_keep_letters_of_any_alphabet_with_their_marks() {
    for (title, id) in [
        (
            "Rózsa Péter writes “recursion”",
            "rózsa-péter-writes-recursion",
        ),
        ("Ro\u{301}zsa Pe\u{301}ter", "ro\u{301}zsa-pe\u{301}ter"),
        ("Über die Straße — 2021", "über-die-straße-2021"),
        ("Élysée: l’accord", "élysée-l-accord"),
        ("مُهِمَّة القتال تنتهي", "مُهِمَّة-القتال-تنتهي"),
        ("हिन्दी समाचार", "हिन्दी-समाचार"),
        ("美军 结束 任务", "美军-结束-任务"),
    ] {
        assert_eq!(slugify(title), id, "{title}");
        assert!(is_slug(id), "{id}");
    }
    for not_an_id in ["", "-a", "a-", "a--b", "Rózsa", "a b", "a_b", "a.b", "É"] {
        assert!(!is_slug(not_an_id), "{not_an_id:?}");
    }
}
