//! What an editor writes where a code or an address is wanted: the page's base URL and its language
//! tag, each refused with a message that says what to write instead.

use crate::url::BadBaseUrl;

/// The message and hint for a base URL that is refused: not a web address, or holding a character
/// that no address of the site may hold as it is.
pub(crate) fn base_url_problem(url: &str, why: BadBaseUrl) -> (String, String) {
    let shown = match why {
        BadBaseUrl::NotAWebAddress => {
            let message = format!("`{url}` is not a web address");
            let hint = "write the full address the page is published at, like https://example.github.io/iraq/";
            return (message, hint.to_string());
        }
        BadBaseUrl::Character(' ') => "a space".to_string(),
        BadBaseUrl::Character(c) if c.is_whitespace() || c.is_control() || !c.is_ascii() => {
            format!("an invisible character (U+{:04X})", u32::from(c))
        }
        BadBaseUrl::Character(c) => format!("`{c}`"),
    };
    let hint = match why {
        BadBaseUrl::Character('?' | '#') => {
            "the page's address ends with its folder: leave out the query (`?…`) and the fragment (`#…`)"
        }
        BadBaseUrl::Character(c) if c.is_whitespace() => {
            "an address has no spaces: write a space in a folder's name as %20, or use a hyphen"
        }
        _ => "copy the address from the browser's address bar or the repository's Pages settings",
    };
    let url: String = url.chars().take(80).collect();
    let message = format!("the base URL `{url}` holds {shown}, which an address cannot");
    (message, hint.to_string())
}

/// Languages editors write by name, with their BCP 47 codes: for the hint only.
const LANGUAGE_NAMES: [(&str, &str); 16] = [
    ("arabic", "ar"),
    ("العربية", "ar"),
    ("english", "en"),
    ("french", "fr"),
    ("français", "fr"),
    ("kurdish", "ku"),
    ("کوردی", "ckb"),
    ("persian", "fa"),
    ("farsi", "fa"),
    ("فارسی", "fa"),
    ("turkish", "tr"),
    ("türkçe", "tr"),
    ("spanish", "es"),
    ("español", "es"),
    ("german", "de"),
    ("deutsch", "de"),
];

/// Why `language` is not a BCP 47 language tag with a two- or three-letter language (`ar`,
/// `en-GB`, `ckb`), and what to write instead.
pub(super) fn language_problem(language: &str) -> Option<(String, String)> {
    let tag = icu_locale_core::LanguageIdentifier::try_from_str(language).ok();
    if tag.is_some_and(|tag| (2..=3).contains(&tag.language.as_str().len())) {
        return None;
    }
    let name = language.trim().to_lowercase();
    let hint = match LANGUAGE_NAMES.iter().find(|(n, _)| *n == name) {
        Some((_, code)) => format!("write the language's code, not its name: language: {code}"),
        None => "write the language's code (BCP 47), like en, ar or en-GB".to_string(),
    };
    Some((format!("`{language}` is not a language code"), hint))
}
