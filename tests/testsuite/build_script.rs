//! `build.rs` refuses to compile the binary when a bundled template does not parse, so a broken
//! default can never ship. The test copies the crate, breaks one template and runs `cargo check`.

use std::path::Path;
use std::process::Command;

#[test]
fn a_broken_bundled_template_fails_the_compile() {
    let repo = crate::common::repo_root();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("explainer");
    for file in ["Cargo.toml", "Cargo.lock", "build.rs"] {
        std::fs::create_dir_all(&copy).unwrap();
        std::fs::copy(repo.join(file), copy.join(file)).unwrap();
    }
    // benches/ and pictures/ too: Cargo.toml names the benchmark target and the pictures crate, and
    // cargo refuses a manifest whose
    // target or member is missing.
    for folder in [
        "src",
        "content",
        "templates",
        "static",
        "docs",
        "benches",
        "pictures",
    ] {
        for entry in walkdir::WalkDir::new(repo.join(folder)) {
            let entry = entry.unwrap();
            let dest = copy.join(entry.path().strip_prefix(&repo).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
    }
    let broken = copy.join("templates/sections/prose.html");
    let text = std::fs::read_to_string(&broken).unwrap();
    std::fs::write(&broken, text.replace("{%- endfor %}", "")).unwrap();

    // Share the outer build's target folder so the dependencies are not compiled again.
    let target = Path::new(env!("CARGO_BIN_EXE_explainer"))
        .parent()
        .unwrap()
        .parent()
        .unwrap();
    let out = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "--lib"])
        .current_dir(&copy)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the compile must fail");
    assert!(
        stderr.contains("a bundled template does not parse"),
        "{stderr}"
    );
    assert!(stderr.contains("sections/prose.html"), "{stderr}");
}
