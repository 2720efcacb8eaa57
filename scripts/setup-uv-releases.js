#!/usr/bin/env node
// Writes src/workflow/setup-uv-releases.generated.ts, the table of astral-sh/setup-uv's tags that
// the rules read (docs/architecture.md, "setup-uv's releases"), from a clone of setup-uv:
//
//   git clone --bare https://github.com/astral-sh/setup-uv /tmp/setup-uv.git
//   node scripts/setup-uv-releases.js /tmp/setup-uv.git [--check]
//
// For every tag it reads, at the tag's commit: the cache key that `computeKeys` returns in
// src/cache/restore-cache.ts (CACHE_VERSION filled in, every other part named), the defaults of
// `enable-cache` and `prune-cache` in action.yml, the newest uv version in
// src/download/checksum/known-checksums.ts, and whether src/download/checksum/checksum.ts installs
// a version missing from that list unverified. A key part it does not know stops it: read the new
// restore-cache.ts and extend KEY_PARTS. --check compares instead of writing (exit 1 on a difference).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { getStaticYAMLValue, parseYAML } from "yaml-eslint-parser";

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "workflow", "setup-uv-releases.generated.ts");
const REPOSITORY = "https://github.com/astral-sh/setup-uv";
const TAG = /^v\d+(?:\.\d+){0,2}$/;
const VERSION = /^\d+\.\d+\.\d+$/;

/**
 * What each interpolation in the key stands for, found from the expression or, for a local
 * `const`, from its initializer. The first pattern that matches wins; `version` as a parameter of
 * computeKeys is the uv version (restoreCache(setupResult.version), v1 to v5.0.1).
 */
const KEY_PARTS = [
  [/^getArch\(\)$/, "arch"],
  [/getPlatform\(\)|^platform$/, "platform"],
  [/getOSNameVersion\(\)/, "os"],
  [/pythonVersion|getPythonVersion/, "python"],
  [/pruneCache/, "pruned"],
  [/cachePython/, "cache-python"],
  [/cacheSuffix/, "suffix"],
  [/^cacheDependencyPathHash$/, "glob-hash"],
  [/^param:version$/, "uv-version"],
];

const [gitDir, ...flags] = process.argv.slice(2);
if (!gitDir) {
  console.error("Usage: node scripts/setup-uv-releases.js <git dir of a setup-uv clone> [--check]");
  process.exit(2);
}
const git = (...args) => execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const show = (commit, path) => git("show", `${commit}:${path}`);

/** `v1.2.3` as numbers; `v7` as [7, Infinity, Infinity], so that a floating tag sorts after its releases. */
const tagKey = (tag) => {
  const parts = tag.slice(1).split(".").map(Number);
  while (parts.length < 3) parts.push(Infinity);
  return parts;
};
const compareNumbers = (a, b) => a.findIndex((value, index) => value !== b[index]);
const compareTags = (a, b) => {
  const [x, y] = [tagKey(a), tagKey(b)];
  const at = compareNumbers(x, y);
  return at < 0 ? 0 : x[at] - y[at];
};
const compareVersions = (a, b) => compareTags(`v${a}`, `v${b}`);

/** The key template of `computeKeys` with every part named: `setup-uv-2-{arch}-{platform}-…`. */
function keyFormat(source, tag) {
  const file = ts.createSourceFile("restore-cache.ts", source, ts.ScriptTarget.Latest, true);
  let cacheVersion = null;
  let computeKeys = null;
  file.forEachChild((node) => {
    if (ts.isVariableStatement(node)) {
      for (const declaration of node.declarationList.declarations) {
        if (declaration.name.getText() === "CACHE_VERSION" && declaration.initializer && ts.isStringLiteral(declaration.initializer)) cacheVersion = declaration.initializer.text;
      }
    }
    if (ts.isFunctionDeclaration(node) && node.name?.text === "computeKeys") computeKeys = node;
  });
  if (cacheVersion === null || computeKeys === null) throw new Error(`${tag}: no CACHE_VERSION or computeKeys in src/cache/restore-cache.ts`);
  const locals = new Map();
  const templates = [];
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.initializer) locals.set(node.name.getText(), node.initializer.getText());
    if (ts.isReturnStatement(node) && node.expression && ts.isTemplateExpression(node.expression)) templates.push(node.expression);
    ts.forEachChild(node, visit);
  };
  visit(computeKeys.body);
  const parameters = new Set(computeKeys.parameters.map((parameter) => parameter.name.getText()));
  if (templates.length !== 1) throw new Error(`${tag}: computeKeys has ${templates.length} template returns, expected 1`);
  const [template] = templates;
  let format = template.head.text;
  for (const span of template.templateSpans) {
    const expression = span.expression.getText();
    let part;
    if (expression === "CACHE_VERSION") part = cacheVersion;
    else {
      const meaning = expression === "cacheDependencyPathHash" ? expression : locals.has(expression) ? locals.get(expression) : parameters.has(expression) ? `param:${expression}` : expression;
      const known = KEY_PARTS.find(([pattern]) => pattern.test(meaning) || pattern.test(expression));
      if (!known) throw new Error(`${tag}: unknown cache key part \${${expression}} (${meaning}); read src/cache/restore-cache.ts and extend KEY_PARTS`);
      part = `{${known[1]}}`;
    }
    format += part + span.literal.text;
  }
  return format;
}

