// A save patches the open page in place: the reader stays where they were (scroll position, focus
// and what they typed in a field, an open <details>), a stylesheet edit restyles without a
// navigation, and a broken save's overlay appears over the page and goes away by itself, without a
// reload, when the file is fixed; a save to a part of the page out of view brings it into view; and a
// changed picture is loaded again on its own.
//
// `node serve_morph.mjs full` runs the same checks against `serve --full-reload`, whose pages reload
// whole on every change: each check must then fail, which proves it can.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, copyFixture, serve } from "./lib.mjs";

const full = process.argv[2] === "full";
const site = copyFixture("basic");
mkdirSync(join(site.root, "static"));
cpSync("static/style.css", join(site.root, "static/style.css"));
// A field and a collapsed passage in the text (the page trusts its HTML, so the field stays).
const page_file = join(site.root, "content/_index.md");
writeFileSync(page_file, readFileSync(page_file, "utf8").replace("dateline:", "trusted_html: true\ndateline:"));
const prose = join(site.root, "content/what-happened.md");
writeFileSync(prose, readFileSync(prose, "utf8") + `
<details id="more"><summary>More on the details</summary><p>Collapsed words.</p></details>

<p><label>Your note <input id="note" type="text"></label></p>

![A square](photos/square.svg)
`);
mkdirSync(join(site.root, "static/photos"));
const square = (fill) => `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="${fill}"/></svg>\n`;
writeFileSync(join(site.root, "static/photos/square.svg"), square("navy"));

