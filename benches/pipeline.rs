//! Criterion benchmarks of each stage of the pipeline on synthetic explainers of 10, 1,000 and 10,000
//! sections (about 1.5 KB of Markdown each, plus 20 timeline events and 40 sources), made by the same
//! generator as `cargo run --example synth`.
//!
//! ```text
//! cargo bench --bench pipeline                      # every stage at every size: about 3 minutes on 2 cores
//! cargo bench --bench pipeline -- 'render/'         # one stage (a regular expression on the names)
//! cargo bench --bench pipeline -- '/10000$'         # one size
//! ```
//!
//! The stages, each timed on its own with the earlier stages' results prepared outside the timing:
//!
//! | name | what one iteration does |
//! | --- | --- |
//! | `load/N` | `content::load`: walk `content/`, read every file, parse its front matter, cross-file checks |
//! | `markdown/N` | `markdown::render` of every section and event body, one after another on one thread |
//! | `templates/load` | `Templates::load`: parse the built-in templates overlaid by the site's own (once, not per N) |
//! | `render/N` | `render::render`: views (Markdown included, sections in parallel) and every template |
//! | `write/N` | `output::write_atomically`: write the built files to a staging folder and swap it in |
//! | `render_site/N` | `Pipeline::build_once`: everything but the write, as `build` runs it |
//! | `serve_edit/N` | what `serve` does after a save: `Pipeline::update` with one edited section file, then `Pipeline::build` |
//!
//! `serve_edit/N` against `render_site/N` is the cost of an edit in `serve` against a full build. Each
//! iteration writes one of two versions of the same section file (outside the timing), so every
//! rebuild has a real change to read, parse and render.
//!
//! Files are read from the page cache after the first iteration, as on a developer's machine between
//! two builds. These are benchmarks: nothing here asserts a duration.

#[path = "../examples/synth/generate.rs"]
mod generate;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput};
use explainer::assets::{self, CardCache};
use explainer::content::{self, Site};
use explainer::diagnostics::Diagnostics;
use explainer::i18n::Language;
use explainer::markdown::{self, Citations, Settings};
use explainer::output::{self, Output};
use explainer::render::{self, Templates};
use explainer::url::SiteUrls;
use explainer::{Pipeline, SiteOptions};
use tempfile::TempDir;

const SIZES: [usize; 3] = [10, 1_000, 10_000];
const EVENTS: usize = 20;

/// One synthetic explainer on disk, and its size.
struct Fixture {
    sections: usize,
    dir: TempDir,
}

impl Fixture {
    fn generate(sections: usize) -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary folder for the synthetic explainer");
        generate::generate(dir.path(), sections, EVENTS).expect("write the synthetic explainer");
        Fixture { sections, dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn site(&self) -> Site {
        content::load(self.root(), false, &mut Diagnostics::default())
            .expect("the synthetic explainer is valid")
    }

    fn options(&self) -> SiteOptions {
        SiteOptions {
            root: self.root().to_path_buf(),
            base_url: None,
            drafts: false,
        }
    }

    fn id(&self) -> BenchmarkId {
        BenchmarkId::from_parameter(self.sections)
    }
}

/// A group whose runs fit the size: the defaults are far too long at 10,000 sections, where one
/// iteration takes a large fraction of a second.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, fixture: &Fixture) {
    group.throughput(Throughput::Elements(fixture.sections as u64));
    group.warm_up_time(Duration::from_secs(1));
    if fixture.sections >= 10_000 {
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(10)
            .measurement_time(Duration::from_secs(5));
    } else {
        group
            .sampling_mode(SamplingMode::Auto)
            .sample_size(30)
            .measurement_time(Duration::from_secs(3));
    }
}

fn load(c: &mut Criterion, fixtures: &[Fixture]) {
    let mut group = c.benchmark_group("load");
    for fixture in fixtures {
        configure(&mut group, fixture);
        group.bench_function(fixture.id(), |b| {
            b.iter(|| {
                content::load(
                    black_box(fixture.root()),
                    false,
                    &mut Diagnostics::default(),
                )
            })
        });
    }
    group.finish();
}

fn markdown(c: &mut Criterion, fixtures: &[Fixture]) {
    let mut group = c.benchmark_group("markdown");
    for fixture in fixtures {
        let site = fixture.site();
        let citations = Citations::new(site.sources().map(|(_, s)| s.id.as_str()));
        // Each text with the id prefix the render stage gives it.
        let texts: Vec<(String, &str)> = site
            .sections
            .iter()
            .map(|doc| (doc.section_id(), doc.body()))
            .chain(site.events.iter().map(|doc| (doc.event_id(), doc.body())))
            .collect();
        configure(&mut group, fixture);
        group.bench_function(fixture.id(), |b| {
            b.iter(|| {
                for (id, text) in &texts {
                    let settings = Settings {
                        citations: &citations,
                        id_prefix: id,
                        min_heading: 3,
                        trusted_html: false,
                        terms: None,
                        pictures: None,
                    };
                    black_box(markdown::render(black_box(text), &settings));
                }
            })
        });
    }
    group.finish();
}

