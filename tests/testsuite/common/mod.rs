//! One helper to drive fixture sites, in the style of mdBook's test suite: copy a fixture into a
//! temporary folder, change files, run the real `explainer` binary, look at its output.

pub mod crawl;
pub mod http;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use walkdir::WalkDir;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder, deleted when dropped.
pub struct TestSite {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

/// What one run of the binary did.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("under fixture");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("create fixture folder");
        } else {
            fs::copy(entry.path(), &dest).expect("copy fixture file");
        }
    }
}

/// Builds the `basic` fixture once (the "last good output"), lays `tests/fixtures/<overlay>` over it,
/// lets `edit` change each overlaid file (by its path in the site), and builds again. Checks that the
/// build failed with exit code 1, printed nothing on stdout and left the output exactly as it was;
/// returns what it printed on stderr.
pub fn broken_build(overlay: &str, edit: impl Fn(&Path)) -> String {
    let site = TestSite::fixture("basic");
    let good = site.build(&[]);
    assert_eq!(
        good.code,
        Some(0),
        "the basic fixture must build: {}",
        good.stderr
    );
    let before = site.output_snapshot();
    assert!(!before.is_empty());

    let site = site.overlay_edited(overlay, edit);
    let run = site.build(&[]);
    assert_eq!(
        run.code,
        Some(1),
        "{overlay} must fail with exit code 1:\n{}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "nothing on stdout for a failed build: {}",
        run.stdout
    );
    assert_eq!(
        site.output_snapshot(),
        before,
        "{overlay}: the previous output must be left exactly as it was"
    );
    run.stderr
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_tree(&fixtures().join(name), &root);
        TestSite { _dir: dir, root }
    }

    /// A copy of the repository's own explainer (content, templates, static, locales).
    pub fn bundled() -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        for part in ["content", "templates", "static", "locales"] {
            copy_tree(&repo_root().join(part), &root.join(part));
        }
        TestSite { _dir: dir, root }
    }

    /// Copies the files of `tests/fixtures/<path>` over this site, replacing those with the same name.
    pub fn overlay(self, path: &str) -> TestSite {
        copy_tree(&fixtures().join(path), &self.root);
        self
    }

    /// Like [`TestSite::overlay`], then applies `edit` to each file the overlay laid (to give it CRLF
    /// line endings, say).
    pub fn overlay_edited(self, path: &str, edit: impl Fn(&Path)) -> TestSite {
        let site = self.overlay(path);
        for entry in WalkDir::new(fixtures().join(path)) {
            let entry = entry.expect("read the overlay");
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(fixtures().join(path))
                    .expect("inside");
                edit(&site.root.join(rel));
            }
        }
        site
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().expect("has parent")).expect("create folder");
        fs::write(path, text).expect("write file");
    }

    /// Adds `extra` to the end of the file `rel` after an empty line, and gives back what the file
    /// held before (to count its lines).
    pub fn append(&self, rel: &str, extra: &str) -> String {
        let before = fs::read_to_string(self.root.join(rel)).expect("read the file to add to");
        self.write(rel, &format!("{before}\n{extra}"));
        before
    }

    /// Gives the page (`content/_index.md`) a lead picture: `fields` are the lines under `lead:`
    /// (`src: lead.jpg`, `alt: "…"`), without their indent.
    pub fn add_lead(&self, fields: &[&str]) {
        let path = self.root.join("content/_index.md");
        let text = fs::read_to_string(&path).expect("read _index.md");
        let lead: String = fields.iter().map(|f| format!("  {f}\n")).collect();
        assert!(
            text.contains("\nkey_points:"),
            "the page has key points to put the lead before"
        );
        let text = text.replacen("\nkey_points:", &format!("\nlead:\n{lead}key_points:"), 1);
        fs::write(path, text).expect("write _index.md");
    }

    pub fn output(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn read_output(&self, rel: &str) -> String {
        fs::read_to_string(self.output().join(rel)).expect("read output file")
    }

    /// Runs `explainer build --root ROOT` with more arguments.
    pub fn build(&self, args: &[&str]) -> Run {
        self.command("build", args)
    }

    /// Runs `explainer check --root ROOT` with more arguments.
    pub fn check(&self, args: &[&str]) -> Run {
        self.command("check", args)
    }

    /// Runs `explainer COMMAND --root ROOT ARGS...`; the root is shown as `[ROOT]` in the output.
    pub fn command(&self, command: &str, args: &[&str]) -> Run {
        let mut all = vec![command, "--root"];
        let root = self.root.display().to_string();
        all.push(&root);
        all.extend_from_slice(args);
        explainer(&all, &self.root)
    }

    /// Every file under the output folder with its bytes, to prove a failed build changed nothing.
    pub fn output_snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        let out = self.output();
        if !out.exists() {
            return files;
        }
        for entry in WalkDir::new(&out) {
            let entry = entry.expect("walk output");
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(&out)
                    .expect("under output")
                    .to_path_buf();
                files.insert(rel, fs::read(entry.path()).expect("read output"));
            }
        }
        files
    }
}

/// Runs the real `explainer` binary with `args` in the folder `cwd`, as a person at a terminal would.
/// `cwd` is shown as `[ROOT]` in the output, so snapshots do not depend on the temporary folder.
pub fn explainer(args: &[&str], cwd: &Path) -> Run {
    explainer_with(args, cwd, &[])
}

/// The same, with more variables in its environment.
pub fn explainer_with(args: &[&str], cwd: &Path, vars: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(args)
        .current_dir(cwd)
        .envs(vars.iter().copied())
        .output()
        .expect("run explainer");
    let clean =
        |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&cwd.display().to_string(), "[ROOT]");
    Run {
        code: out.status.code(),
        stdout: clean(&out.stdout),
        stderr: clean(&out.stderr),
    }
}

/// Parses HTML for structural assertions.
pub fn html(text: &str) -> scraper::Html {
    scraper::Html::parse_document(text)
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(css).expect("valid selector");
    doc.select(&selector).collect()
}
