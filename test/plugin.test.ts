import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";
import { makeSandbox, PROJECT_ROOT, writeFiles } from "./helpers/cli.js";

const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  exports: { ".": { types: string; import: string } };
};

const UNPINNED_WORKFLOW = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v7\n";

describe("the plugin object", () => {
  it("has the meta ESLint reads, equal to package.json", () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: "uv-ci" });
  });

  it("points exports at the built entry and its types", () => {
    const entry = packageJson.exports["."];
    expect(existsSync(join(PROJECT_ROOT, entry.import))).toBe(true);
    expect(existsSync(join(PROJECT_ROOT, entry.types))).toBe(true);
  });

  it("has opt-in rules on in no config", () => {
    const optIn = Object.entries(plugin.rules).filter(([, rule]) => (rule.meta!.docs as { optIn?: boolean }).optIn);
    expect(optIn.map(([name]) => name).sort()).toEqual(["dockerignore-excludes-local-state", "require-locked-uv-sync", "setup-uv-cache-suffix"]);
    for (const [name, rule] of optIn) {
      expect((rule.meta!.docs as { recommended?: boolean }).recommended, name).not.toBe(true);
      for (const preset of ["recommended", "strict"] as const) {
        expect((plugin.configs[preset] as Linter.Config[]).some((config) => `uv-ci/${name}` in (config.rules ?? {})), `${preset}: ${name}`).toBe(false);
      }
    }
  });

  for (const preset of ["recommended", "strict"] as const) {
    it(`turns on ${preset === "strict" ? "every rule but the opt-in ones" : "every recommended rule"} in configs.${preset}, each for the language its meta declares`, () => {
      const enabled = new Map<string, string | undefined>();
      for (const config of plugin.configs[preset] as Linter.Config[]) {
        expect(config.files, config.name).toBeDefined();
        for (const rule of Object.keys(config.rules ?? {})) enabled.set(rule, config.language);
      }
      for (const [name, rule] of Object.entries(plugin.rules)) {
        const meta = rule.meta!;
        const language = enabled.get(`uv-ci/${name}`);
        const docs = meta.docs as { recommended?: boolean; optIn?: boolean } | undefined;
        if ((preset === "recommended" && !docs?.recommended) || (preset === "strict" && docs?.optIn)) {
          expect(language, name).toBeUndefined();
          continue;
        }
        expect(language, name).toBeDefined();
        expect(meta.languages).toContain(language);
      }
    });
  }

  it("matches workflows under .github/workflows only", async () => {
    const dir = makeSandbox({
      ".github/workflows/ci.yml": UNPINNED_WORKFLOW,
      ".github/workflows/ci.yaml": UNPINNED_WORKFLOW,
      "other/config.yml": UNPINNED_WORKFLOW,
      // A CI runner image that bakes a uv cache: the reason to pin uv.
      ".github/runners/Dockerfile": "FROM debian\nARG UV_VERSION=0.9.5\nRUN pip install uv==${UV_VERSION}\nCOPY . /p\nRUN cd /p && uv sync --frozen\n",
    });
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as Linter.Config[] });
    const results = await eslint.lintFiles([".github/workflows/*", "other/*.yml"]).catch((error: Error) => error);
    expect(results).toBeInstanceOf(Error); // other/config.yml is not matched by any config
    const workflowResults = await eslint.lintFiles([".github/workflows/*"]);
    expect(workflowResults.map((result) => result.messages.map((message) => message.ruleId))).toEqual([["uv-ci/pin-setup-uv-version"], ["uv-ci/pin-setup-uv-version"]]);
  });

  it("leaves virtual environments and installed packages alone: their ignore files and Dockerfiles are not the project's", async () => {
    const packaged = ".venv/lib/python3.12/site-packages/pkg";
    const dir = makeSandbox({
      ".dockerignore": "*\n",
      [`${packaged}/.dockerignore`]: "*\n",
      [`${packaged}/Dockerfile`]: "FROM ghcr.io/astral-sh/uv:latest\n",
      "venv/src/tool/Dockerfile": "FROM ghcr.io/astral-sh/uv:latest\n",
      ".tox/py312/Dockerfile": "FROM ghcr.io/astral-sh/uv:latest\n",
      "Dockerfile": "FROM ghcr.io/astral-sh/uv:latest\n",
    });
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.strict as Linter.Config[], errorOnUnmatchedPattern: false });
    const linted = (await eslint.lintFiles(["."])).map((result) => relative(dir, result.filePath)).sort();
    expect(linted.filter((file) => !file.endsWith(".js"))).toEqual([".dockerignore", "Dockerfile"]);
  });

  it("works when registered under another namespace", async () => {
    const dir = makeSandbox({});
    writeFiles(dir, { ".github/workflows/ci.yml": UNPINNED_WORKFLOW });
    const { default: yml } = await import("eslint-plugin-yml");
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ["**/*.yml"],
          plugins: { yml, mine: plugin },
          language: "yml/yaml",
          rules: { "mine/pin-setup-uv-version": ["error", { version: "0.11.8" }] },
        },
      ],
      fix: true,
    });
    const [result] = await eslint.lintFiles(["."]);
    expect(result?.messages).toEqual([]);
    expect(result?.output).toContain('version: "0.11.8"');
  });
});
