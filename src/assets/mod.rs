//! The files the page links to, made ready before rendering: the social card, and stylesheets and
//! scripts renamed by a hash of their content.
//!
//! Renaming `style.css` to `style.3f9c2b1ad0.css` means a new deploy can never be shown with an old
//! stylesheet from a browser's or a CDN's cache: the name changes whenever the bytes do. Templates
//! learn the new names from the [`Assets`] this stage hands the renderer (`assets["style.css"]`).
//! Images and other static files keep their names, because Markdown may link to them.
//!
//! The social card is the page's own `image` (a file in `static/`), or one drawn from the headline
//! ([`card`]). This stage runs between loading and rendering; it renders no templates.

pub mod card;

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::content::Site;
use crate::dates::Timestamp;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{Arg, Language};
use crate::markdown;
use crate::output::Output;

/// The file name a drawn social card gets before fingerprinting; the other shapes add their ratio.
pub const CARD_FILE: &str = "social-card.png";

/// Extensions of the files that are renamed by content hash.
const FINGERPRINTED: [&str; 3] = ["css", "js", "mjs"];

/// What the renderer needs to link to the prepared files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Assets {
    /// Every fingerprinted file: its name in `static/` (`style.css`) and its published name
    /// (`style.3f9c2b1ad0.css`), both relative to the site root.
    pub names: BTreeMap<String, String>,
    /// The image shown when the page is shared.
    pub social_image: Option<SocialImage>,
    /// The images for structured data: the drawn card in 16:9, 4:3 and 1:1, or the page's own image.
    pub structured_images: Vec<SocialImage>,
    /// The photos the page shows, made into widths (set by the pipeline's media stage).
    #[serde(skip)]
    pub pictures: crate::media::Pictures,
}

/// An image in the output, with what sharing metadata says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SocialImage {
    /// Relative to the site root.
    pub path: String,
    pub width: u32,
    pub height: u32,
    pub mime: &'static str,
    pub alt: String,
}

/// `name.ext` → `name.<hash>.ext`, the hash being the first ten hex digits of the SHA-256 of `bytes`.
pub fn fingerprinted_name(path: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
    let (folder, file) = match path.rsplit_once('/') {
        Some((folder, file)) => (format!("{folder}/"), file),
        None => (String::new(), path),
    };
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{folder}{stem}.{hash}.{ext}"),
        _ => format!("{folder}{file}.{hash}"),
    }
}

/// Adds the social cards to `output` and renames stylesheets, scripts and drawn cards by content
/// hash. Returns the names and the images, or `None` when a problem (in `out`) stops the build.
///
/// Shared images are only ever linked by absolute address, so without a base URL (`published` is
/// false) no card is drawn; a page's own `image` is still checked. `cards` remembers the last card
/// drawn, for the next build of the same page.
pub fn prepare(
    site: &Site,
    output: &mut Output,
    published: bool,
    language: &Language,
    cards: &mut CardCache,
    out: &mut Diagnostics,
) -> Option<Assets> {
    let mut to_rename: Vec<String> = output
        .files()
        .map(|(path, _)| path)
        .filter(|path| {
            path.rsplit_once('.')
                .is_some_and(|(_, ext)| FINGERPRINTED.contains(&ext))
        })
        .map(str::to_string)
        .collect();

    let (image, structured) = match &site.page.meta.image {
        Some(path) => {
            let image = own_image(site, output, path, out)?;
            (Some(image.clone()), vec![image])
        }
        None if published => {
            let mut drawn = drawn_cards(site, output, language, cards, out)?;
            to_rename.extend(drawn.iter().map(|c| c.path.clone()));
            let share = drawn.remove(0);
            (Some(share), drawn)
        }
        None => {
            report_missing_glyphs(site, &card_missing(site, language, out)?, out);
            (None, Vec::new())
        }
    };

    let mut names = BTreeMap::new();
    for path in to_rename {
        if let Some(bytes) = output.remove(&path) {
            let hashed = fingerprinted_name(&path, &bytes.bytes());
            output.insert(hashed.clone(), bytes);
            names.insert(path, hashed);
        }
    }
    let renamed = |image: SocialImage| SocialImage {
        path: names
            .get(&image.path)
            .cloned()
            .unwrap_or(image.path.clone()),
        ..image
    };
    let social_image = image.map(&renamed);
    let structured_images = structured.into_iter().map(renamed).collect();
    Some(Assets {
        names,
        social_image,
        structured_images,
        pictures: crate::media::Pictures::default(),
    })
}

/// The card's headline (with typographic quotes, as on the page) and its footer.
fn card_words(site: &Site, language: &Language) -> (String, String) {
    (
        markdown::smarten(&site.page.meta.title),
        card_footer(site, language),
    )
}

