//! `explainer init`, `explainer new section` and `explainer new event`, tried as a new user would:
//! from an empty folder to a built page, then the ways they refuse to overwrite or guess.

use std::fs;
use std::path::Path;

use crate::common::{Run, explainer, html, select};

fn ok(run: Run, what: &str) -> Run {
    assert_eq!(
        run.code,
        Some(0),
        "{what} failed:\n{}{}",
        run.stdout,
        run.stderr
    );
    run
}

/// Replaces the example paragraph a new file holds, as an editor would in their text editor.
fn write_body(file: &Path, body: &str) {
    let text = fs::read_to_string(file).unwrap();
    let end = text.find("\n---\n").unwrap() + 5;
    fs::write(file, format!("{}{body}\n", &text[..end])).unwrap();
}

/// Replaces every example paragraph under `content/`, as an editor would before publishing.
fn write_every_body(root: &Path) {
    let mut folders = vec![root.join("content")];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if fs::read_to_string(&path).is_ok_and(|t| t.contains("Replace this paragraph"))
            {
                write_body(&path, "Les deux dirigeants se sont mis d’accord — enfin.");
            }
        }
    }
}

/// Runs `explainer new ARGS...` inside the site's folder, as an editor at a terminal would.
fn new(site: &crate::common::TestSite, args: &[&str]) -> Run {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    explainer(&all, &site.root)
}

fn h2s(page: &str) -> Vec<String> {
    let doc = html(page);
    select(&doc, "h2")
        .iter()
        .map(|h| h.text().collect::<String>().replace('’', "'"))
        .collect()
}

#[test]
fn a_new_user_goes_from_an_empty_folder_to_a_built_page() {
    let dir = tempfile::tempdir().unwrap();
    let run = ok(explainer(&["init", "iraq-explainer"], dir.path()), "init");
    assert!(
        run.stdout
            .starts_with("Created a new explainer in iraq-explainer"),
        "{}",
        run.stdout
    );
    let site = dir.path().join("iraq-explainer");

    let run = ok(
        explainer(&["new", "section", "Who are the militias?"], &site),
        "new section",
    );
    assert!(
        run.stdout
            .contains("Created content/who-are-the-militias.md"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("weight 35: after “What's next” (30), before “Timeline” (40)"),
        "{}",
        run.stdout
    );

    let run = ok(
        explainer(
            &[
                "new",
                "event",
                "2021-11-24",
                "Iraq says foreign combat forces will leave",
                "--source",
                "reuters-2021-12-09",
            ],
            &site,
        ),
        "new event",
    );
    let event = "content/timeline/2021-11-24-iraq-says-foreign-combat-forces-will-leave.md";
    assert!(
        run.stdout.contains(&format!("Created {event}")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("era `since-publication`"),
        "{}",
        run.stdout
    );

    // Both new files start with the schema modeline and hold valid front matter.
    for (file, schema) in [
        ("content/who-are-the-militias.md", "../schema/section.json"),
        (event, "../../schema/event.json"),
    ] {
        let text = fs::read_to_string(site.join(file)).unwrap();
        assert_eq!(
            text.lines().nth(1),
            Some(format!("# yaml-language-server: $schema={schema}").as_str())
        );
        let target = site.join(file).parent().unwrap().join(schema);
        let schema: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(target).unwrap()).unwrap();
        let front = explainer::content::front_matter::to_json(&text).unwrap();
        assert!(
            jsonschema::is_valid(&schema, &front),
            "{file} against its schema"
        );
    }

    // The example paragraphs are errors until replaced: check and build say so, and nothing is
    // published.
    let run = explainer(&["check"], &site);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let build = explainer(&["build"], &site);
    assert_eq!(build.code, Some(1), "{}", build.stderr);
    assert!(!site.join("public").exists(), "nothing is published");
    assert_eq!(
        run.stderr
            .matches("error: this is still the example text")
            .count(),
        2,
        "{}",
        run.stderr
    );

    write_body(
        &site.join("content/who-are-the-militias.md"),
        "Several armed groups backed by Iran have attacked bases hosting US troops [@reuters-hurriyet-2021-07-27].",
    );
    write_body(
        &site.join(event),
        "Iraq's national security adviser says the remaining foreign combat forces will leave [@reuters-2021-12-09].",
    );
    let run = ok(explainer(&["check"], &site), "check");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("No problems found in 30 content files"),
        "{}",
        run.stdout
    );

    ok(explainer(&["build"], &site), "build");
    let page = fs::read_to_string(site.join("public/index.html")).unwrap();
    let sections = h2s(&page);
    let at = |title: &str| {
        sections
            .iter()
            .position(|h| h == title)
            .unwrap_or_else(|| panic!("{title} in {sections:?}"))
    };
    assert_eq!(
        at("Who are the militias?"),
        at("What's next") + 1,
        "{sections:?}"
    );
    assert_eq!(
        at("Timeline"),
        at("Who are the militias?") + 1,
        "{sections:?}"
    );

    let doc = html(&page);
    let events = select(&doc, "ol.timeline > li");
    let ids: Vec<&str> = events
        .iter()
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    let new = ids
        .iter()
        .position(|id| *id == "2021-11-24-iraq-says-foreign-combat-forces-will-leave")
        .expect("the new event");
    assert_eq!(ids[new - 1], "2021-10-10-early-election");
    assert_eq!(ids[new + 1], "2021-12-09-al-araji-announcement");
    let text: String = events[new].text().collect();
    assert!(
        text.contains("After publication") && text.contains("24 November 2021"),
        "{text}"
    );
    assert!(
        text.contains("remaining foreign combat forces will leave"),
        "{text}"
    );
}

