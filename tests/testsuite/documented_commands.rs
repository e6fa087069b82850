//! Every command README.md and docs/ show in a shell block, and every `explainer` command they write
//! in the text that can be typed as it is, runs as shown (issue 20, 5): the `explainer` commands (and
//! `cargo run --release -- …`, which runs the same binary) here, each on a fresh copy of the bundled
//! explainer; the test command by `.ci/run`, which must contain it; and the
//! benchmark's commands, which take a quarter of an hour, by the benchmark script they document,
//! which must contain them. A command added to the docs that none of these runs fails this test.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestSite, explainer, repo_root};

/// Each command of a ```sh block in README.md and docs/*.md, with the file it is in and its block
/// (the commands of one block run in order, on one copy of the explainer; an inline command is a
/// block of its own).
fn documented() -> Vec<(String, String, usize)> {
    let mut files = vec![repo_root().join("README.md")];
    let mut docs: Vec<_> = fs::read_dir(repo_root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    let mut commands = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        let name = file
            .strip_prefix(repo_root())
            .unwrap()
            .display()
            .to_string();
        for block in text.split("```sh\n").skip(1) {
            let block = block.split("```").next().unwrap();
            let id = commands.len();
            for line in block.lines() {
                // A comment after the command says what it does.
                let command = line.split("  #").next().unwrap().trim();
                if !command.is_empty() {
                    commands.push((name.clone(), command.to_string(), id));
                }
            }
        }
        for command in inline_explainer_commands(&text) {
            let id = commands.len();
            commands.push((name.clone(), command, id));
        }
    }
    commands
}

/// The `explainer` commands written in the text as code (`explainer check --format json`), outside
/// code blocks: those an editor can type as they are, not synopses with `[options]` or `DIR`.
fn inline_explainer_commands(text: &str) -> Vec<String> {
    let prose: String = text.split("```").step_by(2).collect::<Vec<_>>().join("\n");
    let subcommands = [
        "build",
        "check",
        "serve",
        "new",
        "init",
        "schema",
        "upgrade-workflow",
    ];
    prose
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|code| {
            let words: Vec<&str> = code.split(' ').collect();
            words.len() > 1
                && words[0] == "explainer"
                && subcommands.contains(&words[1])
                && !code.contains(['[', '|'])
                // `explainer init` and `explainer new` alone name a command; they need arguments.
                && !(words.len() == 2 && matches!(words[1], "init" | "new"))
                && !words[1..]
                    .iter()
                    .any(|w| w.chars().all(|c| c.is_ascii_uppercase()))
        })
        .map(str::to_string)
        .collect()
}

/// The words of a command as a shell would split them (double quotes only, as the docs write).
fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in command.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Runs `explainer serve …` until it serves the page, then stops it with Ctrl-C.
fn serve_briefly(args: &[String], cwd: &Path) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(args.iter().filter(|a| *a != "--open"))
        .args(["--port", "0"])
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let served = lines
        .by_ref()
        .map_while(Result::ok)
        .any(|line| line.starts_with("Serving the explainer at http://127.0.0.1:"));
    // Go on reading, as a terminal does.
    std::thread::spawn(move || lines.for_each(drop));
    let kill = format!("kill -INT {}", child.id());
    Command::new("sh").args(["-c", &kill]).status().unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let status = child.try_wait().unwrap();
    let _ = child.kill();
    assert!(served, "`explainer {}` served no page", args.join(" "));
    assert_eq!(status.and_then(|s| s.code()), Some(0));
}

/// Runs an `explainer` command as the docs show it, in the folder an editor would be in.
fn run_explainer(args: &[String], site: &TestSite) {
    if args.first().is_some_and(|a| a == "serve") {
        serve_briefly(args, &site.root);
        return;
    }
    // `init` makes a new folder; it runs beside the explainer, not in it.
    let cwd = if args.first().is_some_and(|a| a == "init") {
        site.root.parent().unwrap().to_path_buf()
    } else {
        site.root.clone()
    };
    // `--open` would start a browser; what it opens is the page the command wrote or serves.
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--open")
        .collect();
    let run = explainer(&args, &cwd);
    assert_eq!(
        run.code,
        Some(0),
        "`explainer {}` failed:\n{}",
        args.join(" "),
        run.stderr
    );
    // The docs then have the editor replace the example paragraph `new` wrote, which no build
    // publishes.
    if args.first() == Some(&"new") {
        for created in run
            .stdout
            .lines()
            .filter_map(|l| l.strip_prefix("Created "))
        {
            let file = site.root.join(created);
            let text = fs::read_to_string(&file).unwrap();
            let start = text.find("Replace this paragraph").unwrap();
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let written = "The two leaders agreed — at last — on “the end of the combat mission”.";
            fs::write(
                &file,
                format!("{}{written}{}", &text[..start], &text[end..]),
            )
            .unwrap();
        }
    }
}

