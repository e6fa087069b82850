//! `explainer import timelinejs` and `explainer export timelinejs`: a TimelineJS sheet becomes event
//! files that build, the export of the built timeline imports back to the same files, a sheet with
//! mistakes reports each at its row and column and imports the rest, and a workbook imports as
//! its CSV does.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::common::{TestSite, explainer, fixtures};

fn sheet(name: &str) -> String {
    fixtures()
        .join("timelinejs")
        .join(name)
        .display()
        .to_string()
}

/// Runs `explainer import timelinejs FILE --root ROOT` (more arguments after).
fn import(site: &TestSite, file: &str, more: &[&str]) -> crate::common::Run {
    let root = site.root.display().to_string();
    let mut args = vec!["import", "timelinejs", file, "--root", &root];
    args.extend_from_slice(more);
    explainer(&args, &site.root)
}

/// `import` with leave to download from the tests' own server on this machine.
fn import_allowing(
    site: &TestSite,
    file: &str,
    more: &[&str],
    server: &crate::common::http::Server,
) -> crate::common::Run {
    let root = site.root.display().to_string();
    let mut args = vec!["import", "timelinejs", file, "--root", &root];
    args.extend_from_slice(more);
    let allow = server.addr.to_string();
    crate::common::explainer_with(&args, &site.root, &[("EXPLAINER_DOWNLOAD_ALLOW", &allow)])
}

