// Save-to-reload latency of `explainer serve` on the bundled explainer: 20 edits to a content file,
// each timed from the moment the file is written to (a) the live-reload event reaching a listener and
// (b) the reloaded page, with the new text, finishing loading in Chromium. Prints median, min and max.
// Usage: cargo build --release && node scripts/bench-reload.mjs [path/to/explainer]
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const EDITS = 20;
const bin = resolve(process.argv[2] || "target/release/explainer");
const root = mkdtempSync(join(tmpdir(), "explainer-bench-"));
for (const dir of ["content", "templates", "static"]) cpSync(dir, join(root, dir), { recursive: true });
const file = join(root, "content/what-happened.md");
const original = readFileSync(file, "utf8");
const edit = (i) => writeFileSync(file, original.replace("met in the Oval", `met (edit ${i}) in the Oval`));

const server = spawn(bin, ["serve", "--root", root, "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
const url = await new Promise((done) => {
  createInterface({ input: server.stdout }).on("line", (line) => {
    const m = line.match(/^Serving the explainer at (\S+)/);
    if (m) done(m[1]);
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

// (b) a real page in Chromium.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
await page.goto(url);
await page.waitForFunction(() => window.explainerLiveReload?.readyState === EventSource.OPEN);
const loads = [];
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
server.kill();
rmSync(root, { recursive: true, force: true });

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const median = (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
  return `median ${median.toFixed(1)} ms, min ${s[0].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};
console.log(`explainer serve, bundled explainer, ${EDITS} edits each:`);
console.log(`  save -> reload event:               ${stats(reloads)}`);
console.log(`  save -> new page loaded in Chromium: ${stats(loads)}`);
