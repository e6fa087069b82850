// The published page, as a reader gets it: `explainer build` into a temporary folder, served by a
// tiny static server on 127.0.0.1 under a sub-path (/iraq-explainer/), with no live-reload script.
// `breakSite` applies one of the deliberately broken fixtures (broken.mjs) to such a build.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const SUB_PATH = "/iraq-explainer/";
export const REPO = resolve(fileURLToPath(import.meta.url), "../../..");

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json", ".xml": "application/atom+xml",
  ".txt": "text/plain", ".woff2": "font/woff2", ".webp": "image/webp", ".jpg": "image/jpeg",
};

/** Serves `dir` at http://127.0.0.1:PORT/iraq-explainer/ (404.html for anything missing). */
function staticServer(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    let file = null;
    if (path.startsWith(SUB_PATH)) {
      const rel = normalize(path.slice(SUB_PATH.length) || ".");
      if (!rel.startsWith("..")) {
        file = join(dir, rel);
        try { if (statSync(file).isDirectory()) file = join(file, "index.html"); } catch { file = null; }
        try { statSync(file); } catch { file = null; }
      }
    }
    if (!file) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      try { res.end(readFileSync(join(dir, "404.html"))); } catch { res.end("not found"); }
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

/** Builds the repository's explainer for a sub-path address and serves it. */
export function publishedSite() {
  return staticSite(REPO);
}

/** Builds the explainer at `root` for a sub-path address and serves it. */
export async function staticSite(root) {
  const out = mkdtempSync(join(tmpdir(), "explainer-published-"));
  const server = await staticServer(out);
  const url = `http://127.0.0.1:${server.address().port}${SUB_PATH}`;
  const run = spawnSync(process.env.EXPLAINER_BIN,
    ["build", "--root", root, "--output", out, "--base-url", url], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`explainer build failed:\n${run.stderr}`);
  return {
    url,
    dir: out,
    stop: () => { server.close(); rmSync(out, { recursive: true, force: true }); },
  };
}
