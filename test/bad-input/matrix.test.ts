import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DOCKERFILE_VERSION, expectGoodFilesLinted, expectNoCrash, expectParseError, GOOD_WORKFLOW, lint, messagesOf, removeSandboxes, runnerImage, sandbox, SERVICE_FILES } from "./sandbox.js";

afterAll(removeSandboxes);

/** A config that sets rule options for some workflows, on top of configs.recommended. */
/** The sandbox's config (recommended plus require-concurrency-per-ref) with `blocks` after it. */
function configWith(blocks: { files: string[]; rules: Record<string, unknown> }[]): string {
  const concurrency = { files: ["**/.github/workflows/*.{yml,yaml}"], rules: { "uv-ci/require-concurrency-per-ref": ["error", { assumeScarceRunners: true }] } };
  return `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [...uvCi.configs.recommended, ...${JSON.stringify([concurrency, ...blocks])}];\n`;
}

const UNPINNED = (name: string): string => GOOD_WORKFLOW.replace("test:", `${name}:`);

describe("bad input: each gets a clear message or is skipped, never a stack trace, and the other files are still linted", () => {
  it("malformed YAML: a one-line parse error for that file", () => {
    const run = lint(sandbox({ ".github/workflows/malformed.yml": "on: push\njobs:\n  test: [unclosed\n    runs-on: x\n" }));
    expectNoCrash(run);
    expectParseError(run, ".github/workflows/malformed.yml", /./);
    expectGoodFilesLinted(run);
  });

  it("duplicate keys: a parse error naming the problem", () => {
    const run = lint(sandbox({ ".github/workflows/duplicate.yml": "on: push\non: pull_request\njobs:\n  test:\n    runs-on: x\n" }));
    expectNoCrash(run);
    expectParseError(run, ".github/workflows/duplicate.yml", /Map keys must be unique/);
    expectGoodFilesLinted(run);
  });

  it("several YAML documents: the first (the one GitHub reads) is linted and fixed, the others are left alone", () => {
    const second = "---\non: pull_request\njobs:\n  other:\n    steps:\n      - uses: astral-sh/setup-uv@v7\n";
    const dir = sandbox({ ".github/workflows/documents.yml": GOOD_WORKFLOW + second });
    const run = lint(dir, ["--fix"]);
    expectNoCrash(run);
    expect(messagesOf(run, ".github/workflows/documents.yml")).toEqual([]);
    const fixed = readFileSync(join(dir, ".github/workflows/documents.yml"), "utf8");
    expect(fixed).toContain(`          version: "${DOCKERFILE_VERSION}"\n      - run: uv run pytest\n---\n`);
    expect(fixed.endsWith(second)).toBe(true);
    expect(readFileSync(join(dir, ".github/workflows/good.yml"), "utf8")).toContain(`version: "${DOCKERFILE_VERSION}"`);
  });

  it("tabs: a parse error for tab indentation, while a tab inside a value is fine", () => {
    const run = lint(
      sandbox({
        ".github/workflows/tabs.yml": "on: push\njobs:\n\ttest:\n\t\truns-on: x\n",
        ".github/workflows/tab-in-value.yml": "on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: pytest\t-x\n",
      }),
    );
    expectNoCrash(run);
    expectParseError(run, ".github/workflows/tabs.yml", /Tabs are not allowed/);
    expect(messagesOf(run, ".github/workflows/tab-in-value.yml").map((message) => message.ruleId)).toEqual(["uv-ci/require-concurrency-per-ref"]);
    expectGoodFilesLinted(run);
  });

  it("deep nesting: past the parser's depth a parse error, below it the file is linted", () => {
    const deep = (depth: number): string => `on: push\nx: ${"[".repeat(depth)}${"]".repeat(depth)}\njobs:\n  test:\n    runs-on: x\n`;
    const blockDeep = `on: push\nx:\n${Array.from({ length: 200 }, (_, depth) => `${" ".repeat(depth + 1)}k:`).join("\n")} 1\njobs:\n  test:\n    runs-on: x\n`;
    const run = lint(sandbox({ ".github/workflows/too-deep.yml": deep(20_000), ".github/workflows/deep.yml": deep(200), ".github/workflows/block-deep.yml": blockDeep }));
    expectNoCrash(run);
    expectParseError(run, ".github/workflows/too-deep.yml", /Maximum call stack size exceeded/);
    for (const file of ["deep.yml", "block-deep.yml"]) {
      expect(messagesOf(run, `.github/workflows/${file}`).map((message) => message.ruleId), file).toEqual(["uv-ci/require-concurrency-per-ref"]);
    }
    expectGoodFilesLinted(run);
  });

  it("binary Dockerfile and .dockerignore: the Dockerfile is skipped, the ignore file read as text, and the Containerfile still pins uv", () => {
    const binary = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x0a, 0x41, 0x52, 0x47, 0x20, 0x55, 0x56, 0x00, 0xc3, 0x28, 0x0d, 0x0a, 0x2e, 0x2a]);
    const dir = sandbox({ ".github/runners/Dockerfile": null, ".dockerignore": null, ".github/runners/Containerfile": runnerImage(DOCKERFILE_VERSION), ...SERVICE_FILES }, (root) => {
      writeFileSync(join(root, ".github/runners/Dockerfile"), binary);
      writeFileSync(join(root, ".dockerignore"), binary);
    });
    const run = lint(dir);
    expectNoCrash(run);
    expect(messagesOf(run, ".dockerignore").filter((message) => message.fatal)).toEqual([]);
    expectGoodFilesLinted(run, "service/.dockerignore");
  });

  // Directories named like the files stand in for unreadable ones: tests run as root, for whom chmod 000 changes nothing.
  // (A dangling symlink matched by `files` makes ESLint itself exit 2 with ENOENT before any rule runs; discovery
  // skipping one is checked in discovery.test.ts.)
  it("unreadable files (directories named Dockerfile, .dockerignore and uv.toml) are skipped", () => {
    const dir = sandbox(
      {
        ".github/runners/Dockerfile": null,
        ".dockerignore": null,
        ".github/docker/Dockerfile": runnerImage(DOCKERFILE_VERSION),
        ...SERVICE_FILES,
        ".github/workflows/version-file.yml": "on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: uv.toml\n",
      },
      (root) => {
        mkdirSync(join(root, ".github/runners/Dockerfile"), { recursive: true });
        mkdirSync(join(root, ".dockerignore"));
        mkdirSync(join(root, "uv.toml"));
      },
    );
    const run = lint(dir);
    expectNoCrash(run);
    expect(run.results.has(".dockerignore")).toBe(false);
    const versionFile = messagesOf(run, ".github/workflows/version-file.yml").find((message) => message.ruleId === "uv-ci/pin-setup-uv-version");
    expect(versionFile?.message).toMatch(/^`version-file: uv\.toml` does not exist in the repository/);
    expectGoodFilesLinted(run, "service/.dockerignore");
  });

  it("a `dockerfiles` option naming a missing file: the missing one is skipped, the others are read", () => {
    const run = lint(
      sandbox({
        ".github/workflows/only-missing.yml": UNPINNED("only-missing"),
        "eslint.config.js": configWith([
          { files: ["**/.github/workflows/*.yml"], rules: { "uv-ci/pin-setup-uv-version": ["error", { dockerfiles: ["docker/missing.Dockerfile", ".github/runners/Dockerfile"] }] } },
          { files: ["**/.github/workflows/only-missing.yml"], rules: { "uv-ci/pin-setup-uv-version": ["error", { dockerfiles: ["docker/missing.Dockerfile"] }] } },
        ]),
      }),
    );
    expectNoCrash(run);
    // Without the runner image, the repository gives no reason to pin uv: the unpinned step is not reported.
    const pin = messagesOf(run, ".github/workflows/only-missing.yml").find((message) => message.ruleId === "uv-ci/pin-setup-uv-version");
    expect(pin).toBeUndefined();
    expectGoodFilesLinted(run);
  });

  it("a symlink loop in the repository: discovery returns and finds the real Dockerfile", () => {
    const dir = sandbox({ ".github/runners/Dockerfile": null, ".github/docker/Dockerfile": runnerImage(DOCKERFILE_VERSION), "a/README.md": "a\n" }, (root) => {
      symlinkSync(join(root, "a"), join(root, "a", "loop"), "dir");
      symlinkSync(join(root, "self"), join(root, "self"));
      symlinkSync(root, join(root, ".github", "docker", "root"), "dir");
    });
    const run = lint(dir);
    expectNoCrash(run);
    expectGoodFilesLinted(run);
  });

  it("paths outside the repository root: nothing outside is read, so an outside uv pin never shows", () => {
    const outside = mkdtempSync(join(tmpdir(), "uv-ci-outside-"));
    try {
      writeFileSync(join(outside, "Dockerfile"), runnerImage("0.1.1"));
      writeFileSync(join(outside, "uv.toml"), 'required-version = "==0.1.1"\n');
      const up = `../${basename(outside)}`;
      const dir = sandbox(
        {
          ".github/runners/Dockerfile": null,
          ".github/docker/Dockerfile": runnerImage(DOCKERFILE_VERSION),
          ".github/workflows/options.yml": UNPINNED("options"),
          ".github/workflows/version-files.yml": `on: push\njobs:\n${["up", "linked"].map((name) => `  ${name}:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n        with:\n          version-file: ${name === "up" ? up : "linked"}/uv.toml\n`).join("")}`,
          "eslint.config.js": configWith([
            {
              files: ["**/.github/workflows/options.yml"],
              rules: {
                "uv-ci/pin-setup-uv-version": ["error", { dockerfiles: [`${up}/Dockerfile`, join(outside, "Dockerfile"), "linked/Dockerfile", ".github/Containerfile"] }],
                "uv-ci/uv-version-matches-dockerfile": ["error", { dockerfiles: [`${up}/Dockerfile`, join(outside, "Dockerfile"), "linked/Dockerfile"] }],
              },
            },
            { files: ["**/.dockerignore"], rules: { "uv-ci/dockerignore-keeps-python-version": ["error", { additionalFiles: [`${up}/uv.toml`] }] } },
          ]),
        },
        (root) => {
          symlinkSync(outside, join(root, "linked"), "dir");
          symlinkSync(join(outside, "Dockerfile"), join(root, ".github", "Containerfile"));
        },
      );
      const run = lint(dir, ["--fix"]);
      expectNoCrash(run);
      expect(run.stdout).not.toContain("0.1.1");
      // Discovery skips the Containerfile that links outside: the inside Dockerfile alone pins uv, and the fix uses it.
      expect(readFileSync(join(dir, ".github/workflows/good.yml"), "utf8")).toContain(`version: "${DOCKERFILE_VERSION}"`);
      // Every Dockerfile it names is outside or missing: no runner image, so no reason to pin and no report.
      const options = messagesOf(run, ".github/workflows/options.yml").map((message) => message.message);
      expect(options).toEqual([]);
      const versionFiles = messagesOf(run, ".github/workflows/version-files.yml").map((message) => message.message);
      expect(versionFiles).toEqual([expect.stringMatching(/^`version-file: \.\.\/.*\/uv\.toml` does not exist/), expect.stringMatching(/^`version-file: linked\/uv\.toml` does not exist/)]);
      expect(readFileSync(join(outside, "Dockerfile"), "utf8")).toContain("0.1.1");
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