/// The event files of a site's timeline, by name, with their text.
fn event_files(site: &TestSite) -> BTreeMap<String, String> {
    let dir = site.root.join("content/timeline");
    fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn imported_site() -> TestSite {
    let site = TestSite::fixture("timelinejs/site");
    let run = import(&site, &sheet("timeline.csv"), &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    site
}

#[test]
fn a_sheet_becomes_event_files_that_build() {
    let site = imported_site();
    let files = event_files(&site);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        [
            "2003-03-19-test-an-event-at-a-time-of-day.md",
            "2003-03-20-test-an-event-with-a-start-and-an-end-time.md",
            "2014-06-test-an-event-known-to-the-month.md",
            "2021-07-26-test-an-event-over-two-days.md",
            "bce-1754-test-an-event-before-the-common-era.md",
        ]
    );
    // The HTML of the Text column as Markdown, the script and the target attribute gone; 10:15 PM
    // on the 24-hour clock; the era found by the date.
    insta::assert_snapshot!(
        "timelinejs-html-and-time",
        files["2003-03-19-test-an-event-at-a-time-of-day.md"]
    );
    // Before the common era, with every media column.
    insta::assert_snapshot!(
        "timelinejs-bce-and-media",
        files["bce-1754-test-an-event-before-the-common-era.md"]
    );
    let timeline = fs::read_to_string(site.root.join("content/timeline/_index.md")).unwrap();
    assert!(timeline.contains("  - id: hammurabis-reign\n    title: \"Hammurabi’s reign\"\n    start: -1792\n    end: -1750\n"), "{timeline}");

    let build = site.build(&[]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    let html = site.read_output("index.html");
    assert!(html.contains("<span class=\"event-date\">c. 1754 BCE</span>"));
    assert!(
        html.contains(
            "<time datetime=\"2003-03-19T22:15\">19 March 2003 at 10:15\u{202f}pm</time>"
        )
    );
    assert!(html.contains("20 March 2003 at 9:00\u{202f}am – 5:30\u{202f}pm"));
    assert!(html.contains("<p class=\"event-group\">Politics</p>"));
    assert!(html.contains("<span class=\"era-span\">1792 BC – 1750 BC</span>"));
    assert!(
        !html.contains("alert("),
        "the script and the javascript: link are gone"
    );
}

#[test]
fn the_title_row_is_proposed_and_background_and_a_missing_source_are_reported() {
    let site = TestSite::fixture("timelinejs/site");
    let run = import(&site, &sheet("timeline.csv"), &[]);
    assert!(
        run.stdout
            .contains("  title: A test timeline: from Babylon to Baghdad"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  standfirst: Every column of the **TimelineJS** template, in one sheet.")
    );
    let page = fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    assert!(!page.contains("Babylon"), "the page file is not touched");
    assert!(
        run.stderr
            .contains("timeline.csv:1:19: warning: column S \"Background\""),
        "{}",
        run.stderr
    );
}

#[test]
fn an_export_imports_back_to_the_same_files() {
    let first = imported_site();
    let build = first.build(&[]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    let csv = first.root.join("exported.csv");
    let root = first.root.display().to_string();
    let run = explainer(
        &[
            "export",
            "timelinejs",
            "--root",
            &root,
            "--output",
            &csv.display().to_string(),
        ],
        &first.root,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("5 events and 2 eras"), "{}", run.stdout);
    let exported = fs::read_to_string(&csv).unwrap();
    assert!(exported.starts_with("\u{feff}Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background,Source,Id\n"));

    let second = TestSite::fixture("timelinejs/site");
    let run = import(&second, &csv.display().to_string(), &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert_eq!(event_files(&second), event_files(&first));
    let index =
        |site: &TestSite| fs::read_to_string(site.root.join("content/timeline/_index.md")).unwrap();
    assert_eq!(index(&second), index(&first));

    // Imported again over itself: nothing changes, nothing is overwritten.
    let again = import(&first, &csv.display().to_string(), &[]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert!(
        again
            .stdout
            .contains("5 event files already say what the sheet says"),
        "{}",
        again.stdout
    );
}

#[test]
fn an_edited_row_is_kept_until_update_rewrites_it() {
    let site = imported_site();
    let path = site
        .root
        .join("content/timeline/2014-06-test-an-event-known-to-the-month.md");
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replace("Known only", "Edited by hand: known only");
    fs::write(&path, &edited).unwrap();
    let run = import(&site, &sheet("timeline.csv"), &[]);
    assert!(
        run.stdout
            .contains("Kept content/timeline/2014-06-test-an-event-known-to-the-month.md"),
        "{}",
        run.stdout
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
    let run = import(&site, &sheet("timeline.csv"), &["--update"]);
    assert!(
        run.stdout
            .contains("Wrote content/timeline/2014-06-test-an-event-known-to-the-month.md"),
        "{}",
        run.stdout
    );
    assert!(
        !fs::read_to_string(&path)
            .unwrap()
            .contains("Edited by hand")
    );
}

#[test]
fn mistakes_are_reported_at_their_row_and_column_and_the_rest_imported() {
    let site = TestSite::fixture("timelinejs/site");
    let run = import(&site, &sheet("mistakes.csv"), &[]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let path = sheet("mistakes.csv");
    let shown = run.stderr.replace(&path, "mistakes.csv");
    insta::assert_snapshot!("timelinejs-mistakes", shown);
    let files = event_files(&site);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        [
            "2021-07-26-a-good-row.md",
            "2021-08-another-good-row.md",
            "2021-09-a-row-without-a-source.md"
        ]
    );
}

/// Writes the cells of a CSV file into a workbook as a spreadsheet holds them: numbers as numbers.
fn workbook_of(csv_path: &Path, xlsx: &Path) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(csv_path)
        .unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, record) in reader.records().enumerate() {
        for (c, cell) in record.unwrap().iter().enumerate() {
            let cell = cell.trim_start_matches('\u{feff}');
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).map(|_| ()),
                Err(_) if cell.is_empty() => Ok(()),
                Err(_) => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    book.save(xlsx).unwrap();
}

#[test]
fn a_workbook_imports_as_its_csv_does() {
    let from_csv = imported_site();
    let from_xlsx = TestSite::fixture("timelinejs/site");
    let xlsx = from_xlsx.root.join("timeline.xlsx");
    workbook_of(&fixtures().join("timelinejs/timeline.csv"), &xlsx);
    let run = import(&from_xlsx, &xlsx.display().to_string(), &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert_eq!(event_files(&from_xlsx), event_files(&from_csv));
}

#[test]
fn the_bundled_timeline_exports_and_imports_back_unchanged() {
    let site = TestSite::bundled();
    let before = event_files(&site);
    let root = site.root.display().to_string();
    let run = explainer(&["export", "timelinejs", "--root", &root], &site.root);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("20 events and 4 eras"),
        "{}",
        run.stdout
    );
    let run = import(
        &site,
        &site.root.join("timeline.csv").display().to_string(),
        &[],
    );
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("20 event files already say what the sheet says"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Wrote") && !run.stdout.contains("Kept"));
    assert_eq!(event_files(&site), before);
}

#[test]
fn a_first_version_sheet_imports_with_its_start_date_and_tag() {
    let site = TestSite::fixture("timelinejs/site");
    site.write(
        "old.csv",
        "Start Date,End Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Tag,Source\n\
         7/26/2021,7/27/2021,An old sheet's event,<p>From a v1 sheet.</p>,,,,,,Diplomacy,wire-one\n\
         2014,,A year only,,,,,,,,wire-two\n",
    );
    let run = import(&site, "old.csv", &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let files = event_files(&site);
    let event = &files["2021-07-26-an-old-sheets-event.md"];
    assert!(
        event.contains("date: 2021-07-26\nend_date: 2021-07-27\n"),
        "{event}"
    );
    assert!(event.contains("group: \"Diplomacy\"\n"), "{event}");
    assert!(files.contains_key("2014-a-year-only.md"), "{files:?}");
}

#[test]
fn download_media_fetches_each_file_once_and_the_page_uses_it() {
    // A web server on 127.0.0.1 with a picture on it.
    let web = tempfile::tempdir().unwrap();
    let picture = fs::read(crate::common::repo_root().join("static/favicon.svg")).unwrap();
    fs::write(web.path().join("stele.svg"), &picture).unwrap();
    let server = crate::common::http::Server::start(web.path(), "/");
    let site = TestSite::fixture("timelinejs/site");
    let url = format!("{}/stele.svg", server.origin());
    let missing = format!("{}/gone.jpg", server.origin());
    site.write(
        "media.csv",
        &format!(
            "Year,Month,Day,Headline,Text,Media,Media Credit,Alt Text,Source\n\
             2021,7,26,A picture on the web,<p>Text.</p>,{url},Example Museum,A tall black stone,wire-one\n\
             2021,7,27,A picture that is gone,<p>Text.</p>,{missing},,A stone,wire-one\n\
             2021,7,28,A video player,<p>Text.</p>,https://www.youtube.com/watch?v=a1b2c3,,,wire-one\n"
        ),
    );
    // Without leave, a server on this machine is refused.
    let refused = import(&site, "media.csv", &["--download-media"]);
    assert!(
        refused.stderr.contains("media.csv:2:6: warning: column F \"Media\": could not download it: 127.0.0.1 is an address on this machine or a private network, which explainer does not download from"),
        "{}",
        refused.stderr
    );
    assert!(!site.root.join("static/media").exists());
    let run = import_allowing(
        &site,
        "media.csv",
        &["--download-media", "--update"],
        &server,
    );
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(&format!("Downloading 1/3: {url}")),
        "{}",
        run.stdout
    );
    let saved = site
        .root
        .join("static/media/2021-07-26-a-picture-on-the-web.svg");
    assert_eq!(fs::read(&saved).unwrap(), picture);
    let event = &event_files(&site)["2021-07-26-a-picture-on-the-web.md"];
    assert!(
        event.contains("  src: \"media/2021-07-26-a-picture-on-the-web.svg\"\n"),
        "{event}"
    );
    // What could not be fetched stays a link, and says why, at its row and column.
    assert!(
        run.stderr
            .contains("media.csv:3:6: warning: column F \"Media\": could not download it:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "media.csv:4:6: warning: column F \"Media\": this link is to a page, not to a file"
        ),
        "{}",
        run.stderr
    );
    assert!(event_files(&site)["2021-07-27-a-picture-that-is-gone.md"].contains(&missing));

    // Once: with the file gone from the web, importing again still uses the copy.
    fs::remove_file(web.path().join("stele.svg")).unwrap();
    let again = import(&site, "media.csv", &["--download-media"]);
    assert!(
        !again.stdout.contains(&format!("Downloading 1/3: {url}")),
        "{}",
        again.stdout
    );
    assert!(
        again.stdout.contains("already say what the sheet says"),
        "{}",
        again.stdout
    );

    let build = site.build(&[]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    let html = site.read_output("index.html");
    // The copy is shown, cleaned, under a name that changes with its content.
    let shown = html
        .split("<img src=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .find(|src| src.starts_with("media/2021-07-26-a-picture-on-the-web-"))
        .unwrap_or_else(|| panic!("the page shows the copy: {html}"));
    assert!(shown.ends_with(".svg"), "{shown}");
    assert!(html.contains("alt=\"A tall black stone\" loading=\"lazy\""));
    assert!(site.output().join(shown).is_file());
}

/// "Get the data": the page publishes its timeline as the sheet `export` writes, in each edition's
/// words, and its footer links to it with a sentence on what it is for.
#[test]
fn the_page_publishes_its_timeline_as_a_sheet() {
    let site = TestSite::bundled();
    let build = site.build(&["--base-url", "https://example.github.io/iraq-explainer/"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    let root = site.root.display().to_string();
    let export = explainer(
        &["export", "timelinejs", "--root", &root, "--output", "-"],
        &site.root,
    );
    assert_eq!(site.read_output("timeline.csv"), export.stdout);
    let arabic = site.read_output("ar/timeline.csv");
    assert!(
        arabic.contains("آخر قافلة أمريكية تغادر العراق"),
        "the Arabic edition's words"
    );
    let page = site.read_output("index.html");
    assert!(page.contains("<a href=\"/iraq-explainer/timeline.csv\" type=\"text/csv\" download>The timeline as a spreadsheet (CSV)</a>: every event"));
    assert!(page.contains(
        "<p class=\"cite-as\">Explainer Desk, “The end of the US combat mission in Iraq"
    ));
    assert!(
        !page.contains("Made with explainer"),
        "no tool credit unless the page asks"
    );
}

/// A server on 127.0.0.1 that answers every request with `answer(path)` and records the paths asked.
fn recording_server(
    answer: impl Fn(&str) -> String + Send + 'static,
) -> (
    std::net::SocketAddr,
    std::sync::Arc<std::sync::Mutex<Vec<String>>>,
) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&asked);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().map_while(Result::ok) {
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            while let Ok(n) = reader.read_line(&mut String::new()) {
                if n <= 2 {
                    break;
                }
            }
            let path = line.split(' ').nth(1).unwrap_or_default().to_string();
            log.lock().unwrap().push(path.clone());
            let _ = stream.write_all(answer(&path).as_bytes());
        }
    });
    (addr, asked)
}

/// A sheet's media address that redirects to a server on this machine is refused at the hop,
/// though the first server was allowed; and curl's globbing is off: `glob[1-5].gif` is one request.
#[test]
fn download_media_checks_every_redirect_and_never_globs() {
    let (secret, secret_asked) = recording_server(|_| {
        "HTTP/1.1 200 OK\r\nContent-Length: 15\r\nConnection: close\r\n\r\nMYSECRET=hunter"
            .to_string()
    });
    let (front, front_asked) = recording_server(move |path| {
        if path.starts_with("/redirect") {
            format!(
                "HTTP/1.1 302 Found\r\nLocation: http://{secret}/secret.jpg\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
        } else {
            "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nGIF89a".to_string()
        }
    });
    let site = TestSite::fixture("timelinejs/site");
    site.write(
        "media.csv",
        &format!(
            "Year,Month,Day,Headline,Text,Media,Media Credit,Alt Text,Source\n\
             2021,7,26,A redirect inside,<p>Text.</p>,http://{front}/redirect.jpg,Wire,A stone,wire-one\n\
             2021,7,27,Many files,<p>Text.</p>,http://{front}/glob[1-5].gif,Wire,A stone,wire-one\n"
        ),
    );
    let root = site.root.display().to_string();
    let allow = front.to_string();
    let run = crate::common::explainer_with(
        &[
            "import",
            "timelinejs",
            "media.csv",
            "--root",
            &root,
            "--download-media",
        ],
        &site.root,
        &[("EXPLAINER_DOWNLOAD_ALLOW", &allow)],
    );
    assert!(
        run.stderr.contains(
            "media.csv:2:6: warning: column F \"Media\": could not download it: 127.0.0.1 is an address on this machine or a private network"
        ),
        "{}",
        run.stderr
    );
    assert!(
        secret_asked.lock().unwrap().is_empty(),
        "the redirect was followed"
    );
    let saved: Vec<_> = fs::read_dir(site.root.join("static/media"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let asked = front_asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(asked[1].contains("glob"), "{asked:?}");
    assert!(
        !fs::read_to_string(site.root.join("static/media").join(&saved[0]))
            .unwrap()
            .contains("MYSECRET")
    );
}

/// A row that would make a file the build cannot read (found by the fuzz target: a headline of
/// brackets nested past the limit) is reported at its row and skipped; the other rows are imported.
#[test]
fn a_row_that_cannot_become_a_readable_file_is_skipped() {
    let site = TestSite::fixture("timelinejs/site");
    site.write(
        "brackets.csv",
        &format!(
            "Year,Month,Day,Headline,Text,Source\n\
             2021,7,26,{},<p>Text.</p>,wire-one\n\
             2021,7,27,A fine row — “quoted”,<p>Text.</p>,wire-one\n",
            "[".repeat(70)
        ),
    );
    let run = import(&site, "brackets.csv", &[]);
    assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("brackets.csv:2:1: error: row 2: cannot become an event file: lists or maps nested more than 64 deep"),
        "{}",
        run.stderr
    );
    let files = event_files(&site);
    assert!(files.keys().any(|f| f.contains("a-fine-row")), "{files:?}");
    assert_eq!(
        files.keys().filter(|f| f.starts_with("2021-07-26")).count(),
        0
    );
    assert_eq!(site.build(&[]).code, Some(0));
}

/// Names in Hungarian, German, French, Arabic and Chinese (issue 30, 8): import names each file
/// from its headline, letters and marks kept; the page builds; export writes the file name as its
/// `Id`; importing the export into a fresh copy gives the same files, and importing the sheet again
/// changes nothing.
#[test]
fn a_sheet_with_names_in_five_languages_makes_the_round_trip() {
    let sheet = "Year,Month,Day,Headline,Text,Source\n\
        1951,,,Rózsa Péter writes “Recursive Functions”,<p>Her book — the first.</p>,wire-one\n\
        1990,10,3,Über die Grenze: Straße frei,<p>Die Einheit.</p>,wire-one\n\
        2003,3,20,L’opération « Liberté irakienne » commence,<p>À l’aube.</p>,wire-one\n\
        2011,12,18,مُهِمَّة القوات الأمريكية تنتهي,<p>آخر قافلة.</p>,wire-one\n\
        2021,7,26,美军结束在伊拉克的作战任务,<p>拜登与卡迪米。</p>,wire-one\n";
    let site = TestSite::fixture("timelinejs/site");
    site.write("names.csv", sheet);
    let run = import(&site, "names.csv", &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let first = event_files(&site);
    let names: Vec<&str> = first.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "1951-rózsa-péter-writes-recursive-functions.md",
            "1990-10-03-über-die-grenze-straße-frei.md",
            "2003-03-20-lopération-liberté-irakienne-commence.md",
            "2011-12-18-مُهِمَّة-القوات-الأمريكية-تنتهي.md",
            "2021-07-26-美军结束在伊拉克的作战任务.md",
        ]
    );
    let build = site.build(&[]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);

    let root = site.root.display().to_string();
    let run = explainer(&["export", "timelinejs", "--root", &root], &site.root);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let exported = fs::read_to_string(site.root.join("timeline.csv")).unwrap();
    assert!(
        exported.contains("1951-rózsa-péter-writes-recursive-functions"),
        "{exported}"
    );

    let fresh = TestSite::fixture("timelinejs/site");
    fresh.write("timeline.csv", &exported);
    let run = import(&fresh, "timeline.csv", &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert_eq!(event_files(&fresh), first);

    let again = import(&site, "names.csv", &[]);
    assert_eq!(again.code, Some(0), "{}\n{}", again.stdout, again.stderr);
    assert!(
        again
            .stdout
            .contains("5 event files already say what the sheet says"),
        "{}",
        again.stdout
    );
    assert_eq!(event_files(&site), first);
}

/// A desk's sheet imported into an explainer that already tells its events under other file names
/// doubles none of them (issue 30, 4): each row is matched by its `Id`, else by its date and a
/// headline differing only in case and punctuation, and goes to the event's own file — left alone
/// when it differs (and said), rewritten with `--update`.
#[test]
fn importing_events_the_explainer_already_has_under_other_names_doubles_none() {
    let site = TestSite::bundled();
    let root = site.root.display().to_string();
    let run = explainer(&["export", "timelinejs", "--root", &root], &site.root);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // The desk named seven of its files its own way; the sheet's Id column names none of them now.
    let folder = site.root.join("content/timeline");
    let mut names: Vec<String> = (event_files(&site).into_keys())
        .filter(|n| n.matches('.').count() == 1)
        .collect();
    names.sort();
    for (i, name) in names.iter().take(7).enumerate() {
        let (date, stem) = (&name[..10], name.trim_end_matches(".md"));
        std::fs::rename(
            folder.join(name),
            folder.join(format!("{date}-desk-{i}.md")),
        )
        .unwrap();
        // Its translation follows it, as the guide says.
        let arabic = folder.join(format!("{stem}.ar.md"));
        if arabic.exists() {
            std::fs::rename(arabic, folder.join(format!("{date}-desk-{i}.ar.md"))).unwrap();
        }
    }
    // And the sheet shouts one headline, with other punctuation.
    let sheet = site.root.join("timeline.csv");
    let text = std::fs::read_to_string(&sheet).unwrap();
    let first =
        std::fs::read_to_string(folder.join(format!("{}-desk-0.md", &names[0][..10]))).unwrap();
    let headline = first
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap()
        .trim_matches('"')
        .to_string();
    assert!(text.contains(&headline), "{headline}");
    std::fs::write(
        &sheet,
        text.replacen(&headline, &format!("{}!", headline.to_uppercase()), 1),
    )
    .unwrap();
    let before = event_files(&site);

    let run = import(&site, &sheet.display().to_string(), &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert_eq!(
        event_files(&site),
        before,
        "nothing written, nothing doubled"
    );
    assert!(
        run.stdout
            .contains("19 event files already say what the sheet says"),
        "{}",
        run.stdout
    );
    let kept = format!(
        "Kept content/timeline/{}-desk-0.md: it exists and differs",
        &names[0][..10]
    );
    assert!(run.stdout.contains(&kept), "{}", run.stdout);

    let run = import(&site, &sheet.display().to_string(), &["--update"]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let after = event_files(&site);
    assert_eq!(after.len(), before.len(), "--update rewrites, never adds");
    let updated = &after[&format!("{}-desk-0.md", &names[0][..10])];
    assert!(updated.contains('!'), "{updated}");
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}
