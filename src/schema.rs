//! The JSON Schema of the front matter, for editors' YAML tooling (`explainer schema`).
//!
//! The schemas are generated from the structs of `content::model` with schemars, so they cannot drift
//! from what the build accepts: a field added to a struct appears here, with its doc comment as the
//! description an editor sees. Unknown fields are refused (`additionalProperties: false`), as the build
//! refuses them. Draft-07 is used because it is the version YAML language servers support best.
//!
//! Every content file names its schema in a YAML comment on the first line of its front matter, the
//! modeline (`# yaml-language-server: $schema=../schema/section.json`), which [`modeline`] writes.
//! The schema files live in `schema/` at the explainer's root; `explainer init` writes them there and
//! the repository keeps a copy that a test compares with this module's output.
//!
//! This module does not validate anything: the build does, with better messages.

use std::borrow::Cow;
use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use crate::content::model::{EventMeta, PageMeta, SectionMeta};
use crate::content::translation::{EventText, PageText, SectionText};
use crate::content::{INDEX_FILE, TIMELINE_DIR};
use crate::dates::{PartialDate, TimeOfDay, Timestamp};

/// The folder, at the explainer's root, that holds the schema files.
pub const SCHEMA_DIR: &str = "schema";

/// The kinds of content file, each with its own front matter: the three originals, and the
/// translation of each, which holds only its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `content/_index.md`
    Page,
    /// `content/<name>.md` and `content/timeline/_index.md`
    Section,
    /// `content/timeline/<date>-<name>.md`
    Event,
    /// `content/_index.ar.md`
    PageTranslation,
    /// `content/<name>.ar.md` and `content/timeline/_index.ar.md`
    SectionTranslation,
    /// `content/timeline/<date>-<name>.ar.md`
    EventTranslation,
}

impl FileKind {
    pub const ALL: [FileKind; 6] = [
        FileKind::Page,
        FileKind::Section,
        FileKind::Event,
        FileKind::PageTranslation,
        FileKind::SectionTranslation,
        FileKind::EventTranslation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FileKind::Page => "page",
            FileKind::Section => "section",
            FileKind::Event => "event",
            FileKind::PageTranslation => "page-translation",
            FileKind::SectionTranslation => "section-translation",
            FileKind::EventTranslation => "event-translation",
        }
    }

    /// The kind of a translation of a file of this kind.
    pub fn translation(self) -> FileKind {
        match self {
            FileKind::Page | FileKind::PageTranslation => FileKind::PageTranslation,
            FileKind::Section | FileKind::SectionTranslation => FileKind::SectionTranslation,
            FileKind::Event | FileKind::EventTranslation => FileKind::EventTranslation,
        }
    }

    /// The schema's file name in `schema/`.
    pub fn file_name(self) -> String {
        format!("{}.json", self.name())
    }

    /// Which kind a file is, from its path relative to `content/` (`timeline/_index.md`): a
    /// name that ends in a language tag (`what-happened.ar.md`) is a translation.
    pub fn of_content_path(inner: &Path) -> Option<FileKind> {
        let mut parts: Vec<String> = inner
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let last = parts.last_mut()?;
        let translated = translation_of(last).map(|original| *last = original);
        let kind = match parts.as_slice() {
            [name] if name == INDEX_FILE => FileKind::Page,
            [_] => FileKind::Section,
            [dir, name] if dir == TIMELINE_DIR && name == INDEX_FILE => FileKind::Section,
            [dir, _] if dir == TIMELINE_DIR => FileKind::Event,
            _ => return None,
        };
        Some(match translated {
            Some(()) => kind.translation(),
            None => kind,
        })
    }
}

/// The original's name of a translation's file name (`what-happened.md` for
/// `what-happened.ar.md`): a name whose last part before `.md` is a language tag.
fn translation_of(name: &str) -> Option<String> {
    let (stem, tag) = name.strip_suffix(".md")?.rsplit_once('.')?;
    crate::content::translation::languages([format!("_index.{tag}.md").as_str()])
        .contains(tag)
        .then(|| format!("{stem}.md"))
}

fn generator() -> SchemaGenerator {
    SchemaSettings::draft07().for_deserialize().into_generator()
}

