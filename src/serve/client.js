// The live-reload client `explainer serve` adds to every page it previews (never to `build`'s).
// On a save, the page fetches itself again and morphs the document in place with idiomorph, so the
// scroll position, focus and open <details> stay as they were; when one section or event changed,
// it is brought into view and flashed. A change to the scripts in <head> reloads the page; a
// stylesheet change swaps the stylesheet; a picture change refreshes that picture.
// The server fills in the number of the build the page comes from, and the two choices below.
(() => {
  let built = __BUILD__;
  const morphing = __MORPH__ && typeof Idiomorph !== "undefined";
  const follow = __FOLLOW__;
  const overlayId = "explainer-build-error";
  const ours = (node) => node.nodeType === 1 && node.id && node.id.startsWith("explainer-");

  const showError = (text) => {
    let box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:70vh;overflow:auto;z-index:2147483647;background:#1b1b1b;color:#fff;border:3px solid #e0533d;border-radius:6px;padding:1rem;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 8px 32px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    const title = document.createElement("strong");
    title.textContent = "The page could not be rebuilt. It shows the last good version until you fix this:";
    const pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:.75rem 0 0";
    pre.textContent = text;
    box.append(title, pre);
  };

  const fresh = async () => {
    const response = await fetch(location.href, { cache: "no-store" });
    return new DOMParser().parseFromString(await response.text(), "text/html");
  };

  const swapStyles = async () => {
    const page = await fresh();
    const old = [...document.querySelectorAll('link[rel="stylesheet"]')];
    for (const link of page.querySelectorAll('link[rel="stylesheet"]')) {
      const next = document.createElement("link");
      next.rel = "stylesheet";
      next.href = link.href + (link.href.includes("?") ? "&" : "?") + "reload=" + Date.now();
      await new Promise((done) => { next.onload = next.onerror = done; document.head.appendChild(next); });
    }
    old.forEach((link) => link.remove());
  };

  // Pictures whose file changed: each is loaded again, nothing else.
  const refreshPictures = (paths) => {
    for (const img of document.querySelectorAll("img[src]")) {
      const src = new URL(img.getAttribute("src"), location.href);
      if (paths.includes(src.pathname)) {
        src.searchParams.set("reload", Date.now());
        img.src = src.href;
      }
    }
  };

  // The sections and events whose words changed (or, when none did, whose markup changed).
  const parts = "main section[id], .timeline > li[id]";
  const changedParts = (fresh) => {
    const byText = [], byMarkup = [];
    const candidates = [...(fresh.matches?.(parts) ? [fresh] : []), ...fresh.querySelectorAll(parts)];
    for (const next of candidates) {
      const now = document.getElementById(next.id);
      if (!now) continue;
      if (now.textContent !== next.textContent) byText.push(next.id);
      else if (now.innerHTML !== next.innerHTML) byMarkup.push(next.id);
    }
    const ids = byText.length ? byText : byMarkup;
    // The innermost: an event, not also the timeline section around it.
    const inside = (outer, inner) => outer !== inner && document.getElementById(outer)?.contains(document.getElementById(inner));
    return ids.filter((id) => !ids.some((other) => inside(id, other)));
  };

  const reducedMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;
  const showEdit = (id) => {
    const part = document.getElementById(id);
    if (!part) return;
    const box = part.getBoundingClientRect();
    if (box.bottom < 0 || box.top > innerHeight) {
      part.scrollIntoView({ block: "center", behavior: reducedMotion() ? "instant" : "smooth" });
    }
    const ring = [{ outline: "3px solid #f5a623", outlineOffset: "4px" }, { outline: "3px solid transparent", outlineOffset: "4px" }];
    // With reduced motion the mark appears and goes, without fading.
    part.animate(ring, { duration: 1200, easing: reducedMotion() ? "step-end" : "ease-out" });
  };

  const options = {
    head: { style: "merge" },
    // What the reader is typing in a field stays.
    ignoreActiveValue: true,
    callbacks: {
      // This script, idiomorph's and the error box are the preview's, not the page's.
      beforeNodeMorphed: (node) => !ours(node),
      beforeNodeRemoved: (node) => !(ours(node) && node.localName === "script"),
      beforeNodeAdded: (node) => !(ours(node) && node.localName === "script"),
      // A <details> the reader opened stays open.
      beforeAttributeUpdated: (name, node) => !(name === "open" && node.localName === "details"),
    },
  };

  // A build that changed only sections sends each page the new HTML of those: they are morphed in
  // one by one, and the rest of the page is not touched. A page with no entry fetches itself.
  const here = () => location.pathname.replace(/index\.html$/, "");
  const patch = (data) => {
    const sections = data.pages[here()];
    if (!morphing || !sections) return update();
    const fresh = sections.map((html) => {
      const template = document.createElement("template");
      template.innerHTML = html;
      return template.content.firstElementChild;
    }).filter((el) => el && el.id && document.getElementById(el.id));
    if (fresh.length < sections.length) return update();
    const changed = follow ? fresh.flatMap(changedParts) : [];
    for (const el of fresh) Idiomorph.morph(document.getElementById(el.id), el, options);
    // The build is good: an error shown over the page is over.
    document.getElementById(overlayId)?.remove();
    performance.mark("explainer:morphed");
    if (changed.length === 1) showEdit(changed[0]);
  };

  const scriptsOf = (head) => [...head.querySelectorAll("script")].map((s) => s.src + s.textContent).join("\n");

  let running = null, again = false;
  const update = async () => {
    if (!morphing) { location.reload(); return; }
    if (running) { again = true; return running; }
    running = (async () => {
      do {
        again = false;
        performance.mark("explainer:fetch");
        const page = await fresh();
        performance.mark("explainer:fetched");
        if (scriptsOf(page.head) !== scriptsOf(document.head)) { location.reload(); return; }
        const changed = follow ? changedParts(page) : [];
        Idiomorph.morph(document.documentElement, page.documentElement, options);
        performance.mark("explainer:morphed");
        if (changed.length === 1) showEdit(changed[0]);
      } while (again);
    })().finally(() => { running = null; });
    return running;
  };

  const events = new EventSource("/__explainer/events");
  window.explainerLiveReload = events;
  const newer = (data) => { const n = Number(data); if (n > built) { built = n; return true; } return false; };
  events.addEventListener("reload", (e) => { if (newer(e.data)) update().catch(() => location.reload()); });
  events.addEventListener("patch", (e) => {
    performance.mark("explainer:event");
    const data = JSON.parse(e.data);
    // A page more than one build behind has missed a patch: it fetches itself instead.
    const next = built + 1 === data.build;
    if (!newer(data.build)) return;
    // While the page is fetching itself, the fetch is run again instead: it brings this build too.
    if (running) { again = true; return; }
    Promise.resolve(next ? patch(data) : update()).catch(() => location.reload());
  });
  // Sent on every (re)connection: a build finished while this page was loading or disconnected.
  events.addEventListener("hello", (e) => { if (newer(e.data)) update().catch(() => location.reload()); });
  events.addEventListener("css", () => { if (morphing) swapStyles().catch(() => location.reload()); else location.reload(); });
  events.addEventListener("pictures", (e) => { if (morphing) refreshPictures(JSON.parse(e.data)); else location.reload(); });
  events.addEventListener("build-error", (e) => showError(JSON.parse(e.data)));
})();
