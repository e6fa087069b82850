//! explainer's test suite, in one binary: a module per feature, each driving the real `explainer`
//! binary on fixture sites (`tests/fixtures/`) through the helpers of [`common`], with snapshots of
//! HTML fragments and error messages in `snapshots/` (refreshed with `INSTA_UPDATE=always`). The
//! browser checks are a second binary, `tests/browser.rs`, so that Chromium never runs beside them.

mod common;
#[path = "../../examples/synth/generate.rs"]
mod generate;
#[path = "../support/inert.rs"]
mod inert;
#[path = "../support/photos.rs"]
mod photos;

mod atomic_output;
mod build;
mod build_script;
mod check;
mod code_shape;
mod documented_commands;
mod drawings;
mod editing_guide;
mod editions;
mod embeds;
mod errors;
mod html_validity;
mod incremental;
mod init_repository;
mod languages;
mod large;
mod malformed;
mod media;
mod mistakes;
mod planted;
mod positions;
mod publish;
mod publishing;
mod scaffold;
mod schema;
mod serve;
mod sharing;
mod timelinejs;
mod workflow;
