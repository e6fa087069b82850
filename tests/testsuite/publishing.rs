//! Publishing any explainer (issue 15): the workflow `explainer init` writes, run step by step on
//! this machine as GitHub's runner would run it, against a stand-in for a GitHub release (an HTTP
//! server on 127.0.0.1 serving an archive of the binary just built, made by the release workflow's
//! own script, and its SHA256SUMS), reached through the documented `EXPLAINER_RELEASES` override.
//! It downloads and verifies explainer, refuses a tampered archive, and publishes a page that crawls
//! clean under `/REPO/`. The install script of a release is run the same way.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::common::crawl::Crawler;
use crate::common::http::Server;
use crate::common::{explainer, repo_root};
use crate::publish::{assert_clean, assert_thorough};

/// The version the binary under test was built as.
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The archive the workflow downloads: GitHub's runners are x86_64 Linux.
const RUNNER_ARCHIVE: &str = "explainer-x86_64-unknown-linux-musl.tar.gz";
/// Where the stand-in serves the releases, as GitHub does under `OWNER/REPO/releases`.
const RELEASES_PATH: &str = "/owner/explainer/releases/";

/// A release of the binary under test, served on 127.0.0.1 laid out as GitHub lays out releases:
/// `…/releases/download/vVERSION/FILE`, and the newest again under `…/releases/latest/download/`.
pub(crate) struct Release {
    _dir: tempfile::TempDir,
    pub files: PathBuf,
    pub latest: PathBuf,
    pub server: Server,
}

/// The archives of a release, made once by the release workflow's script (compressing the binary
/// under test takes seconds): the runner's, with the binary under test, and one for another
/// platform, so that SHA256SUMS has more than one line to choose from.
fn archives() -> &'static Path {
    static ARCHIVES: OnceLock<tempfile::TempDir> = OnceLock::new();
    ARCHIVES
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let other = dir.path().join("other-explainer");
            fs::write(&other, "a binary for another platform").unwrap();
            let binary = Path::new(env!("CARGO_BIN_EXE_explainer"));
            for (target, binary) in [
                ("x86_64-unknown-linux-musl", binary),
                ("aarch64-unknown-linux-musl", other.as_path()),
            ] {
                release_files(&["archive", target, binary.to_str().unwrap()], dir.path());
            }
            fs::remove_file(other).unwrap();
            dir
        })
        .path()
}

fn release_files(args: &[&str], dir: &Path) {
    let status = Command::new("bash")
        .arg(repo_root().join("scripts/release-files.sh"))
        .args(args)
        .arg(dir)
        .status()
        .unwrap();
    assert!(status.success(), "release-files.sh {args:?}");
}

impl Release {
    pub(crate) fn new() -> Release {
        let dir = tempfile::tempdir().unwrap();
        let server = Server::start(dir.path(), RELEASES_PATH);
        let release = Release {
            files: dir.path().join(format!("download/v{VERSION}")),
            latest: dir.path().join("latest/download"),
            _dir: dir,
            server,
        };
        copy_dir(archives(), &release.files);
        release_files(&["installers", &release.address()], &release.files);
        release_files(&["checksums"], &release.files);
        copy_dir(&release.files, &release.latest);
        release
    }

    /// The releases address, as `EXPLAINER_RELEASES` takes it.
    pub(crate) fn address(&self) -> String {
        format!(
            "{}{}",
            self.server.origin(),
            RELEASES_PATH.trim_end_matches('/')
        )
    }

