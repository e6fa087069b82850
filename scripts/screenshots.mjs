// Takes the README's screenshots of the built page (public/index.html) in Debian's Chromium:
// the top of the page, the start of the timeline (its overview with a mark focused), a citation's
// preview open and an event's chart, at desktop, phone and 320 px widths, light and dark, into
// docs/screenshots/; then the Arabic edition (public/ar/index.html) at desktop and phone widths: its
// top, its lead map and its timeline.
// Usage: cargo run --release -- build && node scripts/screenshots.mjs
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { mkdirSync } from "node:fs";

const page_url = pathToFileURL(resolve("public/index.html")).href;
const out = resolve("docs/screenshots");
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
/** Scrolls the figure `selector` to near the top of the window and waits for its picture. */
async function showFigure(page, selector) {
  await page.evaluate((sel) => {
    document.documentElement.style.scrollBehavior = "auto";
    const figure = document.querySelector(sel);
    window.scrollTo(0, figure.getBoundingClientRect().top + window.scrollY - 120);
  }, selector);
  await page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} img`)].every((img) => img.complete && img.naturalWidth > 0), selector);
}

const sizes = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: 390, height: 844 },
  { name: "narrow", width: 320, height: 640 },
];
for (const size of sizes) {
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({
      viewport: { width: size.width, height: size.height },
      colorScheme: scheme,
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await page.goto(page_url);
    const suffix = scheme === "light" ? "" : "-dark";
    await page.screenshot({ path: `${out}/${size.name}${suffix}.png` });
    // The timeline's start, with its overview: one mark focused, showing its date and headline.
    await page.evaluate(() => {
      document.documentElement.style.scrollBehavior = "auto";
      const top = document.querySelector("#timeline .overview").getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, top - 8);
    });
    await page.keyboard.press("Tab");
    const marks = page.locator(".overview-marks a");
    await marks.nth((await marks.count()) - 5).focus();
    await page.evaluate(() => {
      const top = document.querySelector("#timeline .overview").getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, top - 8);
    });
    await page.screenshot({ path: `${out}/${size.name}-timeline${suffix}.png` });
    // A citation's preview, open: the first mark in "What happened".
    const mark = page.locator("#what-happened .cite-open").first();
    await mark.focus();
    await page.evaluate(() => {
      const mark = document.querySelector("#what-happened .cite-open");
      window.scrollTo(0, mark.getBoundingClientRect().top + window.scrollY - 160);
    });
    await page.keyboard.press("Enter");
    await page.screenshot({ path: `${out}/${size.name}-preview${suffix}.png` });
    // An event with its media: the troop-number chart of 15 January 2021, loaded.
    await page.keyboard.press("Escape");
    await showFigure(page, "li[id='2021-01-15-level-2500'] figure");
    await page.screenshot({ path: `${out}/${size.name}-media${suffix}.png` });
    await context.close();
  }
}
// The Arabic edition (ar/), at desktop and phone widths: its top and its timeline, in light.
for (const size of sizes.slice(0, 2)) {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    colorScheme: "light",
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  await page.goto(pathToFileURL(resolve("public/ar/index.html")).href);
  await page.screenshot({ path: `${out}/ar-${size.name}.png` });
  // The lead map, labelled in Arabic.
  await showFigure(page, "figure.lead");
  await page.screenshot({ path: `${out}/ar-${size.name}-map.png` });
  await page.evaluate(() => {
    document.documentElement.style.scrollBehavior = "auto";
    const top = document.querySelector("#timeline .overview").getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top - 8);
  });
  await page.screenshot({ path: `${out}/ar-${size.name}-timeline.png` });
  await context.close();
}
await browser.close();
console.log(`screenshots written to ${out}`);
