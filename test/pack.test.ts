import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, relative, sep } from "node:path";
import type { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, readTree, RECOMMENDED_CONFIG, writeFiles } from "./helpers/cli.js";

/**
 * The package as npm publishes it: `npm pack`, then `npm install` of the tarball with ESLint from
 * the registry into an empty project, where `eslint` and `uv-ci-lint` lint a copy of the example.
 * `npm test` builds dist/ first; packing here skips `prepack` so it never rebuilds under other tests.
 */

const MANIFEST = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
  peerDependencies: Record<string, string>;
  repository: { url: string };
};
/** The lowest ESLint the peer range admits (`^10.2.0` → `10.2.0`): the packed plugin is tested there. */
const ESLINT_FLOOR = /^\^(\d+\.\d+\.\d+)$/.exec(MANIFEST.peerDependencies.eslint!)![1]!;
/** Where a link to a file the package does not hold must point: the file in the repository on GitHub. */
const REPOSITORY_URL = MANIFEST.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
const EXAMPLE = join(PROJECT_ROOT, "examples", "uv-project");
const NPM_ENV = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };

function run(command: string, args: string[], options: SpawnSyncOptions): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: "utf8", env: NPM_ENV, ...options });
  if (result.error) throw result.error;
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** What `npm pack --dry-run` would put in the tarball, as paths relative to the package root. */
function packedFiles(): string[] {
  const result = run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PROJECT_ROOT });
  expect(result.status, result.stderr).toBe(0);
  const [pack] = JSON.parse(result.stdout) as { files: { path: string }[] }[];
  return pack!.files.map((file) => file.path).sort();
}