/// The script or test that runs a command too slow or too heavy for the test suite here, or one
/// that needs GitHub, and the words it must contain.
fn run_by(file: &str, command: &str) -> Option<(&'static str, &'static str)> {
    match command {
        // The guide's git commands, run block by block against a bare repository.
        c if file == "docs/publishing.md" && (c.starts_with("git ") || c == "cd my-explainer") => {
            Some(("tests/testsuite/init_repository.rs", "docs/publishing.md"))
        }
        // The one-line install, run against a stand-in for the release on 127.0.0.1.
        c if c.starts_with("curl -fsSL ") && c.ends_with("/latest/download/install.sh | sh") => {
            Some((
                "tests/testsuite/publishing.rs",
                "/latest/download/install.sh | sh",
            ))
        }
        // Needs GitHub; the address must be the repository Cargo.toml names.
        c if c.starts_with("cargo install --locked --git ") => Some((
            "Cargo.toml",
            "repository = \"https://github.com/explainer-news/explainer\"",
        )),
        "scripts/test" => Some((".ci/run", "scripts/test")),
        c if c.ends_with("scripts/compare-peers.sh") => {
            Some(("scripts/compare-peers.sh", "BASELINE"))
        }
        c if c.starts_with("target/release/explainer build --root") => Some((
            "scripts/compare-peers.sh",
            "build --root \"$dir/explainer\"",
        )),
        c if c.starts_with("/usr/bin/hugo --quiet --source") => {
            Some(("scripts/compare-peers.sh", "--quiet --source \"$dir/hugo\""))
        }
        c if c.starts_with("mdbook build") => Some(("scripts/compare-peers.sh", "mdbook build")),
        _ => None,
    }
}

#[test]
fn every_documented_command_runs() {
    let commands = documented();
    assert!(commands.len() >= 10, "found only {commands:?}");
    let mut unrun = Vec::new();
    let mut sites: std::collections::HashMap<usize, TestSite> = std::collections::HashMap::new();
    for (file, command, block) in &commands {
        let words = words(command);
        let args = match words.as_slice() {
            [first, rest @ ..] if first == "explainer" => rest.to_vec(),
            [cargo, run, release, dashes, rest @ ..]
                if [cargo, run, release, dashes] == ["cargo", "run", "--release", "--"] =>
            {
                rest.to_vec()
            }
            _ => {
                match run_by(file, command) {
                    Some((script, words)) => {
                        let text = fs::read_to_string(repo_root().join(script)).unwrap();
                        assert!(
                            text.contains(words),
                            "{file}: `{command}` is run by {script}, which no longer has `{words}`"
                        );
                    }
                    None => unrun.push(format!("{file}: {command}")),
                }
                continue;
            }
        };
        run_explainer(&args, sites.entry(*block).or_insert_with(TestSite::bundled));
    }
    assert!(
        unrun.is_empty(),
        "commands in the docs that nothing runs:\n{}",
        unrun.join("\n")
    );
}

/// README's test command names every missing tool at once, with its Debian package, before it runs
/// anything (issue 20, 4): here with none of them on the PATH.
#[cfg(unix)]
#[test]
fn the_test_command_names_every_missing_tool_before_running_anything() {
    let repo = crate::common::repo_root();
    let empty = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("/bin/bash")
        .arg(repo.join("scripts/test"))
        .env("PATH", empty.path())
        .env("CHROMIUM", empty.path().join("chromium"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for tool in [
        "cargo (",
        "node (",
        "npm (",
        "java (",
        "pdftotext (",
        "chromium (",
        "curl (",
        "git (",
    ] {
        assert!(stderr.contains(tool), "{tool} is not named in:\n{stderr}");
    }
    assert!(
        stderr.contains(
            "sudo apt-get install nodejs npm default-jre-headless chromium poppler-utils curl git"
        ),
        "{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing ran: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Every address of explainer's own releases or source in README.md and docs/ is the repository
/// Cargo.toml names (which `init` writes into new explainers' workflows), so an install line cannot
/// point somewhere else.
#[test]
fn every_address_of_explainer_on_github_is_its_repository() {
    let home = env!("CARGO_PKG_REPOSITORY");
    let mut files = vec![repo_root().join("README.md")];
    files.extend(
        fs::read_dir(repo_root().join("docs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md")),
    );
    let mut seen = 0;
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("https://github.com/") {
            let address: String = text[at..]
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '`' | '"'))
                .collect();
            // Placeholders for the reader's own repository.
            if address.starts_with("https://github.com/ORG/") {
                continue;
            }
            assert!(
                address.starts_with(home),
                "{}: {address} is not under {home}",
                file.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 3, "the install lines name the repository");
}
