//! The shape of the code itself, kept as ARCHITECTURE.md describes it: the library's modules import
//! one another in one direction (no cycle between top-level modules of `src/`), no file grows past
//! 450 lines, and no `static` holds state that changes (a lazily built constant is fine).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::common::repo_root;

/// Every `.rs` file under `src/`, with its path relative to `src/` and its text.
fn sources() -> Vec<(PathBuf, String)> {
    let src = repo_root().join("src");
    let mut files: Vec<(PathBuf, String)> = WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e.path().strip_prefix(&src).unwrap().to_path_buf();
            (rel, fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    assert!(files.len() > 20, "src/ has {} Rust files", files.len());
    files.sort();
    files
}

/// The code of a line, without its `//` comment (doc comments included).
fn code(line: &str) -> &str {
    match line.find("//") {
        Some(i) if !line[..i].contains('"') => &line[..i],
        _ => line,
    }
}

/// The library's top-level module a file belongs to (`render` for `render/cache.rs`), or `None` for
/// the binary (`main.rs`, `cmd/`), which is a crate of its own.
fn top_module(rel: &Path) -> Option<String> {
    let first = rel.iter().next()?.to_string_lossy().into_owned();
    match first.as_str() {
        "main.rs" | "cmd" => None,
        "lib.rs" => Some("crate".to_string()),
        name => Some(name.trim_end_matches(".rs").to_string()),
    }
}

/// Which top-level modules each one names with `crate::…`, and the places that name an item of
/// the crate root rather than a module.
fn import_graph(files: &[(PathBuf, String)]) -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    let modules: BTreeSet<String> = files.iter().filter_map(|(p, _)| top_module(p)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut through_root = Vec::new();
    for (rel, text) in files {
        let Some(from) = top_module(rel) else {
            continue;
        };
        // Comments removed, lines kept, so that offsets still tell the line.
        let text: String = text.lines().map(|l| format!("{}\n", code(l))).collect();
        for (i, _) in text.match_indices("crate::") {
            if text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let line = text[..i].matches('\n').count() + 1;
            for name in named_after(&text[i + "crate::".len()..]) {
                if modules.contains(&name) {
                    if name != from {
                        graph.entry(from.clone()).or_default().insert(name);
                    }
                } else {
                    through_root.push(format!("src/{}:{line}: `crate::{name}`", rel.display()));
                }
            }
        }
        graph.entry(from).or_default();
    }
    (graph, through_root)
}

/// The first name of each path after `crate::`: `render` in `crate::render::Templates`, `url` and
/// `html` in `crate::{url::BaseUrl, html}`.
fn named_after(rest: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(group) = rest.strip_prefix('{') else {
        return vec![ident(rest)];
    };
    let mut depth = 0;
    let mut names = vec![ident(group)];
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => names.push(ident(&group[i + 1..])),
            _ => {}
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// A cycle in `graph`, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_library_modules_import_each_other_in_one_direction() {
    let (graph, through_root) = import_graph(&sources());
    assert!(
        through_root.is_empty(),
        "modules import from the module that defines an item, not through the crate root:\n{}",
        through_root.join("\n")
    );
    // The pipeline's order, as ARCHITECTURE.md draws it: a sample of edges that must exist.
    for (from, to) in [
        ("render", "content"),
        ("publish", "output"),
        ("check", "pipeline"),
    ] {
        assert!(graph[from].contains(to), "{from} no longer uses {to}?");
    }
    // The leaf modules import nothing of explainer's.
    for leaf in ["url", "html", "kinds", "dates", "embedded", "inside"] {
        assert!(graph[leaf].is_empty(), "{leaf} imports {:?}", graph[leaf]);
    }
    if let Some(cycle) = find_cycle(&graph) {
        panic!("an import cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    let acyclic = graph(&[
        ("render", "content"),
        ("publish", "render"),
        ("publish", "content"),
    ]);
    assert_eq!(find_cycle(&acyclic), None);
    let cyclic = graph(&[("a", "url"), ("render", "publish"), ("publish", "render")]);
    assert_eq!(
        find_cycle(&cyclic),
        Some(vec!["publish".into(), "render".into(), "publish".into()])
    );
    let files = vec![
        (
            PathBuf::from("render/mod.rs"),
            "use crate::publish::FEED_FILE;\n// crate::url in a comment\n".into(),
        ),
        (
            PathBuf::from("publish/mod.rs"),
            "use crate::render::Paths;\nuse crate::Built;\nuse crate::{\n    url::BaseUrl,\n    html};\n"
                .into(),
        ),
        (PathBuf::from("url.rs"), String::new()),
        (PathBuf::from("html.rs"), String::new()),
    ];
    let (graph, through_root) = import_graph(&files);
    assert!(find_cycle(&graph).is_some());
    assert!(!graph["render"].contains("url"), "comments are not imports");
    assert!(graph["publish"].contains("url") && graph["publish"].contains("html"));
    assert_eq!(through_root, ["src/publish/mod.rs:2: `crate::Built`"]);
}

#[test]
fn no_source_file_is_over_450_lines() {
    let long: Vec<String> = sources()
        .iter()
        .map(|(rel, text)| (rel, text.lines().count()))
        .filter(|(_, lines)| *lines > 450)
        .map(|(rel, lines)| format!("src/{} ({lines} lines)", rel.display()))
        .collect();
    assert!(
        long.is_empty(),
        "split these by concern: {}",
        long.join(", ")
    );
}

/// Why a `static` item holds state that changes, if it does.
fn mutable_static(line: &str) -> Option<&'static str> {
    let line = code(line).trim_start();
    let item = ["pub(crate) ", "pub(super) ", "pub "]
        .iter()
        .find_map(|v| line.strip_prefix(v))
        .unwrap_or(line);
    if line.contains("thread_local!") {
        return Some("thread-local state");
    }
    let rest = item.strip_prefix("static ")?;
    if rest.starts_with("mut ") {
        return Some("`static mut`");
    }
    let kinds = [
        ("Mutex", "a Mutex"),
        ("RwLock", "an RwLock"),
        ("Atomic", "an atomic"),
        ("RefCell", "a RefCell"),
        ("UnsafeCell", "an UnsafeCell"),
        ("Cell<", "a Cell"),
    ];
    kinds
        .iter()
        .find(|(word, _)| rest.contains(word))
        .map(|(_, what)| *what)
}

#[test]
fn no_static_holds_mutable_state() {
    let mut found = Vec::new();
    for (rel, text) in sources() {
        for (n, line) in text.lines().enumerate() {
            if let Some(what) = mutable_static(line) {
                found.push(format!("src/{}:{}: {what}", rel.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "state belongs to the Pipeline that uses it:\n{}",
        found.join("\n")
    );
    // What the scan catches, and the lazily built constants it leaves alone.
    assert_eq!(
        mutable_static("    static LAST: std::sync::Mutex<Option<u8>> = Mutex::new(None);"),
        Some("a Mutex")
    );
    assert_eq!(
        mutable_static("pub(crate) static LOADS: AtomicUsize = AtomicUsize::new(0);"),
        Some("an atomic")
    );
    assert_eq!(
        mutable_static("static mut COUNT: u32 = 0;"),
        Some("`static mut`")
    );
    assert_eq!(
        mutable_static(
            "    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();"
        ),
        None
    );
    assert_eq!(mutable_static("const FENCE: &str = \"---\";"), None);
}
