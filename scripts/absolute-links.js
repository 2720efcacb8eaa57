// Rewrites relative Markdown links in README.md and docs/ that point outside the npm package (src/,
// rules/, test/, scripts/, examples/, …) to the repository on GitHub, so that they work where the
// packed docs are read (npm, an installed package). test/pack.test.ts checks every link.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REPOSITORY = "https://github.com/uv-ci/eslint-plugin-uv-ci";
const PACKED = ["docs", "README.md", "LICENSE", "dist"];

const markdown = ["README.md", ...readdirSync(join(ROOT, "docs"), { recursive: true }).map((file) => join("docs", String(file)))].filter((file) => file.endsWith(".md"));
for (const file of markdown) {
  const text = readFileSync(join(ROOT, file), "utf8");
  const rewritten = text.replace(/\]\((?!https?:|#|mailto:)([^)\s]+)\)/g, (link, target) => {
    const [path, anchor] = target.split("#");
    const absolute = resolve(ROOT, dirname(file), path);
    const inRepository = relative(ROOT, absolute);
    if (inRepository.startsWith("..") || PACKED.some((packed) => inRepository === packed || inRepository.startsWith(`${packed}/`))) return link;
    const kind = existsSync(absolute) && statSync(absolute).isDirectory() ? "tree" : "blob";
    return `](${REPOSITORY}/${kind}/main/${inRepository}${anchor === undefined ? "" : `#${anchor}`})`;
  });
  if (rewritten !== text) {
    writeFileSync(join(ROOT, file), rewritten);
    console.log(`rewrote links in ${file}`);
  }
}
