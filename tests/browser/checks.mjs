// The browser checks of the page, each a function that loads the served page in Chromium and returns
// the problems it finds (an empty list when the page passes). The same functions run against the
// real page (page_*.mjs) and against deliberately broken copies (broken.mjs), so each can fail.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const SIZES = [
  { name: "1280×800", width: 1280, height: 800 },
  { name: "390×844", width: 390, height: 844 },
  { name: "320×640", width: 320, height: 640 },
];
export const SCHEMES = ["light", "dark"];
export const BUDGET = {
  compressedBytes: 50 * 1024, requests: 6, scriptBytes: 10 * 1024, totalBytes: 300 * 1024,
  // Pictures (files under media/) are counted apart: those a phone loads for its first screen.
  firstScreenImageBytes: 200 * 1024,
  // The headline, standfirst and key points arrive in the first round trip (TCP's initial window).
  firstScreenBytes: 14 * 1024,
};

const LOCAL = (url) => /^(data:|blob:|about:)/.test(url) || new URL(url).hostname === "127.0.0.1";

/**
 * A browser context that blocks and records every request not to 127.0.0.1, and records console
 * errors, page errors and failed requests (network failures and HTTP errors).
 */
export async function watchedPage(browser, options = {}) {
  const context = await browser.newContext({ deviceScaleFactor: 1, ...options });
  const log = { external: [], failed: [], console: [], responses: [] };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (LOCAL(url)) return route.continue();
    log.external.push(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("console", (msg) => { if (msg.type() === "error") log.console.push(msg.text()); });
  page.on("pageerror", (err) => log.console.push(String(err)));
  page.on("requestfailed", (req) => {
    if (LOCAL(req.url())) log.failed.push(`${req.url()} (${req.failure()?.errorText})`);
  });
  page.on("response", (res) => {
    log.responses.push(res);
    if (res.status() >= 400) log.failed.push(`${res.url()} (HTTP ${res.status()})`);
  });
  return { context, page, log };
}

/** In the page: how far it scrolls sideways, in CSS pixels (0 when it does not). */
function sidewaysScroll() {
  return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);
}

/** axe-core WCAG 2.2 AA (and below) at one size and colour scheme, plus no horizontal scrolling. */
export async function axeProblems(browser, url, { width, height, scheme }) {
  const { context, page } = await watchedPage(browser, { viewport: { width, height }, colorScheme: scheme });
  try {
    await page.goto(url, { waitUntil: "load" });
    // A source's preview and a term's card open too, so that they are checked as a reader sees them.
    await page.evaluate(() => {
      for (const selector of [".cite-open", ".term-open"]) {
        const button = [...document.querySelectorAll(selector)].find((b) => b.checkVisibility());
        const popover = button && document.getElementById(button.getAttribute("popovertarget"));
        if (popover) { popover.popover = "manual"; popover.showPopover(); }
        // The card at the top of the window, the preview at the foot: both in view, neither covered.
        if (popover && selector === ".term-open") popover.style.inset = "0.75rem 0 auto";
      }
    });
    await page.addScriptTag({ content: AXE_SOURCE });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      resultTypes: ["violations"],
    }));
    const where = `${width}px ${scheme}`;
    const problems = result.violations.map((v) =>
      `${where}: axe ${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} element(s), e.g. ${v.nodes[0].target.join(" ")}: ${v.nodes[0].failureSummary}`);
    const scroll = await page.evaluate(sidewaysScroll);
    if (scroll > 0) problems.push(`${where}: the page scrolls sideways by ${scroll}px`);
    return problems;
  } finally {
    await context.close();
  }
}

