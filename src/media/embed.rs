//! Videos and posts on other sites, shown without tracking: a YouTube, Vimeo, X or Bluesky address
//! alone on a line becomes a facade — the explainer's own poster (if the editor gave one) and a
//! link that opens the video or post on its site. Nothing is asked of that site while the reader
//! only reads: a click (or Enter) puts the site's embed in the facade's place, YouTube's from
//! youtube-nocookie.com and Vimeo's with `dnt=1`, the privacy-enhanced players. Without script,
//! the link simply goes to the site.

use crate::html::escape;

/// What the embed shows: a video keeps the 16:9 frame; a post is as tall as its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Video,
    Post,
}

/// A video or post on another site, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// The site's name, as readers know it.
    pub site: &'static str,
    /// The host the embed loads from, which the facade names before it is opened.
    pub host: &'static str,
    /// The page of the video or post on its site (where the link goes without script).
    pub link: String,
    /// The address of the embed that replaces the facade when it is opened.
    pub frame: String,
    pub kind: Kind,
}

/// The embed for `url`, when it is the address of a video on YouTube or Vimeo, or of a post on X
/// or Bluesky.
pub fn embed_of(url: &str) -> Option<Embed> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let path = path.split('#').next().unwrap_or_default();
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match host {
        "youtube.com" | "youtu.be" | "youtube-nocookie.com" => {
            let id = match (host, parts.as_slice()) {
                ("youtu.be", [id, ..]) => Some(*id),
                (_, ["watch"]) => query.split('&').find_map(|pair| pair.strip_prefix("v=")),
                (_, ["shorts" | "embed" | "live", id, ..]) => Some(*id),
                _ => None,
            }?;
            let id = id.split('#').next().unwrap_or_default();
            let valid = id.len() == 11
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            valid.then(|| Embed {
                site: "YouTube",
                host: "youtube-nocookie.com",
                link: format!("https://www.youtube.com/watch?v={id}"),
                frame: format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"),
                kind: Kind::Video,
            })
        }
        "vimeo.com" => {
            let id = parts
                .first()
                .filter(|p| p.chars().all(|c| c.is_ascii_digit()))?;
            Some(Embed {
                site: "Vimeo",
                host: "player.vimeo.com",
                link: format!("https://vimeo.com/{id}"),
                frame: format!("https://player.vimeo.com/video/{id}?dnt=1&autoplay=1"),
                kind: Kind::Video,
            })
        }
        "x.com" | "twitter.com" | "mobile.twitter.com" => match parts.as_slice() {
            [user, "status", id, ..] if id.chars().all(|c| c.is_ascii_digit()) && is_name(user) => {
                Some(Embed {
                    site: "X",
                    host: "platform.twitter.com",
                    link: format!("https://x.com/{user}/status/{id}"),
                    frame: format!(
                        "https://platform.twitter.com/embed/Tweet.html?id={id}&dnt=true"
                    ),
                    kind: Kind::Post,
                })
            }
            _ => None,
        },
        "bsky.app" => match parts.as_slice() {
            ["profile", author, "post", key] if is_name(author) && is_name(key) => Some(Embed {
                site: "Bluesky",
                host: "embed.bsky.app",
                link: format!("https://bsky.app/profile/{author}/post/{key}"),
                frame: format!("https://embed.bsky.app/embed/{author}/app.bsky.feed.post/{key}"),
                kind: Kind::Post,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// A user name, a handle (`name.bsky.social`), a DID (`did:plc:…`) or a post key.
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
}

/// The words of a facade, in the page's language.
#[derive(Debug, Clone, Default)]
pub struct EmbedWords {
    /// "Play the video from { $site }", for each site.
    pub play: Vec<(&'static str, String)>,
    /// "Show the post from { $site }".
    pub show: Vec<(&'static str, String)>,
    /// "It loads { $host } only when you ask for it."
    pub privacy: Vec<(&'static str, String)>,
}

impl EmbedWords {
    fn of<'w>(list: &'w [(&'static str, String)], key: &str) -> &'w str {
        list.iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, words)| words.as_str())
    }
}

/// The sites an embed may come from, and their hosts, for the words of their facades.
pub const SITES: [&str; 4] = ["YouTube", "Vimeo", "X", "Bluesky"];
pub const HOSTS: [&str; 4] = [
    "youtube-nocookie.com",
    "player.vimeo.com",
    "platform.twitter.com",
    "embed.bsky.app",
];

/// Opens a facade in place: the embed's frame replaces the link, once, whatever number of facades
/// the page has (each carries this script; the first to run listens for all of them).
const OPEN: &str = r#"<script>(()=>{if(window.explainerEmbeds)return;window.explainerEmbeds=1;document.addEventListener("click",(e)=>{const a=e.target.closest&&e.target.closest("a[data-embed]");if(!a||e.button!==0||e.ctrlKey||e.metaKey||e.shiftKey||e.altKey)return;e.preventDefault();const f=document.createElement("iframe");f.src=a.dataset.embed;f.title=a.dataset.title;f.allow="autoplay; encrypted-media; fullscreen; picture-in-picture";f.allowFullscreen=true;f.className="embed-frame";a.replaceWith(f);f.focus();});})();</script>"#;

/// The facade for `embed`: `title` says what it is (may be empty), `poster` is the `<picture>` or
/// `<img>` of the editor's own still, if any. The title names the frame once it opens, and is shown
/// under the facade when `shown` (an address in the text); an event's picture has its own caption,
/// and its description (`alt`) is for those who cannot see the still, never a caption.
pub fn facade(
    embed: &Embed,
    (title, shown): (&str, bool),
    poster: Option<&str>,
    words: &EmbedWords,
) -> String {
    let (label, kind) = match embed.kind {
        Kind::Video => (EmbedWords::of(&words.play, embed.site), "video"),
        Kind::Post => (EmbedWords::of(&words.show, embed.site), "post"),
    };
    let title = title.trim();
    let frame_title = if title.is_empty() { label } else { title };
    let caption = if title.is_empty() || !shown {
        String::new()
    } else {
        format!("<span class=\"embed-title\">{}</span> ", escape(title))
    };
    format!(
        "<figure class=\"embed embed-{kind}\"><a class=\"embed-open\" href=\"{link}\" rel=\"noopener noreferrer\" data-embed=\"{frame}\" data-title=\"{frame_title}\">{poster}<span class=\"embed-label\">{label}</span></a>\
         <figcaption>{caption}<span class=\"embed-note\">{privacy}</span></figcaption></figure>{OPEN}",
        link = escape(&embed.link),
        frame = escape(&embed.frame),
        frame_title = escape(frame_title),
        poster = poster.unwrap_or_default(),
        label = escape(label),
        privacy = escape(EmbedWords::of(&words.privacy, embed.host)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_addresses_people_copy_become_privacy_enhanced_embeds() {
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42",
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            " https://www.youtube.com/embed/dQw4w9WgXcQ ",
        ] {
            let embed = embed_of(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!(
                embed.frame, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
                "{url}"
            );
            assert_eq!(embed.link, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
            assert_eq!(embed.kind, Kind::Video);
        }
        let vimeo = embed_of("https://vimeo.com/76979871").unwrap();
        assert_eq!(
            vimeo.frame,
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
        );
        let post = embed_of("https://twitter.com/CENTCOM/status/1419751846349651968?s=20").unwrap();
        assert_eq!(
            post.link,
            "https://x.com/CENTCOM/status/1419751846349651968"
        );
        assert!(post.frame.contains("id=1419751846349651968&dnt=true"));
        assert_eq!(post.kind, Kind::Post);
        let bluesky = embed_of("https://bsky.app/profile/apnews.com/post/3kabc2xyz").unwrap();
        assert_eq!(
            bluesky.frame,
            "https://embed.bsky.app/embed/apnews.com/app.bsky.feed.post/3kabc2xyz"
        );
        for not_an_embed in [
            "https://www.youtube.com/@apnews",
            "https://www.youtube.com/watch?v=short",
            "https://vimeo.com/channels/staffpicks",
            "https://x.com/CENTCOM",
            "https://bsky.app/profile/apnews.com",
            "https://www.reuters.com/world/middle-east/",
            "youtube.com/watch?v=dQw4w9WgXcQ",
        ] {
            assert_eq!(embed_of(not_an_embed), None, "{not_an_embed}");
        }
    }

    #[test]
    fn a_facade_asks_nothing_of_the_site_until_it_is_opened() {
        let words = EmbedWords {
            play: vec![("YouTube", "تشغيل الفيديو من YouTube".to_string())],
            show: Vec::new(),
            privacy: vec![(
                "youtube-nocookie.com",
                "لا يُحمَّل youtube-nocookie.com إلا حين تطلبه.".to_string(),
            )],
        };
        let embed = embed_of("https://youtu.be/dQw4w9WgXcQ").unwrap();
        let html = facade(
            &embed,
            ("بايدن والكاظمي — «المكتب البيضاوي»", true),
            None,
            &words,
        );
        // No element that loads anything from the site: only a link and its address to open.
        let before_script = html.split("<script>").next().unwrap();
        assert!(!before_script.contains("<iframe"), "{html}");
        assert!(!before_script.contains(" src="), "{html}");
        assert!(html.contains("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\""));
        assert!(html.contains(
            "data-embed=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\""
        ));
        assert!(html.contains("<span class=\"embed-label\">تشغيل الفيديو من YouTube</span>"));
        assert!(html.contains(
            "<figcaption><span class=\"embed-title\">بايدن والكاظمي — «المكتب البيضاوي»</span> <span"
        ));
        assert!(html.contains("data-title=\"بايدن والكاظمي — «المكتب البيضاوي»\""));
    }
}