/** An input's default in action.yml as text; null when the input does not exist. */
function inputDefault(actionYml, name) {
  const inputs = getStaticYAMLValue(parseYAML(actionYml))?.inputs ?? {};
  if (!(name in inputs)) return null;
  const value = inputs[name]?.default;
  return value === undefined || value === null ? "" : String(value);
}

/**
 * Whether the release installs a uv version missing from KNOWN_CHECKSUMS without verifying it:
 * `validateChecksum(checksum, downloadPath, arch, platform, version)` returns after a debug line
 * ("No checksum found for …") when neither the `checksum` input nor the list has one (v1.0.0 …
 * v10.0.1). A release whose function takes other parameters (setup-uv#1033 adds the manifest's
 * checksum as a fallback) gets false, so that no rule claims it skips the check.
 */
function skipsUnlistedUv(source) {
  const file = ts.createSourceFile("checksum.ts", source, ts.ScriptTarget.Latest, true);
  const validate = file.statements.find((node) => ts.isFunctionDeclaration(node) && node.name?.text === "validateChecksum");
  const parameters = validate?.parameters.map((parameter) => parameter.name.getText().toLowerCase()).join(",");
  return parameters === "checksum,downloadpath,arch,platform,version" && /No (known )?checksum found for/.test(validate.getText());
}

/** The newest uv version with a checksum in KNOWN_CHECKSUMS. */
function newestKnownUv(source, tag) {
  const versions = Array.from(source.matchAll(/["']([\w.-]+?)-(\d+\.\d+\.\d+)["']\s*:/g), (match) => match[2]);
  if (versions.length === 0) throw new Error(`${tag}: no checksums in src/download/checksum/known-checksums.ts`);
  return versions.sort(compareVersions).at(-1);
}

const tags = git("tag", "--list")
  .split("\n")
  .filter((tag) => TAG.test(tag))
  .sort(compareTags);
const head = git("rev-parse", "HEAD").trim();
const headDate = git("log", "-1", "--format=%cs", head).trim();
const rows = tags.map((tag) => {
  const sha = git("rev-parse", `${tag}^{commit}`).trim();
  const actionYml = show(sha, "action.yml");
  const pruneDefault = inputDefault(actionYml, "prune-cache");
  const enableDefault = inputDefault(actionYml, "enable-cache");
  if (enableDefault === null) throw new Error(`${tag}: action.yml has no enable-cache input`);
  if (pruneDefault !== null && !["true", "false"].includes(pruneDefault)) throw new Error(`${tag}: prune-cache defaults to ${pruneDefault}`);
  const newest = newestKnownUv(show(sha, "src/download/checksum/known-checksums.ts"), tag);
  if (!VERSION.test(newest)) throw new Error(`${tag}: ${newest} is not X.Y.Z`);
  return {
    tag,
    sha,
    keyFormat: keyFormat(show(sha, "src/cache/restore-cache.ts"), tag),
    pruneCacheDefault: pruneDefault === null ? null : pruneDefault === "true",
    enableCacheDefault: enableDefault,
    newestKnownUv: newest,
    skipsUnlistedUv: skipsUnlistedUv(show(sha, "src/download/checksum/checksum.ts")),
  };
});

const text = `// Generated by scripts/setup-uv-releases.js from ${REPOSITORY} at ${head} (${headDate}): do not edit.
// How to refresh it: docs/architecture.md, "setup-uv's releases".
import type { SetupUvReleaseTable } from "./setup-uv-release.js";

export const SETUP_UV_RELEASES: SetupUvReleaseTable = {
  source: { repository: ${JSON.stringify(REPOSITORY)}, commit: ${JSON.stringify(head)}, date: ${JSON.stringify(headDate)} },
  tags: [
${rows.map((row) => `    { ${Object.entries(row).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ")} },`).join("\n")}
  ],
};
`;

if (flags.includes("--check")) {
  const current = readFileSync(OUTPUT, "utf8");
  if (current !== text) {
    console.error(`${OUTPUT} differs from what ${gitDir} gives: run without --check to rewrite it.`);
    process.exit(1);
  }
  console.log(`${OUTPUT} is up to date (${rows.length} tags).`);
} else {
  writeFileSync(OUTPUT, text);
  console.log(`Wrote ${rows.length} tags of setup-uv at ${head} to ${OUTPUT}.`);
}