/** No console errors, no failed requests, no request leaving 127.0.0.1, at load and while scrolled. */
export async function networkProblems(browser, url) {
  const { context, page, log } = await watchedPage(browser, { viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(url, { waitUntil: "networkidle" });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
    return [
      ...log.console.map((m) => `console error: ${m}`),
      ...log.failed.map((m) => `failed request: ${m}`),
      ...log.external.map((m) => `request leaving 127.0.0.1: ${m}`),
    ];
  } finally {
    await context.close();
  }
}

/**
 * The page-weight budget: HTML, CSS and script together at most 50 KB gzip-compressed, at most 6
 * requests, no web fonts, script (if any) at most 10 KB compressed. The pictures the page makes
 * (under media/) are counted apart, as a phone loads them: at most 200 KB for its first screen.
 * Returns problems and measurements.
 */
export async function budgetProblems(browser, url) {
  const { context, page, log } = await watchedPage(browser, { viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(url, { waitUntil: "networkidle" });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
    const sizes = { html: 0, css: 0, script: 0, other: 0, images: 0 };
    const problems = [];
    const pages = log.responses.filter((res) => !isPicture(res));
    for (const res of log.responses) {
      const type = res.request().resourceType();
      if (isPicture(res)) {
        sizes.images += (await res.body().catch(() => Buffer.alloc(0))).length;
        continue;
      }
      const body = await res.body().catch(() => Buffer.alloc(0));
      const gz = gzipSync(body, { level: 9 }).length;
      if (type === "document") sizes.html += gz;
      else if (type === "stylesheet") sizes.css += gz;
      else if (type === "script") sizes.script += gz;
      else sizes.other += gz;
      if (type === "font") problems.push(`web font loaded: ${res.url()}`);
    }
    const inline = await page.evaluate(() => [...document.scripts]
      .filter((s) => !s.src && s.type !== "application/ld+json").map((s) => s.textContent).join(""));
    if (inline) sizes.script += gzipSync(Buffer.from(inline)).length;
    const layout = await page.evaluate(() => {
      const html = document.documentElement.outerHTML;
      const end = document.querySelector(".key-points, .standfirst, h1");
      return {
        unsized: [...document.images].filter((img) => !img.getAttribute("width") || !img.getAttribute("height")).map((img) => img.src),
        firstScreen: end ? html.slice(0, html.indexOf(end.outerHTML) + end.outerHTML.length) : html,
      };
    });
    for (const src of layout.unsized) problems.push(`image without width and height (layout shift): ${src}`);
    const firstScreen = gzipSync(Buffer.from(layout.firstScreen), { level: 9 }).length;
    if (firstScreen > BUDGET.firstScreenBytes) problems.push(`headline and key points end ${firstScreen} compressed bytes into the HTML, over ${BUDGET.firstScreenBytes}`);
    const total = sizes.html + sizes.css + sizes.script;
    const everything = total + sizes.other;
    if (everything > BUDGET.totalBytes) problems.push(`the whole page is ${everything} bytes compressed, over ${BUDGET.totalBytes}`);
    const requests = pages.length + log.external.length;
    if (total > BUDGET.compressedBytes) problems.push(`HTML+CSS+script is ${total} bytes compressed, over ${BUDGET.compressedBytes}`);
    if (requests > BUDGET.requests) problems.push(`${requests} requests, over ${BUDGET.requests}: ${pages.map((r) => r.url()).join(", ")}`);
    if (sizes.script > BUDGET.scriptBytes) problems.push(`script is ${sizes.script} bytes compressed, over ${BUDGET.scriptBytes}`);
    const phone = await firstScreenPictures(browser, url);
    if (phone.bytes > BUDGET.firstScreenImageBytes) problems.push(`the pictures of a phone's first screen are ${phone.bytes} bytes, over ${BUDGET.firstScreenImageBytes}: ${phone.files.join(", ")}`);
    return { problems, measured: { ...sizes, total, everything, firstScreen, requests, firstScreenPictures: phone.bytes } };
  } finally {
    await context.close();
  }
}

/** A picture the page made (a file under media/), counted apart from the page's own files. */
const isPicture = (res) => res.request().resourceType() === "image" && new URL(res.url()).pathname.includes("/media/");

/** The pictures a 390-pixel phone loads without scrolling: their files and bytes as sent. */
async function firstScreenPictures(browser, url) {
  const { context, page, log } = await watchedPage(browser, { viewport: { width: 390, height: 844 } });
  try {
    await page.goto(url, { waitUntil: "networkidle" });
    const pictures = log.responses.filter(isPicture);
    let bytes = 0;
    for (const res of pictures) bytes += (await res.body().catch(() => Buffer.alloc(0))).length;
    return { bytes, files: pictures.map((r) => r.url()) };
  } finally {
    await context.close();
  }
}

/** With JavaScript off, every headline, key point, event, quote and source is present and visible. */
export async function noScriptProblems(browser, url) {
  const { context, page } = await watchedPage(browser, { viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  try {
    await page.goto(url, { waitUntil: "load" });
    return await page.evaluate(() => {
      const kinds = {
        headline: "h1, h2, h3",
        "key point": ".key-points li",
        event: ".timeline > li",
        "event headline": ".timeline .event-headline",
        quote: "blockquote",
        source: ".sources > li",
      };
      const problems = [];
      for (const [kind, selector] of Object.entries(kinds)) {
        const found = [...document.querySelectorAll(selector)];
        if (found.length === 0) problems.push(`no ${kind} (${selector}) on the page`);
        for (const el of found) {
          const box = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          const visible = el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
            && box.width > 1 && box.height > 1 && !el.closest("[hidden], [aria-hidden=true]")
            && style.clipPath !== "inset(50%)";
          if (!visible) problems.push(`${kind} not visible without JavaScript: "${el.textContent.trim().slice(0, 60)}"`);
        }
      }
      return problems;
    });
  } finally {
    await context.close();
  }
}

/**
 * Makes every scroll instant for the keyboard walk. Focus scrolls a control into view; smoothly, the
 * page ends at the same place a few frames later, so the walk would have to wait for the scrolling to
 * settle at every step. Instant, the control is where it ends up as soon as focus moves, and what is
 * measured (visible indicator, nothing covering it) is the same.
 */
export const INSTANT_SCROLL = "*, *::before, *::after { scroll-behavior: auto !important; }";

/** Whether the focused element shows a focus indicator and is not hidden under anything (2.4.7, 2.4.11). */
function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadowed = style.boxShadow && style.boxShadow !== "none";
  const rect = el.getClientRects()[0] || el.getBoundingClientRect();
  const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  const inView = rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth;
  const label = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${(el.textContent || "").trim().slice(0, 40)}"`;
  return {
    label,
    // The skip link, whatever its words (they are in the page's language).
    skip: el.classList.contains("skip-link"),
    key: el.dataset.focusKey || null,
    visible: outlined || shadowed,
    covered: !inView || !(hit && (hit === el || el.contains(hit) || hit.contains(el))),
    coveredBy: hit && !el.contains(hit) ? hit.tagName.toLowerCase() + (hit.className ? "." + hit.className : "") : null,
  };
}

/** Marks every control (link, button, form field, summary, tabindex ≥ 0) with data-focus-key. */
function markControls() {
  const native = "a[href], button, input, select, textarea, summary";
  const all = [...document.querySelectorAll(`${native}, [tabindex]`)]
    .filter((el) => (el.tabIndex >= 0 || el.matches(native)) && !el.disabled && el.checkVisibility());
  all.forEach((el, i) => { el.dataset.focusKey = String(i); });
  return all.length;
}

/**
 * Keyboard: the first Tab reaches the skip link, which moves focus to <main>; Tab then reaches every
 * focusable control in order, each with a visible focus indicator, none hidden under a sticky header.
 */
export async function keyboardProblems(browser, url, { width = 1280, height = 800 } = {}) {
  const { context, page } = await watchedPage(browser, { viewport: { width, height } });
  const problems = [];
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.addStyleTag({ content: INSTANT_SCROLL });
    const total = await page.evaluate(markControls);
    await page.keyboard.press("Tab");
    const first = await page.evaluate(focusState);
    if (!first || !first.skip) problems.push(`the first Tab does not reach a skip link (got ${first?.label})`);
    else {
      if (!first.visible) problems.push("the skip link has no visible focus indicator");
      if (first.covered) problems.push(`the focused skip link is hidden (under ${first.coveredBy})`);
      await page.keyboard.press("Enter");
      const after = await page.evaluate(() => ({ hash: location.hash, main: document.activeElement === document.querySelector("main") }));
      if (after.hash !== "#main" || !after.main) problems.push(`the skip link does not move focus to <main> (${JSON.stringify(after)})`);
    }
    // The walk: from a fresh load, Tab through the page from its first control to its last.
    await page.goto(url, { waitUntil: "load" });
    await page.addStyleTag({ content: INSTANT_SCROLL });
    await page.evaluate(markControls);
    await page.keyboard.press("Tab");
    const reached = new Set();
    let state = await page.evaluate(focusState);
    for (let i = 0; i < total + 5 && state; i++) {
      if (state.key !== null) {
        if (reached.has(state.key)) break;
        reached.add(state.key);
      }
      if (!state.visible) problems.push(`no visible focus indicator on ${state.label}`);
      if (state.covered) problems.push(`focused ${state.label} is hidden under ${state.coveredBy || "the edge of the viewport"}`);
      await page.keyboard.press("Tab");
      state = await page.evaluate(focusState);
    }
    if (reached.size < total) {
      const missed = await page.evaluate((keys) => [...document.querySelectorAll("[data-focus-key]")]
        .filter((el) => !keys.includes(el.dataset.focusKey)).slice(0, 5).map((el) => el.outerHTML.slice(0, 80)), [...reached]);
      problems.push(`Tab reached ${reached.size} of ${total} controls; missed e.g. ${missed.join(" | ")}`);
    }
    return problems;
  } finally {
    await context.close();
  }
}

/** Under prefers-reduced-motion: reduce, no element has a transition, an animation or smooth scrolling. */
export async function motionProblems(browser, url) {
  const { context, page } = await watchedPage(browser, { viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  try {
    await page.goto(url, { waitUntil: "load" });
    return await page.evaluate(() => {
      const problems = [];
      const moving = (s) => s.transitionDuration.split(",").some((d) => parseFloat(d) > 0)
        || (s.animationName !== "none" && s.animationDuration.split(",").some((d) => parseFloat(d) > 0));
      for (const el of document.querySelectorAll("*")) {
        for (const pseudo of [null, "::before", "::after"]) {
          const s = getComputedStyle(el, pseudo);
          if (moving(s)) problems.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo || ""} moves: transition ${s.transitionDuration}, animation ${s.animationName}`);
          if (s.scrollBehavior === "smooth") problems.push(`${el.tagName.toLowerCase()}${pseudo || ""} scrolls smoothly`);
        }
      }
      return problems.slice(0, 20);
    });
  } finally {
    await context.close();
  }
}

/** In the page: text clipped by its box. */
function clippedText() {
  const problems = [];
  const hides = (v) => v === "hidden" || v === "clip";
  for (const el of document.querySelectorAll("body *")) {
    if (!el.textContent.trim()) continue;
    const s = getComputedStyle(el);
    if (s.display === "none" || s.display === "inline" || s.visibility === "hidden") continue;
    // Text hidden on purpose for screen readers is clipped by design.
    if (el.closest(".visually-hidden") || s.clipPath !== "none") continue;
    const clipped = (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
      || (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1)
      || (s.textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1);
    if (clipped) {
      const name = el.tagName.toLowerCase() + (el.classList.length ? `.${el.classList[0]}` : "");
      problems.push(`text clipped in ${name}: "${el.textContent.trim().replace(/\s+/g, " ").slice(0, 40)}"`);
    }
  }
  return problems.slice(0, 20);
}

/**
 * Reflow and spacing (WCAG 1.4.12 and 1.4.4), at 1280 and 320 px: with the text-spacing overrides of
 * 1.4.12, and with the root font size doubled, no text is clipped and nothing scrolls sideways; and
 * doubling the root font size nearly doubles body text (fluid sizes keep a part that follows the
 * width, so 1.8× is asked, not 2×).
 */
export async function spacingProblems(browser, url) {
  const overrides = {
    "text spacing": "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }",
    "text at 200%": "html { font-size: 200% !important; }",
  };
  const problems = [];
  for (const size of [SIZES[0], SIZES[2]]) {
    for (const [mode, css] of Object.entries(overrides)) {
      const { context, page } = await watchedPage(browser, { viewport: { width: size.width, height: size.height } });
      try {
        await page.goto(url, { waitUntil: "load" });
        const bodyText = () => parseFloat(getComputedStyle(document.querySelector("main p")).fontSize);
        const before = await page.evaluate(bodyText);
        await page.addStyleTag({ content: css });
        const after = await page.evaluate(bodyText);
        if (mode === "text at 200%" && after < before * 1.8) {
          problems.push(`${size.name}, ${mode}: body text grew from ${before}px to ${after}px only`);
        }
        const scroll = await page.evaluate(sidewaysScroll);
        if (scroll > 0) problems.push(`${size.name}, ${mode}: scrolls sideways by ${scroll}px`);
        for (const p of await page.evaluate(clippedText)) problems.push(`${size.name}, ${mode}: ${p}`);
      } finally {
        await context.close();
      }
    }
  }
  return problems;
}

/** The text of a PDF, via poppler's pdftotext. */
function pdfText(buffer) {
  const dir = mkdtempSync(join(tmpdir(), "explainer-pdf-"));
  try {
    writeFileSync(join(dir, "page.pdf"), buffer);
    const run = spawnSync("pdftotext", ["-raw", join(dir, "page.pdf"), "-"], { encoding: "utf8", maxBuffer: 1 << 26 });
    if (run.error || run.status !== 0) throw new Error(`pdftotext failed (is poppler-utils installed?): ${run.error || run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Print (page.pdf()): every event headline, collapsed (<details>) content and source URL is in the PDF,
 * with the page's address and dates; the skip link and "Back to top" are not.
 */
export async function printProblems(browser, url) {
  const { context, page } = await watchedPage(browser, { viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(url, { waitUntil: "load" });
    // The page may have no <details> of its own: add a closed one, so the stylesheet's print rules
    // for collapsed content are tested either way.
    await page.evaluate(() => {
      const probe = document.createElement("details");
      probe.innerHTML = "<summary>Full chronology</summary><p>Collapsed text that print must show.</p>";
      (document.querySelector(".section .prose") || document.querySelector("main")).append(probe);
    });
    const expected = await page.evaluate(() => ({
      headlines: [...document.querySelectorAll(".timeline .event-headline")].map((e) => e.textContent),
      collapsed: [...document.querySelectorAll("details > :not(summary)")].map((e) => e.textContent),
      urls: [...document.querySelectorAll(".sources a[href]")].map((a) => a.href),
      footer: [...document.querySelectorAll(".print-url")].map((e) => e.textContent),
      chrome: [...document.querySelectorAll(".skip-link, .back-to-top")].map((e) => e.textContent),
    }));
    const text = pdfText(await page.pdf({ format: "A4" }));
    const squash = (s) => s.replace(/\s+/g, "").replace(/[‐-―-]/g, "");
    const flat = squash(text);
    // pdftotext writes a right-to-left line in the order it is seen: words in reverse, a word cut
    // where a vowel mark sits, direction marks between, the lam-alef ligature as alef-lam. So a text
    // also counts as printed when each of its words, as a set of letters, is on one line or on up
    // to four lines running on (the printed address and dates, with their times, take four in
    // Arabic).
    const key = (w) => [...w.normalize("NFC").replace(/[^\p{L}\p{N}]/gu, "")].sort().join("");
    const tokens = (line) => line.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640]|\p{M}/gu, "")
      .replace(/ل([اأإآ])/g, "$1ل").split(/[^\p{L}\p{N}]+/u).map(key).filter(Boolean);
    const lines = text.split("\n").map(tokens);
    const windows = lines.map((_, i) => new Set(lines.slice(i, i + 4).flat()));
    const printed = (s) => flat.includes(squash(s)) || windows.some((w) => tokens(s).every((k) => w.has(k)));
    const problems = [];
    if (expected.headlines.length === 0) problems.push("no event headlines on the page");
    for (const h of expected.headlines) if (!printed(h)) problems.push(`event headline not printed: ${h}`);
    for (const c of expected.collapsed) if (c.trim() && !printed(c.trim().slice(0, 80))) problems.push(`collapsed content not printed: ${c.trim().slice(0, 60)}`);
    for (const shown of expected.footer) if (!printed(shown)) problems.push(`address and dates not printed: ${shown}`);
    for (const hidden of expected.chrome) if (printed(hidden)) problems.push(`screen-only text printed: ${hidden}`);
    if (expected.urls.length === 0) problems.push("no source links on the page");
    for (const u of expected.urls) if (!flat.includes(squash(u))) problems.push(`source URL not printed: ${u}`);
    return problems;
  } finally {
    await context.close();
  }
}

/** In the page: what of its layout says which way it reads (see `rtlProblems`). */
function directionFacts() {
  const style = (selector, pseudo) => {
    const element = document.querySelector(selector);
    return element ? getComputedStyle(element, pseudo) : null;
  };
  const rail = style(".timeline", "::before");
  const dot = style(".event", "::before");
  const box = style(".key-points");
  // Where the first line of a paragraph of the text starts and ends, against its box.
  const paragraph = document.querySelector(".prose p");
  let text = null;
  if (paragraph) {
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    const rects = [...range.getClientRects()];
    // The first line's boxes: raised citation marks start a little above the line's text.
    const top = Math.min(...rects.map((r) => r.top));
    const height = parseFloat(getComputedStyle(paragraph).lineHeight) || 24;
    const line = rects.filter((r) => r.top < top + height * 0.8);
    const frame = paragraph.getBoundingClientRect();
    text = {
      left: Math.min(...line.map((r) => r.left)) - frame.left,
      right: frame.right - Math.max(...line.map((r) => r.right)),
    };
  }
  return {
    dir: document.documentElement.dir,
    direction: getComputedStyle(document.body).direction,
    rail: rail && { left: rail.left, right: rail.right },
    dot: dot && { left: dot.left, right: dot.right },
    rule: box && { left: box.borderLeftWidth, right: box.borderRightWidth },
    text,
    scroll: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
  };
}

/**
 * A page read right to left, mirrored: `dir="rtl"`, the timeline's rail and its dots against the
 * right edge, the key points' rule on the right, text set from the right, and nothing scrolling
 * sideways, at every width.
 */
export async function rtlProblems(browser, url) {
  const problems = [];
  for (const size of SIZES) {
    const { context, page } = await watchedPage(browser, { viewport: { width: size.width, height: size.height } });
    try {
      await page.goto(url, { waitUntil: "load" });
      const f = await page.evaluate(directionFacts);
      const at = size.name;
      if (f.dir !== "rtl" || f.direction !== "rtl") problems.push(`${at}: the page is not right to left (dir=${f.dir}, direction ${f.direction})`);
      const atRight = (box, most) => box && parseFloat(box.right) <= most && parseFloat(box.left) > parseFloat(box.right);
      if (!atRight(f.rail, 20)) problems.push(`${at}: the timeline's rail is not at the right (${JSON.stringify(f.rail)})`);
      if (!atRight(f.dot, 1)) problems.push(`${at}: the events' dots are not at the right (${JSON.stringify(f.dot)})`);
      if (!f.rule || f.rule.left !== "0px" || f.rule.right === "0px") problems.push(`${at}: the key points' rule is not on the right (${JSON.stringify(f.rule)})`);
      if (!f.text || f.text.right > 2) problems.push(`${at}: text does not start at the right (${JSON.stringify(f.text)})`);
      if (f.scroll > 0) problems.push(`${at}: the page scrolls sideways by ${f.scroll}px`);
    } finally {
      await context.close();
    }
  }
  return problems;
}

export function report(name, problems) {
  if (problems.length) {
    console.error(`${name}: ${problems.length} problem(s)\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.log(`${name}: ok`);
  }
}

/**
 * On a phone (390×844) and the narrowest screen (320×640): the section contents take one line, and
 * the label and headline are on the first screen.
 */
export async function phoneProblems(browser, url) {
  const problems = [];
  for (const size of [{ width: 390, height: 844 }, { width: 320, height: 640 }]) {
    const { context, page } = await watchedPage(browser, { viewport: size });
    try {
      await page.goto(url, { waitUntil: "load" });
      const f = await page.evaluate(() => {
        const tops = new Set([...document.querySelectorAll(".page-nav li")].map((li) => Math.round(li.getBoundingClientRect().top)));
        const bottom = (css) => document.querySelector(css)?.getBoundingClientRect().bottom ?? Infinity;
        return { lines: tops.size, label: bottom(".article-header .label"), headline: bottom("h1"), height: innerHeight, scroll: document.documentElement.scrollWidth - innerWidth };
      });
      const at = `${size.width}×${size.height}`;
      if (f.lines > 1) problems.push(`${at}: the contents take ${f.lines} lines`);
      if (f.label > f.height) problems.push(`${at}: the label is not on the first screen (ends at ${Math.round(f.label)}px)`);
      if (f.headline > f.height) problems.push(`${at}: the headline is not on the first screen (ends at ${Math.round(f.headline)}px)`);
      if (f.scroll > 0) problems.push(`${at}: the page scrolls sideways by ${f.scroll}px`);
    } finally {
      await context.close();
    }
  }
  return problems;
}

/**
 * Previews and cards (no script): every button that opens a popover (a citation mark's source, a
 * term's definition) opens it with the keyboard, the popover links to the entry it previews in the
 * page's lists, Tab moves into it, it fits the window, and Escape closes it and leaves focus on the
 * button. Where the browser has popovers, the marks' fallback links are hidden and the buttons shown.
 */
export async function popoverProblems(browser, url, { width = 1280, height = 800 } = {}) {
  const { context, page } = await watchedPage(browser, { viewport: { width, height } });
  const problems = [];
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.addStyleTag({ content: INSTANT_SCROLL });
    const openers = await page.evaluate(() => {
      const all = [...document.querySelectorAll("button[popovertarget]:not([popovertargetaction=hide])")]
        .filter((b) => b.checkVisibility());
      all.forEach((b, i) => { b.dataset.opener = String(i); });
      return all.map((b) => ({ key: b.dataset.opener, target: b.getAttribute("popovertarget"), kind: b.className }));
    });
    const kinds = new Set(openers.map((o) => o.kind));
    for (const kind of ["cite-open", "term-open"]) {
      if (!kinds.has(kind)) problems.push(`${width}px: no visible ${kind} button on the page`);
    }
    const fallbacks = await page.evaluate(() => [...document.querySelectorAll(".cite-link, .term-link")].filter((a) => a.checkVisibility()).length);
    if (fallbacks > 0) problems.push(`${width}px: ${fallbacks} fallback link(s) shown beside their buttons`);
    for (const o of openers) {
      const button = page.locator(`[data-opener="${o.key}"]`);
      await button.focus();
      await page.keyboard.press("Enter");
      const opened = await page.evaluate(({ target }) => {
        const pop = document.getElementById(target);
        if (!pop) return { missing: true };
        const box = pop.getBoundingClientRect();
        const inList = [...pop.querySelectorAll("a[href^='#']")].map((a) => a.getAttribute("href").slice(1))
          .filter((id) => id && document.getElementById(id) && !document.getElementById(id).closest("[popover]"));
        return {
          open: pop.matches(":popover-open"),
          inList: inList.length,
          fits: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth && box.width > 0,
          text: pop.textContent.trim().slice(0, 50),
        };
      }, o);
      const where = `${width}px: ${o.kind} for ${o.target}`;
      if (opened.missing) { problems.push(`${where}: no element #${o.target}`); continue; }
      if (!opened.open) { problems.push(`${where}: Enter does not open it`); continue; }
      if (!opened.inList) problems.push(`${where}: links to no entry in the page's lists ("${opened.text}")`);
      if (!opened.fits) problems.push(`${where}: does not fit in the window`);
      await page.keyboard.press("Tab");
      const inside = await page.evaluate(({ target }) => document.getElementById(target).contains(document.activeElement), o);
      if (!inside) problems.push(`${where}: Tab does not move into it`);
      await page.keyboard.press("Escape");
      const closed = await page.evaluate(({ target, key }) => ({
        closed: !document.getElementById(target).matches(":popover-open"),
        focus: document.activeElement?.dataset?.opener === key,
      }), o);
      if (!closed.focus) problems.push(`${where}: after Escape, focus is not back on its button`);
      if (!closed.closed) {
        problems.push(`${where}: Escape does not close it`);
        await page.evaluate(({ target }) => document.getElementById(target).hidePopover(), o);
      }
    }
    console.log(`${width}px: ${openers.length} popover buttons opened and closed`);
    return problems;
  } finally {
    await context.close();
  }
}
