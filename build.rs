//! Embeds the default explainer (`content/`, `templates/`, `static/`, `locales/`) into the binary, and fails the
//! compile when a bundled template does not parse, so a broken default can never ship.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

const DIRS: [&str; 4] = ["content", "templates", "static", "locales"];

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in DIRS {
        println!("cargo::rerun-if-changed={dir}");
        collect(&root.join(dir), &mut files);
    }

    let mut code =
        String::from("/// Every embedded file: its path from the repository root and its bytes.\n");
    code.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    let mut templates = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&root).expect("collected under the root");
        let rel = rel.to_string_lossy().replace('\\', "/");
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .expect("write to String");
        if let Some(name) = rel.strip_prefix("templates/") {
            let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{rel}: {e}"));
            templates.push((name.to_string(), text));
        }
    }
    code.push_str("];\n");

    let mut tera = tera::Tera::new();
    // The interface words' function, as the binary registers it (src/render/templates.rs): here
    // only its name has to exist.
    tera.register_function("t", |_: tera::Kwargs, _: &tera::State| String::new());
    if let Err(err) =
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    {
        panic!("a bundled template does not parse:\n{err}");
    }

    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("write embedded.rs");
}
