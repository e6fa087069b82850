//! `explainer serve` over real HTTP: edits reach the page, a broken save shows the error over the
//! last good page and clears when fixed, live-reload events come after the new build, paths that try
//! to leave the site are refused, and the server behaves like GitHub Pages under a sub-path.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::TestSite;

/// A running `explainer serve`, stopped when dropped.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/...`, as the server printed it.
    url: String,
    port: u16,
    /// What it printed after its address, as it prints it.
    printed: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(site: &TestSite, args: &[&str]) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_explainer"))
        .arg("serve")
        .arg("--root")
        .arg(&site.root)
        .args(["--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start explainer serve");
    // From here on the guard stops the server, whatever happens.
    let mut server = Server {
        child,
        url: String::new(),
        port: 0,
        printed: std::sync::Arc::default(),
    };
    let stdout = server.child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.url.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = rx.recv_timeout(left).expect("serve prints its URL");
        if let Some(url) = line.strip_prefix("Serving the explainer at ") {
            server.url = url.to_string();
        }
    }
    server.port = server.url["http://".len()..]
        .split(['/', ':'])
        .nth(1)
        .and_then(|p| p.parse().ok())
        .expect("port in URL");
    // Keep draining stdout so the server never blocks on a full pipe.
    let printed = std::sync::Arc::clone(&server.printed);
    std::thread::spawn(move || {
        while let Ok(line) = rx.recv() {
            printed.lock().unwrap().push(line);
        }
    });
    server
}

/// One HTTP response: status, headers (lower-case names) and body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `GET target` exactly as given (no client-side normalisation of `..` or `%2e`).
fn get(port: u16, target: &str) -> Reply {
    get_as(port, target, "127.0.0.1")
}

/// The same, naming `host` as the site asked for.
fn get_as(port: u16, target: &str, host: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a complete response");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let body = if text
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.push_str(&after[..size]);
        rest = &after[size + 2..];
    }
    out
}

fn path_of(server: &Server) -> String {
    let after_host = &server.url["http://".len()..];
    after_host[after_host.find('/').unwrap()..].to_string()
}

/// Polls the page until `pred` holds for its body, or fails after a few seconds.
fn wait_for_page(server: &Server, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = get(server.port, &path_of(server));
        if pred(&reply.body) {
            return reply.body;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; page was:\n{}",
            reply.body
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Reads Server-Sent Events from the live-reload stream, one whole event at a time.
struct Events {
    lines: mpsc::Receiver<String>,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(
            stream,
            "GET /__explainer/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let events = Events { lines };
        // The response head and the `retry:` line come first, then the number of the build served.
        while !events.line().starts_with("retry:") {}
        let (name, build) = events.next();
        assert_eq!(name, "hello");
        assert!(build.parse::<u64>().is_ok_and(|n| n >= 1), "{build}");
        events
    }

    fn line(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(10))
            .expect("the event stream stays open")
    }

    /// The next event's name and data (comments such as heartbeats are skipped).
    fn next(&self) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let line = self.line();
            if line.is_empty() {
                if !name.is_empty() {
                    return (name, data);
                }
            } else if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data = d.to_string();
            }
        }
    }
}

const GOOD: &str = "---\ntitle: What happened\nweight: 10\n---\nThe first version of the text.\n";

#[test]
fn edits_reach_the_page_and_a_broken_save_shows_the_error_until_fixed() {
    let site = TestSite::fixture("basic");
    site.write("content/what-happened.md", GOOD);
    let server = serve(&site, &[]);
    let first = get(server.port, "/");
    assert_eq!(first.status, 200);
    assert!(first.body.contains("The first version of the text."));
    assert!(
        first.body.contains("/__explainer/events"),
        "the live-reload script is injected when serving"
    );

    site.write(
        "content/what-happened.md",
        &GOOD.replace("first version", "second version"),
    );
    wait_for_page(&server, "the edit", |page| {
        page.contains("The second version of the text.")
    });

    site.write(
        "content/what-happened.md",
        "---\ntitle: What happened\nwieght: 10\n---\nThird.\n",
    );
    let broken = wait_for_page(&server, "the error overlay", |page| {
        page.contains("explainer-build-error\" role")
    });
    assert!(
        broken.contains("content/what-happened.md:3:1: error: unknown field `wieght`"),
        "{broken}"
    );
    assert!(broken.contains("did you mean `weight`?"));
    assert!(
        broken.contains("3 | wieght: 10"),
        "the offending line is shown"
    );
    assert!(
        broken.contains("The second version of the text."),
        "the last good page stays underneath"
    );

    site.write(
        "content/what-happened.md",
        &GOOD.replace("first version", "fixed version"),
    );
    let fixed = wait_for_page(&server, "the fix", |page| {
        page.contains("The fixed version of the text.")
    });
    assert!(
        !fixed.contains("explainer-build-error\" role"),
        "fixing the file removes the overlay"
    );
}

