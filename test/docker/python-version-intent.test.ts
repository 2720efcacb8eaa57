import path from "node:path";
import { describe, expect, it } from "vitest";
import { isExampleTemplateOrDevContainerDockerfile } from "../../src/docker/dockerfile-roles.js";
import { comparePythonVersions, isDeliberateOtherPython, labelNamesOtherPython, parsePythonVersion, readRequiresPython, requiresPythonAllows, type PythonVersion } from "../../src/uv/python-version.js";
import { makeTree } from "./temp-tree.js";

const version = (text: string): PythonVersion => parsePythonVersion(text)!;

describe("isExampleTemplateOrDevContainerDockerfile", () => {
  const root = path.join(path.sep, "work", "project");
  it.each([
    "examples/app/Dockerfile",
    "example/Dockerfile",
    "docker-example/production/Dockerfile",
    "service-examples/Dockerfile",
    "templates/Dockerfile",
    "template/api/Dockerfile",
    "docs/Dockerfile",
    "doc/Dockerfile",
    "{{cookiecutter.project_slug}}/Dockerfile",
    ".devcontainer/Dockerfile",
    "Dockerfile.example",
    "docker/Dockerfile.j2",
    "template.Dockerfile",
  ])("%s is an example, a template or a dev container", (file) => {
    expect(isExampleTemplateOrDevContainerDockerfile(path.join(root, file), root)).toBe(true);
  });

  it.each(["Dockerfile", ".github/runners/Dockerfile", "docker/app.Dockerfile", "examples-service/Dockerfile", "documentation-site/Dockerfile", "src/exemplary/Dockerfile"])(
    "%s is the project's own",
    (file) => {
      expect(isExampleTemplateOrDevContainerDockerfile(path.join(root, file), root)).toBe(false);
    },
  );

  it("reads the repository's own folder name, not the folders above it", () => {
    expect(isExampleTemplateOrDevContainerDockerfile(path.join(path.sep, "src", "uv-docker-example", "Dockerfile"), path.join(path.sep, "src", "uv-docker-example"))).toBe(true);
    expect(isExampleTemplateOrDevContainerDockerfile(path.join(path.sep, "examples", "project", "Dockerfile"), path.join(path.sep, "examples", "project"))).toBe(false);
    // A template repository is a project its users deploy as it is.
    expect(isExampleTemplateOrDevContainerDockerfile(path.join(path.sep, "src", "full-stack-fastapi-template", "backend", "Dockerfile"), path.join(path.sep, "src", "full-stack-fastapi-template"))).toBe(false);
  });

  it("says nothing about a file outside the root", () => {
    expect(isExampleTemplateOrDevContainerDockerfile(path.join(path.sep, "elsewhere", "examples", "Dockerfile"), root)).toBe(false);
  });
});

describe("readRequiresPython: the oldest supported Python", () => {
  it.each([
    [">=3.10", "3.10"],
    [">= 3.9, <4", "3.9"],
    ["~=3.11", "3.11"],
    ["==3.12.*", "3.12"],
    [">=3.8,>=3.10", "3.10"],
  ])("requires-python %s starts at %s", (specifier, expected) => {
    const root = makeTree({ "pyproject.toml": `[project]\nname = "x"\nrequires-python = "${specifier}"\n` });
    expect(readRequiresPython(root)?.oldest?.text).toBe(expected);
  });

  it.each([
    ["no lower bound", '[project]\nrequires-python = "<3.14"\n'],
    ["no requires-python", '[project]\nname = "x"\n'],
    ["invalid TOML", "[project\n"],
  ])("is null with %s", (_, text) => {
    expect(readRequiresPython(makeTree({ "pyproject.toml": text }))?.oldest ?? null).toBeNull();
  });

  it("is null without a pyproject.toml", () => {
    expect(readRequiresPython(makeTree())).toBeNull();
  });
});

describe("requiresPythonAllows", () => {
  it.each([
    ["3.13", ">=3.10, <3.15", true],
    ["3.15", ">=3.10, <3.15", false],
    ["3.12", ">=3.11,<3.12", false],
    ["3.11", ">=3.11,<3.12", true],
    // `3.12` asks for any 3.12.x: one late enough satisfies the bound.
    ["3.12", ">=3.12.4", true],
    ["3.12.3", ">=3.12.4", false],
    ["3", ">=3.10", true],
  ] as const)("%s with %s: %s", (requested, specifier, expected) => {
    expect(requiresPythonAllows({ specifier, oldest: null }, version(requested))).toBe(expected);
  });
  it("cannot tell for an invalid specifier or a free-threaded build", () => {
    expect(requiresPythonAllows({ specifier: ">=three", oldest: null }, version("3.12"))).toBeNull();
    expect(requiresPythonAllows({ specifier: ">=3.10", oldest: null }, version("3.13t"))).toBeNull();
  });
});

describe("isDeliberateOtherPython", () => {
  const pinned = version("3.12");
  const oldest = version("3.10");
  const supports310 = { specifier: ">=3.10", oldest };
  it("compares by shared parts", () => {
    expect(comparePythonVersions(version("3.12.4"), pinned)).toBe(0);
    expect(comparePythonVersions(version("3.9"), oldest)).toBeLessThan(0);
    expect(comparePythonVersions(version("3.13"), pinned)).toBeGreaterThan(0);
  });
  it.each([
    ["3.12t", "workflow"],
    ["3.10", "dockerfile"],
    ["3.9", "workflow"],
    ["3.13", "workflow"],
  ] as const)("%s in a %s is deliberate", (requested, site) => {
    expect(isDeliberateOtherPython(version(requested), pinned, supports310, site)).toBe(true);
  });
  it.each([
    ["3.11", "workflow"],
    ["3.11", "dockerfile"],
    ["3.13", "dockerfile"],
  ] as const)("%s in a %s is drift", (requested, site) => {
    expect(isDeliberateOtherPython(version(requested), pinned, supports310, site)).toBe(false);
  });
  it("next to a pin on the oldest supported Python, a newer image that requires-python allows is deliberate", () => {
    const floor = { specifier: ">=3.10, <3.15", oldest };
    expect(isDeliberateOtherPython(version("3.13"), oldest, floor, "dockerfile")).toBe(true);
    expect(isDeliberateOtherPython(version("3.15"), oldest, floor, "dockerfile")).toBe(false);
    expect(isDeliberateOtherPython(version("3.13"), version("3.11"), floor, "dockerfile")).toBe(false);
    expect(isDeliberateOtherPython(version("3.13"), oldest, floor, "uv-build")).toBe(false);
  });
  it("without a lower bound, an older Python is drift", () => {
    expect(isDeliberateOtherPython(version("3.9"), pinned, null, "workflow")).toBe(false);
  });
});

describe("labelNamesOtherPython", () => {
  it.each(["Test on the oldest supported Python", "py-min", "python_latest", " Match the SDK's type-checking runtime, not our minimum.", "Free-threaded Python"])("%s names another Python", (label) => {
    expect(labelNamesOtherPython(label)).toBe(true);
  });
  it.each(["Install the latest version of uv", "Set up Python", "test", "Python 3.11", "minimum coverage"])("%s does not", (label) => {
    expect(labelNamesOtherPython(label)).toBe(false);
  });
  it("takes a comment on the python-version line as about Python", () => {
    expect(labelNamesOtherPython(" oldest supported", { aboutPython: true })).toBe(true);
    expect(labelNamesOtherPython(" set by hand", { aboutPython: true })).toBe(false);
  });
});
