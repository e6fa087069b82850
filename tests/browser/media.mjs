// Photos on the page, as a reader on a slow connection gets them: the explainer at the folder given
// (prepared by tests/browser.rs with a lead photo, a newsroom photo in the text and one on an
// event) is built and served; every photo request is held back, and the page must not move as the
// photos arrive (cumulative layout shift 0, measured by the browser), must not ask another site for
// anything, must pass axe, and must keep the first screen's photos under 200 KB on a phone and
// every photo file it loads there under 250 KB. Then the same page with its photos' width and height
// taken out must be found to move: the check can fail.
// Videos and posts on other sites (a YouTube video with the editor's still, a post on X) are
// facades: scrolled through, the page asks nothing of those sites; a click on the YouTube facade,
// and Enter on the X one, ask youtube-nocookie.com and platform.twitter.com for their players,
// which take the facades' place. The same page with a facade replaced by the site's own frame must
// be found asking that site: that check can fail too. A video of the explainer's own shows its
// poster, has captions, and loads nothing of the film before it is played.
// Usage: node tests/browser/media.mjs SITE_ROOT
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch } from "./lib.mjs";
import { staticSite } from "./site.mjs";
import { axeProblems, report } from "./checks.mjs";

const HOLD_MS = 700;
const FIRST_SCREEN_LIMIT = 200 * 1024;
const FILE_LIMIT = 250 * 1024;

/** In the page, before anything loads: add up every layout shift not caused by the reader. */
function watchShifts() {
  window.__shift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
}

/** Loads `url` at `width`×`height` with photos held back; reports what moved and what was loaded. */
async function slowPhotos(browser, url, { width, height }) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 2 });
  const outside = [];
  const photos = new Map();
  await context.route("**/*", async (route) => {
    const address = route.request().url();
    if (new URL(address).hostname !== "127.0.0.1") {
      outside.push(address);
      return route.abort("blockedbyclient");
    }
    if (address.includes("/media/")) await new Promise((ok) => setTimeout(ok, HOLD_MS));
    return route.continue();
  });
  const page = await context.newPage();
  page.on("response", async (res) => {
    if (res.url().includes("/media/")) {
      const body = await res.body().catch(() => Buffer.alloc(0));
      photos.set(res.url(), body.length);
    }
  });
  await page.addInitScript(watchShifts);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(HOLD_MS + 300);
  const firstScreen = [...photos.values()].reduce((a, b) => a + b, 0);
  // Down the page, a screen at a time, so that every lazy photo is asked for and arrives.
  const total = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < total; y += height * 0.8) {
    await page.evaluate((to) => window.scrollTo(0, to), y);
    await page.waitForTimeout(150);
  }
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(HOLD_MS + 300);
  const shift = await page.evaluate(() => window.__shift);
  const unloaded = await page.evaluate(() => [...document.querySelectorAll("picture img")]
    .filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.alt));
  await context.close();
  return { shift, outside, photos, firstScreen, unloaded, pictures: photos.size };
}

/**
 * The facades: nothing asked of another site while reading; opened (by a click, by Enter), the
 * site's player is asked for and takes the facade's place. The explainer's own video shows its
 * poster and captions and loads none of the film.
 */