#[test]
fn pages_are_told_to_reload_only_once_the_new_build_is_served() {
    let site = TestSite::fixture("basic");
    site.write("content/what-happened.md", GOOD);
    let server = serve(&site, &[]);
    let events = Events::connect(server.port);

    site.write(
        "content/what-happened.md",
        &GOOD.replace("first version", "newer version"),
    );
    // Only a section changed: the event carries that section's new HTML for the page, and no
    // more of the page (pages morph it in).
    let (name, data) = events.next();
    assert_eq!(name, "patch");
    let patch: serde_json::Value = serde_json::from_str(&data).unwrap();
    let sections = patch["pages"]["/"].as_array().expect("the page's sections");
    assert_eq!(sections.len(), 1, "{data}");
    let section = sections[0].as_str().unwrap();
    assert!(
        section.contains("The newer version of the text.")
            && section.trim_start().starts_with("<section")
    );
    assert!(
        !data.contains("site-footer") && !data.contains("id=\\\"timeline\\\""),
        "{data}"
    );
    // The moment the event arrives, the new text must already be what the server sends.
    assert!(
        get(server.port, "/")
            .body
            .contains("The newer version of the text.")
    );

    site.write(
        "content/what-happened.md",
        "---\ntitle: What happened\nweight: [\n---\n",
    );
    let (name, data) = events.next();
    assert_eq!(name, "build-error");
    assert!(data.starts_with("\"content/what-happened.md:3:"), "{data}");

    site.write("content/what-happened.md", GOOD);
    assert_eq!(events.next().0, "patch");

    // A change beyond the sections (the headline is in the page's header and head): pages fetch
    // the new build whole.
    let page = std::fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    site.write(
        "content/_index.md",
        &page.replace("A test explainer", "A retitled explainer"),
    );
    let (name, data) = events.next();
    assert_eq!(name, "reload");
    assert!(data.parse::<u64>().is_ok(), "the build's number: {data}");
}

#[test]
fn a_stylesheet_change_restyles_without_a_reload() {
    let site = TestSite::fixture("basic");
    site.write("static/style.css", "body { color: black; }\n");
    let server = serve(&site, &[]);
    let events = Events::connect(server.port);
    site.write("static/style.css", "body { color: navy; }\n");
    assert_eq!(events.next().0, "css");
    let page = get(server.port, "/").body;
    assert!(get(server.port, &stylesheet(&page)).body.contains("navy"));
}

/// The address of the page's stylesheet (its name carries a hash of its content).
fn stylesheet(page: &str) -> String {
    let at = page
        .find("rel=\"stylesheet\" href=\"")
        .expect("a stylesheet link")
        + "rel=\"stylesheet\" href=\"".len();
    let href = &page[at..at + page[at..].find('"').expect("closing quote")];
    if href.starts_with('/') {
        href.to_string()
    } else {
        format!("/{href}")
    }
}

#[test]
fn paths_out_of_the_site_are_refused() {
    let site = TestSite::fixture("basic");
    site.write("static/notes.txt", "inside the site");
    let server = serve(&site, &[]);
    assert_eq!(get(server.port, "/notes.txt").status, 200);
    // A link out of the site, saved while serving: the build refuses it, and the last good page
    // (without it) is still what is served.
    #[cfg(unix)]
    {
        let events = Events::connect(server.port);
        std::os::unix::fs::symlink("/etc/passwd", site.root.join("static/passwd")).unwrap();
        let (name, data) = events.next();
        assert_eq!(name, "build-error");
        assert!(
            data.contains("static/passwd") && data.contains("outside the explainer's folder"),
            "{data}"
        );
    }
    for target in [
        "/../Cargo.toml",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2fetc%2fpasswd",
        "/static/..%5c..%5cetc%5cpasswd",
        "/..\\..\\etc\\passwd",
        "//etc/passwd",
        "/%00",
        "/C:/Windows/win.ini",
        "/content/_index.md",
        "/passwd",
        "/etc/passwd",
    ] {
        let reply = get(server.port, target);
        assert!(
            matches!(reply.status, 400 | 404),
            "{target} answered {}",
            reply.status
        );
        assert!(!reply.body.contains("root:"), "{target} leaked a file");
    }
}

