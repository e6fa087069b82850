//! Building sites: the bundled explainer's structure, URLs under a sub-path, fragments of the
//! rendered markup (snapshots), drafts, and how the output folder is replaced.

use crate::common::{TestSite, html, select};

fn attr<'a>(el: &scraper::ElementRef<'a>, name: &str) -> &'a str {
    el.value().attr(name).unwrap_or_default()
}

/// The page criteria the bundled explainer must meet, read from the built HTML.
#[test]
fn bundled_explainer_has_the_structure_of_a_news_explainer() {
    let site = TestSite::bundled();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.is_empty(),
        "no warnings on the bundled explainer: {}",
        run.stderr
    );
    let text = site.read_output("index.html");
    let doc = html(&text);

    assert_eq!(select(&doc, "h1").len(), 1, "exactly one h1");
    assert_eq!(select(&doc, "main").len(), 1, "exactly one main");
    assert_eq!(attr(&select(&doc, "html")[0], "lang"), "en");
    assert_eq!(
        select(&doc, "body > header, body > main, body > footer").len(),
        3
    );
    let skip = select(&doc, "a.skip-link");
    assert_eq!(attr(&skip[0], "href"), "#main");
    assert!(text.contains(">Explainer</p>"), "the type-of-work label");

    // Key points: 3-5 items, before the first h2.
    let key_points_at = text.find("class=\"key-points").expect("key points box");
    let first_h2_at = text.find("<h2").expect("an h2");
    assert!(
        key_points_at < first_h2_at,
        "key points come before the first h2"
    );
    let points = select(&doc, ".key-points li");
    assert!(
        (3..=5).contains(&points.len()),
        "{} key points",
        points.len()
    );

    // Sections in the explainer pattern, then timeline, key figures and sources.
    let h2s: Vec<String> = select(&doc, "h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    let order = [
        "What happened",
        "Why it matters",
        "What's next",
        "Timeline",
        "Key figures",
        "Sources",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|t| {
            h2s.iter()
                .position(|h| h.replace('’', "'") == *t)
                .unwrap_or_else(|| panic!("no h2 {t} in {h2s:?}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "section order {h2s:?}"
    );

    // The timeline: one ol of 15-20 li, each with an h3 holding a time, in ascending order.
    let events = select(&doc, "ol.timeline > li");
    assert!((15..=20).contains(&events.len()), "{} events", events.len());
    let mut previous = String::new();
    for event in &events {
        let time = event
            .select(&scraper::Selector::parse("h3 time[datetime]").unwrap())
            .next()
            .expect("each event heading has a <time datetime>");
        let datetime = attr(&time, "datetime").to_string();
        assert!(
            datetime >= previous,
            "events in date order: {previous} then {datetime}"
        );
        previous = datetime;
        let cites = event
            .select(&scraper::Selector::parse(".event-sources a[href^='#source-']").unwrap())
            .count();
        assert!(cites >= 1, "every event cites a source");
    }
    assert_eq!(previous, "2021-12-31", "the timeline runs to the deadline");
    assert_eq!(
        attr(&select(&doc, "ol.timeline > li time")[0], "datetime"),
        "2003-03-20"
    );

    // Events after publication (27 July 2021) are labelled; earlier ones are not.
    for event in &events {
        let datetime = attr(
            &event
                .select(&scraper::Selector::parse("time").unwrap())
                .next()
                .unwrap(),
            "datetime",
        )
        .to_string();
        let labelled = event.text().any(|t| t.contains("After publication"));
        assert_eq!(
            labelled,
            datetime.as_str() > "2021-07-27",
            "label on {datetime}"
        );
    }

    // Quotes: figure > blockquote + figcaption, at least two, attribution outside the quote.
    let quotes = select(&doc, "figure > blockquote + figcaption");
    assert!(quotes.len() >= 2, "{} quotes", quotes.len());
    for caption in &quotes {
        assert!(
            caption
                .select(&scraper::Selector::parse("time[datetime]").unwrap())
                .next()
                .is_some()
        );
    }

    // Key figures as a dl; a glossary that explains the group's names and al-Kadhimi's.
    assert!(select(&doc, "dl.figures dt").len() >= 4);
    let glossary: String = select(&doc, "dl.glossary")
        .iter()
        .flat_map(|g| g.text())
        .collect();
    for name in ["ISIS", "ISIL", "Daesh", "Kadhimi"] {
        assert!(glossary.contains(name), "glossary explains {name}");
    }

    // Every citation on the page links to an entry of the sources list, and every source is cited.
    let source_ids: Vec<String> = select(&doc, "ol.sources > li")
        .iter()
        .map(|li| attr(li, "id").to_string())
        .collect();
    assert!(!source_ids.is_empty());
    let citations = select(&doc, "a[href^='#source-']");
    assert!(citations.len() > 20, "{} citations", citations.len());
    for link in &citations {
        let target = &attr(link, "href")[1..];
        assert!(
            source_ids.iter().any(|id| id == target),
            "citation {target} resolves"
        );
    }
    for id in &source_ids {
        assert!(
            citations
                .iter()
                .any(|a| attr(a, "href") == format!("#{id}")),
            "{id} is cited"
        );
    }
    for source in select(&doc, "ol.sources > li") {
        assert!(
            source
                .select(
                    &scraper::Selector::parse("a[href^='https://'], a[href^='http://']").unwrap()
                )
                .next()
                .is_some()
        );
        assert!(
            source
                .select(&scraper::Selector::parse("time[datetime]").unwrap())
                .next()
                .is_some()
        );
    }

    // Corrections, with dates; published and updated with full offsets.
    assert!(!select(&doc, "#corrections li time[datetime]").is_empty());
    let dates = select(&doc, ".dates time");
    assert_eq!(attr(&dates[0], "datetime"), "2021-07-27T09:00:00-04:00");

    // Nothing needs JavaScript (the one script element is JSON-LD data) and nothing is loaded from
    // elsewhere.
    assert!(select(&doc, "script:not([type='application/ld+json'])").is_empty());
    assert_eq!(select(&doc, "script[type='application/ld+json']").len(), 1);
    for el in select(&doc, "[src], link[href]") {
        let url = attr(&el, "src").to_string() + attr(&el, "href");
        assert!(!url.contains("//"), "third-party request: {url}");
    }
}

#[test]
fn urls_work_under_a_sub_path_and_from_disk() {
    let site = TestSite::fixture("basic");
    let run = site.build(&["--base-url", "https://example.github.io/iraq-explainer/"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let doc = html(&site.read_output("index.html"));
    let stylesheet = select(&doc, "link[rel=stylesheet]");
    let href = attr(&stylesheet[0], "href");
    let file = href
        .strip_prefix("/iraq-explainer/")
        .unwrap_or_else(|| panic!("{href} is not under /iraq-explainer/"));
    assert!(is_fingerprinted(file, "style", "css"), "{href}");
    assert!(site.output().join(file).is_file());
    let canonical = select(&doc, "link[rel=canonical]");
    assert_eq!(
        attr(&canonical[0], "href"),
        "https://example.github.io/iraq-explainer/"
    );
    for el in select(&doc, "[href], [src]") {
        let url = attr(&el, "href").to_string() + attr(&el, "src");
        let ok = url.starts_with('#')
            || url.starts_with("/iraq-explainer/")
            || url.starts_with("https://");
        assert!(ok, "{url} does not resolve under /iraq-explainer/");
    }

    // Without a base URL every local URL is relative, so the page also works opened from disk.
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let doc = html(&site.read_output("index.html"));
    let href = attr(&select(&doc, "link[rel=stylesheet]")[0], "href");
    assert!(is_fingerprinted(href, "style", "css"), "{href}");
    assert!(site.output().join(href).is_file());
    assert!(select(&doc, "link[rel=canonical]").is_empty());
    for el in select(&doc, "[href], [src]") {
        let url = attr(&el, "href").to_string() + attr(&el, "src");
        assert!(
            !url.starts_with('/'),
            "{url} is root-relative and breaks from disk"
        );
    }
    assert!(
        !site.output().join("style.css").exists(),
        "only the fingerprinted stylesheet is published"
    );
}

/// `name.<10 hex digits>.ext`
fn is_fingerprinted(file: &str, name: &str, ext: &str) -> bool {
    file.strip_prefix(&format!("{name}."))
        .and_then(|rest| rest.strip_suffix(&format!(".{ext}")))
        .is_some_and(|hash| hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The stylesheet's name changes with its content, so a deploy never meets a stale cached copy.
#[test]
fn the_stylesheet_is_named_by_its_content() {
    let site = TestSite::fixture("basic");
    assert_eq!(site.build(&[]).code, Some(0));
    let stylesheet = |site: &TestSite| {
        let doc = html(&site.read_output("index.html"));
        attr(&select(&doc, "link[rel=stylesheet]")[0], "href").to_string()
    };
    let before = stylesheet(&site);
    assert_eq!(site.build(&[]).code, Some(0));
    assert_eq!(
        stylesheet(&site),
        before,
        "the same bytes keep the same name"
    );

    site.write("static/style.css", "body { color: #123456; }\n");
    assert_eq!(site.build(&[]).code, Some(0));
    let after = stylesheet(&site);
    assert_ne!(after, before, "new bytes get a new name");
    assert!(is_fingerprinted(&after, "style", "css"), "{after}");
    assert_eq!(
        std::fs::read_to_string(site.output().join(&after)).unwrap(),
        "body { color: #123456; }\n"
    );
    let not_found = html(&site.read_output("404.html"));
    assert_eq!(
        attr(&select(&not_found, "link[rel=stylesheet]")[0], "href"),
        after
    );
}

/// Snapshots of the markup the templates produce for each kind of content.
#[test]
fn rendered_fragments() {
    let site = TestSite::fixture("basic");
    assert_eq!(site.build(&[]).code, Some(0));
    let doc = html(&site.read_output("index.html"));
    let fragment = |css: &str| {
        select(&doc, css)
            .iter()
            .map(|e| e.html())
            .collect::<Vec<_>>()
            .join("\n")
    };
    insta::assert_snapshot!("header", fragment("header.article-header"));
    insta::assert_snapshot!("key_points", fragment("aside.key-points"));
    insta::assert_snapshot!(
        "prose_section_with_quote",
        fragment("section#what-happened")
    );
    insta::assert_snapshot!("timeline", fragment("ol.timeline"));
    insta::assert_snapshot!("sources", fragment("ol.sources"));
    insta::assert_snapshot!("corrections", fragment("section#corrections"));
}

#[test]
fn a_good_build_replaces_the_whole_output_folder() {
    let site = TestSite::fixture("basic");
    assert_eq!(site.build(&[]).code, Some(0));
    site.write("public/stale.html", "left from an older build");
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        !site.output().join("stale.html").exists(),
        "the output holds exactly the new build"
    );
    assert!(site.output().join("index.html").is_file());
    let leftovers = || -> Vec<String> {
        std::fs::read_dir(&site.root)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".explainer-"))
            .collect()
    };
    // The output before, with the stale file, is kept as the spare the next build starts from.
    assert_eq!(
        leftovers(),
        [".explainer-spare-public"],
        "no staging folders left behind"
    );
    assert!(
        site.root
            .join(".explainer-spare-public/stale.html")
            .is_file()
    );
    let before = site.output_snapshot();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        site.output_snapshot(),
        before,
        "a build from the spare holds exactly the new build: {:?}",
        leftovers()
    );
    assert!(!site.output().join("stale.html").exists());
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/timeline/2019-10-draft.md",
        "---\ndate: 2019-10\ntitle: A draft event\nsources: [wire-one]\ndraft: true\n---\nNot yet.\n",
    );
    assert_eq!(site.build(&[]).code, Some(0));
    assert!(!site.read_output("index.html").contains("A draft event"));
    assert_eq!(site.build(&["--drafts"]).code, Some(0));
    assert!(site.read_output("index.html").contains("A draft event"));
}

#[test]
fn a_site_template_overrides_the_built_in_one() {
    let site = TestSite::fixture("basic");
    site.write(
        "templates/sections/sources.html",
        // Citation marks link to each source's entry: a template of sources keeps their ids.
        "<section id=\"{{ section.id }}\"><h2>{{ section.title }}</h2><p>Custom sources</p><ol>\
         {% for source in section.sources %}<li id=\"source-{{ source.id }}\">{{ source.id }}</li>{% endfor %}\
         </ol></section>",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = site.read_output("index.html");
    assert!(page.contains("Custom sources"));
    assert!(
        page.contains("class=\"timeline\""),
        "other templates still come from the defaults"
    );
}

#[test]
fn a_warning_does_not_stop_the_build() {
    let site = TestSite::fixture("basic");
    let sources = std::fs::read_to_string(site.root.join("content/sources.md")).unwrap();
    let unused = "  - id: wire-unused\n    outlet: Wire Three\n    title: Unused\n    date: 2021\n    url: https://example.com/three\n";
    let closing = sources.rfind("---").unwrap();
    site.write(
        "content/sources.md",
        &format!("{}{unused}---\n", &sources[..closing]),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/sources.md:16:9: warning: the source `wire-unused` is never cited"),
        "{}",
        run.stderr
    );
}

/// A source that is a copy says whose work it is: "Reuters, via National Post" in the list (and in
/// the Arabic edition's words), and an event names the wire, not the paper that carried it.
#[test]
fn a_copy_names_whose_work_it_is() {
    let site = TestSite::bundled();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text_of = |el: &scraper::ElementRef| el.text().collect::<String>();

    let page = site.read_output("index.html");
    let doc = html(&page);
    let entry = text_of(&select(&doc, "#sources li#source-reuters-2021-12-09")[0]);
    assert!(entry.starts_with("Reuters, via National Post, "), "{entry}");
    let own = text_of(&select(&doc, "#sources li#source-bbc-2017-12-09")[0]);
    assert!(own.starts_with("BBC News, Iraq declares"), "{own}");
    let named: Vec<String> = select(&doc, ".event-sources").iter().map(text_of).collect();
    assert!(
        named.contains(&"Sources: Reuters, CJTF-OIR".to_string()),
        "{named:?}"
    );
    assert!(
        !named.iter().any(|n| n.contains("National Post")),
        "{named:?}"
    );

    let arabic = site.read_output("ar/index.html");
    let doc = html(&arabic);
    let entry = text_of(&select(&doc, "li#source-reuters-2021-12-09")[0]);
    assert!(entry.starts_with("Reuters، عبر National Post، "), "{entry}");

    let json = site.read_output("timeline.json");
    assert!(
        json.contains("Reuters: Iraqi official says U.S.-led troops end combat mission"),
        "the TimelineJS export credits the wire"
    );
}
