//! Hostile and broken input: each case breaks the `basic` fixture in one way and states the exact
//! result (exit code and error output, as snapshots in `tests/snapshots/malformed__*.snap`).
//!
//! Whatever the input, the build never panics (exit code 0 or 1, never 101), finishes within a time
//! limit (the test fails, and the build is killed, past it), and either replaces the output whole or
//! leaves the previous output exactly as it was. Large and unusual files (a 50 MB file, invalid
//! UTF-8, a symlink loop) are made by the test, not committed.

use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TestSite;

/// Past this, a build counts as hung: it is killed and the test fails.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// Runs `explainer build` on the site, killing it if it runs past the time limit.
fn build_with_limit(site: &TestSite) -> (Option<i32>, String) {
    let logs = tempfile::tempdir().expect("temp dir");
    let err_path = logs.path().join("stderr");
    let stderr = fs::File::create(&err_path).expect("create log");
    let root = site.root.display().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(["build", "--root", &root])
        .current_dir(&site.root)
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("start explainer");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for explainer") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the build did not finish within {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = fs::read(&err_path).expect("read log");
    let text = String::from_utf8_lossy(&text).replace(&root, "[ROOT]");
    (status.code(), text)
}

/// Builds `basic` (the last good output), breaks it with `setup`, builds again, and checks the rules
/// every case shares. Returns `exit code` and error output, for the snapshot.
fn malformed(setup: impl FnOnce(&TestSite)) -> String {
    let site = TestSite::fixture("basic");
    let good = site.build(&[]);
    assert_eq!(good.code, Some(0), "basic must build: {}", good.stderr);
    let before = site.output_snapshot();
    setup(&site);
    let (code, stderr) = build_with_limit(&site);
    assert!(!stderr.contains("panicked"), "a panic:\n{stderr}");
    match code {
        Some(0) => assert!(
            site.output().join("index.html").is_file(),
            "a successful build writes the page"
        ),
        Some(1) => assert_eq!(
            site.output_snapshot(),
            before,
            "a failed build leaves the previous output exactly as it was:\n{stderr}"
        ),
        other => panic!("exit code {other:?} (a crash?):\n{stderr}"),
    }
    format!("exit code: {}\n{stderr}", code.unwrap_or(-1))
}

fn write(site: &TestSite, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = site.root.join(rel);
    fs::create_dir_all(path.parent().expect("has parent")).expect("create folder");
    fs::write(path, bytes).expect("write file");
}

fn section(title: &str, weight: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nweight: {weight}\n---\n{body}\n")
}

macro_rules! case {
    ($name:ident, |$site:ident| $setup:block) => {
        #[test]
        fn $name() {
            let result = malformed(|$site: &TestSite| $setup);
            insta::assert_snapshot!(stringify!($name), result);
        }
    };
}

case!(invalid_utf8, |site| {
    write(
        site,
        "content/extra.md",
        b"---\ntitle: Caf\xe9\nweight: 5\n---\nText.\n",
    );
});

case!(byte_order_mark, |site| {
    write(
        site,
        "content/extra.md",
        format!("\u{feff}{}", section("Extra", "5", "Text.")),
    );
});

case!(crlf_line_endings, |site| {
    write(
        site,
        "content/extra.md",
        section("Extra", "5", "Line one.\n\nLine two.").replace('\n', "\r\n"),
    );
});

case!(empty_file, |site| {
    write(site, "content/extra.md", "");
});

case!(no_closing_marker, |site| {
    write(
        site,
        "content/extra.md",
        "---\ntitle: Extra\nweight: 5\nText.\n",
    );
});

case!(tab_in_yaml, |site| {
    write(
        site,
        "content/extra.md",
        "---\ntitle: Extra\n\tweight: 5\n---\nText.\n",
    );
});

