//! The pipeline, end to end, for every command that builds: what it reads, in what order the
//! stages run, and what it keeps between builds.
//!
//! A [`Pipeline`] owns the inputs (the content files, the templates, the static files) and the
//! caches (rendered sections, the last social card drawn). `build` reads once and builds once
//! ([`Pipeline::build_once`], then [`build`] writes); `serve` keeps one pipeline, re-reads what each save changed
//! ([`Pipeline::update`]) and rebuilds ([`Pipeline::build`]); `check` builds without writing and
//! then looks further at the same inputs. The stages run one way, each pushing its problems into one
//! [`Diagnostics`]:
//!
//! ```text
//! content ─▶ Site ─▶ assets ─▶ render ─▶ publish ─▶ Output ─▶ output::write_atomically
//! ```
//!
//! Nothing here is global: two pipelines never share a cache.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::assets::{self, CardCache, SocialImage};
use crate::content::{self, Files, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Language;
use crate::output::{self, NOT_FOUND_FILE, Output, PAGE_FILE};
use crate::publish;
use crate::render::{self, RenderCache, Templates};
use crate::review::{self, Reviewed};
use crate::url::{BaseUrl, SiteUrls};

/// Which explainer to build, and how: what every command that builds is given.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The explainer's folder, holding `content/` (and optionally `templates/` and `static/`).
    pub root: PathBuf,
    /// Overrides the page's `base_url`; checked when the pipeline builds.
    pub base_url: Option<String>,
    /// Include sections and events marked `draft: true`.
    pub drafts: bool,
}

/// A finished build in memory, with the warnings found on the way.
#[derive(Debug)]
pub struct Built {
    pub output: Output,
    pub warnings: Vec<Diagnostic>,
    /// How many photos were made, and how many came from the cache.
    pub images: crate::media::Report,
}

/// Why `build` wrote nothing.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files, each at its place (warnings among them).
    Content(Vec<Diagnostic>),
    /// The output folder could not be written.
    Write(output::WriteError),
}

/// The inputs of one explainer and what is kept between its builds.
pub struct Pipeline {
    options: SiteOptions,
    files: Files,
    /// Shared, so that the render cache can tell a reloaded set from the one it replaced.
    templates: Result<Arc<Templates>, Vec<Diagnostic>>,
    statics: Result<Output, Vec<Diagnostic>>,
    sections: RenderCache,
    cards: CardCache,
    images: crate::media::Images,
}

impl Pipeline {
    /// Reads everything under the root: the templates and static files while the content is read
    /// (itself on every core). Problems are reported when the pipeline builds.
    pub fn open(options: SiteOptions) -> Pipeline {
        let (files, pipeline) = Pipeline::read_beside(options, content::read);
        Pipeline { files, ..pipeline }
    }

    /// Reads the templates and static files into a pipeline with no content files, while
    /// `content` reads the content (itself on every core).
    fn read_beside<T: Send>(
        options: SiteOptions,
        content: impl FnOnce(&Path, bool) -> T + Send,
    ) -> (T, Pipeline) {
        let root = options.root.as_path();
        let images = crate::media::Images::open(root);
        let ((templates, statics), read) = rayon::join(
            || (load_templates(root), Output::read_static(root)),
            || content(root, options.drafts),
        );
        let pipeline = Pipeline {
            files: Files::default(),
            templates,
            statics,
            options,
            sections: RenderCache::default(),
            cards: CardCache::default(),
            images,
        };
        (read, pipeline)
    }

    pub fn options(&self) -> &SiteOptions {
        &self.options
    }

    /// The content files as read, before the checks across files.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The templates, if they all load.
    pub fn templates(&self) -> Option<&Templates> {
        self.templates.as_ref().ok().map(|t| &**t)
    }

    /// Reads again what `changed` (paths relative to the root) can have changed: the content and
    /// static files themselves, or all templates and catalogs.
    pub fn update(&mut self, changed: &[PathBuf]) {
        let root = &self.options.root;
        let drafts = self.options.drafts;
        if !self.files.refresh(root, drafts, changed) {
            self.files = content::read(root, drafts);
        }
        // The catalogs are loaded with the templates, which use them.
        if changed
            .iter()
            .any(|p| p.starts_with("templates") || p.starts_with(crate::i18n::LOCALES_DIR))
        {
            self.templates = load_templates(root);
        }
        let refreshed = match &mut self.statics {
            Ok(statics) => statics.refresh_static(root, changed),
            Err(_) => !changed.iter().any(|p| p.starts_with("static")),
        };
        if !refreshed {
            self.statics = Output::read_static(root);
        }
    }

