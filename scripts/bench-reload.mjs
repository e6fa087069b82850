// Save-to-reload latency of `explainer serve`: 20 edits to a content file, each timed from the moment
// the file is written to (a) the live-reload event reaching a listener and (b) the reloaded page, with
// the new text, finishing loading in Chromium. Prints median, min and max, and the rebuild times
// `serve` itself reports ("Rebuilt in N ms").
// Usage: cargo build --release && node scripts/bench-reload.mjs [path/to/explainer]
//
// With `--sections N`, the site is a synthetic explainer of N sections (written by the `synth`
// example: `cargo build --release --example synth` first) instead of the bundled one, the edit is
// to its first section, and only (a) is measured: a page of 10,000 sections is 24 MB, and Chromium's
// time to lay it out would drown explainer's share.
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
let file, edit;
if (sections === null) {
  for (const dir of ["content", "templates", "static"]) cpSync(dir, join(root, dir), { recursive: true });
  file = join(root, "content/what-happened.md");
  const original = readFileSync(file, "utf8");
  edit = (i) => writeFileSync(file, original.replace("met in the Oval", `met (edit ${i}) in the Oval`));
} else {
  const synth = resolve(bin, "../examples/synth");
  execFileSync(synth, ["--sections", String(sections), "--events", "20", "--out", root], { stdio: "ignore" });
  file = join(root, "content/section-00000.md");
  const original = readFileSync(file, "utf8");
  edit = (i) => writeFileSync(file, `${original}\nEdited (edit ${i}).\n`);
}
const server = spawn(bin, ["serve", "--root", root, "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
const rebuilds = [];
let firstBuild = null;
const url = await new Promise((done) => {
  createInterface({ input: server.stdout }).on("line", (line) => {
    const m = line.match(/^Serving the explainer at (\S+)/);
    if (m) done(m[1]);
    const built = line.match(/^Built the page in (\d+) ms/);
    if (built) firstBuild = Number(built[1]);
    const rebuilt = line.match(/^Rebuilt in (\d+) ms/);
    if (rebuilt) rebuilds.push(Number(rebuilt[1]));
  });
});

// (a) the event stream, read directly.
const reloads = [];
let waiting = null;
request(new URL("/__explainer/events", url), (res) => {
  res.setEncoding("utf8");
  res.on("data", (chunk) => {
    if (chunk.includes("event: reload") && waiting) { waiting(); waiting = null; }
  });
}).end();
await new Promise((r) => setTimeout(r, 300));
for (let i = 0; i < EDITS; i++) {
  const got = new Promise((done) => { waiting = done; });
  const start = performance.now();
  edit(`a${i}`);
  await got;
  reloads.push(performance.now() - start);
  await new Promise((r) => setTimeout(r, 100));
}

// (b) a real page in Chromium (bundled explainer only).
const loads = [];
if (sections === null) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage();
  await page.goto(url);
  // Saves are announced to connected pages only: wait until this page's event stream is open.
  await page.waitForFunction(() => window.explainerLiveReload?.readyState === EventSource.OPEN);
  for (let i = 0; i < EDITS; i++) {
    const marker = `(edit b${i})`;
    const loaded = page.waitForEvent("load");
    const start = performance.now();
    edit(`b${i}`);
    await loaded;
    await page.waitForFunction((m) => document.body.innerText.includes(m), marker);
    loads.push(performance.now() - start);
    await page.waitForTimeout(100);
  }
  await browser.close();
}
server.kill();
rmSync(root, { recursive: true, force: true });

const stats = (xs) => {
  if (!xs.length) return "none seen";
  const s = [...xs].sort((a, b) => a - b);
  const median = (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
  return `median ${median.toFixed(1)} ms, min ${s[0].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};
const site = sections === null ? "bundled explainer" : `synthetic explainer of ${sections} sections`;
console.log(`explainer serve, ${site}, ${EDITS} edits each:`);
console.log(`  first build, as serve reports it:   ${firstBuild === null ? "not seen" : `${firstBuild} ms`}`);
console.log(`  save -> reload event:               ${stats(reloads)}`);
console.log(`  rebuild, as serve reports it:       ${stats(rebuilds.slice(0, EDITS))}`);
if (loads.length) console.log(`  save -> new page loaded in Chromium: ${stats(loads)}`);