#[test]
fn serves_under_the_base_path_like_github_pages() {
    let site = TestSite::fixture("basic");
    let server = serve(
        &site,
        &["--base-url", "https://example.github.io/iraq-explainer/"],
    );
    assert!(server.url.ends_with("/iraq-explainer/"), "{}", server.url);
    let page = get(server.port, "/iraq-explainer/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let href = stylesheet(&page.body);
    assert!(href.starts_with("/iraq-explainer/style."), "{href}");
    let css = get(server.port, &href);
    assert_eq!(
        (css.status, css.header("content-type")),
        (200, Some("text/css; charset=utf-8"))
    );
    let bare = get(server.port, "/iraq-explainer");
    assert_eq!(
        (bare.status, bare.header("location")),
        (301, Some("/iraq-explainer/"))
    );
    assert_eq!(
        get(server.port, "/").status,
        404,
        "nothing outside the base path"
    );
    assert_eq!(get(server.port, "/style.css").status, 404);
    let missing = get(server.port, "/iraq-explainer/no-such-page");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("There is nothing at this address"),
        "the site's own 404.html"
    );
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = TestSite::fixture("basic");
    let out = Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(["serve", "--port", &port, "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "port {port} on 127.0.0.1 is already in use; choose another with --port"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_build_command_never_injects_the_reload_script() {
    let site = TestSite::fixture("basic");
    assert_eq!(site.build(&[]).code, Some(0));
    assert!(!site.read_output("index.html").contains("__explainer"));
}

#[test]
fn a_save_by_rename_is_seen_like_any_other() {
    let site = TestSite::fixture("basic");
    site.write("content/what-happened.md", GOOD);
    let server = serve(&site, &[]);
    // What many editors do: write the new text to a scratch file, then rename it over the original.
    let scratch = site.root.join("content/.what-happened.md.swp");
    std::fs::write(
        &scratch,
        GOOD.replace("first version", "renamed-in version"),
    )
    .unwrap();
    std::fs::rename(&scratch, site.root.join("content/what-happened.md")).unwrap();
    wait_for_page(&server, "the renamed file", |page| {
        page.contains("The renamed-in version of the text.")
    });
}

#[test]
fn a_folder_without_an_index_is_not_listed() {
    let site = TestSite::fixture("basic");
    site.write("static/images/photo.txt", "not a listing");
    let server = serve(&site, &[]);
    assert_eq!(get(server.port, "/images/photo.txt").status, 200);
    let folder = get(server.port, "/images/");
    assert_eq!(folder.status, 404);
    assert!(!folder.body.contains("photo.txt"), "no directory listing");
}

/// Sends Ctrl-C (SIGINT) and requires the server to stop at once, with exit code 0.
#[cfg(unix)]
fn interrupt(mut server: Server, stage: &str) {
    // The shell's own `kill`: a minimal Debian has no /bin/kill (procps).
    let kill = format!("kill -INT {}", server.child.id());
    let sent = Command::new("sh").args(["-c", &kill]).status().unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert_eq!(
                status.code(),
                Some(0),
                "Ctrl-C {stage} is a normal way to stop"
            );
            // It stopped the ordinary way, not by the one-second backstop, which prints nothing.
            let stopped = || {
                server
                    .printed
                    .lock()
                    .unwrap()
                    .iter()
                    .any(|l| l == "Stopped.")
            };
            let deadline = Instant::now() + Duration::from_secs(2);
            while !stopped() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            assert!(stopped(), "Ctrl-C {stage}: no `Stopped.` printed");
            return;
        }
        assert!(
            Instant::now() < deadline,
            "one Ctrl-C {stage} did not stop the server within 5 s"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = TestSite::fixture("basic");
    let server = serve(&site, &[]);
    interrupt(server, "when idle");
}

/// One Ctrl-C stops the server at every stage of a rebuild (issue 20, 6): just after a save, while
/// the watcher waits for quiet, while the page is rebuilt, while a broken build is shown, and just
/// after the fix. Each stage is tried at several moments.
#[cfg(unix)]
#[test]
fn one_ctrl_c_stops_the_server_at_every_stage_of_a_rebuild() {
    let site = TestSite::fixture("basic");
    site.write("content/what-happened.md", GOOD);
    let broken = "---\ntitle: What happened\nwieght: 10\n---\nBroken.\n";
    for delay_ms in [0, 5, 12, 20, 30, 45] {
        let delay = Duration::from_millis(delay_ms);
        for (stage, text) in [
            ("after an edit", GOOD.replace("first", "second")),
            ("after a broken edit", broken.to_string()),
        ] {
            let server = serve(&site, &[]);
            site.write("content/what-happened.md", &text);
            std::thread::sleep(delay);
            interrupt(server, &format!("{delay_ms} ms {stage}"));
        }
        // The fix of a broken page, with the overlay shown first.
        site.write("content/what-happened.md", broken);
        let server = serve(&site, &[]);
        site.write("content/what-happened.md", GOOD);
        std::thread::sleep(delay);
        interrupt(server, &format!("{delay_ms} ms after a fix"));
    }
}

/// A page that was loading (or offline) while a build finished missed that build's `reload`; when it
/// connects, `hello` says which build is current, and the page compares it with its own.
#[test]
fn a_page_that_missed_a_reload_learns_of_the_newer_build_when_it_connects() {
    let site = TestSite::fixture("basic");
    site.write("content/what-happened.md", GOOD);
    let server = serve(&site, &[]);
    let served = |page: &str| -> u64 {
        let at = page
            .find("let built = ")
            .expect("the build number in the page")
            + "let built = ".len();
        page[at..]
            .split(';')
            .next()
            .and_then(|n| n.trim().parse().ok())
            .expect("a number")
    };
    let old_page = get(server.port, "/").body;
    site.write(
        "content/what-happened.md",
        &GOOD.replace("first version", "missed version"),
    );
    let new_page = wait_for_page(&server, "the new build", |page| {
        page.contains("The missed version of the text.")
    });
    assert!(served(&new_page) > served(&old_page));

    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        stream,
        "GET /__explainer/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut lines = BufReader::new(stream).lines().map_while(Result::ok);
    let hello = lines
        .find(|l| l.starts_with("data: "))
        .expect("the hello event");
    let current: u64 = hello["data: ".len()..].parse().unwrap();
    assert_eq!(current, served(&new_page));
    assert!(current > served(&old_page), "the old page would update");
}

/// Every edition is served, with the live-reload script, and a save of a translation reaches its
/// edition (issue 14, 8).
#[test]
fn every_edition_is_served_and_follows_its_translation() {
    let site = TestSite::fixture("basic").overlay("editions/arabic");
    let server = serve(&site, &[]);
    let ar = get(server.port, "/ar/");
    assert_eq!(ar.status, 200);
    assert!(ar.body.contains("<h2 id=\"what-happened-title\"><a class=\"heading-anchor\" href=\"#what-happened\">ماذا حدث</a></h2>"), "{}", ar.body);
    assert!(
        ar.body.contains("/__explainer/events"),
        "the live-reload script"
    );
    let path = site.root.join("content/what-happened.ar.md");
    let text = std::fs::read_to_string(&path).unwrap();
    site.write(
        "content/what-happened.ar.md",
        &text.replace("title: ماذا حدث", "title: ما الذي حدث"),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = get(server.port, "/ar/");
        if reply.body.contains(">ما الذي حدث</a></h2>") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the edit never reached /ar/:\n{}",
            reply.body
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        get(server.port, "/")
            .body
            .contains(">What happened</a></h2>")
    );
}

/// A changed picture is refreshed on its own: the event names its address, and the page is not
/// patched or reloaded.
#[test]
fn a_picture_change_refreshes_that_picture_only() {
    // A GIF is published as it is: the page reloads just that file.
    let site = TestSite::fixture("basic");
    site.write("static/photos/convoy.gif", "GIF89a one");
    let server = serve(
        &site,
        &["--base-url", "https://example.github.io/iraq-explainer/"],
    );
    let events = Events::connect(server.port);
    site.write("static/photos/convoy.gif", "GIF89a two");
    let (name, data) = events.next();
    assert_eq!(name, "pictures");
    assert_eq!(data, "[\"/iraq-explainer/photos/convoy.gif\"]");
}

#[test]
fn a_changed_drawing_patches_the_section_that_shows_it_under_its_new_name() {
    // A drawing is published under a name made from its content: the section showing it changes.
    let site = TestSite::fixture("basic");
    let square = |fill: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 40\"><rect width=\"40\" height=\"40\" fill=\"{fill}\"/></svg>\n"
        )
    };
    site.write("static/photos/square.svg", &square("navy"));
    let text = std::fs::read_to_string(site.root.join("content/what-happened.md")).unwrap();
    site.write(
        "content/what-happened.md",
        &format!("{text}\n![A square](photos/square.svg)\n"),
    );
    let server = serve(&site, &[]);
    let before = get(server.port, "/").body;
    let events = Events::connect(server.port);
    site.write("static/photos/square.svg", &square("teal"));
    let (name, data) = events.next();
    assert_eq!(name, "patch", "{data}");
    let old = before
        .split("src=\"media/square-")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("the drawing is on the page: {before}"));
    assert!(data.contains("media/square-"), "{data}");
    assert!(!data.contains(old), "the patch names the new file: {data}");
}

