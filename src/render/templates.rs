//! Loading the Tera templates: the defaults built into the binary, overridden file by file by the
//! site's own `templates/` folder, and turning Tera's errors into diagnostics at the template's line.
//! The interface words come with them: the catalogs of `locales/`, which templates read with
//! `t(key="…")` in the language of the page they render (`lang` in their context).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Context, ErrorKind, Kwargs, State, Tera};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::{Arg, Catalogs};
use crate::{embedded, kinds};

/// The parsed templates, and the text of each so errors can show the offending line, with the
/// interface words they use.
pub struct Templates {
    tera: Tera,
    files: HashMap<String, (PathBuf, String)>,
    catalogs: Arc<Catalogs>,
}

/// `t(key="event-sources", count=2)`: the message `key` of the page's language, with the other
/// arguments placed in it (a number chooses a plural form).
fn interface_words(
    catalogs: Arc<Catalogs>,
) -> impl Fn(Kwargs, &State) -> tera::TeraResult<String> + Send + Sync + 'static {
    move |kwargs, state| {
        // `lang=` chooses another edition's words (the not-found page names every edition).
        let lang: String = match kwargs.get::<String>("lang")? {
            Some(lang) => lang,
            None => state.get("lang")?.unwrap_or_else(|| "en".to_string()),
        };
        let key: String = kwargs.must_get("key")?;
        let mut texts: Vec<(String, String)> = Vec::new();
        let mut counts: Vec<(String, usize)> = Vec::new();
        for (name, value) in kwargs.iter() {
            let name = name.to_string();
            if name == "key" || name == "lang" {
                continue;
            }
            match value.as_u64() {
                Some(n) => counts.push((name, n as usize)),
                None => texts.push((
                    name,
                    value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_string),
                )),
            }
        }
        let args: Vec<(&str, Arg)> = texts
            .iter()
            .map(|(n, v)| (n.as_str(), Arg::Text(v)))
            .chain(counts.iter().map(|(n, c)| (n.as_str(), Arg::Count(*c))))
            .collect();
        catalogs.catalog(&lang).format(&key, &args).ok_or_else(|| {
            tera::Error::message(format!(
                "no interface message `{key}`: add it to locales/{lang}.ftl (or locales/en.ftl)"
            ))
        })
    }
}

impl Templates {
    /// Parses the built-in templates overlaid with `root/templates`, and loads the catalogs
    /// (`root/locales` over the built-in ones). Every template is parsed once.
    pub fn load(root: &Path) -> Result<Templates, Vec<Diagnostic>> {
        let catalogs = Catalogs::load(root);
        let mut files: HashMap<String, (PathBuf, String)> = HashMap::new();
        for (name, bytes) in embedded::files_under("templates") {
            let text = String::from_utf8_lossy(bytes).into_owned();
            // Not a file the editor has: say so, or they will look for it.
            let shown = PathBuf::from(format!("templates/{name} (built in)"));
            files.insert(name.to_string(), (shown, text));
        }
        let mut problems = Vec::new();
        let dir = root.join("templates");
        if dir.is_dir() {
            for entry in WalkDir::new(&dir).sort_by_file_name() {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(err) => {
                        problems.push(Diagnostic::error(
                            "templates",
                            format!("cannot read: {err}"),
                        ));
                        continue;
                    }
                };
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                let name = entry
                    .path()
                    .strip_prefix(&dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                match std::fs::read_to_string(entry.path()) {
                    Ok(text) => {
                        files.insert(name, (rel, text));
                    }
                    Err(err) => problems.push(Diagnostic::error(
                        rel,
                        format!("cannot read this template: {err}"),
                    )),
                }
            }
        }
        let catalogs = match catalogs {
            Ok(catalogs) => Arc::new(catalogs),
            Err(found) => {
                problems.extend(found);
                Arc::new(Catalogs::builtin())
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        // Tera escapes HTML in `.html` and `.xml` templates by default; content HTML is marked `safe`.
        let mut tera = Tera::new();
        tera.register_function("t", interface_words(Arc::clone(&catalogs)));
        let mut templates = Templates {
            tera: Tera::new(),
            files,
            catalogs,
        };
        let sources = templates
            .files
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()));
        match tera.add_raw_templates(sources) {
            Ok(()) => {
                templates.tera = tera;
                Ok(templates)
            }
            Err(err) => Err(templates.load_problems(&err)),
        }
    }