/** The link targets of a Markdown file (`[text](target)`), without their `#fragment`; pure anchors left out. */
function linkTargets(markdown: string): string[] {
  const links = [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
  return links.filter((link) => !link.startsWith("#")).map((link) => link.replace(/#.*$/, ""));
}

/** Every file under `dir`, as paths relative to it with `/` separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((file) => file.split(sep).join("/"));
}

describe("the npm package's contents", () => {
  const files = packedFiles();

  it("holds only the built code and its types, the docs, README.md, LICENSE and package.json", () => {
    const outside = files.filter((file) => !/^(dist\/.+\.(js|d\.ts)|docs\/.+|README\.md|LICENSE|package\.json)$/.test(file));
    expect(outside).toEqual([]);
    for (const file of ["README.md", "LICENSE", "package.json", "dist/src/index.js", "dist/src/index.d.ts", "dist/src/cli/bin.js"]) {
      expect(files, file).toContain(file);
    }
  });

  it("ships dist/ for src/ and rules/ only: no tests, no TypeScript sources, no source maps, no examples", () => {
    const dist = files.filter((file) => file.startsWith("dist/"));
    expect(dist.filter((file) => !/^dist\/(src|rules)\//.test(file))).toEqual([]);
    expect(files.filter((file) => /(^|\/)(test|examples|scripts)\//.test(file) || /\.map$/.test(file) || /(?<!\.d)\.ts$/.test(file))).toEqual([]);
  });

  it("has every file that package.json and the README point to", () => {
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
      main: string;
      types: string;
      bin: Record<string, string>;
      exports: Record<string, string | Record<string, string>>;
    };
    const entryPoints = [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.bin),
      ...Object.values(manifest.exports).flatMap((entry) => (typeof entry === "string" ? [entry] : Object.values(entry))),
    ];
    for (const entry of entryPoints) expect(files, entry).toContain(posix.normalize(entry));
  });
});

describe("the packed plugin installed from its tarball into a fresh project", () => {
  let work: string | undefined;
  let project: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "uv-ci-pack-"));
    const packed = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: PROJECT_ROOT });
    expect(packed.status, packed.stderr).toBe(0);
    const { filename } = (JSON.parse(packed.stdout) as { filename: string }[])[0]!;
    project = join(work, "project");
    writeFiles(project, {
      // Outside this checkout, so nothing resolves from its node_modules.
      "package.json": `${JSON.stringify({ name: "uses-uv-ci", private: true, type: "module" }, null, 2)}\n`,
    });
    const install = run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", join(work, filename), `eslint@${ESLINT_FLOOR}`, "@eslint/js@10.0.1"],
      { cwd: project },
    );
    expect(install.status, install.stderr).toBe(0);
  }, 180_000);

  // The installed project is some 40 MB.
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function exampleCopy(withConfig: boolean): string {
    const dir = mkdtempSync(join(project, "repo-"));
    writeFiles(dir, readTree(EXAMPLE));
    rmSync(join(dir, "eslint.config.js"));
    if (withConfig) writeFileSync(join(dir, "eslint.config.js"), RECOMMENDED_CONFIG);
    return dir;
  }

  function messagesOf(stdout: string, cwd: string): { file: string; ruleId: string | null; line: number }[] {
    return (JSON.parse(stdout) as ESLint.LintResult[]).flatMap((result) =>
      result.messages.map((message) => ({ file: relative(cwd, result.filePath), ruleId: message.ruleId, line: message.line })),
    );
  }

  it("installs the plugin from the tarball, not from this checkout", () => {
    const installed = join(project, "node_modules", "eslint-plugin-uv-ci");
    expect(existsSync(join(installed, "dist", "src", "index.js"))).toBe(true);
    expect(existsSync(join(installed, "src"))).toBe(false);
    expect(existsSync(join(installed, "test"))).toBe(false);
    // ESLint at the lowest version the plugin's peer range admits.
    const eslintManifest = JSON.parse(readFileSync(join(project, "node_modules", "eslint", "package.json"), "utf8")) as { version: string };
    expect(eslintManifest.version).toBe(ESLINT_FLOOR);
  });

  it("gets at that floor ESLint's check of `meta.languages`, which the rules' casts rely on: a Dockerfile rule enabled for workflows is refused", () => {
    const dir = exampleCopy(false);
    writeFileSync(
      join(dir, "eslint.config.js"),
      `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [...uvCi.configs.recommended, { files: ["**/*.yml"], rules: { "uv-ci/dockerfile-pin-uv-image": "error" } }];\n`,
    );
    const lint = run(join(project, "node_modules", ".bin", "eslint"), ["."], { cwd: dir });
    expect(lint.status).toBe(2);
    expect(lint.stderr).toMatch(/The following rules do not support the language "yml\/yaml":\s+- "uv-ci\/dockerfile-pin-uv-image"/);
  });

  it("ships a README and docs whose links reach files in the package, or the repository's files on GitHub", () => {
    const installed = join(project, "node_modules", "eslint-plugin-uv-ci");
    const shipped = filesUnder(installed);
    const tracked = run("git", ["ls-files"], { cwd: PROJECT_ROOT }).stdout.split("\n").filter(Boolean);
    const trackedFolders = new Set(tracked.flatMap((file) => file.split("/").slice(0, -1).map((_, index, parts) => parts.slice(0, index + 1).join("/"))));
    const checked = { inPackage: 0, onGitHub: 0 };
    for (const markdown of shipped.filter((file) => file.endsWith(".md"))) {
      for (const target of linkTargets(readFileSync(join(installed, markdown), "utf8"))) {
        const where = `${markdown} → ${target}`;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
          const onGitHub = target.startsWith(`${REPOSITORY_URL}/`) ? /^\/(blob|tree)\/main\/(.+)$/.exec(target.slice(REPOSITORY_URL.length)) : null;
          if (!onGitHub) continue;
          const [, kind, path] = onGitHub;
          expect(kind === "blob" ? tracked.includes(path!) : trackedFolders.has(path!), where).toBe(true);
          checked.onGitHub++;
        } else {
          // A relative link is read in node_modules, on npm and on GitHub alike: it must stay inside the package.
          const resolved = posix.normalize(posix.join(posix.dirname(markdown), target)).replace(/\/$/, "");
          expect(shipped.some((file) => file === resolved || file.startsWith(`${resolved}/`)), where).toBe(true);
          checked.inPackage++;
        }
      }
    }
    expect(checked.inPackage).toBeGreaterThan(20);
    expect(checked.onGitHub).toBeGreaterThan(20);
  });

  it("brings no TypeScript into the project: typescript-eslint's types are a development dependency", () => {
    const packages = readdirSync(join(project, "node_modules"), { recursive: true, encoding: "utf8" });
    // Top-level packages and packages nested under another's node_modules.
    expect(packages.filter((file) => /(^|[\\/]node_modules[\\/])(typescript|@typescript-eslint)$/.test(file))).toEqual([]);
    expect(packages).toContain("eslint-plugin-yml");
  });

  it("`eslint` with configs.recommended and `uv-ci-lint` report the same findings; `uv-ci-lint --fix` fixes", () => {
    const eslintBin = join(project, "node_modules", ".bin", "eslint");
    const cliBin = join(project, "node_modules", ".bin", "uv-ci-lint");
    const withConfig = exampleCopy(true);
    const eslint = run(eslintBin, ["--format", "json", "."], { cwd: withConfig });
    expect(eslint.status, eslint.stderr).toBe(1);
    const eslintMessages = messagesOf(eslint.stdout, withConfig);
    expect(eslintMessages.length).toBeGreaterThan(0);
    expect(eslintMessages.every((message) => message.ruleId?.startsWith("uv-ci/"))).toBe(true);

    const zeroConfig = exampleCopy(false);
    const cli = run(cliBin, ["--format", "json"], { cwd: zeroConfig });
    expect(cli.status, cli.stderr).toBe(1);
    expect(messagesOf(cli.stdout, zeroConfig)).toEqual(eslintMessages);
    const projectConfig = run(cliBin, ["--format", "json"], { cwd: withConfig });
    expect(messagesOf(projectConfig.stdout, withConfig)).toEqual(eslintMessages);

    expect(eslintMessages.length).toBeGreaterThan(0);
    const fixed = run(cliBin, ["--fix", "--format", "json"], { cwd: zeroConfig });
    expect(messagesOf(fixed.stdout, zeroConfig)).toEqual([]);
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(readFileSync(join(zeroConfig, ".github/workflows/tests.yml"), "utf8")).toContain('version: "0.11.8"');
  });

  it("runs beside @eslint/js's recommended rules spread unscoped, as many JavaScript projects start: no crash, the same findings", () => {
    const eslintBin = join(project, "node_modules", ".bin", "eslint");
    const plain = exampleCopy(true);
    const withJs = exampleCopy(false);
    writeFileSync(
      join(withJs, "eslint.config.js"),
      `import js from "@eslint/js";\nimport uvCi from "eslint-plugin-uv-ci";\n\nexport default [js.configs.recommended, ...uvCi.configs.recommended];\n`,
    );
    const expected = messagesOf(run(eslintBin, ["--format", "json", "."], { cwd: plain }).stdout, plain);
    const both = run(eslintBin, ["--format", "json", "."], { cwd: withJs });
    expect(both.status, both.stderr).toBe(1);
    expect(messagesOf(both.stdout, withJs).filter((message) => message.file !== "eslint.config.js")).toEqual(expected);
  });

  it("shares the project's eslint-plugin-yml (a peer dependency): the README's example with yml's flat/recommended, at yml's lowest supported version", () => {
    const lowest = join(work!, "yml-lowest");
    writeFiles(lowest, { "package.json": `${JSON.stringify({ name: "uses-yml-and-uv-ci", private: true, type: "module" }, null, 2)}\n` });
    const tarball = readdirSync(work!).find((name) => name.endsWith(".tgz"))!;
    const install = run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(work!, tarball), `eslint@${ESLINT_FLOOR}`, "eslint-plugin-yml@3.0.0"], { cwd: lowest });
    expect(install.status, install.stderr).toBe(0);
    const readme = readFileSync(join(lowest, "node_modules", "eslint-plugin-uv-ci", "README.md"), "utf8");
    const example = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]!).find((code) => code.includes('yml.configs["flat/recommended"]'));
    expect(example).toBeDefined();
    const dir = mkdtempSync(join(lowest, "repo-"));
    writeFiles(dir, readTree(EXAMPLE));
    writeFileSync(join(dir, "eslint.config.js"), example!);
    // yml's rules still run on other YAML files.
    writeFileSync(join(dir, "settings.yml"), "key:\n");
    expect(readFileSync(join(dir, ".github", "workflows", "tests.yml"), "utf8")).toMatch(/^ +pull_request:$/m);
    const lint = run(join(lowest, "node_modules", ".bin", "eslint"), ["--format", "json", "."], { cwd: dir });
    expect(lint.stderr).not.toMatch(/Cannot redefine plugin/);
    expect(lint.status, lint.stderr).toBe(1);
    const messages = messagesOf(lint.stdout, dir);
    expect(messages.some((message) => message.ruleId?.startsWith("uv-ci/"))).toBe(true);
    // `pull_request:` with no value, the usual way to write a trigger, is no finding in a workflow.
    expect(messages.filter((message) => message.ruleId === "yml/no-empty-mapping-value")).toEqual([{ file: "settings.yml", ruleId: "yml/no-empty-mapping-value", line: 1 }]);
  });

  it("loads through CommonJS `require` as well (Node >= 20.19 requires ES modules), with the same plugin as `import`", () => {
    const script = [
      'const uvCi = require("eslint-plugin-uv-ci").default;',
      'import("eslint-plugin-uv-ci").then(({ default: imported }) => {',
      "  console.log(JSON.stringify({ same: uvCi === imported, name: uvCi.meta.name, configs: Object.keys(uvCi.configs) }));",
      "});",
    ].join("\n");
    const required = run(process.execPath, ["-e", script], { cwd: project });
    expect(required.status, required.stderr).toBe(0);
    expect(JSON.parse(required.stdout)).toEqual({ same: true, name: "eslint-plugin-uv-ci", configs: ["recommended", "strict"] });
  });

  it("leaves a project whose dependency tree is whole (`npm ls --all` exits 0) with one ESLint in it", () => {
    const ls = run("npm", ["ls", "--all", "--json"], { cwd: project });
    expect(ls.status, ls.stderr).toBe(0);
    const eslints = run("npm", ["ls", "--all", "--parseable", "eslint"], { cwd: project }).stdout.trim().split("\n").filter(Boolean);
    expect(eslints).toHaveLength(1);
  });

  it("`uv-ci-lint --format sarif` writes its log from the installed plugin", () => {
    const cliBin = join(project, "node_modules", ".bin", "uv-ci-lint");
    const dir = exampleCopy(false);
    const sarif = run(cliBin, ["--format", "sarif"], { cwd: dir });
    expect(sarif.status, sarif.stderr).toBe(1);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: unknown[] }[] };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]!.results.length).toBeGreaterThan(0);
  });
});
