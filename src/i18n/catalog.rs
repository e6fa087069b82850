//! The interface words: one Fluent catalog per language. English and Arabic are built in
//! (`locales/en.ftl`, `locales/ar.ftl`, embedded); a site's own `locales/<language>.ftl` replaces
//! any of their messages, or adds a language.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::diagnostics::Diagnostic;
use crate::embedded;

/// Where a site's catalogs are, from its root.
pub const LOCALES_DIR: &str = "locales";

/// The language whose catalog fills in a message another catalog lacks.
const FALLBACK: &str = "en";

type Bundle = FluentBundle<FluentResource>;

/// Every language's catalog.
pub struct Catalogs {
    /// By the catalog's language, as its file is named (`en`, `ar`).
    bundles: BTreeMap<String, Bundle>,
}

impl std::fmt::Debug for Catalogs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogs")
            .field("languages", &self.bundles.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A catalog's text, parsed, or every syntax error in it at its place.
fn parse(path: &Path, text: String) -> Result<FluentResource, Vec<Diagnostic>> {
    FluentResource::try_new(text.clone()).map_err(|(_, errors)| {
        errors
            .into_iter()
            .map(|e| {
                let end = e.pos.end.max(e.pos.start + 1).min(text.len());
                let start = e.pos.start.min(end);
                Diagnostic::error(path, format!("this is not Fluent syntax: {}", e.kind))
                    .at(&text, start..end)
                    .hint("a message is `id = text` on one line; https://projectfluent.org/fluent/guide/ has the rest")
            })
            .collect()
    })
}

fn new_bundle(language: &str) -> Option<Bundle> {
    let id: LanguageIdentifier = language.parse().ok()?;
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // Pages place their own bidirectional isolation (`<bdi>`), where HTML can.
    bundle.set_use_isolating(false);
    Some(bundle)
}

impl Catalogs {
    /// The built-in catalogs only.
    pub fn builtin() -> Catalogs {
        let mut bundles = BTreeMap::new();
        for (name, bytes) in embedded::files_under(LOCALES_DIR) {
            let Some(language) = name.strip_suffix(".ftl") else {
                continue;
            };
            let text = String::from_utf8_lossy(bytes).into_owned();
            // The build's tests parse every built-in catalog.
            if let (Some(mut bundle), Ok(resource)) =
                (new_bundle(language), parse(Path::new(name), text))
            {
                bundle.add_resource_overriding(resource);
                bundles.insert(language.to_string(), bundle);
            }
        }
        Catalogs { bundles }
    }

    /// The built-in catalogs with the site's own (`locales/*.ftl` under `root`) over them.
    pub fn load(root: &Path) -> Result<Catalogs, Vec<Diagnostic>> {
        let mut catalogs = Catalogs::builtin();
        let Ok(entries) = fs::read_dir(root.join(LOCALES_DIR)) else {
            return Ok(catalogs);
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .collect();
        files.sort();
        let mut problems = Vec::new();
        for file in files {
            let rel = Path::new(LOCALES_DIR).join(file.file_name().unwrap_or_default());
            let language = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = match fs::read_to_string(&file) {
                Ok(text) => text.trim_start_matches('\u{feff}').to_string(),
                Err(e) => {
                    problems.push(Diagnostic::error(
                        &rel,
                        format!("cannot read this catalog: {e}"),
                    ));
                    continue;
                }
            };
            let resource = match parse(&rel, text) {
                Ok(resource) => resource,
                Err(found) => {
                    problems.extend(found);
                    continue;
                }
            };
            let bundle = match catalogs.bundles.remove(&language) {
                Some(bundle) => Some(bundle),
                None => new_bundle(&language),
            };
            match bundle {
                Some(mut bundle) => {
                    bundle.add_resource_overriding(resource);
                    catalogs.bundles.insert(language, bundle);
                }
                None => problems.push(
                    Diagnostic::error(
                        &rel,
                        format!(
                            "`{language}` is not a language tag, so this catalog is for no language"
                        ),
                    )
                    .hint("name the file after the language, like ar.ftl or pt-BR.ftl"),
                ),
            }
        }
        if problems.is_empty() {
            Ok(catalogs)
        } else {
            Err(problems)
        }
    }

    /// The catalog for a page in `language` (a BCP 47 tag): the one named for the whole tag, else
    /// for its language (`ar` for `ar-IQ`), else English.
    pub fn catalog(&self, language: &str) -> Catalog<'_> {
        let primary = language.split(['-', '_']).next().unwrap_or(language);
        let fallback = &self.bundles[FALLBACK];
        let bundle = self
            .bundles
            .get(language)
            .or_else(|| self.bundles.get(primary))
            .unwrap_or(fallback);
        Catalog { bundle, fallback }
    }

    /// The languages there are catalogs for.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.bundles.keys().map(String::as_str)
    }
}