    /// Every template's path (as the editor sees it) and text, built-in ones included.
    pub fn files(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.files
            .values()
            .map(|(path, text)| (path.as_path(), text.as_str()))
    }

    /// The interface words, for what Rust writes itself (the feed, the social card).
    pub fn catalogs(&self) -> &Catalogs {
        &self.catalogs
    }

    pub fn contains(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// The section kinds there are templates for (`templates/sections/<kind>.html`).
    pub fn section_kinds(&self) -> Vec<&str> {
        let mut kinds: Vec<&str> = self
            .files
            .keys()
            .filter_map(|n| kinds::of_template(n))
            .collect();
        kinds.sort_unstable();
        kinds
    }

    pub fn render(&self, name: &str, context: &Context) -> Result<String, Box<Diagnostic>> {
        self.tera
            .render(name, context)
            .map_err(|err| Box::new(self.diagnostic(&err, name)))
    }

    /// Tera checks the templates together (blocks a child fills must exist in a parent, components
    /// and filters must exist) and reports every failure in one message, each as its own
    /// `error: ... --> name:line:col` report. Each becomes a diagnostic at its place.
    fn load_problems(&self, err: &tera::Error) -> Vec<Diagnostic> {
        let ErrorKind::Msg(text) = err.kind() else {
            return vec![self.diagnostic(err, "templates")];
        };
        let mut problems = Vec::new();
        for report in text.split("error: ").skip(1) {
            let message = report.lines().next().unwrap_or_default().trim();
            let place = report
                .lines()
                .find_map(|l| l.trim_start().strip_prefix("--> "))
                .and_then(|p| {
                    let mut parts = p.rsplitn(3, ':');
                    let column: usize = parts.next()?.trim().parse().ok()?;
                    let line: usize = parts.next()?.parse().ok()?;
                    Some((parts.next()?.to_string(), line, column))
                });
            let Some((name, line, column)) = place else {
                continue;
            };
            let Some((path, source)) = self.files.get(&name) else {
                continue;
            };
            problems.push(
                Diagnostic::error(path, message)
                    .at_location(Location::from_line_column(source, line, column, 1))
                    .hint(
                        "templates that extend one another must agree on their blocks; if you copied the \
                         templates from an older explainer, compare them with the current ones \
                         (`explainer init --templates DIR` writes them)",
                    ),
            );
        }
        if problems.is_empty() {
            problems.push(self.diagnostic(err, "templates"));
        }
        problems
    }

    /// Places a Tera error at its template, line and column.
    fn diagnostic(&self, err: &tera::Error, template: &str) -> Diagnostic {
        let path_of = |name: &str| {
            self.files
                .get(name)
                .map_or_else(|| Path::new("templates").join(name), |(p, _)| p.clone())
        };
        let mut message = match err.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let name = report.filename();
                let span = report.span();
                let mut d = Diagnostic::error(path_of(name), report.message().to_string());
                if let Some((_, text)) = self.files.get(name) {
                    let width = if span.start_line == span.end_line {
                        span.end_col.saturating_sub(span.start_col)
                    } else {
                        1
                    };
                    d = d.at_location(Location::from_line_column(
                        text,
                        span.start_line,
                        span.start_col + 1,
                        width,
                    ));
                }
                let hint = if matches!(err.kind(), ErrorKind::SyntaxError(_)) {
                    "check the tag syntax: `{{ value }}` shows a value, `{% tag %}` is logic, each block needs its end tag"
                } else {
                    "the template uses something the page does not provide; see ARCHITECTURE.md for the variables"
                };
                return d.hint(hint);
            }
            ErrorKind::TemplateNotFound(name) => format!("the template `{name}` does not exist"),
            ErrorKind::MissingParent { current, parent } => {
                return Diagnostic::error(
                    path_of(current),
                    format!("extends `{parent}`, which does not exist"),
                );
            }
            _ => err.to_string(),
        };
        let mut source = std::error::Error::source(err);
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        Diagnostic::error(path_of(template), message)
    }
}