/// The line under the headline on a drawn card: publisher or site, and the dates.
fn card_footer(site: &Site, language: &Language) -> String {
    let meta = &site.page.meta;
    let mut parts = Vec::new();
    if let Some(name) = meta
        .site_name
        .as_deref()
        .or(meta.publisher.as_ref().map(|p| p.name.as_str()))
    {
        parts.push(name.to_string());
    }
    let day = |t: &Timestamp| language.day(t);
    parts.push(language.format(
        "card-published",
        &[("date", Arg::Text(&day(&meta.published)))],
    ));
    if let Some(updated) = &meta.updated
        && updated.date() != meta.published.date()
    {
        parts.push(language.format("card-updated", &[("date", Arg::Text(&day(updated)))]));
    }
    parts.join(" · ")
}

/// The last social card drawn, and the text it was drawn for: `serve` rebuilds after every save,
/// and drawing takes longer than the rest of a rebuild, while the card changes only with its text.
#[derive(Default)]
pub struct CardCache {
    last: Option<(CardKey, card::Cards)>,
}

type CardKey = (String, String, String, Vec<u32>);

impl CardCache {
    /// [`card::draw`], unless the last card drawn had this text and these shapes.
    fn draw(&mut self, text: &card::CardText, heights: &[u32]) -> Result<card::Cards, String> {
        let key = (
            text.label.to_string(),
            text.title.to_string(),
            text.footer.to_string(),
            heights.to_vec(),
        );
        if let Some((drawn_for, cards)) = &self.last
            && *drawn_for == key
        {
            return Ok(cards.clone());
        }
        let cards = card::draw(text, heights)?;
        self.last = Some((key, cards.clone()));
        Ok(cards)
    }
}

/// The assets of another edition, published in `folder` (`ar/`): the original's stylesheet and
/// scripts, and a social card drawn from this edition's text, in its folder. A page's own `image`
/// is shared by every edition.
pub fn prepare_edition(
    site: &Site,
    output: &mut Output,
    (original, folder): (&Assets, &str),
    published: bool,
    language: &Language,
    cards: &mut CardCache,
    out: &mut Diagnostics,
) -> Option<Assets> {
    // Image paths are relative to the edition's own address.
    let up = |image: &SocialImage| SocialImage {
        path: format!("../{}", image.path),
        ..image.clone()
    };
    if site.page.meta.image.is_some() || !published {
        if site.page.meta.image.is_none() {
            report_missing_glyphs(site, &card_missing(site, language, out)?, out);
        }
        return Some(Assets {
            names: original.names.clone(),
            social_image: original.social_image.as_ref().map(up),
            structured_images: original.structured_images.iter().map(up).collect(),
            pictures: original.pictures.clone(),
        });
    }
    let mut drawn = drawn_cards(site, output, language, cards, out)?;
    let mut images = Vec::new();
    for image in drawn.drain(..) {
        let Some(bytes) = output.remove(&image.path) else {
            continue;
        };
        let hashed = fingerprinted_name(&image.path, &bytes.bytes());
        output.insert(format!("{folder}{hashed}"), bytes);
        images.push(SocialImage {
            path: hashed,
            ..image
        });
    }
    let share = (!images.is_empty()).then(|| images.remove(0));
    Some(Assets {
        names: original.names.clone(),
        social_image: share,
        structured_images: images,
        pictures: original.pictures.clone(),
    })
}

/// The characters of the card's text that its fonts lack, for a build that draws no card.
fn card_missing(site: &Site, language: &Language, out: &mut Diagnostics) -> Option<Vec<char>> {
    let (title, footer) = card_words(site, language);
    let text = card::CardText {
        label: &site.page.meta.label,
        title: &title,
        footer: &footer,
    };
    card::missing(&text)
        .map_err(|message| out.push(Diagnostic::error(&site.page.path, message)))
        .ok()
}

/// An error at the headline when none of the card's fonts has some of its characters: the card
/// would show a box for each. Told whether or not the card is drawn, so that `check` without an
/// address reports what the published build will.
fn report_missing_glyphs(site: &Site, missing: &[char], out: &mut Diagnostics) {
    if missing.is_empty() {
        return;
    }
    let doc = &site.page;
    let shown: Vec<String> = missing.iter().map(|c| format!("`{c}`")).collect();
    let message = format!(
        "the social card's fonts have no {}: the card would show a box for each",
        shown.join(", ")
    );
    out.push(
        doc.error_at_value("title", &doc.meta.title, message)
            .hint(
                "the card draws Latin and Arabic script; for other scripts or symbols, add `image:` with a card of your own (a 1200×630 PNG or JPEG in static/) and `image_alt:`",
            ),
    );
}

