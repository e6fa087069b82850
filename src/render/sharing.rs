//! What the page tells search engines and social sites about itself: Open Graph and Twitter card
//! values, and one schema.org `NewsArticle` in JSON-LD.
//!
//! Every value comes from the same content as the visible page (the headline, the `published` and
//! `updated` timestamps, the corrections), so the two cannot disagree. Values that must be absolute
//! addresses (the canonical URL, the image) exist only when the base URL is known. The
//! JSON-LD is built as data and serialised, never assembled from template text, and is escaped so
//! that nothing in it can close its `<script>` element.

use serde::Serialize;
use serde_json::{Value, json};

use crate::assets::Assets;
use crate::content::Site;
use crate::html::script_safe_json;
use crate::markdown;
use crate::url::SiteUrls;

/// The longest headline Google shows in full (its Article guidelines).
const HEADLINE_MAX: usize = 110;
/// Twitter's limits for `twitter:title` and `twitter:description`.
const TWITTER_TITLE_MAX: usize = 70;
const TWITTER_DESCRIPTION_MAX: usize = 200;
/// The alt text limit of `twitter:image:alt`.
const IMAGE_ALT_MAX: usize = 420;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharingView {
    pub title: String,
    pub twitter_title: String,
    pub description: String,
    pub twitter_description: String,
    /// The canonical address, when the base URL is known.
    pub url: Option<String>,
    pub site_name: Option<String>,
    /// `og:locale`, as `language_TERRITORY`.
    pub locale: Option<String>,
    /// `og:locale:alternate`: the other editions' locales.
    pub locale_alternates: Vec<String>,
    /// ISO 8601 with offset, exactly as in the page's `<time datetime>`.
    pub published: String,
    pub modified: String,
    /// Profile links of the authors who have one, for `article:author`.
    pub author_urls: Vec<String>,
    pub image: Option<ImageView>,
    /// The JSON-LD, ready to be placed inside `<script type="application/ld+json">`.
    pub json_ld: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageView {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub mime: &'static str,
    pub alt: String,
}

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis when it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    let cut = cut.trim_end_matches([' ', ',', ';', ':', '.', '–', '—']);
    format!("{cut}…")
}

/// A headline within `max` characters: whole if it fits, else its first part when it has the common
/// "Topic: angle" form, else cut at a word.
fn short_title(title: &str, max: usize) -> String {
    if title.chars().count() <= max {
        return title.to_string();
    }
    match title.split_once(": ") {
        Some((topic, _)) if (20..=max).contains(&topic.chars().count()) => topic.to_string(),
        _ => shorten(title, max),
    }
}

/// `og:locale` from the page's language and the readership explainer assumes for it (see
/// `i18n::locale_for`): `en-GB` → `en_GB`, `ar` → `ar_IQ`; plain `en` → `en_US`, Open Graph's own
/// default. Other languages without a region give none rather than a guess.
fn locale(language: &str) -> Option<String> {
    let locale = crate::i18n::locale_for(language);
    let lang = locale.id.language.as_str().to_string();
    match locale.id.region {
        Some(region) if region.as_str().len() == 2 => Some(format!("{lang}_{}", region.as_str())),
        _ if lang == "en" => Some("en_US".to_string()),
        _ => None,
    }
}

/// The address of `path` (relative to the page, `../media/lead.jpg` from an edition) from the page's
/// address `base` (ending in `/`), with each `../` taken off the base: some sites that read sharing
/// tags do not resolve it themselves.
fn absolute(base: &str, path: &str) -> String {
    let mut base = base.to_string();
    let mut path = path;
    while let Some(rest) = path.strip_prefix("../") {
        let trimmed = base.trim_end_matches('/');
        match trimmed.rfind('/') {
            Some(at) if !trimmed[..at].ends_with('/') => base.truncate(at + 1),
            _ => break,
        }
        path = rest;
    }
    format!("{base}{path}")
}

/// Builds the sharing metadata of the page.
pub fn sharing(site: &Site, urls: &SiteUrls, assets: &Assets) -> SharingView {
    let meta = &site.page.meta;
    let title = markdown::smarten(&meta.title);
    let published = meta.published.iso();
    let modified = meta.updated.as_ref().unwrap_or(&meta.published).iso();
    let url = urls.canonical.clone();
    let image = match (&url, &assets.social_image) {
        (Some(base), Some(image)) => Some(ImageView {
            url: absolute(base, &image.path),
            width: image.width,
            height: image.height,
            mime: image.mime,
            alt: shorten(&image.alt, IMAGE_ALT_MAX),
        }),
        _ => None,
    };
    let site_name = meta
        .site_name
        .clone()
        .or_else(|| meta.publisher.as_ref().map(|p| p.name.clone()));

    let mut article = news_article(site, &title, url.as_deref(), assets);
    link_translations(&mut article, urls);
    let json_ld = script_safe_json(&article);

    // Curly quotes and apostrophes, as everywhere on the page.
    let description = crate::markdown::smarten(&meta.description);
    SharingView {
        twitter_title: short_title(&title, TWITTER_TITLE_MAX),
        twitter_description: shorten(&description, TWITTER_DESCRIPTION_MAX),
        title,
        description,
        url,
        site_name,
        locale: locale(&meta.language),
        locale_alternates: urls
            .editions
            .iter()
            .filter(|e| !e.current)
            .filter_map(|e| locale(&e.lang))
            .collect(),
        published,
        modified,
        author_urls: meta.authors.iter().filter_map(|a| a.url.clone()).collect(),
        image,
        json_ld,
    }
}

