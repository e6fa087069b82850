// Save-to-visible latency of `explainer serve`: 20 edits to a content file, each timed from the moment
// the file is written until the new text is laid out in its section of the open page in Chromium
// (checked every animation frame), first as `serve` does it (the page patched in place), then, in the same run, with
// `serve --full-reload` (the whole page reloaded). Also timed: the event (patch or reload) reaching a listener,
// and, inside the page, fetching the new HTML and morphing it in. Prints median, min and max, and the
// rebuild times `serve` itself reports ("Rebuilt in N ms").
// Usage: cargo build --release && node scripts/bench-reload.mjs [path/to/explainer]
//
// With `--sections N`, the site is a synthetic explainer of N sections (written by the `synth`
// example: `cargo build --release --example synth` first) instead of the bundled one, and the edit is
// to its first section. Above 1,000 sections only the event is timed: a page of 10,000 sections is
// 24 MB, and Chromium's time to lay it out would drown explainer's share.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const EDITS = 20;
const args = process.argv.slice(2);
const flag = args.indexOf("--sections");
const sections = flag >= 0 ? Number(args.splice(flag, 2)[1]) : null;
if (sections !== null && !(Number.isInteger(sections) && sections >= 0)) {
  console.error("usage: node scripts/bench-reload.mjs [--sections N] [path/to/explainer]");
  process.exit(2);
}
const bin = resolve(args[0] || "target/release/explainer");
const root = mkdtempSync(join(tmpdir(), "explainer-bench-"));
// The file edited, and the section of the page it is (where the new text is looked for).
let file, edit, sectionId;
if (sections === null) {
  sectionId = "what-happened";
  for (const dir of ["content", "templates", "static"]) cpSync(dir, join(root, dir), { recursive: true });
  file = join(root, "content/what-happened.md");
  const original = readFileSync(file, "utf8");
  edit = (i) => writeFileSync(file, original.replace("met in the Oval", `met (edit ${i}) in the Oval`));
} else {
  const synth = resolve(bin, "../examples/synth");
  execFileSync(synth, ["--sections", String(sections), "--events", "20", "--out", root], { stdio: "ignore" });
  file = join(root, "content/section-00000.md");
  sectionId = "section-00000";
  const original = readFileSync(file, "utf8");
  edit = (i) => writeFileSync(file, `${original}\nEdited (edit ${i}).\n`);
}
const inBrowser = sections === null || sections <= 1000;

/** Starts `serve` (with `extra` arguments); resolves with its URL and what it reports. */
function serve(extra) {
  const child = spawn(bin, ["serve", "--root", root, "--port", "0", ...extra], { stdio: ["ignore", "pipe", "ignore"] });
  const report = { child, rebuilds: [], firstBuild: null };
  return new Promise((done) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      const m = line.match(/^Serving the explainer at (\S+)/);
      if (m) done({ ...report, url: m[1] });
      const built = line.match(/^Built the page in (\d+) ms/);
      if (built) report.firstBuild = Number(built[1]);
      const rebuilt = line.match(/^Rebuilt in (\d+) ms/);
      if (rebuilt) report.rebuilds.push(Number(rebuilt[1]));
    });
  }).then((r) => Object.assign(report, r));
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** (a) the event stream, read directly. */
async function eventTimes(server) {
  const times = [];
  let waiting = null;
  request(new URL("/__explainer/events", server.url), (res) => {
    res.setEncoding("utf8");
    res.on("data", (chunk) => {
      if ((chunk.includes("event: reload") || chunk.includes("event: patch")) && waiting) { waiting(); waiting = null; }
    });
  }).end();
  await pause(300);
  for (let i = 0; i < EDITS; i++) {
    const got = new Promise((done) => { waiting = done; });
    const start = performance.now();
    edit(`a${i}`);
    await got;
    times.push(performance.now() - start);
    await pause(100);
  }
  return times;
}

/** (b) save to the new text on screen, in a real page; and the page's own fetch and morph times. */
async function visibleTimes(browser, server, label) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  const open = () => page.waitForFunction(() => window.explainerLiveReload?.readyState === EventSource.OPEN);
  await open();
  const times = [], fetches = [], morphs = [], arrivals = [], after = [];
  for (let i = 0; i < EDITS; i++) {
    const marker = `(edit ${label}${i})`;
    await page.evaluate(() => performance.clearMarks());
    const start = performance.now();
    edit(`${label}${i}`);
    // Rendered text (innerText lays the section out), in the edited section: reading the whole
    // page's text at every frame would cost more than what is measured, at 1,000 sections.
    await page.waitForFunction(([id, m]) => document.getElementById(id)?.innerText.includes(m), [sectionId, marker], { polling: "raf", timeout: 20000 });
    const total = performance.now() - start;
    times.push(total);
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, m.startTime])));
    if (marks["explainer:fetched"] !== undefined) fetches.push(marks["explainer:fetched"] - marks["explainer:fetch"]);
    const from = marks["explainer:fetched"] ?? marks["explainer:event"];
    if (marks["explainer:morphed"] !== undefined && from !== undefined) morphs.push(marks["explainer:morphed"] - from);
    if (marks["explainer:event"] !== undefined) {
      const origin = await page.evaluate(() => performance.timeOrigin);
      arrivals.push(origin + marks["explainer:event"] - (performance.timeOrigin + start));
      after.push(total - (origin + marks["explainer:morphed"] - (performance.timeOrigin + start)));
    }
    await pause(150);
    await open();
  }
  await page.close();
  return { times, fetches, morphs, arrivals, after };
}

const stats = (xs) => {
  if (!xs.length) return "none seen";
  const s = [...xs].sort((a, b) => a - b);
  const median = (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
  return `median ${median.toFixed(1)} ms, min ${s[0].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};

const morphing = await serve([]);
const events = await eventTimes(morphing);
let browser = null, patched = null, reloaded = null, wholeServer = null;
if (inBrowser) {
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  patched = await visibleTimes(browser, morphing, "b");
}
morphing.child.kill();
if (inBrowser) {
  wholeServer = await serve(["--full-reload"]);
  reloaded = await visibleTimes(browser, wholeServer, "c");
  wholeServer.child.kill();
  await browser.close();
}
rmSync(root, { recursive: true, force: true });

const site = sections === null ? "bundled explainer" : `synthetic explainer of ${sections} sections`;
console.log(`explainer serve, ${site}, ${EDITS} edits each:`);
console.log(`  first build, as serve reports it:        ${morphing.firstBuild === null ? "not seen" : `${morphing.firstBuild} ms`}`);
console.log(`  rebuild, as serve reports it:            ${stats(morphing.rebuilds.slice(0, EDITS))}`);
console.log(`  save -> the event leaving serve:         ${stats(events)}`);
if (patched) {
  console.log(`  save -> new text visible, patched:       ${stats(patched.times)}`);
  console.log(`    save -> the event reaching the page:   ${stats(patched.arrivals)}`);
  console.log(`    the page fetching itself:              ${patched.fetches.length ? stats(patched.fetches) : "never (the event carried the changed sections)"}`);
  console.log(`    morphing the sections in (idiomorph):  ${stats(patched.morphs)}`);
  console.log(`    morphed -> new text laid out, seen:    ${stats(patched.after)}`);
  console.log(`  save -> new text visible, full reload:   ${stats(reloaded.times)}`);
}