/// Draws the card for sharing (first) and the shapes for structured data, and adds them to `output`.
fn drawn_cards(
    site: &Site,
    output: &mut Output,
    language: &Language,
    cache: &mut CardCache,
    out: &mut Diagnostics,
) -> Option<Vec<SocialImage>> {
    let doc = &site.page;
    let meta = &doc.meta;
    let (title, footer) = card_words(site, language);
    let text = card::CardText {
        label: &meta.label,
        title: &title,
        footer: &footer,
    };
    let alt = meta
        .image_alt
        .clone()
        .unwrap_or_else(|| format!("{}: {title}", meta.label));
    let shapes: Vec<(u32, String)> = [(card::SHARE_HEIGHT, CARD_FILE.to_string())]
        .into_iter()
        .chain(
            card::STRUCTURED_HEIGHTS
                .iter()
                .map(|h| (*h, format!("social-card-{}.png", ratio(card::WIDTH, *h)))),
        )
        .collect();
    let heights: Vec<u32> = shapes.iter().map(|(h, _)| *h).collect();
    let drawn = match cache.draw(&text, &heights) {
        Ok(drawn) => drawn,
        Err(message) => {
            out.push(Diagnostic::error(&doc.path, message));
            return None;
        }
    };
    let missing = drawn.missing;
    let mut cards = Vec::new();
    for ((height, path), png) in shapes.into_iter().zip(drawn.pngs) {
        output.insert(path.clone(), png);
        cards.push(SocialImage {
            path,
            width: card::WIDTH,
            height,
            mime: "image/png",
            alt: alt.clone(),
        });
    }
    report_missing_glyphs(site, &missing, out);
    Some(cards)
}

/// `16x9` for 1200×675: the shape in lowest terms.
fn ratio(width: u32, height: u32) -> String {
    let (mut a, mut b) = (width, height);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    let divisor = a.max(1);
    format!("{}x{}", width / divisor, height / divisor)
}

/// The page's own `image`: a PNG, JPEG, WebP or GIF among the static files, with `image_alt`.
fn own_image(
    site: &Site,
    output: &Output,
    path: &str,
    out: &mut Diagnostics,
) -> Option<SocialImage> {
    let doc = &site.page;
    let rel = path.trim_start_matches('/');
    let mut stop = |d: Diagnostic| {
        out.push(d);
        None
    };
    let Some(bytes) = output.get(rel).map(|c| c.bytes()) else {
        return stop(
            doc.error_at_value("image", path, format!("there is no static/{rel}"))
                .hint("put the image in the static/ folder and give its path inside it, like `image: cards/iraq.png`"),
        );
    };
    let mime = match imagesize::image_type(&bytes) {
        Ok(imagesize::ImageType::Png) => "image/png",
        Ok(imagesize::ImageType::Jpeg) => "image/jpeg",
        Ok(imagesize::ImageType::Webp) => "image/webp",
        Ok(imagesize::ImageType::Gif) => "image/gif",
        _ => {
            return stop(
                doc.error_at_value("image", path, "social sites cannot show this kind of image")
                    .hint("use a PNG or JPEG (WebP and GIF also work), 1200×630 pixels"),
            );
        }
    };
    let size = match imagesize::blob_size(&bytes) {
        Ok(size) => size,
        Err(e) => {
            return stop(doc.error_at_value(
                "image",
                path,
                format!("cannot read the image's size: {e}"),
            ));
        }
    };
    let Some(alt) = doc.meta.image_alt.clone().filter(|a| !a.trim().is_empty()) else {
        return stop(
            doc.error_at_value("image", path, "the shared image has no description")
                .hint("add `image_alt:` saying in words what the image shows"),
        );
    };
    let (width, height) = (
        u32::try_from(size.width).unwrap_or(u32::MAX),
        u32::try_from(size.height).unwrap_or(u32::MAX),
    );
    if width < 600 || height < 315 {
        out.push(
            doc.error_at_value("image", path, format!("the shared image is only {width}×{height} pixels"))
                .hint("social sites show images under 600×315 as a small thumbnail; 1200×630 fills a large card")
                .as_warning(),
        );
    }
    Some(SocialImage {
        path: rel.to_string(),
        width,
        height,
        mime,
        alt,
    })
}

#[cfg(test)]
mod tests {
    use super::fingerprinted_name;

    #[test]
    fn ratios_are_in_lowest_terms() {
        assert_eq!(super::ratio(1200, 675), "16x9");
        assert_eq!(super::ratio(1200, 900), "4x3");
        assert_eq!(super::ratio(1200, 1200), "1x1");
    }

    #[test]
    fn fingerprints_go_before_the_extension() {
        let name = fingerprinted_name("style.css", b"body{}");
        assert!(
            name.starts_with("style.") && name.ends_with(".css"),
            "{name}"
        );
        assert_eq!(name.len(), "style..css".len() + 10);
        assert_eq!(name, fingerprinted_name("style.css", b"body{}"));
        assert_ne!(name, fingerprinted_name("style.css", b"body{ }"));
        let nested = fingerprinted_name("js/app.js", b"");
        assert!(
            nested.starts_with("js/app.") && nested.ends_with(".js"),
            "{nested}"
        );
    }
}