    /// Validates, renders and reviews what is loaded, reusing the sections whose inputs did not
    /// change (`serve`).
    pub fn build(&mut self) -> Result<Built, Vec<Diagnostic>> {
        self.examine(Keep::Cache)
    }

    /// Validates, renders and reviews what is loaded, keeping nothing for a next build.
    pub fn build_fresh(&mut self) -> Result<Built, Vec<Diagnostic>> {
        self.examine(Keep::Nothing)
    }

    /// Like [`Pipeline::build_fresh`], writing no file: pictures made now are not cached (`check`).
    pub fn build_in_memory(&mut self) -> Result<Built, Vec<Diagnostic>> {
        self.images.keep_nothing();
        self.examine(Keep::Nothing)
    }

    /// Reads, validates, renders and reviews an explainer once (`build`): the content is read
    /// while the templates and static files are read.
    pub fn build_once(options: SiteOptions) -> Result<Built, Vec<Diagnostic>> {
        Pipeline::open(options).build_fresh()
    }

    /// The stages, then the review of what they did ([`review`]): the one set of rules of every
    /// command that builds. Problems come back in file order, each once.
    fn examine(&mut self, keep: Keep) -> Result<Built, Vec<Diagnostic>> {
        let mut found = Diagnostics::default();
        let site = self.files.site(&mut found);
        let (output, markdown_read) = match self.given_base_url() {
            Ok(base) => {
                let markdown_read = self.templates.is_ok() && site.is_some();
                (self.run(site, base, keep, &mut found), markdown_read)
            }
            Err(d) => {
                found.push(*d);
                (None, false)
            }
        };
        let done = Reviewed {
            files: &self.files,
            templates: self.templates(),
            output: output.as_ref(),
            markdown_read,
            root: &self.options.root,
        };
        review::review(done, &mut found);
        match output {
            Some(output) if !found.has_errors() => Ok(Built {
                output,
                warnings: review::in_order(found),
                images: self.images.last,
            }),
            _ => Err(review::in_order(found)),
        }
    }

    /// The address given with `--base-url`, which must be a web address.
    fn given_base_url(&self) -> Result<Option<BaseUrl>, Box<Diagnostic>> {
        let Some(url) = &self.options.base_url else {
            return Ok(None);
        };
        BaseUrl::parse(url).map(Some).map_err(|why| {
            let (message, hint) = crate::content::base_url_problem(url, why);
            Box::new(Diagnostic::error("--base-url", message).hint(hint))
        })
    }