/// The schema of one kind of front matter, as a JSON value.
pub fn schema(kind: FileKind) -> Value {
    let generator = generator();
    let mut schema = match kind {
        FileKind::Page => generator.into_root_schema_for::<PageMeta>(),
        FileKind::Section => generator.into_root_schema_for::<SectionMeta>(),
        FileKind::Event => generator.into_root_schema_for::<EventMeta>(),
        FileKind::PageTranslation => generator.into_root_schema_for::<PageText>(),
        FileKind::SectionTranslation => generator.into_root_schema_for::<SectionText>(),
        FileKind::EventTranslation => generator.into_root_schema_for::<EventText>(),
    };
    schema.insert(
        "title".into(),
        Value::from(format!(
            "explainer {} front matter",
            kind.name().replace('-', " ")
        )),
    );
    schema.to_value()
}

/// One schema that accepts the front matter of any content file (any of the kinds).
pub fn combined() -> Value {
    let mut generator = generator();
    let any_of: Vec<Value> = vec![
        generator.subschema_for::<PageMeta>().to_value(),
        generator.subschema_for::<SectionMeta>().to_value(),
        generator.subschema_for::<EventMeta>().to_value(),
        generator.subschema_for::<PageText>().to_value(),
        generator.subschema_for::<SectionText>().to_value(),
        generator.subschema_for::<EventText>().to_value(),
    ];
    let definitions = generator.take_definitions(true);
    serde_json::json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "explainer front matter (page, section or event, or a translation of one)",
        "anyOf": any_of,
        "definitions": definitions,
    })
}

/// A schema as the text of a file: pretty-printed, ending with a newline.
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The YAML comment that points editors' tooling at the schema of a file at `inner` (its path relative
/// to `content/`). It is the first line inside the front matter, right after the opening `---`.
pub fn modeline(inner: &Path) -> Option<String> {
    let kind = FileKind::of_content_path(inner)?;
    // content/ is one folder down from the root, and each folder inside it one more.
    let depth = inner.components().count();
    let up = "../".repeat(depth);
    Some(format!(
        "# yaml-language-server: $schema={up}{SCHEMA_DIR}/{}",
        kind.file_name()
    ))
}

/// A date as editors write it: `2021`, `2021-07` or `2021-07-26` (YAML reads a bare year as a number).
impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date, only as precise as you know it: YYYY, YYYY-MM or YYYY-MM-DD; a year before the common era is negative (-0500).",
            "anyOf": [
                { "type": "string", "pattern": "^([0-9]{4}|-[0-9]{1,6})(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$" },
                { "type": "integer", "minimum": -999999, "maximum": 9999, "not": { "const": 0 } }
            ]
        })
    }
}

/// A time of day on the 24-hour clock.
impl JsonSchema for TimeOfDay {
    fn schema_name() -> Cow<'static, str> {
        "TimeOfDay".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A time of day on the 24-hour clock: HH:MM or HH:MM:SS.",
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
        })
    }
}

/// A full date, optionally with a time and a UTC offset.
impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date YYYY-MM-DD, or a date and time with its UTC offset: 2021-07-27T09:00:00-04:00.",
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(Z|[+-][0-9]{2}:[0-9]{2}))?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modelines_point_up_to_the_schema_folder() {
        assert_eq!(
            modeline(Path::new("_index.md")).unwrap(),
            "# yaml-language-server: $schema=../schema/page.json"
        );
        assert_eq!(
            modeline(Path::new("timeline/_index.md")).unwrap(),
            "# yaml-language-server: $schema=../../schema/section.json"
        );
        assert_eq!(
            modeline(Path::new("timeline/2021-07-26-deal.md")).unwrap(),
            "# yaml-language-server: $schema=../../schema/event.json"
        );
        assert_eq!(
            modeline(Path::new("timeline/2021-07-26-deal.ar.md")).unwrap(),
            "# yaml-language-server: $schema=../../schema/event-translation.json"
        );
        assert_eq!(
            modeline(Path::new("_index.ar.md")).unwrap(),
            "# yaml-language-server: $schema=../schema/page-translation.json"
        );
        assert_eq!(
            FileKind::of_content_path(Path::new("timeline/_index.ar-IQ.md")),
            Some(FileKind::SectionTranslation)
        );
        // A dot in a name that is no language tag is part of the name.
        assert_eq!(
            FileKind::of_content_path(Path::new("iraq.2021.md")),
            Some(FileKind::Section)
        );
        assert_eq!(modeline(Path::new("a/b/c.md")), None);
    }

    #[test]
    fn unknown_fields_are_refused_and_required_fields_listed() {
        let section = schema(FileKind::Section);
        assert_eq!(section["additionalProperties"], Value::Bool(false));
        let required: Vec<&str> = section["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(required, ["title", "weight"]);
        assert!(section["properties"]["weight"]["description"].is_string());
    }
}