#[test]
fn init_writes_a_complete_explainer_with_its_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let run = ok(
        explainer(&["init", "site", "--templates"], dir.path()),
        "init --templates",
    );
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        run.stdout.contains(&format!(
            "To publish it on GitHub Pages with explainer {version}, follow site/docs/publishing.md."
        )),
        "{}",
        run.stdout
    );
    let site = dir.path().join("site");
    let readme = fs::read_to_string(site.join("README.md")).unwrap();
    assert!(readme.contains(&format!(
        "with explainer {version} (`.github/workflows/pages.yml`)"
    )));
    for file in [
        "content/_index.md",
        "content/timeline/_index.md",
        "templates/base.html",
        "static/style.css",
        "locales/ar.ftl",
        ".gitignore",
        "docs/editing.md",
        "docs/content-model.md",
        "docs/publishing.md",
        ".github/workflows/pages.yml",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    for kind in ["page", "section", "event"] {
        let written = fs::read_to_string(site.join("schema").join(format!("{kind}.json"))).unwrap();
        assert_eq!(
            written,
            ok(explainer(&["schema", kind], dir.path()), "schema").stdout,
            "{kind}.json"
        );
    }
    let run = ok(explainer(&["build"], &site), "build");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn init_never_writes_into_a_folder_that_has_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let run = explainer(&["init", "."], dir.path());
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("error: this folder is not empty"),
        "{}",
        run.stderr
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notes.txt"], "nothing was written");
}