    /// The stages after loading: assets, render, publish. Content, templates and static files are
    /// independent, so problems in all three are reported at once. The page is built for `base`,
    /// else for the page's own `base_url` (checked with the content).
    fn run(
        &mut self,
        site: Option<Site>,
        base: Option<BaseUrl>,
        keep: Keep,
        found: &mut Diagnostics,
    ) -> Option<Output> {
        for problems in [self.templates.as_ref().err(), self.statics.as_ref().err()] {
            found.extend(problems.into_iter().flatten().cloned());
        }
        let (Some(mut site), Ok(templates), Ok(statics)) = (site, &self.templates, &self.statics)
        else {
            return None;
        };
        let base = base.or_else(|| {
            let own = site.page.meta.base_url.as_deref()?;
            BaseUrl::parse(own).ok()
        });
        // The other editions, made before the original's texts are given back by its render.
        let editions: Vec<(String, Site)> = site
            .edition_languages()
            .into_iter()
            .map(|language| {
                let edition = site.edition(&language);
                (language, edition)
            })
            .collect();
        let names = edition_names(&site, &editions, templates.catalogs());
        let urls = SiteUrls::new(base.as_ref()).with_editions(&names);
        let mut output = statics.clone();
        let published = base.is_some();
        let language = Language::new(&site.page.meta.language, templates.catalogs());
        let mut assets = assets::prepare(
            &site,
            &mut output,
            published,
            &language,
            &mut self.cards,
            found,
        )?;
        assets.pictures = crate::media::process(
            &site,
            &self.options.root,
            &mut self.images,
            &mut output,
            found,
        );
        if let Some(lead) = lead_photo(&site, &assets.pictures) {
            assets.social_image = Some(lead);
        }
        let cache = match keep {
            Keep::Cache => Some(&mut self.sections),
            Keep::Nothing => None,
        };
        let pages = render::render(
            &mut site, templates, &urls, &assets, &language, cache, found,
        )?;
        output.insert(PAGE_FILE, pages.index);
        output.insert(NOT_FOUND_FILE, pages.not_found);
        publish::add_hosting_files(
            &site,
            base.as_ref(),
            (&language, &assets.pictures),
            &mut output,
            found,
        );
        for (tag, mut edition) in editions {
            let folder = format!("{tag}/");
            let urls = SiteUrls::new(base.as_ref())
                .edition(&tag)
                .with_editions(&names);
            let language = Language::new(&edition.page.meta.language, templates.catalogs());
            let mut assets = assets::prepare_edition(
                &edition,
                &mut output,
                (&assets, &folder),
                published,
                &language,
                &mut self.cards,
                found,
            )?;
            if let Some(lead) = lead_photo(&edition, &assets.pictures) {
                assets.social_image = Some(SocialImage {
                    path: format!("../{}", lead.path),
                    ..lead
                });
            }
            let pages = render::render(
                &mut edition,
                templates,
                &urls,
                &assets,
                &language,
                None,
                found,
            )?;
            output.insert(format!("{folder}{PAGE_FILE}"), pages.index);
            output.insert(format!("{folder}{NOT_FOUND_FILE}"), pages.not_found);
            publish::add_edition_files(
                &edition,
                base.as_ref(),
                (&language, &assets.pictures),
                &folder,
                &mut output,
            );
        }
        (!found.has_errors()).then_some(output)
    }
}

/// Each edition's folder, language tag, the language's own name ("العربية") and its direction, the
/// original first.
fn edition_names(
    site: &Site,
    editions: &[(String, Site)],
    catalogs: &crate::i18n::Catalogs,
) -> Vec<(String, String, String, String)> {
    if editions.is_empty() {
        return Vec::new();
    }
    let original = &site.page.meta.language;
    std::iter::once((String::new(), original.clone()))
        .chain(
            editions
                .iter()
                .map(|(tag, _)| (format!("{tag}/"), tag.clone())),
        )
        .map(|(folder, tag)| {
            let name = catalogs.catalog(&tag).text("language-name");
            let dir = crate::i18n::dir_of(crate::i18n::is_rtl(&tag)).to_string();
            (folder, tag, name, dir)
        })
        .collect()
}

/// Whether a build keeps what it rendered for the next one.
#[derive(Clone, Copy)]
enum Keep {
    /// Reuse and refill the pipeline's render cache (`serve`).
    Cache,
    /// Keep nothing; give back each section's text once rendered, where nothing else holds it.
    Nothing,
}

fn load_templates(root: &Path) -> Result<Arc<Templates>, Vec<Diagnostic>> {
    Templates::load(root).map(Arc::new)
}

/// Builds the explainer and replaces the output folder with the result, or leaves it untouched.
pub fn build(options: SiteOptions, output_dir: &Path) -> Result<Built, BuildError> {
    let built = Pipeline::build_once(options).map_err(BuildError::Content)?;
    output::write_atomically(&built.output, output_dir).map_err(BuildError::Write)?;
    Ok(built)
}

/// A page without an `image:` of its own whose lead picture is a photo is shared with that photo,
/// at its widest (up to 1600 pixels), with its description: what a newsroom's pages show when shared.
/// A drawing or a video leaves the drawn card, which sharing sites can show.
fn lead_photo(site: &Site, pictures: &crate::media::Pictures) -> Option<SocialImage> {
    if site.page.meta.image.is_some() {
        return None;
    }
    let lead = site.page.meta.lead.as_ref()?;
    let picture = pictures.find(&site.page.path, &lead.src)?;
    if picture.video.is_some() || picture.webp.is_empty() {
        return None;
    }
    let widest = picture.fallback.last()?;
    Some(SocialImage {
        path: widest.path.clone(),
        width: widest.width,
        height: (u64::from(widest.width) * u64::from(picture.height)
            / u64::from(picture.width.max(1))) as u32,
        mime: picture.fallback_type,
        alt: lead.alt.clone().unwrap_or_default(),
    })
}
