//! A new explainer's repository (issue 15): the folder `explainer init` makes, pushed with the git
//! commands of docs/publishing.md to a bare repository standing in for GitHub, holds exactly the
//! files the guide lists and stays clean after a build; `check` warns when its workflow pins another
//! version, and `upgrade-workflow` rewrites it, showing the change.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{explainer, repo_root};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const WORKFLOW: &str = ".github/workflows/pages.yml";

fn guide() -> String {
    fs::read_to_string(repo_root().join("docs/publishing.md")).unwrap()
}

/// The text of the guide's section whose heading starts with `heading`.
fn section(guide: &str, heading: &str) -> String {
    let start = guide
        .find(&format!("\n## {heading}"))
        .unwrap_or_else(|| panic!("docs/publishing.md has a section `{heading}`"));
    let rest = &guide[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..end].to_string()
}

/// The shell blocks of a section, in order.
fn shell_blocks(section: &str) -> Vec<String> {
    section
        .split("```sh\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_string())
        .collect()
}

/// Runs a block of the guide with bash, stopping at the first command that fails, with `home` as
/// the home folder (where `git config --global` writes).
fn run_block(block: &str, cwd: &Path, home: &Path) {
    let out = Command::new("bash")
        .args(["-e", "-c", block])
        .current_dir(cwd)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{block}\nfailed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn git(args: &[&str], cwd: &Path, home: &Path) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The files the guide's table lists; a folder (`content/`) stands for every file under it.
fn listed_files(guide: &str) -> Vec<String> {
    section(guide, "What `explainer init` made")
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .map(|rest| rest.split('`').next().unwrap().to_string())
        .collect()
}

#[test]
fn a_new_explainer_pushed_as_the_guide_says_holds_the_files_it_lists_and_stays_clean() {
    let guide = guide();
    let work = tempfile::tempdir().unwrap();
    let home = work.path().join("home");
    fs::create_dir(&home).unwrap();
    let run = explainer(&["init", "my-explainer"], work.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);

    // GitHub, on this machine: a bare repository, empty as the guide has it made.
    let bare = work.path().join("github/ORG/REPO.git");
    fs::create_dir_all(&bare).unwrap();
    git(
        &["init", "--bare", "--quiet", "--initial-branch=main"],
        &bare,
        &home,
    );

    let push = section(&guide, "2. Push the folder");
    let blocks = shell_blocks(&push);
    assert_eq!(blocks.len(), 2, "who you are, then the push: {blocks:?}");
    run_block(&blocks[0], work.path(), &home);
    let address = "https://github.com/ORG/REPO.git";
    assert!(blocks[1].contains(address), "{}", blocks[1]);
    run_block(
        &blocks[1].replace(address, bare.to_str().unwrap()),
        work.path(),
        &home,
    );

    // What GitHub now holds, as anyone who clones it gets it.
    let clone = work.path().join("clone");
    git(
        &["clone", "--quiet", bare.to_str().unwrap(), "clone"],
        work.path(),
        &home,
    );
    assert_eq!(
        git(&["rev-parse", "--abbrev-ref", "HEAD"], &clone, &home).trim(),
        "main"
    );
    let files: Vec<String> = git(&["ls-files"], &clone, &home)
        .lines()
        .map(str::to_string)
        .collect();
    let listed = listed_files(&guide);
    assert!(listed.len() >= 8, "{listed:?}");
    let covered = |file: &str| {
        listed.iter().any(|entry| {
            entry == file || (entry.ends_with('/') && file.starts_with(entry.as_str()))
        })
    };
    let unlisted: Vec<&String> = files.iter().filter(|f| !covered(f)).collect();
    assert!(
        unlisted.is_empty(),
        "pushed but not in the guide: {unlisted:?}"
    );
    for entry in &listed {
        assert!(
            files
                .iter()
                .any(|f| f == entry || f.starts_with(entry.as_str()) && entry.ends_with('/')),
            "the guide lists {entry}, which was not pushed"
        );
    }

    // A build and a check leave nothing for git to add.
    for args in [
        &["build"][..],
        &["check"],
        &["build", "--base-url", "https://org.github.io/repo/"],
    ] {
        let run = explainer(args, &clone);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    }
    assert!(clone.join("public/index.html").is_file());
    assert_eq!(
        git(&["status", "--porcelain", "--ignored=no"], &clone, &home),
        ""
    );

    // Publishing a change, as the guide shows it.
    let change = section(&guide, "Publishing a change");
    let blocks = shell_blocks(&change);
    assert_eq!(blocks.len(), 1);
    let folder = work.path().join("my-explainer");
    let page = folder.join("content/_index.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(
        &page,
        text.replacen("dateline:", "dateline: BAGHDAD\n# was:", 1),
    )
    .unwrap();
    run_block(&blocks[0], &folder, &home);
    let log = git(&["log", "--format=%s", "main"], &bare, &home);
    assert_eq!(
        log.lines().collect::<Vec<_>>(),
        [
            "Add the November 2021 events",
            "First version of the explainer"
        ]
    );
}

/// Sets the version the explainer's workflow pins.
fn pin(root: &Path, version: &str) {
    let path = root.join(WORKFLOW);
    let text = fs::read_to_string(&path).unwrap();
    let pinned = format!("EXPLAINER_VERSION: \"{VERSION}\"");
    assert!(text.contains(&pinned));
    fs::write(
        &path,
        text.replace(&pinned, &format!("EXPLAINER_VERSION: \"{version}\"")),
    )
    .unwrap();
}

#[test]
fn check_warns_when_the_workflow_pins_another_version_and_upgrade_workflow_rewrites_it() {
    let work = tempfile::tempdir().unwrap();
    assert_eq!(explainer(&["init", "ex"], work.path()).code, Some(0));
    let root = work.path().join("ex");
    let fresh = fs::read_to_string(root.join(WORKFLOW)).unwrap();
    assert_eq!(
        explainer(&["check"], &root).stderr,
        "",
        "a fresh explainer pins this version"
    );

    pin(&root, "0.0.1");
    let run = explainer(&["check"], &root);
    assert_eq!(run.code, Some(0), "a warning, not an error");
    let line = fresh
        .lines()
        .position(|l| l.contains("EXPLAINER_VERSION: \""))
        .unwrap()
        + 1;
    let column = "  EXPLAINER_VERSION: \"".len() + 1;
    let expected = format!(
        "{WORKFLOW}:{line}:{column}: warning: the Pages workflow publishes with explainer 0.0.1, but this is explainer {VERSION}"
    );
    assert!(run.stderr.starts_with(&expected), "{}", run.stderr);
    assert!(
        run.stderr.contains("run `explainer upgrade-workflow`"),
        "{}",
        run.stderr
    );

    // --dry-run shows the change and writes nothing.
    let pinned_old = fs::read_to_string(root.join(WORKFLOW)).unwrap();
    let run = explainer(&["upgrade-workflow", "--dry-run"], &root);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for line in [
        format!("--- {WORKFLOW}"),
        format!("+++ {WORKFLOW}"),
        "-  EXPLAINER_VERSION: \"0.0.1\"".to_string(),
        format!("+  EXPLAINER_VERSION: \"{VERSION}\""),
        format!("to publish with explainer {VERSION} instead of 0.0.1; nothing was written."),
    ] {
        assert!(run.stdout.contains(&line), "{line} in:\n{}", run.stdout);
    }
    assert_eq!(fs::read_to_string(root.join(WORKFLOW)).unwrap(), pinned_old);

    let run = explainer(&["upgrade-workflow"], &root);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("-  EXPLAINER_VERSION: \"0.0.1\""),
        "{}",
        run.stdout
    );
    assert_eq!(fs::read_to_string(root.join(WORKFLOW)).unwrap(), fresh);
    assert_eq!(explainer(&["check"], &root).stderr, "");
    let run = explainer(&["upgrade-workflow"], &root);
    assert_eq!(
        run.stdout,
        format!("{WORKFLOW} already publishes with explainer {VERSION}; nothing to change\n")
    );

    // An explainer made before init wrote workflows gets one.
    fs::remove_file(root.join(WORKFLOW)).unwrap();
    let run = explainer(&["upgrade-workflow"], &root);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(fs::read_to_string(root.join(WORKFLOW)).unwrap(), fresh);

    // Outside an explainer it changes nothing.
    let run = explainer(&["upgrade-workflow"], work.path());
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("error: no content folder in ."),
        "{}",
        run.stderr
    );
    assert!(!work.path().join(WORKFLOW).exists());
}

/// `check` reports the same problems with and without the address the workflow gives it (issue
/// 15, 4), here a headline the card's fonts cannot draw, which only a published build draws.
#[test]
fn check_finds_the_same_with_and_without_a_base_url() {
    let site =
        crate::common::TestSite::fixture("basic").overlay("mistakes/title-the-card-cannot-draw");
    let without = site.check(&[]);
    let with = site.check(&["--base-url", "https://example.github.io/iraq-explainer/"]);
    assert!(
        without.stderr.contains("the social card's fonts have no"),
        "{}",
        without.stderr
    );
    assert_eq!(without.stderr, with.stderr);
    assert_eq!(without.code, with.code);
}
