//! explainer turns a folder of Markdown files with YAML front matter into a single-page news explainer
//! with a timeline.
//!
//! The pipeline runs one way: [`content`] reads and validates `content/` into a [`content::Site`];
//! [`assets`] draws the social card and names static files by content hash; [`render`] turns the site
//! into the page and the not-found page through the Tera templates; [`publish`] adds the files hosts
//! and crawlers expect (sitemap, feed, CNAME, timeline.json); [`output`] writes the folder
//! atomically. A [`Pipeline`] owns the inputs and caches and runs the stages for `build`, `check`
//! and `serve`.
//!
//! Beside the pipeline: [`check`] runs it without writing and looks further (links, anchors, alt
//! text); [`scaffold`] writes new content files and new explainers; [`schema`] describes the front
//! matter for editors' tooling; [`serve`] previews it. The vocabulary every stage shares lives in
//! leaf modules that import nothing of explainer's: [`url`] (addresses), [`html`] (escaping),
//! [`kinds`] (section kinds), [`dates`], [`inside`] (files resolved inside the site) and
//! [`diagnostics`].

// Input comes from many hands: outside tests, no unwrap() or expect() that a file could trigger.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod assets;
pub mod browser;
pub mod check;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod embedded;
pub mod html;
pub mod i18n;
pub mod inside;
pub mod kinds;
pub mod markdown;
pub mod media;
pub mod output;
pub mod pipeline;
pub mod publish;
pub mod render;
pub mod review;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod timelinejs;
pub mod url;

pub use diagnostics::{Diagnostic, Diagnostics};
pub use pipeline::{BuildError, Built, Pipeline, SiteOptions, build};