/// The original names its translations (`workTranslation`), a translation its original
/// (`translationOfWork`), by address: only when the addresses are known.
fn link_translations(article: &mut Value, urls: &SiteUrls) {
    let work = |e: &crate::url::EditionLink| {
        e.url
            .as_ref()
            .map(|u| json!({"@type": "NewsArticle", "@id": u, "inLanguage": e.lang}))
    };
    if urls.edition.is_empty() {
        let translations: Vec<Value> = urls
            .editions
            .iter()
            .filter(|e| !e.current)
            .filter_map(work)
            .collect();
        if !translations.is_empty() {
            article["workTranslation"] = json!(translations);
        }
    } else if let Some(original) = urls.editions.first().and_then(work) {
        article["translationOfWork"] = original;
    }
}

/// The schema.org `NewsArticle` of the page, for search engines.
fn news_article(site: &Site, title: &str, url: Option<&str>, assets: &Assets) -> Value {
    let meta = &site.page.meta;
    let published = meta.published.iso();
    let modified = meta.updated.as_ref().unwrap_or(&meta.published).iso();
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": shorten(title, HEADLINE_MAX),
        "description": meta.description,
        "datePublished": published,
        "dateModified": modified,
        "inLanguage": meta.language,
        "author": meta.authors.iter().map(|a| {
            let mut person = json!({"@type": "Person", "name": a.name});
            if let Some(url) = &a.url {
                person["url"] = json!(url);
            }
            person
        }).collect::<Vec<_>>(),
    });
    if let Some(dateline) = &meta.dateline {
        article["dateline"] = json!(dateline);
    }
    let publisher = match (&meta.publisher, &meta.site_name) {
        (Some(p), _) => Some((p.name.clone(), p.url.clone())),
        (None, Some(name)) => Some((name.clone(), None)),
        (None, None) => None,
    };
    if let Some((name, publisher_url)) = publisher {
        let mut organization = json!({"@type": "Organization", "name": name});
        if let Some(u) = publisher_url.or_else(|| url.map(str::to_string)) {
            organization["url"] = json!(u);
        }
        article["publisher"] = organization;
    }
    if let Some(url) = &url {
        article["url"] = json!(url);
        article["mainEntityOfPage"] = json!({"@type": "WebPage", "@id": url});
    }
    if let Some(base) = &url
        && !assets.structured_images.is_empty()
    {
        article["image"] = assets
            .structured_images
            .iter()
            .map(|image| {
                json!({
                    "@type": "ImageObject",
                    "url": absolute(base, &image.path),
                    "width": image.width,
                    "height": image.height,
                })
            })
            .collect();
    }
    let corrections: Vec<Value> = meta
        .corrections
        .iter()
        .map(|c| {
            json!({
                "@type": "CorrectionComment",
                "text": markdown::plain_text(&c.text),
                "datePublished": c.date.iso(),
            })
        })
        .collect();
    if !corrections.is_empty() {
        article["correction"] = Value::Array(corrections);
    }

    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_at_a_word_boundary() {
        assert_eq!(shorten("short", 70), "short");
        let long = "The end of the US combat mission in Iraq: what changes, and what doesn’t";
        let short = shorten(long, 70);
        assert_eq!(
            short,
            "The end of the US combat mission in Iraq: what changes, and what…"
        );
        assert!(short.chars().count() <= 70);
        assert_eq!(
            short_title(long, 70),
            "The end of the US combat mission in Iraq"
        );
        assert_eq!(short_title("Iraq: a very long angle on it", 12), "Iraq: a…");
    }

    #[test]
    fn locales_come_from_the_language() {
        assert_eq!(locale("en").as_deref(), Some("en_US"));
        assert_eq!(locale("en-GB").as_deref(), Some("en_GB"));
        assert_eq!(locale("fr"), None);
        assert_eq!(locale("ar").as_deref(), Some("ar_IQ"));
        assert_eq!(locale("ar-EG").as_deref(), Some("ar_EG"));
    }

    #[test]
    fn an_editions_image_address_has_no_dot_dot() {
        let base = "https://example.github.io/iraq-explainer/ar/";
        assert_eq!(
            absolute(base, "../media/lead-1600.jpg"),
            "https://example.github.io/iraq-explainer/media/lead-1600.jpg"
        );
        assert_eq!(
            absolute(base, "social-card.png"),
            "https://example.github.io/iraq-explainer/ar/social-card.png"
        );
        // Never above the site's host.
        assert_eq!(
            absolute("https://news.example.com/", "../../card.png"),
            "https://news.example.com/../../card.png"
        );
    }
}
