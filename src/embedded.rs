//! The default explainer built into the binary: `content/`, `templates/` and `static/` as they were in
//! the repository at compile time (collected by `build.rs`). Templates and static files fall back to
//! these when a site does not have its own, and `explainer init` copies them to start a new explainer.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The embedded files under `dir` (`content`, `templates` or `static`), with paths relative to it.
pub fn files_under(dir: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    FILES.iter().filter_map(move |(path, bytes)| {
        let rel = path.strip_prefix(dir)?.strip_prefix('/')?;
        Some((rel, *bytes))
    })
}
