// An open page follows each save (patched in place: serve_morph.mjs checks what that keeps), never
// shows a 404 or a half-written page, shows a broken save as an overlay over the last good page and
// clears it when fixed, and restyles without a reload when only the stylesheet changed.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, copyFixture, serve, check } from "./lib.mjs";

const site = copyFixture("basic");
// The site's own copy of the stylesheet, so that a CSS edit is a change to a file that already exists.
mkdirSync(join(site.root, "static"));
cpSync("static/style.css", join(site.root, "static/style.css"));
const server = await serve(site.root);
const browser = await launch();
const failures = [];
try {
  const page = await browser.newPage();
  const problems = [];
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()} ${m.location().url}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // Every document the tab shows must be whole: heading, footer, styles applied.
  const documents = [];
  page.on("load", async () => {
    try {
      documents.push(await page.evaluate(() => ({
        whole: !!document.querySelector("h1") && !!document.querySelector("footer.site-footer"),
        styled: getComputedStyle(document.body).backgroundColor !== "rgba(0, 0, 0, 0)",
      })));
    } catch { /* navigated away while asking: the next load is checked */ }
  });

  await page.goto(server.url);
  // Saves are announced to connected pages only: wait until this page's event stream is open.
  await page.waitForFunction(() => window.explainerLiveReload?.readyState === EventSource.OPEN);
  const file = join(site.root, "content/what-happened.md");
  const original = readFileSync(file, "utf8");
  const withText = (text) => original.replace("It happened on a Monday", text);
  const waitFor = (text) => page.waitForFunction((t) => document.body.innerText.includes(t), text, { timeout: 10000 }).catch((e) => { throw new Error(`waiting for "${text}": ${e.message}`); });
  // Each version the tab shows must be whole too, whether it came by a reload or a patch.
  const shows = async (text) => {
    await waitFor(text);
    documents.push(await page.evaluate(() => ({
      whole: !!document.querySelector("h1") && !!document.querySelector("footer.site-footer"),
      styled: getComputedStyle(document.body).backgroundColor !== "rgba(0, 0, 0, 0)",
    })));
  };

  for (let i = 1; i <= 5; i++) {
    writeFileSync(file, withText(`Edit number ${i} arrived`));
    await shows(`Edit number ${i} arrived`);
  }

  // A burst of saves, as some editors make: the page settles on the last one.
  for (let i = 1; i <= 8; i++) {
    writeFileSync(file, withText(`Burst save ${i}`));
    await new Promise((r) => setTimeout(r, 10));
  }
  await shows("Burst save 8");

  // A broken save: the overlay appears over the last good page, with the place of the problem.
  writeFileSync(file, original.replace("weight: 10", "wieght: 10"));
  await page.waitForSelector("#explainer-build-error", { timeout: 10000 });
  const overlay = await page.textContent("#explainer-build-error");
  check(overlay.includes("content/what-happened.md:3:1: error: unknown field `wieght`"), `overlay text: ${overlay}`);
  check(await page.isVisible("text=Burst save 8"), "the last good page stays underneath the overlay");

  // Fixing the file removes the overlay by itself.
  writeFileSync(file, withText("Fixed and back"));
  await shows("Fixed and back");
  check(await page.$("#explainer-build-error") === null, "the overlay is gone after the fix");

  // A stylesheet-only change restyles the open page without reloading it.
  const loadsBefore = documents.length;
  const css = join(site.root, "static/style.css");
  writeFileSync(css, readFileSync(css, "utf8") + "\nbody { background-color: rgb(1, 2, 3); }\n");
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)", null, { timeout: 10000 });
  check(documents.length === loadsBefore, "a CSS change does not reload the page");

  check(documents.length >= 7, `the page followed the saves (${documents.length} versions seen)`);
  const broken = documents.filter((d) => !d.whole || !d.styled);
  check(broken.length === 0, `half-written or unstyled documents: ${JSON.stringify(broken)}`);
  check(problems.length === 0, `failed requests or errors: ${problems.join(", ")}`);
} catch (err) {
  failures.push(err.message);
} finally {
  await browser.close();
  server.stop();
  site.remove();
}
if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log("serve_reload: ok");
