// @ts-check
// The last step of `npm run build`: bundles what tsc wrote to dist/ into the two entry points that
// package.json names, dist/src/index.js (the plugin) and dist/src/cli/bin.js (uv-ci-lint), with the
// code they share in chunks beside them, and removes tsc's per-module JavaScript (its .d.ts files stay:
// they are the package's types). Node loads a hundred small ES modules one by one; loading them as
// a handful of files took about 75 ms of CPU time off every process that imports the plugin
// (docs/performance.md#loading-the-plugin). Packages stay outside the bundle, installed and shared
// as npm installs them, and the bundle is not minified, so a stack trace still reads.
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const SOURCE_ROOT = path.join(DIST, "src");
const STAGING = path.join(DIST, ".bundle");

rmSync(STAGING, { recursive: true, force: true });
await build({
  entryPoints: [path.join(SOURCE_ROOT, "index.js"), path.join(SOURCE_ROOT, "cli", "bin.js")],
  outbase: SOURCE_ROOT,
  outdir: STAGING,
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20.19",
  // Every package, Node's own and npm's, is imported as it is: only our modules are bundled.
  packages: "external",
  logLevel: "warning",
});

// tsc's JavaScript is replaced by the bundle; its declarations stay.
for (const entry of readdirSync(DIST, { recursive: true, withFileTypes: true })) {
  const file = path.join(entry.parentPath, entry.name);
  if (entry.isFile() && entry.name.endsWith(".js") && !file.startsWith(STAGING + path.sep)) rmSync(file);
}
for (const entry of readdirSync(STAGING, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const from = path.join(entry.parentPath, entry.name);
  const to = path.join(SOURCE_ROOT, path.relative(STAGING, from));
  mkdirSync(path.dirname(to), { recursive: true });
  renameSync(from, to);
}
rmSync(STAGING, { recursive: true, force: true });