case!(yaml_alias_bomb, |site| {
    let mut yaml = String::from(
        "---\ntitle: Extra\nweight: 5\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut previous = "a";
    for name in names {
        yaml.push_str(&format!("{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
        previous = name;
    }
    yaml.push_str("---\nText.\n");
    write(site, "content/extra.md", yaml);
});

case!(deeply_nested_yaml, |site| {
    let depth = 100_000;
    let text = format!(
        "---\ntitle: Extra\nweight: 5\nx: {}{}\n---\nText.\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    write(site, "content/extra.md", text);
});

case!(deeply_nested_yaml_mapping, |site| {
    let mut text = String::from("---\ntitle: Extra\nweight: 5\nx:\n");
    for depth in 1..2_000 {
        text.push_str(&" ".repeat(depth));
        text.push_str("y:\n");
    }
    text.push_str("---\nText.\n");
    write(site, "content/extra.md", text);
});

case!(fifty_megabyte_file, |site| {
    let body = "A sentence that repeats. ".repeat(50 * 1024 * 1024 / 25);
    write(site, "content/extra.md", section("Extra", "5", &body));
});

case!(symlinks, |site| {
    std::os::unix::fs::symlink("../content", site.root.join("content/loop")).expect("symlink");
    std::os::unix::fs::symlink("self.md", site.root.join("content/self.md")).expect("symlink");
});

#[test]
fn unreadable_file() {
    let result = malformed(|site: &TestSite| {
        use std::os::unix::fs::PermissionsExt;
        let path = site.root.join("content/what-happened.md");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    });
    if result.starts_with("exit code: 0") {
        // Root (and some container users) can read any file: chmod 000 proves nothing there.
        eprintln!("skipped: this user can read a file with mode 000 (running as root?)");
        return;
    }
    insta::assert_snapshot!("unreadable_file", result);
}

case!(names_with_spaces_and_accents, |site| {
    write(
        site,
        "content/what we know.md",
        section("What we know", "5", "Text."),
    );
    write(
        site,
        "content/ce qu’on sait — été.md",
        section("Ce qu’on sait", "6", "Texte."),
    );
});

case!(two_files_with_the_same_slug, |site| {
    write(
        site,
        "content/What-Happened.md",
        section("Again", "5", "Text."),
    );
});

case!(impossible_date, |site| {
    write(
        site,
        "content/timeline/2021-02-30-later.md",
        "---\ntitle: Later\ndate: 2021-02-30\nsources: [wire-one]\n---\nText.\n",
    );
});

case!(weight_not_a_number, |site| {
    write(site, "content/extra.md", section("Extra", "heavy", "Text."));
});

case!(weight_too_large, |site| {
    write(site, "content/extra.md", section("Extra", "1e400", "Text."));
});

case!(front_matter_is_a_list, |site| {
    write(
        site,
        "content/extra.md",
        "---\n- title\n- weight\n---\nText.\n",
    );
});

case!(front_matter_is_empty, |site| {
    write(site, "content/extra.md", "---\n---\nText.\n");
});

case!(nul_byte, |site| {
    write(site, "content/extra.md", section("Ex\0tra", "5", "Te\0xt."));
});

case!(duplicate_key, |site| {
    write(
        site,
        "content/extra.md",
        "---\ntitle: Extra\ntitle: Again\nweight: 5\n---\nText.\n",
    );
});

case!(yaml_merge_key, |site| {
    write(
        site,
        "content/extra.md",
        "---\nbase: &b {weight: 5}\n<<: *b\ntitle: Extra\n---\nText.\n",
    );
});

case!(binary_tag, |site| {
    write(
        site,
        "content/extra.md",
        "---\ntitle: !!binary aGVsbG8=\nweight: 5\n---\nText.\n",
    );
});

case!(control_characters_in_title, |site| {
    write(
        site,
        "content/extra.md",
        section("\"Extra\\u0007\\u001b[31m\"", "5", "Text."),
    );
});

case!(megabyte_long_title, |site| {
    write(
        site,
        "content/extra.md",
        section(&"Long ".repeat(200_000), "5", "Text."),
    );
});

case!(deeply_nested_blockquotes, |site| {
    write(
        site,
        "content/extra.md",
        section("Extra", "5", &">".repeat(100_000)),
    );
});

case!(deeply_nested_lists, |site| {
    let mut body = String::new();
    for depth in 0..1_000 {
        body.push_str(&"  ".repeat(depth));
        body.push_str("- item\n");
    }
    write(site, "content/extra.md", section("Extra", "5", &body));
});

case!(many_unclosed_emphasis, |site| {
    write(
        site,
        "content/extra.md",
        section("Extra", "5", &"*a **b ".repeat(50_000)),
    );
});

case!(folder_named_like_a_file, |site| {
    fs::create_dir_all(site.root.join("content/folder.md")).expect("mkdir");
});

case!(missing_page_file, |site| {
    fs::remove_file(site.root.join("content/_index.md")).expect("remove");
});

case!(date_out_of_range, |site| {
    write(
        site,
        "content/timeline/2021-12-10-later.md",
        "---\ntitle: Later\ndate: 99999-01-01\nsources: [wire-one]\n---\nText.\n",
    );
});

case!(template_that_recurses, |site| {
    let components =
        fs::read_to_string(crate::common::repo_root().join("templates/components.html"))
            .expect("read components");
    let forever = "{% component forever(n) %}{{ <forever n={n + 1} /> }}{% endcomponent forever %}";
    write(
        site,
        "templates/components.html",
        format!("{components}\n{forever}\n"),
    );
    write(
        site,
        "templates/sections/prose.html",
        "<section id=\"{{ section.id }}\">{{ <forever n={0} /> }}</section>\n",
    );
});

case!(template_with_a_huge_loop, |site| {
    write(
        site,
        "templates/sections/prose.html",
        "<section id=\"{{ section.id }}\">{% for i in range(end=100000000000) %}{{ i }}{% endfor %}</section>\n",
    );
});

case!(template_includes_itself, |site| {
    write(
        site,
        "templates/sections/prose.html",
        "<section id=\"{{ section.id }}\">{% include \"sections/prose.html\" %}</section>\n",
    );
});
