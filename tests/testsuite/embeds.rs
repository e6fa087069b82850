//! Video on the page: a video file of the explainer's own plays in `<video>` with its poster and
//! captions (a warning when it has none); a YouTube, Vimeo, X or Bluesky address alone on a line
//! becomes a facade that asks nothing of that site until the reader opens it.

use crate::common::{TestSite, html, select};
use crate::photos::small_photo;

/// The basic fixture with `extra` added to the end of `content/what-happened.md`.
fn site_with_text(extra: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    site.append("content/what-happened.md", extra);
    site
}

#[test]
fn a_video_plays_with_its_poster_and_captions_and_loads_nothing_before() {
    let site = site_with_text(
        "![The last US convoy crosses into Kuwait](clips/convoy.mp4 \"The last convoy, 18 December 2011\")\n",
    );
    std::fs::create_dir_all(site.root.join("content/clips")).unwrap();
    // Not a real film: the page never reads it, and the browser loads nothing before play.
    site.write("content/clips/convoy.mp4", "not decoded by explainer");
    std::fs::write(
        site.root.join("content/clips/convoy.jpg"),
        small_photo(1280, 720),
    )
    .unwrap();
    site.write(
        "content/clips/convoy.vtt",
        "WEBVTT\n\n00:00.000 --> 00:04.000\nالقافلة الأخيرة تعبر إلى الكويت — the last convoy\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.is_empty(), "no warning: {}", run.stderr);
    let page = site.read_output("index.html");
    let doc = html(&page);
    let video = select(&doc, "figure.text-picture video");
    assert_eq!(video.len(), 1, "{page}");
    let v = video[0].value();
    assert_eq!(v.attr("preload"), Some("none"));
    assert!(v.attr("controls").is_some());
    assert_eq!(
        (v.attr("width"), v.attr("height")),
        (Some("1280"), Some("720"))
    );
    let poster = v.attr("poster").unwrap();
    assert!(
        poster.starts_with("media/convoy-") && poster.ends_with("-960.jpg"),
        "{poster}"
    );
    assert!(site.output().join(poster).is_file());
    let source = &select(&doc, "figure.text-picture video source")[0];
    assert_eq!(source.value().attr("type"), Some("video/mp4"));
    let file = source.value().attr("src").unwrap();
    assert_eq!(site.read_output(file), "not decoded by explainer");
    let track = &select(&doc, "figure.text-picture video track")[0];
    assert_eq!(track.value().attr("kind"), Some("captions"));
    let captions = site.read_output(track.value().attr("src").unwrap());
    assert!(captions.contains("القافلة الأخيرة"), "{captions}");
    let caption: String = select(&doc, "figure.text-picture figcaption")[0]
        .text()
        .collect();
    assert_eq!(caption, "The last convoy, 18 December 2011");

    // A new cut of the film is published under a new name.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write("content/clips/convoy.mp4", "a longer cut");
    assert_eq!(site.build(&[]).code, Some(0));
    let again = html(&site.read_output("index.html"));
    let renamed = select(&again, "figure.text-picture video source")[0]
        .value()
        .attr("src")
        .unwrap()
        .to_string();
    assert_ne!(renamed, file);
    assert_eq!(site.read_output(&renamed), "a longer cut");
}

#[test]
fn a_video_without_captions_is_reported() {
    let site = site_with_text("![A convoy at dusk](clips/dusk.webm)\n");
    std::fs::create_dir_all(site.root.join("content/clips")).unwrap();
    site.write("content/clips/dusk.webm", "a film");
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "a warning: {}", run.stderr);
    let root = site.root.display().to_string();
    let check = crate::common::explainer(&["check", "--root", &root], &site.root);
    assert!(
        check.stderr.starts_with(&run.stderr),
        "`check` says the same: {}",
        check.stderr
    );
    insta::assert_snapshot!("video-without-captions", run.stderr);
    // Still shown, in the 16:9 frame a video without a poster gets.
    let doc = html(&site.read_output("index.html"));
    let video = select(&doc, "video");
    assert_eq!(video[0].value().attr("width"), Some("1280"));
    assert_eq!(video[0].value().attr("height"), Some("720"));
}

