import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { beforeEach, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import {
  DOCKERFILE_WALK_LIMITS,
  SKIPPED_DOCKERFILE_DIRECTORIES,
  clearDockerfileCaches,
  findDockerfiles,
} from "../../src/docker/dockerfiles.js";
import { isDockerfileName } from "../../src/languages/files.js";
import { makeTree } from "./temp-tree.js";

/** The found paths relative to the root, `/`-separated. */
function relative(root: string, files: string[]): string[] {
  return files.map((file) => path.relative(root, file).split(path.sep).join("/"));
}

beforeEach(() => {
  clearDockerfileCaches();
});

describe("isDockerfileName", () => {
  it.each(["Dockerfile", "dockerfile", "app.Dockerfile", "Dockerfile.dev", "Dockerfile.cabotage", "Containerfile", "Containerfile.ci"])(
    "accepts %s",
    (name) => {
      expect(isDockerfileName(name)).toBe(true);
    },
  );

  it.each(["Dockerfile.dockerignore", "app.dockerignore", ".dockerignore", "Dockerfiles", "README.md", ".Dockerfile", "Dockerfile.", "docker-compose.yml"])(
    "rejects %s",
    (name) => {
      expect(isDockerfileName(name)).toBe(false);
    },
  );
});

describe("isDockerfileName and the configs' Dockerfile globs", () => {
  const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
  const lintedAsDockerfile = async (name: string) => (await eslint.calculateConfigForFile(name))?.language === plugin.languages.dockerfile;

  it.each(["Dockerfile", "app.Dockerfile", "Dockerfile.dev", "Containerfile", "Containerfile.ci", "app.Containerfile", "Dockerfile.dockerignore", "app.dockerignore", "Dockerfiles", "README.md"])(
    "agree on %s",
    async (name) => {
      expect(await lintedAsDockerfile(name)).toBe(isDockerfileName(name));
    },
  );

  it.each([
    ["dockerfile", false, true],
    ["DOCKERFILE", false, true],
    [".Dockerfile", true, false],
    ["Dockerfile.", true, false],
  ])("differ on purpose on %s (linted: %s, searched: %s)", async (name, linted, searched) => {
    expect(await lintedAsDockerfile(name)).toBe(linted);
    expect(isDockerfileName(name)).toBe(searched);
  });
});

describe("findDockerfiles walk", () => {
  it("finds every naming form, shallowest first then alphabetical, as absolute paths", () => {
    const root = makeTree({
      "z/Dockerfile": "",
      "Dockerfile": "",
      "b.Dockerfile": "",
      "Containerfile": "",
      ".github/runners/Dockerfile": "",
      "a/Dockerfile.dev": "",
      "a/Containerfile.ci": "",
      "a/deeper/Dockerfile": "",
      "Dockerfile.dockerignore": "",
      "web.dockerignore": "",
      ".dockerignore": "",
      "README.md": "",
    });
    const found = findDockerfiles(root);
    expect(found.every((file) => path.isAbsolute(file))).toBe(true);
    expect(relative(root, found)).toEqual([
      "Containerfile",
      "Dockerfile",
      "b.Dockerfile",
      "a/Containerfile.ci",
      "a/Dockerfile.dev",
      "z/Dockerfile",
      ".github/runners/Dockerfile",
      "a/deeper/Dockerfile",
    ]);
  });

  it("skips every directory of the skip list", () => {
    const files: Record<string, string> = { "Dockerfile": "" };
    for (const name of SKIPPED_DOCKERFILE_DIRECTORIES) files[`${name}/Dockerfile`] = "";
    files["src/examples/Dockerfile"] = "";
    files["src/vendor/x/Dockerfile"] = "";
    const root = makeTree(files);
    expect(relative(root, findDockerfiles(root))).toEqual(["Dockerfile"]);
  });

  it("covers the listed tool, example, docs, fixture and vendored folders", () => {
    for (const name of ["node_modules", ".git", ".venv", "venv", ".tox", ".nox", "__pycache__", "site-packages", "examples", "docs", "fixtures", "testdata", "third_party"]) {
      expect(SKIPPED_DOCKERFILE_DIRECTORIES.has(name)).toBe(true);
    }
  });

  it("skips a virtualenv under any name (pyvenv.cfg), not the root itself", () => {
    const root = makeTree({
      "pyvenv.cfg": "home = /usr\n",
      "Dockerfile": "",
      "env/pyvenv.cfg": "home = /usr\n",
      "env/Dockerfile": "",
      "env/lib/pkg/Dockerfile": "",
    });
    expect(relative(root, findDockerfiles(root))).toEqual(["Dockerfile"]);
  });

  it("survives a symlink loop and does not follow symlinked directories", () => {
    const root = makeTree({ "dir/Dockerfile": "" });
    const directory = path.join(root, "dir");
    fs.symlinkSync(directory, path.join(directory, "loop"));
    fs.symlinkSync(root, path.join(root, "up"));
    expect(relative(root, findDockerfiles(root))).toEqual(["dir/Dockerfile"]);
  });

  it("keeps a symlinked Dockerfile only when its target is inside the root", () => {
    const outside = makeTree({ "Dockerfile": "" });
    const root = makeTree({ "real/Dockerfile": "" });
    fs.symlinkSync(path.join(root, "real/Dockerfile"), path.join(root, "Dockerfile"));
    fs.symlinkSync(path.join(outside, "Dockerfile"), path.join(root, "escape.Dockerfile"));
    fs.symlinkSync(path.join(root, "missing"), path.join(root, "Dockerfile.broken"));
    expect(relative(root, findDockerfiles(root))).toEqual(["Dockerfile", "real/Dockerfile"]);
  });

  it("skips an unreadable directory without throwing", () => {
    const root = makeTree({ "Dockerfile": "", "locked/Dockerfile": "" });
    fs.chmodSync(path.join(root, "locked"), 0o000);
    try {
      // Tests may run as root, which reads the directory anyway: assert only that nothing throws.
      expect(() => findDockerfiles(root)).not.toThrow();
      expect(relative(root, findDockerfiles(root))).toContain("Dockerfile");
    } finally {
      fs.chmodSync(path.join(root, "locked"), 0o755);
    }
  });

  it("returns nothing for a missing root", () => {
    expect(findDockerfiles(path.join(makeTree(), "missing"))).toEqual([]);
  });

  it("does not read deeper than the depth limit", () => {
    const atLimit = Array.from({ length: DOCKERFILE_WALK_LIMITS.maxDepth }, (_, index) => `d${index}`).join("/");
    const root = makeTree({ [`${atLimit}/Dockerfile`]: "", [`${atLimit}/d8/Dockerfile`]: "" });
    expect(relative(root, findDockerfiles(root))).toEqual([`${atLimit}/Dockerfile`]);
  });

  it("keeps at most the shallowest 100 Dockerfiles", () => {
    const files: Record<string, string> = { "Dockerfile": "" };
    for (let index = 0; index < 120; index++) files[`d${String(index).padStart(3, "0")}/Dockerfile`] = "";
    const root = makeTree(files);
    const found = relative(root, findDockerfiles(root));
    expect(found).toHaveLength(DOCKERFILE_WALK_LIMITS.maxDockerfiles);
    expect(found[0]).toBe("Dockerfile");
    expect(found[99]).toBe("d098/Dockerfile");
  });

  it("stops reading directories after the entry limit", () => {
    const root = makeTree({ "Dockerfile": "", "z/Dockerfile": "" });
    const crowded = path.join(root, "a");
    fs.mkdirSync(crowded);
    for (let index = 0; index <= DOCKERFILE_WALK_LIMITS.maxEntries; index++) fs.writeFileSync(path.join(crowded, `f${index}`), "");
    expect(relative(root, findDockerfiles(root))).toEqual(["Dockerfile"]);
  });

  it("walks once per root and process until the cache is cleared", () => {
    const root = makeTree({ "Dockerfile": "" });
    expect(relative(root, findDockerfiles(root))).toEqual(["Dockerfile"]);
    fs.writeFileSync(path.join(root, "new.Dockerfile"), "");
    expect(relative(root, findDockerfiles(root))).toEqual(["Dockerfile"]);
    clearDockerfileCaches();
    expect(relative(root, findDockerfiles(root))).toEqual(["Dockerfile", "new.Dockerfile"]);
  });

  it("returns a copy that callers cannot use to corrupt the cache", () => {
    const root = makeTree({ "Dockerfile": "" });
    findDockerfiles(root).pop();
    expect(findDockerfiles(root)).toHaveLength(1);
  });
});

describe("findDockerfiles with the dockerfiles option", () => {
  it("returns exactly the listed files that exist, sorted, without walking", () => {
    const root = makeTree({ "Dockerfile": "", "docs/Dockerfile": "", "ci/runner.Containerfile": "", "other/Dockerfile": "" });
    const found = findDockerfiles(root, { dockerfiles: ["ci/runner.Containerfile", "docs/Dockerfile", "missing/Dockerfile", "./docs/Dockerfile", "ci"] });
    expect(relative(root, found)).toEqual(["ci/runner.Containerfile", "docs/Dockerfile"]);
  });

  it("ignores paths that escape the root, lexically or through a symlink", () => {
    const outside = makeTree({ "Dockerfile": "" });
    const root = makeTree({ "Dockerfile": "" });
    fs.symlinkSync(path.join(outside, "Dockerfile"), path.join(root, "linked.Dockerfile"));
    const escaping = path.relative(root, path.join(outside, "Dockerfile"));
    expect(escaping.startsWith("..")).toBe(true);
    const found = findDockerfiles(root, { dockerfiles: [escaping, path.join(outside, "Dockerfile"), "linked.Dockerfile", "Dockerfile"] });
    expect(relative(root, found)).toEqual(["Dockerfile"]);
  });

  it("returns nothing for an empty list", () => {
    const root = makeTree({ "Dockerfile": "" });
    expect(findDockerfiles(root, { dockerfiles: [] })).toEqual([]);
  });
});
