// Photos on the page, as a reader on a slow connection gets them: the explainer at the folder given
// (prepared by tests/browser.rs with a lead photo, a newsroom photo in the text and one on an
// event) is built and served; every photo request is held back, and the page must not move as the
// photos arrive (cumulative layout shift 0, measured by the browser), must not ask another site for
// anything, must pass axe, and must keep the first screen's photos under 200 KB on a phone and
// every photo file it loads there under 250 KB. Then the same page with its photos' width and height
// taken out must be found to move: the check can fail.
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
  // The check must fail on a page whose photos do not reserve their space.
  const page = join(site.dir, "index.html");
  writeFileSync(page, readFileSync(page, "utf8").replace(/ width="\d+" height="\d+"/g, ""));
  const broken = await slowPhotos(browser, site.url, { width: 390, height: 844 });
  console.log(`photos without width and height: shift ${broken.shift.toFixed(4)}`);
  if (!(broken.shift > 0)) problems.push("the check found no movement on a page whose photos reserve no space");
} finally {
  await browser.close();
  site.stop();
}
report("media", problems);