/// One language's messages, with English for any it lacks.
#[derive(Clone, Copy)]
pub struct Catalog<'a> {
    bundle: &'a Bundle,
    fallback: &'a Bundle,
}

impl std::fmt::Debug for Catalog<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").finish_non_exhaustive()
    }
}

/// The value of an argument of a message: text, or a number (which chooses a plural form).
pub enum Arg<'a> {
    Text(&'a str),
    Count(usize),
}

impl Catalog<'_> {
    /// The message `id`, with `args` placed; `None` when no catalog has it.
    pub fn format(&self, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(*text),
                Arg::Count(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let args = (!args.is_empty()).then_some(&fluent_args);
        [self.bundle, self.fallback].into_iter().find_map(|bundle| {
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            Some(
                bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned(),
            )
        })
    }

    /// The message `id`, which has no arguments; its id when no catalog has it.
    pub fn text(&self, id: &str) -> String {
        self.format(id, &[]).unwrap_or_else(|| id.to_string())
    }

    /// Whether this language's own catalog has the message (not only English).
    pub fn has_own(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_catalogs_parse_and_have_the_same_messages() {
        for (name, bytes) in embedded::files_under(LOCALES_DIR) {
            let text = String::from_utf8(bytes.to_vec()).unwrap();
            assert!(parse(Path::new(name), text).is_ok(), "{name}");
        }
        let catalogs = Catalogs::builtin();
        assert_eq!(catalogs.languages().collect::<Vec<_>>(), ["ar", "en"]);
        let ids = |language: &str| -> Vec<String> {
            let text = String::from_utf8(
                embedded::files_under(LOCALES_DIR)
                    .find(|(n, _)| *n == format!("{language}.ftl"))
                    .unwrap()
                    .1
                    .to_vec(),
            )
            .unwrap();
            text.lines()
                .filter_map(|l| l.split_once(" = ").map(|(id, _)| id.trim().to_string()))
                .filter(|id| !id.starts_with('#') && !id.contains(' '))
                .collect()
        };
        assert_eq!(ids("ar"), ids("en"));
        assert!(ids("en").len() > 25);
    }

    #[test]
    fn plurals_follow_the_language() {
        let catalogs = Catalogs::builtin();
        let en = catalogs.catalog("en");
        let ar = catalogs.catalog("ar-IQ");
        let sources = |c: Catalog, n| {
            c.format("event-sources", &[("count", Arg::Count(n))])
                .unwrap()
        };
        assert_eq!(sources(en, 1), "Source");
        assert_eq!(sources(en, 2), "Sources");
        assert_eq!(sources(ar, 1), "المصدر");
        assert_eq!(sources(ar, 2), "المصدران");
        assert_eq!(sources(ar, 3), "المصادر");
        assert_eq!(
            en.format("feed-updated", &[("title", Arg::Text("Iraq"))])
                .unwrap(),
            "Updated: Iraq"
        );
        // A language without a catalog reads English.
        assert_eq!(catalogs.catalog("fr").text("key-points"), "Key points");
    }
}
