//! A large explainer, as `cargo run --example synth` makes them: the build gives back each
//! section's text once it is rendered, in batches, to keep its memory down. That must change nothing
//! in the page, and must leave the texts that are read later.

#[path = "../examples/synth/generate.rs"]
mod generate;

use explainer::assets;
use explainer::content;
use explainer::output::Output;
use explainer::render::{self, Paths, Templates};

#[test]
fn giving_back_texts_while_rendering_changes_nothing_in_the_page() {
    let dir = tempfile::tempdir().unwrap();
    // More sections than one batch, and not a whole number of batches.
    generate::generate(dir.path(), 700, 12).unwrap();
    let site = content::load(dir.path(), false).unwrap();
    let templates = Templates::load(dir.path()).unwrap();
    let paths = Paths::new(None);
    let mut statics = Output::default();
    statics.add_static(dir.path()).unwrap();
    let (assets, _) = assets::prepare(&site, &mut statics, false).unwrap();

    let (kept, kept_warnings) = render::render(&site, &templates, &paths, &assets).unwrap();
    // A site of its own, so that nothing else holds its documents.
    let mut owned = content::load(dir.path(), false).unwrap();
    let (released, released_warnings) =
        render::render_owned(&mut owned, &templates, &paths, &assets).unwrap();

    assert!(kept.index == released.index, "the page differs");
    assert!(kept.not_found == released.not_found);
    let text = |w: &[explainer::diagnostics::Diagnostic]| {
        w.iter().map(ToString::to_string).collect::<Vec<_>>()
    };
    assert_eq!(text(&kept_warnings), text(&released_warnings));

    // Ordinary sections gave back their text; the sources lists and the timeline kept theirs.
    let plain = owned
        .sections
        .iter()
        .filter(|s| s.meta.sources.is_empty() && !s.is_timeline());
    assert!(plain.clone().count() >= 700);
    assert!(
        plain
            .clone()
            .all(|s| s.text.is_empty() && s.body().is_empty())
    );
    assert!(
        owned
            .sections
            .iter()
            .filter(|s| !s.meta.sources.is_empty() || s.is_timeline())
            .all(|s| !s.text.is_empty())
    );
    // The site that is still shared kept every text.
    assert!(site.sections.iter().all(|s| !s.text.is_empty()));
}
