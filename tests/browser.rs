//! Runs the browser tests in `tests/browser/*.mjs`: Node with playwright-core driving Debian's
//! Chromium against the real `explainer` binary. Needs `npm ci --ignore-scripts` and Chromium at
//! /usr/bin/chromium (or the path in $CHROMIUM); README's test command and .ci/run provide both.

mod common;

use std::process::Command;

fn run(script: &str) {
    let repo = common::repo_root();
    assert!(
        repo.join("node_modules/playwright-core").is_dir(),
        "node_modules is missing: run `npm ci --ignore-scripts` first (README, Run the tests)"
    );
    let out = Command::new("node")
        .arg(repo.join("tests/browser").join(script))
        .current_dir(&repo)
        .env("EXPLAINER_BIN", env!("CARGO_BIN_EXE_explainer"))
        .env("FIXTURES", common::fixtures())
        .output()
        .expect("run node (is Node.js installed?)");
    assert!(
        out.status.success(),
        "{script} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_open_page_reloads_after_each_save_and_never_shows_a_broken_page() {
    run("serve_reload.mjs");
}

#[test]
fn script_injection_payloads_in_every_field_never_run() {
    run("injection.mjs");
}
