//! The kinds of section: how a section is shown, chosen by its `kind:` field.
//!
//! One table, [`BUILT_IN`], says for each kind that ships with explainer which data fields of the
//! front matter it shows, what `explainer new section --kind` writes as an example, and which
//! template renders it. Validation (a field the kind does not show), scaffolding, the views and the
//! command line all read it. Any other kind is a custom one: it exists when the site has a template
//! `templates/sections/<kind>.html` for it, and shows whatever that template shows.
//!
//! A leaf module: it imports nothing of explainer's.

/// A kind of section that ships with explainer.
#[derive(Debug)]
pub struct Kind {
    pub name: &'static str,
    /// The data fields of a section's front matter that this kind shows (of [`DATA_FIELDS`]).
    pub fields: &'static [&'static str],
    /// Front matter lines that `explainer new section` writes for this kind: the kind's fields, with
    /// examples commented out for the editor to fill in.
    pub example: &'static [&'static str],
    /// Whether `explainer new section` makes sections of this kind (a page has one timeline).
    pub scaffolded: bool,
}

/// The kind of a section that names none.
pub const PROSE: &str = "prose";
/// The kind of `content/timeline/_index.md` when it names none.
pub const TIMELINE: &str = "timeline";

/// The front matter fields that hold a section's data (as opposed to its title, weight and id).
pub const DATA_FIELDS: [&str; 5] = ["quotes", "figures", "terms", "sources", "eras"];

const QUOTES_EXAMPLE: &[&str] = &[
    "# quotes:",
    "#   - text: \"The exact words, nothing added but [bracketed] words and … for cuts\"",
    "#     speaker: Joe Biden",
    "#     role: President of the United States",
    "#     occasion: \"Remarks at the start of the meeting\"",
    "#     date: 2021-07-26",
    "#     source: source-id",
];

/// Every kind that ships with explainer, each with its template `templates/sections/<name>.html`.
pub const BUILT_IN: [Kind; 5] = [
    Kind {
        name: PROSE,
        fields: &["quotes"],
        example: QUOTES_EXAMPLE,
        scaffolded: true,
    },
    Kind {
        name: "figures",
        fields: &["figures", "quotes"],
        // An empty list is valid; the example stays a comment until the editor fills it in.
        example: &[
            "figures: []",
            "  # - value: \"about 2,500\"",
            "  #   label: \"US troops in Iraq in July 2021\"",
            "  #   sources: [source-id]",
        ],
        scaffolded: true,
    },
    Kind {
        name: "glossary",
        fields: &["terms"],
        example: &[
            "terms: []",
            "  # - term: \"Mustafa al-Kadhimi\"",
            "  #   definition: \"Iraq's prime minister at the time of the agreement.\"",
        ],
        scaffolded: true,
    },
    Kind {
        name: "sources",
        fields: &["sources"],
        example: QUOTES_EXAMPLE,
        scaffolded: true,
    },
    Kind {
        name: TIMELINE,
        fields: &["eras"],
        example: &[],
        scaffolded: false,
    },
];

/// The built-in kind called `name`, if there is one.
pub fn built_in(name: &str) -> Option<&'static Kind> {
    BUILT_IN.iter().find(|kind| kind.name == name)
}

/// The built-in kinds that show `field`.
pub fn showing(field: &str) -> impl Iterator<Item = &'static Kind> + '_ {
    BUILT_IN
        .iter()
        .filter(move |kind| kind.fields.contains(&field))
}

/// The folder of the section templates, inside `templates/`.
pub const TEMPLATE_DIR: &str = "sections";

/// The template that renders sections of `kind`: `sections/<kind>.html`.
pub fn template(kind: &str) -> String {
    format!("{TEMPLATE_DIR}/{kind}.html")
}

/// The kind a template name renders, if it is a section template: `sections/figures.html` →
/// `figures`.
pub fn of_template(name: &str) -> Option<&str> {
    name.strip_prefix(TEMPLATE_DIR)?
        .strip_prefix('/')?
        .strip_suffix(".html")
}

/// The lines `explainer new section` writes for a kind, built in or custom (custom kinds get the
/// prose example: any section may have quotes).
pub fn example(kind: &str) -> &'static [&'static str] {
    built_in(kind).map_or(QUOTES_EXAMPLE, |k| k.example)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_kind_shows_only_data_fields_and_has_a_bundled_template() {
        for kind in &BUILT_IN {
            for field in kind.fields {
                assert!(DATA_FIELDS.contains(field), "{}: {field}", kind.name);
            }
            let file = format!("templates/{}", template(kind.name));
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&file);
            assert!(path.is_file(), "{file} is missing");
            assert_eq!(of_template(&template(kind.name)), Some(kind.name));
        }
        assert_eq!(
            showing("quotes").map(|k| k.name).collect::<Vec<_>>(),
            ["prose", "figures"]
        );
        assert_eq!(example("my-own-kind"), QUOTES_EXAMPLE);
    }
}
