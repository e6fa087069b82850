# The words of the page that are not content, in English. A site overrides any of them, or adds a
# language, with its own file in locales/ (locales/en.ftl, locales/fr.ftl): a message given there
# replaces the one here. Fluent syntax: https://projectfluent.org/fluent/guide/
# Spaces at the start or end of a message are kept only inside a quoted literal: { ", " }.

## The top of the page
# The language's own name, on the links between editions.
language-name = English
skip-link = Skip to main content
page-nav = On this page
byline = By
list-separator = { ", " }
# Between a label and what it labels: "Sources: Reuters, AP".
label-separator = {": "}
list-last-separator = { " and " }
published = Published
updated = Updated
key-points = Key points
# The box of what changed since publication, with the day of the last update: "Latest 4 January 2022".
latest = Latest
latest-correction = a correction

# After a quote whose words are a translation of what was said.
quote-translated = translated

## The timeline
timeline-periods = Timeline periods
# Above the strip that places every event on one axis, with its first and last years after it.
timeline-overview = At a glance
after-publication = After publication
# A link to a picture or video that is still on another site: "See it on youtube.com".
media-elsewhere = See it on { $host }
# Before the outlets an event's sources are from: "Source: Reuters", "Sources: Reuters, AP".
event-sources = { $count ->
    [one] Source
   *[other] Sources
}
# Read out before a citation's number by screen readers: "source 3".
citation = source
# Read by screen readers between the ends of a range of citations: "source 4 to 6".
citation-range = to

# A source's preview, opened from its citation mark: the link to its entry, and the button that closes it.
preview-in-list = In the list of sources
preview-close = Close

# A term's card, opened from its first mention in the text: the link to its entry in the glossary.
card-in-glossary = In the glossary

# In the list of sources, between whose work a copy is and the outlet that carries it: "AP, via NBC News".
source-via = via

## The end of the page
corrections = Corrections
corrections-policy = How we correct mistakes
# In print, after the page's address.
updated-later = updated
# Only where the page asks for it (`tool_credit: true`).
made-with = Made with explainer.
privacy = This page sets no cookies and loads nothing from other sites.
feed-link = Updates and corrections (Atom feed)
feed-title = Updates and corrections
get-data = Get the data
timeline-csv = The timeline as a spreadsheet (CSV)
timeline-csv-what = every event with its dates, text and sources, in the columns of Knight Lab’s TimelineJS sheet, to open in Excel or Google Sheets.
timeline-data = The timeline as TimelineJS JSON
timeline-data-what = the same events, to show in a TimelineJS embed or to read with a program.
feed-what = a new entry for each update and correction, for a feed reader.
cite-this-page = Cite this page
# A reference to the page in a common style: publisher, “headline”, dates, address.
cite-as = { $publisher }, “{ $title }”, published { $published }
cite-as-updated = { $publisher }, “{ $title }”, published { $published }, updated { $updated }
back-to-top = Back to top

## The page for an address that does not exist
not-found-title = Page not found
not-found-heading = There is nothing at this address
not-found-text = It may have been mistyped, or the page may have moved. The explainer is here:

## The feed and the social card
feed-updated = Updated: { $title }
feed-correction = Correction, { $date }
feed-updated-text = This explainer was updated on { $date }.
feed-key-points = Its key points now:
read-full-explainer = Read the full explainer
card-published = Published { $date }
card-updated = Updated { $date }

## A video or post on another site, behind a facade until the reader opens it
embed-play = Play the video on { $site }
embed-show = Show the post on { $site }
# Under the facade: the host its player or post loads from.
embed-privacy = Nothing is loaded from { $host } until you ask for it.