const server = await serve(site.root, full ? ["--full-reload"] : []);
const browser = await launch();
const results = {};
const record = (name, ok, detail) => { results[name] = { ok, detail }; };
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 600 } });
  let loads = 0;
  page.on("load", () => { loads += 1; });
  // Each document records where it starts. A new one starts at the top however quickly the browser
  // then restores the position, so a reload shows here even when no poll below catches the moment.
  await page.addInitScript(() => {
    const starts = JSON.parse(sessionStorage.getItem("starts") || "[]");
    starts.push(window.scrollY);
    sessionStorage.setItem("starts", JSON.stringify(starts));
  });
  const starts = () => page.evaluate(() => JSON.parse(sessionStorage.getItem("starts") || "[]"));
  await page.goto(server.url);
  await page.waitForFunction(() => window.explainerLiveReload?.readyState === EventSource.OPEN);
  const ready = () => page.waitForFunction(() => window.explainerLiveReload?.readyState === EventSource.OPEN, null, { timeout: 10000 });
  const shows = (text) => page.waitForFunction((t) => document.body.innerText.includes(t), text, { timeout: 10000 });
  const event = join(site.root, "content/timeline/2017-07-middle.md");
  const eventText = readFileSync(event, "utf8");
  let n = 0;
  // An edit of the event in view, the same length each time.
  const editEvent = async () => {
    n += 1;
    const marker = `Edited ${String(n).padStart(2, "0")}.`;
    writeFileSync(event, eventText.replace("In the middle.", marker));
    return marker;
  };

  // 1. Scroll: at the timeline, the position holds at every moment from the save until the new text
  // shows, and after.
  // The page scrolls smoothly: jump, then wait until the position settles.
  await page.evaluate(() => document.getElementById("2017-07-middle").scrollIntoView({ block: "center", behavior: "instant" }));
  await page.waitForFunction(() => new Promise((done) => {
    const y = window.scrollY;
    setTimeout(() => done(window.scrollY === y), 150);
  }));
  const before = await page.evaluate(() => window.scrollY);
  const startsBefore = (await starts()).length;
  const samples = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try { samples.push(await page.evaluate(() => window.scrollY)); } catch { samples.push(null); }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const marker = await editEvent();
  await shows(marker);
  await page.waitForTimeout(300);
  sampling = false;
  await sampler;
  samples.push(...(await starts()).slice(startsBefore));
  const worst = Math.max(...samples.map((y) => (y === null ? Infinity : Math.abs(y - before))));
  record("scroll", worst <= 5, `scrollY ${before}, furthest ${worst} px away over ${samples.length} samples`);
  await ready();

  // 2. Focus and typing: the field keeps focus and what was typed.
  await page.fill("#note", "half a thought");
  await page.focus("#note");
  const second = await editEvent();
  await shows(second);
  await page.waitForTimeout(100);
  const field = await page.evaluate(() => ({ focused: document.activeElement?.id, value: document.getElementById("note")?.value }));
  record("focus", field.focused === "note" && field.value === "half a thought", JSON.stringify(field));
  await ready();

  // 3. An open <details> stays open.
  await page.click("#more summary");
  const third = await editEvent();
  await shows(third);
  await page.waitForTimeout(100);
  const open = await page.evaluate(() => document.getElementById("more")?.open);
  record("details", open === true, `open: ${open}`);
  await ready();

  // 4. A stylesheet edit restyles the page without a navigation.
  let loadsBefore = loads;
  const css = join(site.root, "static/style.css");
  writeFileSync(css, readFileSync(css, "utf8") + "\nbody { background-color: rgb(1, 2, 3); }\n");
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)", null, { timeout: 10000 });
  await page.waitForTimeout(200);
  record("css", loads === loadsBefore, `${loads - loadsBefore} navigations`);
  await ready();

  // 5. A broken save shows the overlay; the fix takes it away, without a reload.
  const proseText = readFileSync(prose, "utf8");
  writeFileSync(prose, proseText.replace("weight: 10", "wieght: 10"));
  await page.waitForSelector("#explainer-build-error", { timeout: 10000 });
  const overlay = await page.textContent("#explainer-build-error");
  loadsBefore = loads;
  writeFileSync(prose, proseText.replace("It happened on a Monday", "Fixed on a Monday"));
  await shows("Fixed on a Monday");
  await page.waitForFunction(() => !document.getElementById("explainer-build-error"), null, { timeout: 10000 }).catch(() => {});
  const gone = await page.evaluate(() => !document.getElementById("explainer-build-error"));
  const fine = overlay.includes("content/what-happened.md:3:1: error: unknown field `wieght`") && gone && loads === loadsBefore;
  record("overlay", fine, `overlay shown: ${overlay.includes("wieght")}, gone: ${gone}, ${loads - loadsBefore} navigations`);
  await ready();

  // 6. Follow the edit: from the top of the page, a save to an event further down brings it into
  // view and marks it for a moment.
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
  const later = join(site.root, "content/timeline/2021-12-09-later.md");
  writeFileSync(later, readFileSync(later, "utf8").replace("It happened later.", "It happened later, edited."));
  await shows("It happened later, edited.");
  // The page scrolls there smoothly: give it the time.
  await page.waitForFunction(() => {
    const box = document.getElementById("2021-12-09-later").getBoundingClientRect();
    return box.top < innerHeight && box.bottom > 0;
  }, null, { timeout: 3000 }).catch(() => {});
  const followed = await page.evaluate(() => {
    const event = document.getElementById("2021-12-09-later");
    const box = event.getBoundingClientRect();
    return {
      inView: box.top < innerHeight && box.bottom > 0,
      marked: event.getAnimations().length > 0,
    };
  });
  record("follow", followed.inView && followed.marked, JSON.stringify(followed));
  await ready();

  // 7. A changed picture is loaded again, on its own: no navigation.
  loadsBefore = loads;
  const srcBefore = await page.getAttribute("img[alt='A square']", "src");
  writeFileSync(join(site.root, "static/photos/square.svg"), square("teal"));
  const refreshed = await page.waitForFunction((old) => {
    const img = document.querySelector("img[alt='A square']");
    return img && img.getAttribute("src") !== old && img.complete;
  }, srcBefore, { timeout: 5000 }).then(() => true, () => false);
  await page.waitForTimeout(200);
  record("picture", refreshed && loads === loadsBefore, `src changed: ${refreshed}, ${loads - loadsBefore} navigations`);
} catch (err) {
  record("run", false, err.message);
} finally {
  await browser.close();
  server.stop();
  site.remove();
}

const names = ["scroll", "focus", "details", "css", "overlay", "follow", "picture"];
for (const name of names) console.log(`${name}: ${results[name]?.ok ? "kept" : "lost"} (${results[name]?.detail ?? "not reached"})`);
if (results.run) { console.error(`error: ${results.run.detail}`); process.exit(1); }
const failed = names.filter((name) => !results[name]?.ok);
if (full) {
  // Against a whole-page reload, every check must fail.
  const passed = names.filter((name) => results[name]?.ok);
  if (passed.length) { console.error(`these checks passed against --full-reload, so they prove nothing: ${passed.join(", ")}`); process.exit(1); }
  console.log("serve_morph full: every check fails against a full reload, as it must");
} else {
  if (failed.length) { console.error(`lost on a save: ${failed.join(", ")}`); process.exit(1); }
  console.log("serve_morph: ok");
}
