import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { clearComposeBuildCaches, composeBuildsOnlyElsewhere, findComposeBuilds, isComposeFileName } from "../../src/docker/compose-builds.js";
import { makeTree } from "./temp-tree.js";

/** The builds relative to the root, `/`-separated, as `context -> dockerfile`. */
function relativeBuilds(root: string): string[] {
  const relative = (file: string) => path.relative(root, file).split(path.sep).join("/") || ".";
  return findComposeBuilds(root).map(({ context, dockerfile }) => `${relative(context)} -> ${relative(dockerfile)}`);
}

beforeEach(() => {
  clearComposeBuildCaches();
});

describe("isComposeFileName", () => {
  it.each(["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml", "docker-compose.prod.yml", "compose.test.yaml", "docker-compose-dev.yml"])(
    "accepts %s",
    (name) => {
      expect(isComposeFileName(name)).toBe(true);
    },
  );
  it.each(["compose.json", "my-compose.yml", "docker-compose", "composer.yml", "Docker-compose.yml"])("rejects %s", (name) => {
    expect(isComposeFileName(name)).toBe(false);
  });
});

describe("findComposeBuilds", () => {
  it("resolves the string and mapping forms of `build` against the compose file's folder, with Compose's defaults", () => {
    const root = makeTree({
      "tests/load/dremio/docker-compose.yml": "services:\n  bootstrap:\n    build:\n      context: bootstrap\n  db:\n    image: postgres\n",
      "agent/sandbox/docker-compose.yml": "services:\n  manager:\n    build:\n      context: ./executor_manager\n      dockerfile: Dockerfile\n",
      "compose.yaml":
        "x-build: &build\n  context: .\n  dockerfile: docker/api.Dockerfile\nservices:\n  web: {build: web}\n  api:\n    build: *build\n  abs:\n    build:\n      context: ..\n      dockerfile: /srv/Dockerfile\n",
    });
    expect(relativeBuilds(root)).toEqual([
      "web -> web/Dockerfile",
      ". -> docker/api.Dockerfile",
      `.. -> ${path.relative(root, "/srv/Dockerfile").split(path.sep).join("/")}`,
      "agent/sandbox/executor_manager -> agent/sandbox/executor_manager/Dockerfile",
      "tests/load/dremio/bootstrap -> tests/load/dremio/bootstrap/Dockerfile",
    ]);
  });

  it("skips what names no Dockerfile of the checkout: variables, URLs, inline Dockerfiles, other shapes", () => {
    const root = makeTree({
      "docker-compose.yml": [
        "services:",
        "  a: {build: ${CONTEXT}}",
        "  b: {build: {context: ., dockerfile: $DOCKERFILE}}",
        "  c: {build: 'https://github.com/org/repo.git#main'}",
        "  d: {build: 'git@github.com:org/repo.git'}",
        "  e: {build: {context: ., dockerfile_inline: 'FROM python:3.12'}}",
        "  f: {build: [x]}",
        "  g: {build: {context: 3}}",
        "  h: just-a-string",
        "  i: {build: ''}",
        "",
      ].join("\n"),
    });
    expect(findComposeBuilds(root)).toEqual([]);
  });

  it("never throws on a compose file it cannot read: bad YAML, no services, a directory, a binary file", () => {
    const root = makeTree({
      "compose.yaml": "services:\n  a: {build: [\n",
      "docker-compose.yml": "- a\n- b\n",
      "docker-compose.prod.yml": "services: 3\n",
      "compose.bin.yaml": new Uint8Array([0, 159, 146, 150, 255]),
      "ok/compose.yml": "services:\n  a:\n    build: .\n",
    });
    fs.mkdirSync(path.join(root, "compose.dir.yml"));
    expect(relativeBuilds(root)).toEqual(["ok -> ok/Dockerfile"]);
  });

  it("does not read compose files in the folders the Dockerfile walk skips", () => {
    const root = makeTree({ "node_modules/pkg/compose.yaml": "services:\n  a:\n    build: .\n", "examples/compose.yaml": "services:\n  a:\n    build: .\n" });
    expect(findComposeBuilds(root)).toEqual([]);
  });
});

describe("composeBuildsOnlyElsewhere", () => {
  it("is true only when Compose builds the Dockerfile and never from the given directory", () => {
    const root = makeTree({
      "services/docker-compose.yml": "services:\n  worker:\n    build: worker\n  api:\n    build: api\n",
      "docker-compose.yml": "services:\n  api:\n    build: {dockerfile: services/api/Dockerfile}\n",
    });
    expect(composeBuildsOnlyElsewhere(root, path.join(root, "services/worker/Dockerfile"), root)).toBe(true);
    expect(composeBuildsOnlyElsewhere(root, path.join(root, "services/worker/Dockerfile"), path.join(root, "services/worker"))).toBe(false);
    expect(composeBuildsOnlyElsewhere(root, path.join(root, "services/api/Dockerfile"), root)).toBe(false);
    expect(composeBuildsOnlyElsewhere(root, path.join(root, "other/Dockerfile"), root)).toBe(false);
  });
});