fn templates(c: &mut Criterion, fixtures: &[Fixture]) {
    let Some(fixture) = fixtures.first() else {
        return;
    };
    c.bench_function("templates/load", |b| {
        b.iter(|| Templates::load(black_box(fixture.root())))
    });
}

fn render(c: &mut Criterion, fixtures: &[Fixture]) {
    let mut group = c.benchmark_group("render");
    for fixture in fixtures {
        let site = fixture.site();
        let templates = Arc::new(templates_of(fixture));
        let urls = SiteUrls::new(None);
        // Fingerprinted names for the built-in static files, as the build makes them (no card
        // is drawn without a base URL).
        let mut statics = Output::read_static(fixture.root()).expect("the static files");
        let mut cards = CardCache::default();
        let language = Language::new(&site.page.meta.language, templates.catalogs());
        let assets = assets::prepare(
            &site,
            &mut statics,
            false,
            &language,
            &mut cards,
            &mut Diagnostics::default(),
        )
        .expect("the synthetic site's static files");
        configure(&mut group, fixture);
        group.bench_function(fixture.id(), |b| {
            b.iter(|| {
                let mut site = black_box(&site).clone();
                let mut found = Diagnostics::default();
                render::render(
                    &mut site, &templates, &urls, &assets, &language, None, &mut found,
                )
            })
        });
    }
    group.finish();
}

fn write(c: &mut Criterion, fixtures: &[Fixture]) {
    let mut group = c.benchmark_group("write");
    for fixture in fixtures {
        let built =
            Pipeline::build_once(fixture.options()).expect("the synthetic explainer builds");
        let out = tempfile::tempdir().expect("a temporary folder for the output");
        let public = out.path().join("public");
        configure(&mut group, fixture);
        group.bench_function(fixture.id(), |b| {
            b.iter(|| output::write_atomically(black_box(&built.output), &public))
        });
    }
    group.finish();
}

fn whole(c: &mut Criterion, fixtures: &[Fixture]) {
    let mut group = c.benchmark_group("render_site");
    for fixture in fixtures {
        configure(&mut group, fixture);
        group.bench_function(fixture.id(), |b| {
            b.iter(|| Pipeline::build_once(black_box(fixture.options())))
        });
    }
    group.finish();
}

fn serve_edit(c: &mut Criterion, fixtures: &[Fixture]) {
    let mut group = c.benchmark_group("serve_edit");
    for fixture in fixtures {
        let root = fixture.root();
        let mut session = Pipeline::open(fixture.options());
        session.build().expect("the synthetic explainer builds");
        // A section in the middle of the page: one file, as an editor's save.
        let mut sections: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
            .expect("the content folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
            .collect();
        sections.sort();
        let edited = sections[sections.len() / 2].clone();
        let original = std::fs::read_to_string(&edited).expect("the section file");
        let versions = [
            original.replace("\n---\n", "\n---\nAn edited first sentence.\n\n"),
            original.clone(),
        ];
        let changed = [edited
            .strip_prefix(root)
            .expect("under the root")
            .to_path_buf()];
        let mut turn = 0;
        configure(&mut group, fixture);
        group.bench_function(fixture.id(), |b| {
            b.iter_batched(
                || {
                    turn += 1;
                    std::fs::write(&edited, &versions[turn % 2]).expect("write the section file");
                },
                |()| {
                    session.update(black_box(&changed));
                    session.build().map(|built| built.output.len())
                },
                criterion::BatchSize::PerIteration,
            )
        });
        std::fs::write(&edited, original).expect("restore the section file");
    }
    group.finish();
}

fn templates_of(fixture: &Fixture) -> Templates {
    match Templates::load(fixture.root()) {
        Ok(templates) => templates,
        Err(problems) => panic!("the built-in templates do not load: {problems:?}"),
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let fixtures: Vec<Fixture> = SIZES.into_iter().map(Fixture::generate).collect();
    load(&mut c, &fixtures);
    markdown(&mut c, &fixtures);
    templates(&mut c, &fixtures);
    render(&mut c, &fixtures);
    write(&mut c, &fixtures);
    whole(&mut c, &fixtures);
    serve_edit(&mut c, &fixtures);
    c.final_summary();
}
