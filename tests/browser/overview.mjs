// The timeline at a glance: one mark per event, each a link to its event, placed by its date on one
// axis (first to last, in the edition's reading direction), no two marks on top of each other, each
// big enough for a finger, and each showing its date and headline when focused.
import { INSTANT_SCROLL, watchedPage } from "./checks.mjs";

/** In the page: the marks and the events, measured. */
function measure() {
  const strip = document.querySelector(".overview-strip");
  if (!strip) return null;
  const s = strip.getBoundingClientRect();
  const events = [...document.querySelectorAll("ol.timeline > li[id]")].map((li) => ({
    id: li.id,
    date: li.querySelector("h3 time")?.getAttribute("datetime") || "",
  }));
  const marks = [...strip.querySelectorAll(".overview-marks a")].map((a, i) => {
    const r = a.getBoundingClientRect();
    a.dataset.mark = String(i);
    return {
      key: String(i),
      target: a.getAttribute("href").slice(1),
      name: a.textContent.trim(),
      x: r.left - s.left + r.width / 2,
      box: { left: r.left - s.left, right: r.right - s.left, top: r.top - s.top, bottom: r.bottom - s.top },
    };
  });
  return { events, marks, width: s.width, rtl: document.dir === "rtl" };
}

/** Text without the colon between date and headline, and with single spaces. */
const plain = (text) => text.replace(/:/g, " ").replace(/\s+/g, " ").trim();

/** Days since 1970 of an ISO date (`2021-07-26`, `2021-07`, `2021`, or with a time). */
function day(iso) {
  const [y, m = "07", d = "01"] = iso.slice(0, 10).split("-");
  return Date.UTC(+y, +m - 1, +d) / 86400000;
}

export async function overviewProblems(browser, url, { width = 1280, height = 800 } = {}) {
  const { context, page } = await watchedPage(browser, { viewport: { width, height } });
  const problems = [];
  const at = `${width}px`;
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.addStyleTag({ content: INSTANT_SCROLL });
    const m = await page.evaluate(measure);
    if (!m) return [`${at}: no timeline overview (.overview-strip)`];
    const byTarget = new Map(m.marks.map((mark) => [mark.target, mark]));
    for (const event of m.events) {
      if (!byTarget.has(event.id)) problems.push(`${at}: no mark for the event #${event.id}`);
    }
    const ids = new Set(m.events.map((e) => e.id));
    for (const mark of m.marks) {
      if (!ids.has(mark.target)) problems.push(`${at}: the mark "${mark.name}" links to no event (#${mark.target})`);
      const { left, right, top, bottom } = mark.box;
      if (right - left < 24 || bottom - top < 24) problems.push(`${at}: the mark "${mark.name}" is smaller than 24×24 px`);
    }
    // No two marks overlap (half a pixel allowed for rounding).
    for (let i = 0; i < m.marks.length; i++) {
      for (let j = i + 1; j < m.marks.length; j++) {
        const [a, b] = [m.marks[i].box, m.marks[j].box];
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
          && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
        if (overlap) problems.push(`${at}: the marks "${m.marks[i].name}" and "${m.marks[j].name}" overlap`);
      }
    }
    // Time-scaled: each mark's place along the strip is its date's place between the first and last.
    const dated = m.events.filter((e) => e.date && byTarget.has(e.id)).map((e) => ({ ...e, t: day(e.date), mark: byTarget.get(e.id) }));
    if (dated.length >= 2) {
      const [first, last] = [dated[0], dated[dated.length - 1]];
      const span = last.t - first.t;
      const run = last.mark.x - first.mark.x;
      if (span > 0 && (m.rtl ? run >= 0 : run <= 0)) problems.push(`${at}: the marks do not run ${m.rtl ? "right to left" : "left to right"} from the first date to the last`);
      for (const e of dated) {
        const expected = first.mark.x + run * (e.t - first.t) / span;
        if (Math.abs(e.mark.x - expected) > Math.max(3, m.width * 0.01)) {
          problems.push(`${at}: the mark for ${e.date} is ${Math.round(e.mark.x - expected)} px from its date's place`);
        }
      }
    }
    // Keyboard: each mark, focused, is in view, shows a focus ring and its date and headline.
    await page.keyboard.press("Tab");
    for (const mark of m.marks) {
      await page.locator(`[data-mark="${mark.key}"]`).focus();
      const seen = await page.evaluate((key) => {
        const a = document.querySelector(`[data-mark="${key}"]`);
        const r = a.getBoundingClientRect();
        const scroller = a.closest(".overview-scroll").getBoundingClientRect();
        const label = a.parentElement.querySelector(".overview-label");
        const l = label?.getBoundingClientRect();
        const style = getComputedStyle(a);
        return {
          inView: r.left >= scroller.left - 1 && r.right <= scroller.right + 1 && r.top >= 0 && r.bottom <= innerHeight,
          ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
          label: label && label.checkVisibility() ? label.textContent.trim() : "",
          labelInStrip: l ? l.left >= scroller.left - 1 && l.right <= scroller.right + 1 : false,
        };
      }, mark.key);
      const where = `${at}: the mark "${mark.name}"`;
      if (!seen.inView) problems.push(`${where}, focused, is not scrolled into view`);
      if (!seen.ring) problems.push(`${where}, focused, shows no focus ring`);
      if (!seen.label) problems.push(`${where}, focused, shows no label`);
      else if (plain(seen.label) !== plain(mark.name)) problems.push(`${where}: its label "${seen.label}" is not its event`);
      else if (!seen.labelInStrip) problems.push(`${where}: its label is cut off at the edge of the strip`);
    }
    // Enter follows the last mark to its event.
    const lastMark = m.marks[m.marks.length - 1];
    if (lastMark) {
      await page.locator(`[data-mark="${lastMark.key}"]`).focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction((id) => location.hash === `#${id}`, lastMark.target, { timeout: 2000 }).catch(() => {});
      const arrived = await page.evaluate((id) => {
        const el = document.getElementById(id);
        const r = el?.getBoundingClientRect();
        return location.hash === `#${id}` && r && r.top >= 0 && r.top < innerHeight;
      }, lastMark.target);
      if (!arrived) problems.push(`${at}: Enter on the last mark does not bring its event into view`);
    }
    console.log(`${at}: ${m.marks.length} marks for ${m.events.length} events`);
    return problems;
  } finally {
    await context.close();
  }
}