#[test]
fn an_address_alone_on_its_line_becomes_a_facade_and_one_in_a_sentence_stays_a_link() {
    let site = site_with_text(
        "<https://www.youtube.com/watch?v=dQw4w9WgXcQ>\n\n\
         [Biden and al-Kadhimi in the Oval Office](https://youtu.be/dQw4w9WgXcQ)\n\n\
         https://x.com/CENTCOM/status/1419751846349651968\n\n\
         https://bsky.app/profile/apnews.com/post/3kabc2xyz\n\n\
         [![The Oval Office, 26 July 2021](still.jpg)](https://vimeo.com/76979871)\n\n\
         The briefing is on <https://youtu.be/dQw4w9WgXcQ> as well.\n\n\
         <https://www.reuters.com/world/middle-east/>\n",
    );
    std::fs::write(site.root.join("content/still.jpg"), small_photo(640, 360)).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = site.read_output("index.html");
    let doc = html(&page);
    let facades = select(&doc, "figure.embed a.embed-open");
    let frames: Vec<&str> = facades
        .iter()
        .map(|a| a.value().attr("data-embed").unwrap())
        .collect();
    assert_eq!(
        frames,
        [
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
            "https://platform.twitter.com/embed/Tweet.html?id=1419751846349651968&dnt=true",
            "https://embed.bsky.app/embed/apnews.com/app.bsky.feed.post/3kabc2xyz",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
        ]
    );
    // Nothing on the page loads from those sites: no frame, no script or picture from them.
    assert!(select(&doc, "iframe").is_empty());
    for el in select(&doc, "[src], [srcset], [poster]") {
        for attr in ["src", "srcset", "poster"] {
            let value = el.value().attr(attr).unwrap_or_default();
            assert!(
                !value.contains("://"),
                "{attr}={value} loads from another site"
            );
        }
    }
    // The link's words are the title; the editor's still is the poster.
    let titles: Vec<String> = select(&doc, "figure.embed .embed-title")
        .iter()
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(titles, ["Biden and al-Kadhimi in the Oval Office"]);
    let poster = select(
        &doc,
        "figure.embed-video a[href='https://vimeo.com/76979871'] picture img",
    );
    assert_eq!(poster.len(), 1);
    assert_eq!(
        poster[0].value().attr("alt"),
        Some("The Oval Office, 26 July 2021")
    );
    // Without script, each facade is a link to the video or post on its site.
    assert_eq!(
        facades[2].value().attr("href"),
        Some("https://x.com/CENTCOM/status/1419751846349651968")
    );
    let labels: Vec<String> = select(&doc, "figure.embed .embed-label")
        .iter()
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(labels[0], "Play the video on YouTube");
    assert_eq!(labels[2], "Show the post on X");
    // In a sentence, an address stays a link; so does an address of any other site.
    assert!(page.contains("The briefing is on <a href=\"https://youtu.be/dQw4w9WgXcQ\""));
    assert!(page.contains("<a href=\"https://www.reuters.com/world/middle-east/\""));
}

#[test]
fn an_events_video_on_youtube_is_a_facade_with_its_still_and_check_does_not_ask_to_download_it() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/timeline/2021-12-09-later.md",
        "---\ndate: 2021-12-09\ntitle: Something later\nera: after\nsources: [wire-two]\nmedia:\n  src: https://youtu.be/dQw4w9WgXcQ\n  alt: \"The announcement in Baghdad\"\n  caption: \"The announcement, 9 December 2021\"\n  thumbnail: announcement.jpg\n---\nIt happened later.\n",
    );
    std::fs::write(
        site.root.join("content/timeline/announcement.jpg"),
        small_photo(1280, 720),
    )
    .unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let root = site.root.display().to_string();
    let check = crate::common::explainer(&["check", "--root", &root], &site.root);
    assert!(
        !check.stderr.contains("still on another site"),
        "{}",
        check.stderr
    );
    let doc = html(&site.read_output("index.html"));
    let facade = select(&doc, "li[id='2021-12-09-later'] figure.embed a.embed-open");
    assert_eq!(facade.len(), 1);
    assert_eq!(
        facade[0].value().attr("data-title"),
        Some("The announcement in Baghdad")
    );
    // `thumbnail:` names the still the facade shows, made small like any photo.
    let still = select(
        &doc,
        "li[id='2021-12-09-later'] a.embed-open picture img[loading='lazy']",
    );
    assert_eq!(still.len(), 1);
    assert!(
        still[0]
            .value()
            .attr("src")
            .unwrap()
            .starts_with("media/announcement-")
    );
    let caption: String = select(&doc, "li[id='2021-12-09-later'] .event-media-caption")[0]
        .text()
        .collect();
    assert_eq!(caption, "The announcement, 9 December 2021");
    // Issue 30, 9: the facade says what it does and what loads, as the text's facades do, and the
    // description is not shown as a caption (the event's caption is its own).
    let figure = "li[id='2021-12-09-later'] figure.embed";
    let label: String = select(&doc, &format!("{figure} .embed-label"))[0]
        .text()
        .collect();
    assert_eq!(label, "Play the video on YouTube");
    let note: String = select(&doc, &format!("{figure} .embed-note"))[0]
        .text()
        .collect();
    assert!(note.contains("youtube-nocookie.com"), "{note}");
    assert!(select(&doc, &format!("{figure} .embed-title")).is_empty());
}

#[test]
fn the_arabic_edition_names_the_facade_in_arabic() {
    let site = TestSite::fixture("basic").overlay("editions/arabic");
    site.append(
        "content/what-happened.ar.md",
        "<https://youtu.be/dQw4w9WgXcQ>\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let doc = html(&site.read_output("ar/index.html"));
    let label: String = select(&doc, "figure.embed .embed-label")[0]
        .text()
        .collect();
    assert_eq!(label, "تشغيل الفيديو على YouTube");
    let note: String = select(&doc, "figure.embed .embed-note")[0].text().collect();
    assert_eq!(note, "لا يُحمَّل شيء من youtube-nocookie.com إلا حين تطلبه.");
}
