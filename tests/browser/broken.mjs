// Each browser check can fail: this runs a check (by name) against deliberately broken copies of the
// published page and asserts that it reports each breakage. Every broken case starts from the same
// build as page.mjs, then appends CSS to the stylesheet and/or edits index.html.
// Usage: node tests/browser/broken.mjs a11y|network|budget|nojs|keyboard|motion|print|spacing [ar/]
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { launch } from "./lib.mjs";
import { publishedSite } from "./site.mjs";
import { CHECKS } from "./page.mjs";

// check name → cases: { name, css (appended to the stylesheet), html ([from, to] edits of
// index.html; `from` may be a global RegExp), expect (a pattern some reported problem must match) }.
const INTO_MAIN = '<main id="main" tabindex="-1">';
export const BROKEN = {
  a11y: [
    { name: "image without alt", html: [[INTO_MAIN, `${INTO_MAIN}<img src="favicon.svg" width="24" height="24">`]], expect: /image-alt/ },
    { name: "low-contrast standfirst", css: ".standfirst { color: #b8b4ac !important; }", expect: /color-contrast/ },
    { name: "dark scheme only: low-contrast text", css: "@media (prefers-color-scheme: dark) { .standfirst { color: #55514a !important; } }", expect: /dark: axe color-contrast/ },
    { name: "low-contrast text in an open preview", css: ".preview p { color: #c9c5bd !important; }", expect: /color-contrast.*e\.g\. #(card|preview)-/ },
    { name: "sideways scrolling at 320px", css: ".standfirst { min-width: 30rem; }", expect: /320px .*scrolls sideways/ },
  ],
  network: [
    { name: "root-relative asset under a sub-path", html: [[INTO_MAIN, `${INTO_MAIN}<img src="/favicon.svg" alt="">`]], expect: /failed request: .*127\.0\.0\.1:\d+\/favicon\.svg/ },
    { name: "console error", html: [["</body>", "<script>console.error('broken on purpose')</script></body>"]], expect: /console error: broken on purpose/ },
    { name: "script error", html: [["</body>", "<script>undefinedFunction()</script></body>"]], expect: /console error: .*undefinedFunction/ },
    { name: "request to another host", html: [["</head>", '<link rel="stylesheet" href="https://fonts.example.com/serif.css"></head>']], expect: /leaving 127\.0\.0\.1: https:\/\/fonts\.example\.com/ },
  ],
  budget: [
    { name: "over 50 KB compressed", html: [["</body>", () => `<!-- ${randomBytes(45000).toString("base64")} --></body>`]], expect: /bytes compressed, over 51200/ },
    { name: "over 6 requests", html: [[INTO_MAIN, `${INTO_MAIN}${[1, 2, 3, 4, 5, 6].map((n) => `<img src="favicon.svg?${n}" alt="">`).join("")}`]], expect: /requests, over 6/ },
    { name: "script over 10 KB", html: [["</body>", () => `<script>window.x = "${randomBytes(12000).toString("base64")}";</script></body>`]], expect: /script is \d+ bytes compressed, over 10240/ },
    { name: "image without dimensions", html: [[INTO_MAIN, `${INTO_MAIN}<img src="favicon.svg" alt="">`]], expect: /image without width and height/ },
    { name: "key points pushed past the first 14 KB", html: [["</head>", () => `<meta name="filler" content="${randomBytes(18000).toString("base64")}"></head>`]], expect: /headline and key points end \d+ compressed bytes/ },
    { name: "web font", css: "@font-face { font-family: Brk; src: url(favicon.svg) format('woff2'); } body { font-family: Brk, serif; }", expect: /web font loaded/ },
  ],
  nojs: [
    { name: "timeline hidden until a script shows it", css: "html:not(.js) .timeline { display: none; }", expect: /event not visible without JavaScript/ },
    { name: "key points and quotes invisible", css: ".key-points li, blockquote { visibility: hidden; }", expect: /key point not visible.*|quote not visible/ },
  ],
  keyboard: [
    { name: "focus outline removed", css: ":focus-visible, :focus { outline: none !important; }", expect: /no visible focus indicator/ },
    { name: "sticky header covers focus", css: ".masthead { position: sticky; top: 0; z-index: 5; background: var(--bg); min-height: 70vh; } html { scroll-padding-top: 0 !important; }", expect: /hidden under header/ },
    { name: "skip link goes nowhere", html: [['class="skip-link" href="#main"', 'class="skip-link" href="#nowhere"']], expect: /skip link does not move focus/ },
    { name: "no skip link", html: [['<a class="skip-link" href="#main">Skip to main content</a>', ""]], expect: /first Tab does not reach a skip link/ },
    { name: "a link taken out of the Tab order", html: [['<li><a href="#', '<li><a tabindex="-1" href="#']], expect: /Tab reached \d+ of \d+ controls/ },
  ],
  motion: [
    { name: "transition and smooth scrolling not turned off", css: "@media (prefers-reduced-motion: reduce) { html { scroll-behavior: smooth !important; } a { transition: color 0.3s !important; } }", expect: /moves: transition 0\.3s|scrolls smoothly/ },
  ],
  spacing: [
    { name: "a fixed-height standfirst clips its text", css: ".standfirst { height: 3em; overflow: hidden; }", expect: /text spacing: text clipped in p\.standfirst/ },
    { name: "text sized in pixels does not grow", css: "body, main p { font-size: 17px !important; }", expect: /text at 200%: body text grew from 17px to 17px only/ },
    { name: "a headline that cannot wrap", css: ".masthead, h1 { white-space: nowrap; }", expect: /320×640, text at 200%: scrolls sideways/ },
  ],
  popovers: [
    { name: "previews that are not popovers", html: [[/ popover>/g, ">"]], expect: /Enter does not open it/ },
    { name: "a preview pushed off the window", css: ".preview { inset: -60rem 0 auto !important; }", expect: /does not fit in the window/ },
    { name: "fallback links shown beside the buttons", css: ".cite-link { display: inline !important; }", expect: /fallback link\(s\) shown/ },
  ],
  overview: [
    { name: "marks stacked on one spot", css: ".overview-marks a { margin-inline-start: 50% !important; top: 0 !important; }", expect: /overlap/ },
    { name: "a mark away from its date", css: ".overview-marks li:nth-child(3) a { margin-inline-start: 90% !important; }", expect: /px from its date's place/ },
    { name: "a mark that links to no event", html: [[/(<li style="--at: [\d.]+; --row: \d+"><a href=")#/, "$1#nowhere-"]], expect: /links to no event.*|no mark for the event/ },
    { name: "labels that never show", css: ".overview-label { display: none !important; }", expect: /focused, shows no label/ },
  ],
  phone: [
    { name: "the contents wrap onto several lines", css: ".page-nav ul { flex-wrap: wrap !important; }", expect: /390×844: the contents take \d+ lines/ },
    { name: "the headline pushed below the first screen", css: ".article-header { padding-top: 110vh !important; }", expect: /the headline is not on the first screen/ },
  ],
  print: [
    { name: "event headlines hidden in print", css: "@media print { .timeline { display: none !important; } }", expect: /event headline not printed/ },
    { name: "source URLs not printed", css: "@media print { .sources a::after { content: none !important; } }", expect: /source URL not printed/ },
    { name: "skip link printed", css: "@media print { .skip-link { display: block !important; position: static !important; } }", expect: /screen-only text printed: (Skip to main content|انتقل إلى المحتوى الرئيسي)/ },
    { name: "no address or dates in print", css: "@media print { .print-url { display: none !important; } }", expect: /address and dates not printed/ },
    { name: "collapsed content stays collapsed", css: "@media print { details::details-content { content-visibility: hidden !important; } details > :not(summary) { display: none !important; } }", expect: /collapsed content not printed/ },
  ],
};

function breakSite(dir, broken, edition = "") {
  if (broken.css) {
    const sheet = readdirSync(dir).find((f) => /^style\..*css$/.test(f));
    writeFileSync(join(dir, sheet), `${readFileSync(join(dir, sheet), "utf8")}\n${broken.css}\n`);
  }
  const page = join(dir, edition, "index.html");
  let html = readFileSync(page, "utf8");
  for (const [from, to] of broken.html || []) {
    const found = from instanceof RegExp ? from.test(html) : html.includes(from);
    if (!found) throw new Error(`broken case "${broken.name}": ${edition}index.html has no ${from}`);
    html = html.replace(from, typeof to === "function" ? to() : to);
  }
  writeFileSync(page, html);
}

const name = process.argv[2];
// An edition's page (`ar/`) instead of the original's: only the cases that break the shared
// stylesheet apply to it.
const edition = process.argv[3] || "";
if (!BROKEN[name]) throw new Error(`unknown check ${name}; one of ${Object.keys(BROKEN).join(", ")}`);
const browser = await launch();
let failures = 0;
try {
  for (const broken of BROKEN[name].filter((b) => !edition || !b.html)) {
    const site = await publishedSite();
    try {
      breakSite(site.dir, broken, edition);
      const problems = await CHECKS[name](browser, new URL(edition, site.url).href, { once: true });
      if (problems.some((p) => broken.expect.test(p))) {
        console.log(`${name} / ${broken.name}: reported as expected`);
      } else {
        failures++;
        console.error(`${name} / ${broken.name}: NOT reported (wanted ${broken.expect}); got:\n  ${problems.join("\n  ") || "(no problems)"}`);
      }
    } finally {
      site.stop();
    }
  }
} finally {
  await browser.close();
}
if (failures) process.exitCode = 1;