#[test]
fn new_never_overwrites_a_file() {
    let site = crate::common::TestSite::fixture("basic");
    let file = site.root.join("content/why-it-matters.md");
    ok(
        new(&site, &["section", "Why it matters"]),
        "first new section",
    );
    fs::write(
        &file,
        "---\ntitle: Why it matters\nweight: 20\n---\nMy own words.\n",
    )
    .unwrap();
    let run = new(&site, &["section", "Why it matters!"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "content/why-it-matters.md: error: this file already exists; nothing was changed\n  = hint: edit that file, or choose a different title so the new file gets its own name\n\n"
    );
    assert!(fs::read_to_string(&file).unwrap().contains("My own words."));

    ok(
        new(
            &site,
            &[
                "event",
                "2017-07",
                "A month-only event",
                "--source",
                "wire-one",
            ],
        ),
        "event",
    );
    let run = new(
        &site,
        &[
            "event",
            "2017-07",
            "A month only event",
            "--source",
            "wire-one",
        ],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
}

#[test]
fn new_places_sections_by_kind_and_respects_a_given_weight() {
    let site = crate::common::TestSite::fixture("basic");
    // basic has What happened (10, prose), Timeline (40) and Sources (90).
    let cases: [(&[&str], &str); 3] = [
        (
            &["section", "Why it matters"],
            "weight 25: after “What happened” (10), before “Timeline” (40)",
        ),
        (
            &["section", "Key figures", "--kind", "figures"],
            "weight 100: at the end, after “Sources” (90)",
        ),
        (
            &["section", "What's next", "--weight", "30"],
            "Created content/whats-next.md",
        ),
    ];
    for (args, expected) in cases {
        let run = ok(new(&site, args), "new section");
        assert!(run.stdout.contains(expected), "{args:?}: {}", run.stdout);
    }
    let text = fs::read_to_string(site.root.join("content/key-figures.md")).unwrap();
    assert!(text.contains("kind: figures\nfigures: []\n"), "{text}");
    let run = site.check(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr
            .matches("error: this is still the example text")
            .count(),
        3,
        "{}",
        run.stderr
    );
    assert_eq!(site.build(&[]).code, Some(1), "nothing is published before");
    write_every_body(&site.root);
    let sections = h2s(&{
        ok(site.build(&[]), "build");
        site.read_output("index.html")
    });
    assert_eq!(
        sections,
        [
            "What happened",
            "Why it matters",
            "What's next",
            "Timeline",
            "Sources",
            "Key figures",
            "Corrections"
        ]
    );
}

#[test]
fn new_refuses_what_it_cannot_write_correctly() {
    let site = crate::common::TestSite::fixture("basic");
    let cases: [(&[&str], &str); 5] = [
        (
            &["event", "2021-02-30", "X", "--source", "wire-one"],
            "DATE: error: invalid date: 2021-02-30 is not a real date: February 2021 has 28 days\n  = hint: write it as YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            &["event", "2021-07-26", "X", "--source", "wire-tow"],
            "--source: error: unknown source `wire-tow`\n  = hint: did you mean `wire-two`?",
        ),
        (
            &[
                "event",
                "2021-07-26",
                "X",
                "--source",
                "wire-one",
                "--era",
                "befor",
            ],
            "--era: error: unknown era `befor`\n  = hint: did you mean `before`?",
        ),
        (
            &["section", "Numbers", "--kind", "figurs"],
            "--kind: error: there is no section kind `figurs`\n  = hint: did you mean `figures`?",
        ),
        (
            &["section", "More events", "--kind", "timeline"],
            "--kind: error: there is already a timeline",
        ),
    ];
    for (args, expected) in cases {
        let run = new(&site, args);
        assert_eq!(run.code, Some(1), "{args:?}");
        assert!(
            run.stderr.starts_with(expected),
            "{args:?}:\n{}",
            run.stderr
        );
    }
    let files: Vec<_> = walkdir::WalkDir::new(site.root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .collect();
    assert_eq!(files.len(), 7, "no file was written");

    // Without a source the event is written, and check says what is missing.
    let run = ok(new(&site, &["event", "2019", "A year-only event"]), "event");
    assert!(
        run.stdout.contains("add at least one source id"),
        "{}",
        run.stdout
    );
    let run = site.check(&[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(
            "content/timeline/2019-a-year-only-event.md:4:9: error: this event cites no source"
        ),
        "{}",
        run.stderr
    );
}

/// `new section --lang ar` writes the section and its Arabic translation; `new translation` writes
/// the translation of an existing file, refuses a language with no edition, and starts an edition
/// from the page file (issue 14, 8).
#[test]
fn new_writes_translations_for_an_edition() {
    let site = crate::common::TestSite::fixture("basic").overlay("editions/arabic");
    let run = ok(
        explainer(
            &["new", "section", "Who are the militias?", "--lang", "ar"],
            &site.root,
        ),
        "new section --lang ar",
    );
    assert!(
        run.stdout
            .contains("Created content/who-are-the-militias.md"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Created content/who-are-the-militias.ar.md"),
        "{}",
        run.stdout
    );
    let translation =
        fs::read_to_string(site.root.join("content/who-are-the-militias.ar.md")).unwrap();
    assert!(
        translation
            .starts_with("---\n# yaml-language-server: $schema=../schema/section-translation.json\ntitle: \"Who are the militias?\"\n---\nReplace this paragraph"),
        "{translation}"
    );

    ok(
        explainer(
            &[
                "new",
                "translation",
                "content/timeline/2017-07-middle.md",
                "--lang",
                "ar",
            ],
            &site.root,
        ),
        "new translation",
    );
    assert!(
        site.root
            .join("content/timeline/2017-07-middle.ar.md")
            .is_file()
    );
    // Both are errors until translated: nothing is published meanwhile.
    let check = explainer(&["check"], &site.root);
    assert_eq!(check.code, Some(1), "{}", check.stderr);
    for file in [
        "content/who-are-the-militias.ar.md:5:1",
        "content/timeline/2017-07-middle.ar.md:5:1",
    ] {
        assert!(
            check
                .stderr
                .contains(&format!("{file}: error: this is still the example text")),
            "{file} in:\n{}",
            check.stderr
        );
    }

    let refused = explainer(
        &["new", "translation", "content/sources.md", "--lang", "fr"],
        &site.root,
    );
    assert_eq!(refused.code, Some(1));
    assert!(
        refused
            .stderr
            .contains("--lang: error: there is no `fr` edition yet"),
        "{}",
        refused.stderr
    );
    assert!(!site.root.join("content/sources.fr.md").exists());
    ok(
        explainer(
            &["new", "translation", "content/_index.md", "--lang", "fr"],
            &site.root,
        ),
        "the page file starts an edition",
    );
    assert_eq!(explainer(&["build"], &site.root).code, Some(1));
    write_every_body(&site.root);
    ok(explainer(&["build"], &site.root), "build");
    assert!(site.root.join("public/fr/index.html").is_file());
}

/// `init` writes the example in English; `--lang ar` adds its Arabic edition, a translation beside
/// each file, which builds at ar/ with nothing missing (issue 14, 8).
#[test]
fn init_starts_a_bilingual_explainer_with_lang() {
    let dir = tempfile::tempdir().unwrap();
    ok(explainer(&["init", "english"], dir.path()), "init");
    let english: Vec<_> = walkdir::WalkDir::new(dir.path().join("english/content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".ar.md"))
        .collect();
    assert!(
        english.is_empty(),
        "no translations without --lang: {english:?}"
    );

    ok(
        explainer(&["init", "both", "--lang", "ar"], dir.path()),
        "init --lang ar",
    );
    let site = dir.path().join("both");
    assert!(site.join("content/_index.ar.md").is_file());
    assert!(
        site.join("content/timeline/2021-07-26-biden-al-kadhimi-agreement.ar.md")
            .is_file()
    );
    let check = ok(explainer(&["check"], &site), "check");
    assert!(
        check.stderr.is_empty(),
        "every file is translated: {}",
        check.stderr
    );
    ok(explainer(&["build"], &site), "build");
    let arabic = fs::read_to_string(site.join("public/ar/index.html")).unwrap();
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"));

    let refused = explainer(&["init", "other", "--lang", "fr"], dir.path());
    assert_eq!(refused.code, Some(1));
    assert!(
        refused
            .stderr
            .contains("--lang: error: the example explainer has no `fr` edition"),
        "{}",
        refused.stderr
    );
    assert!(!dir.path().join("other").exists());
}