async function facadeProblems(browser, url) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const outside = [];
  const media = [];
  await context.route("**/*", (route) => {
    const address = route.request().url();
    if (new URL(address).hostname !== "127.0.0.1") {
      outside.push(address);
      return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>player</title>" });
    }
    media.push(address);
    return route.continue();
  });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 600) {
    await page.evaluate((to) => window.scrollTo(0, to), y);
    await page.waitForTimeout(100);
  }
  await page.waitForLoadState("networkidle");
  if (outside.length) problems.push(`facades: requests leaving 127.0.0.1 before any was opened: ${outside.join(", ")}`);
  const facades = await page.locator("a[data-embed]").count();
  if (facades !== 2) problems.push(`facades: ${facades} on the page, expected 2 (YouTube, X)`);

  const video = await page.evaluate(() => {
    const v = document.querySelector("video");
    if (!v) return null;
    return { poster: v.poster, captions: v.querySelectorAll("track[kind=captions]").length, preload: v.preload, width: v.getBoundingClientRect().width };
  });
  if (!video) problems.push("video: not on the page");
  else {
    if (!video.poster.includes("/media/")) problems.push(`video: poster ${video.poster}`);
    if (video.captions !== 1) problems.push("video: no captions track");
    if (video.preload !== "none") problems.push(`video: preload ${video.preload}`);
    if (media.some((address) => /\.(mp4|webm)$/.test(address))) problems.push("video: the film was loaded before it was played");
  }

  // A click on the YouTube facade.
  const youtube = page.locator("a[data-embed*='youtube-nocookie.com']");
  await youtube.scrollIntoViewIfNeeded();
  await youtube.click();
  await page.waitForTimeout(500);
  const afterClick = await page.evaluate(() => [...document.querySelectorAll("iframe.embed-frame")].map((f) => f.src));
  if (!outside.some((address) => address.startsWith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"))) problems.push(`facades: a click did not ask youtube-nocookie.com for the player (asked: ${outside.join(", ") || "nothing"})`);
  if (outside.some((address) => /(^|\.)youtube\.com\//.test(new URL(address).hostname + "/"))) problems.push("facades: youtube.com itself was asked, not youtube-nocookie.com");
  if (afterClick.length !== 1) problems.push(`facades: ${afterClick.length} players after the click, expected 1`);
  if (await page.evaluate(() => document.activeElement?.tagName) !== "IFRAME") problems.push("facades: focus did not move to the player");

  // Enter on the X facade.
  const x = page.locator("a[data-embed*='platform.twitter.com']");
  await x.focus();
  await page.keyboard.press("Enter");
  await page.waitForTimeout(500);
  if (!outside.some((address) => address.startsWith("https://platform.twitter.com/embed/Tweet.html?id=1419751846349651968"))) problems.push("facades: Enter did not open the post");
  if (await page.locator("a[data-embed]").count() !== 0) problems.push("facades: a facade is still there after it was opened");
  console.log(`facades: ${facades} closed, then asked for ${outside.length} addresses: ${outside.join(", ")}`);
  await context.close();
  return problems;
}

const [root] = process.argv.slice(2);
const site = await staticSite(root);
const browser = await launch();
const problems = [];
try {
  for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    const at = `${size.width}px`;
    const seen = await slowPhotos(browser, site.url, size);
    console.log(`${at}: shift ${seen.shift.toFixed(4)}, ${seen.pictures} photo files, first screen ${seen.firstScreen} bytes`);
    if (seen.shift > 0) problems.push(`${at}: the page moved by ${seen.shift.toFixed(4)} as its photos arrived`);
    if (seen.outside.length) problems.push(`${at}: requests leaving 127.0.0.1: ${seen.outside.join(", ")}`);
    if (seen.unloaded.length) problems.push(`${at}: photos never loaded: ${seen.unloaded.join("; ")}`);
    if (seen.pictures < 3) problems.push(`${at}: only ${seen.pictures} photo files loaded`);
    if (size.width === 390) {
      if (seen.firstScreen > FIRST_SCREEN_LIMIT) problems.push(`${at}: the first screen's photos are ${seen.firstScreen} bytes, over ${FIRST_SCREEN_LIMIT}`);
      for (const [address, bytes] of seen.photos) {
        if (bytes > FILE_LIMIT) problems.push(`${at}: ${address} is ${bytes} bytes, over ${FILE_LIMIT}`);
      }
    }
    for (const scheme of ["light", "dark"]) {
      problems.push(...await axeProblems(browser, site.url, { ...size, scheme }));
    }
  }
  problems.push(...await facadeProblems(browser, site.url));

  // The check must fail on a page whose photos do not reserve their space.
  const page = join(site.dir, "index.html");
  writeFileSync(page, readFileSync(page, "utf8").replace(/ width="\d+" height="\d+"/g, ""));
  const broken = await slowPhotos(browser, site.url, { width: 390, height: 844 });
  console.log(`photos without width and height: shift ${broken.shift.toFixed(4)}`);
  if (!(broken.shift > 0)) problems.push("the check found no movement on a page whose photos reserve no space");
  // And find a page that loads a site's player before anyone asks for it.
  writeFileSync(page, readFileSync(page, "utf8").replace(/<a class="embed-open" href="[^"]*"[^>]*data-embed="([^"]*)"[^>]*>/, '<iframe src="$1" title="player"></iframe><a>'));
  const eager = await slowPhotos(browser, site.url, { width: 1280, height: 800 });
  console.log(`a player in the page from the start: ${eager.outside.length} requests leaving 127.0.0.1`);
  if (!eager.outside.some((address) => address.includes("youtube-nocookie.com"))) problems.push("the check saw no request to the player's site on a page that embeds it from the start");
} finally {
  await browser.close();
  site.stop();
}
report("media", problems);