/// The page patches itself with idiomorph, served from the binary: the vendored copy is the one
/// the lock file pins (npm ci puts it in node_modules), byte for byte.
#[test]
fn the_vendored_idiomorph_is_the_pinned_package() {
    let site = TestSite::fixture("basic");
    let server = serve(&site, &[]);
    let page = get(server.port, "/").body;
    assert!(page.contains(
        "<script id=\"explainer-idiomorph\" src=\"/__explainer/idiomorph.js\"></script>"
    ));
    let served = get(server.port, "/__explainer/idiomorph.js").body;
    let root = crate::common::repo_root();
    let vendored = std::fs::read_to_string(root.join("src/serve/vendor/idiomorph.min.js")).unwrap();
    assert_eq!(served, vendored);
    let package = root.join("node_modules/idiomorph/dist/idiomorph.min.js");
    let pinned = std::fs::read_to_string(&package).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run `npm ci --ignore-scripts` first",
            package.display()
        )
    });
    assert_eq!(
        vendored, pinned,
        "src/serve/vendor/idiomorph.min.js differs from the pinned package"
    );
    let lock = std::fs::read_to_string(root.join("package-lock.json")).unwrap();
    assert!(
        lock.contains("\"node_modules/idiomorph\": {\n      \"version\": \"0.8.0\""),
        "the lock pins idiomorph 0.8.0"
    );
    assert!(
        std::fs::read_to_string(root.join("src/serve/vendor/idiomorph.LICENSE"))
            .unwrap()
            .contains("Zero-Clause BSD")
    );
}