    /// Changes one byte in the middle of the archive the runner downloads, in both places.
    pub(crate) fn tamper(&self, archive: &str) {
        for dir in [&self.files, &self.latest] {
            let path = dir.join(archive);
            let mut bytes = fs::read(&path).unwrap();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x01;
            fs::write(path, bytes).unwrap();
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// A `run` step of a workflow: its name, its script, and its own `env`.
struct Step {
    name: String,
    run: String,
    env: BTreeMap<String, String>,
}

fn text_map(value: Option<&serde_yaml::Value>) -> BTreeMap<String, String> {
    let Some(map) = value.and_then(|v| v.as_mapping()) else {
        return BTreeMap::new();
    };
    map.iter()
        .map(|(k, v)| {
            let value = match v {
                serde_yaml::Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other).unwrap().trim().to_string(),
            };
            (k.as_str().unwrap().to_string(), value)
        })
        .collect()
}

/// The workflow-wide `env` and the `run` steps of the `build` job, in order.
fn build_job(workflow: &str) -> (BTreeMap<String, String>, Vec<Step>) {
    let doc: serde_yaml::Value = serde_yaml::from_str(workflow).unwrap();
    let env = text_map(doc.get("env"));
    let steps = doc["jobs"]["build"]["steps"].as_sequence().unwrap();
    let steps = steps
        .iter()
        .filter_map(|step| {
            Some(Step {
                name: step["name"].as_str()?.to_string(),
                run: step.get("run")?.as_str()?.to_string(),
                env: text_map(step.get("env")),
            })
        })
        .collect();
    (env, steps)
}

/// A runner: the values of the workflow's expressions, its temporary folder, and the folders steps
/// add to the PATH (`$GITHUB_PATH`), as GitHub's runner keeps them from step to step.
struct Runner {
    temp: tempfile::TempDir,
    expressions: BTreeMap<&'static str, String>,
}

/// What one step did.
struct Ran {
    ok: bool,
    output: String,
}

impl Runner {
    /// A runner on which the repository variable `EXPLAINER_RELEASES` names `release`, and
    /// `actions/configure-pages` reports the address `base_url`.
    fn new(release: &Release, base_url: &str) -> Runner {
        let temp = tempfile::tempdir().unwrap();
        fs::create_dir(temp.path().join("temp")).unwrap();
        fs::write(temp.path().join("path"), "").unwrap();
        let expressions = BTreeMap::from([
            ("steps.pages.outputs.base_url", base_url.to_string()),
            ("vars.EXPLAINER_RELEASES", release.address()),
        ]);
        Runner { temp, expressions }
    }

    /// `${{ … }}` replaced by its value; an expression the test does not know fails the test, so a
    /// new one in the workflow is seen to.
    fn evaluate(&self, value: &str) -> String {
        let Some(start) = value.find("${{") else {
            return value.to_string();
        };
        let end = value[start..].find("}}").unwrap() + start + 2;
        let inner = value[start + 3..end - 2].trim();
        // `vars.X || 'default'`: the variable is set on this runner.
        let name = inner.split(" || ").next().unwrap();
        let known = self
            .expressions
            .get(name)
            .unwrap_or_else(|| panic!("the test does not know the expression `{inner}`"));
        format!("{}{known}{}", &value[..start], self.evaluate(&value[end..]))
    }

    fn added_path(&self) -> Vec<String> {
        fs::read_to_string(self.temp.path().join("path"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// Runs `step` in `workspace` as GitHub runs a `run` step on Linux: bash without profile,
    /// `-eo pipefail`, with the workflow's and the step's `env`.
    fn run(&self, step: &Step, workflow_env: &BTreeMap<String, String>, workspace: &Path) -> Ran {
        let script = self.temp.path().join("step.sh");
        fs::write(&script, &step.run).unwrap();
        let mut path = self.added_path();
        path.push("/usr/local/bin:/usr/bin:/bin".into());
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script)
            .current_dir(workspace)
            .env_clear()
            .env("PATH", path.join(":"))
            .env("HOME", self.temp.path())
            .env("RUNNER_TEMP", self.temp.path().join("temp"))
            .env("GITHUB_PATH", self.temp.path().join("path"));
        for (name, value) in workflow_env.iter().chain(&step.env) {
            command.env(name, self.evaluate(value));
        }
        let out = command.output().unwrap();
        Ran {
            ok: out.status.success(),
            output: String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        }
    }
}

/// A new explainer from `explainer init`, in a temporary folder.
fn new_explainer() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let run = explainer(&["init", "my-explainer"], dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let root = dir.path().join("my-explainer");
    (dir, root)
}

fn workflow_of(root: &Path) -> String {
    fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap()
}

#[test]
fn the_init_workflow_installs_the_release_checks_it_and_publishes_under_the_sub_path() {
    let release = Release::new();
    let (_dir, root) = new_explainer();
    let pages = Server::start(&root.join("public"), "/iraq-explainer/");
    // configure-pages gives the address without a trailing slash.
    let base_url = format!("{}/iraq-explainer", pages.origin());
    let runner = Runner::new(&release, &base_url);
    let (env, steps) = build_job(&workflow_of(&root));
    assert_eq!(env["EXPLAINER_VERSION"], VERSION);
    let names: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["Install explainer", "Check the content", "Build the page"]
    );
    for step in &steps {
        let ran = runner.run(step, &env, &root);
        assert!(ran.ok, "{}:\n{}", step.name, ran.output);
        if step.name == "Install explainer" {
            assert!(
                ran.output.contains(&format!("explainer {VERSION}")),
                "{}",
                ran.output
            );
            // Later steps find the downloaded binary, and only it, by name.
            let added = runner.added_path();
            assert_eq!(added.len(), 1, "{added:?}");
            assert!(Path::new(&added[0]).join("explainer").is_file());
        }
        if step.name == "Check the content" {
            assert!(ran.output.contains("No problems found"), "{}", ran.output);
        }
    }
    let report = Crawler::new(&pages, &format!("{base_url}/"))
        .start("", 200)
        .start("robots.txt", 200)
        .start("sitemap.xml", 200)
        .start("no/such/page", 404)
        .run();
    assert_clean(&report);
    assert_thorough(&report, "/iraq-explainer/");
    let page = fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(
        page.contains(&format!("<link rel=\"canonical\" href=\"{base_url}/\">")),
        "the page is built for the Pages address"
    );
}

#[test]
fn the_init_workflow_refuses_a_tampered_archive_and_runs_nothing_from_it() {
    let release = Release::new();
    release.tamper(RUNNER_ARCHIVE);
    let (_dir, root) = new_explainer();
    let runner = Runner::new(&release, "https://example.github.io/iraq-explainer");
    let (env, steps) = build_job(&workflow_of(&root));
    let ran = runner.run(&steps[0], &env, &root);
    assert!(
        !ran.ok,
        "a tampered archive must fail the step:\n{}",
        ran.output
    );
    assert!(
        ran.output.contains(&format!(
            "::error::{RUNNER_ARCHIVE} does not match its SHA-256 checksum"
        )),
        "{}",
        ran.output
    );
    let downloaded = runner.temp.path().join("temp/explainer");
    assert!(
        downloaded.join(RUNNER_ARCHIVE).is_file(),
        "it was downloaded"
    );
    assert!(!downloaded.join("explainer").exists(), "but not unpacked");
    assert!(runner.added_path().is_empty(), "nor put on the PATH");
}

#[test]
fn the_init_workflow_says_which_download_failed() {
    let release = Release::new();
    fs::remove_dir_all(&release.files).unwrap();
    let (_dir, root) = new_explainer();
    let runner = Runner::new(&release, "https://example.github.io/iraq-explainer");
    let (env, steps) = build_job(&workflow_of(&root));
    let ran = runner.run(&steps[0], &env, &root);
    assert!(!ran.ok);
    let expected = format!(
        "::error::could not download {}/download/v{VERSION}/{RUNNER_ARCHIVE}: is explainer {VERSION} released there?",
        release.address()
    );
    assert!(ran.output.contains(&expected), "{}", ran.output);
}

/// The one-line install of the README and docs/publishing.md, with the stand-in's address.
fn install(release: &Release, version: Option<&str>) -> (tempfile::TempDir, std::process::Output) {
    let home = tempfile::tempdir().unwrap();
    let script = fs::read_to_string(release.latest.join("install.sh")).unwrap();
    assert!(
        script.contains(&release.address()),
        "the address is filled in"
    );
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "curl -fsSL {}/latest/download/install.sh | sh",
            release.address()
        ))
        .env("HOME", home.path())
        .env("PATH", "/usr/local/bin:/usr/bin:/bin");
    if let Some(version) = version {
        command.env("EXPLAINER_VERSION", version);
    }
    let out = command.output().unwrap();
    (home, out)
}

#[test]
fn the_install_script_installs_the_latest_release_after_checking_it() {
    let release = Release::new();
    let (home, out) = install(&release, None);
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    let installed = home.path().join(".local/bin/explainer");
    assert!(
        said.contains(&format!("Installed explainer {VERSION} in ")),
        "{said}"
    );
    assert!(
        said.contains("Add "),
        "it says how to put the folder on the PATH: {said}"
    );
    let version = Command::new(&installed).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("explainer {VERSION}")
    );

    // A named version comes from its own release folder.
    let (_home, out) = install(&release, Some(&format!("v{VERSION}")));
    assert!(out.status.success());
}

#[test]
fn the_install_script_installs_nothing_from_a_tampered_archive() {
    let release = Release::new();
    release.tamper(RUNNER_ARCHIVE);
    let (home, out) = install(&release, None);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!(
            "explainer install: {RUNNER_ARCHIVE} does not match its SHA-256 checksum"
        )),
        "{said}"
    );
    assert!(!home.path().join(".local/bin/explainer").exists());
}