/// DNS rebinding: a page on `attacker.example`, its name made to resolve to 127.0.0.1, asks the
/// preview for the page and its event stream with its own name as the Host. It gets nothing.
#[test]
fn a_request_for_another_sites_name_gets_403_and_no_page() {
    let site = TestSite::fixture("basic");
    site.append(
        "content/what-happened.md",
        "An unpublished draft line: €5bn — “secret”.",
    );
    let server = serve(&site, &[]);
    let path = path_of(&server);
    let own = get(server.port, &path);
    assert_eq!(own.status, 200);
    assert!(own.body.contains("unpublished draft line"), "{}", own.body);
    for host in [
        format!("attacker.example:{}", server.port),
        "attacker.example".to_string(),
        format!("localhost.attacker.example:{}", server.port),
    ] {
        for target in [path.as_str(), "/__explainer/events", "/style.css"] {
            let reply = get_as(server.port, target, &host);
            assert_eq!(reply.status, 403, "{host} {target}");
            assert!(!reply.body.contains("draft"), "{}", reply.body);
            assert!(!reply.body.contains("<html"), "{}", reply.body);
            assert!(
                reply
                    .header("content-type")
                    .is_some_and(|t| t.starts_with("text/plain"))
            );
        }
    }
    for host in [
        format!("localhost:{}", server.port),
        format!("[::1]:{}", server.port),
    ] {
        assert_eq!(get_as(server.port, &path, &host).status, 200, "{host}");
    }
}

/// Open pages' event streams are bounded: past the limit a stream is refused (503) at once, and
/// the page itself is still served.
#[test]
fn event_streams_past_the_limit_are_refused() {
    let site = TestSite::fixture("basic");
    let server = serve(&site, &[]);
    let open: Vec<Events> = (0..64).map(|_| Events::connect(server.port)).collect();
    let refused = get(server.port, "/__explainer/events");
    assert_eq!(refused.status, 503);
    assert_eq!(get(server.port, &path_of(&server)).status, 200);
    drop(open);
}
