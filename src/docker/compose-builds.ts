/** Which build context Docker Compose builds each Dockerfile from, so an ignore file is not blamed for a Dockerfile built from another folder. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { getStaticYAMLValue, parseForESLint } from "yaml-eslint-parser";
import { statOrNull } from "../repository/file-cache.js";
import { walkRepositoryFiles } from "./dockerfiles.js";

/** One `build` of a Compose service, resolved against the compose file's folder. */
export interface ComposeBuild {
  /** Absolute build context directory. */
  context: string;
  /** Absolute path of the Dockerfile built from it. */
  dockerfile: string;
}

/**
 * Compose file names: the ones `docker compose` reads by default (`compose.yaml`,
 * `docker-compose.yml`, …) and their variants passed with `-f` (`docker-compose.prod.yml`,
 * `compose.test.yaml`, `docker-compose-dev.yml`).
 */
const COMPOSE_FILE_NAME = /^(?:docker-)?compose(?:[.-][^/\\]+)?\.ya?ml$/;

/** Compose files larger than this are not read: generated files, nothing a person keeps builds in. */
const MAX_COMPOSE_FILE_BYTES = 1_000_000;

/** Whether `fileName` is named like a Compose file. */
export function isComposeFileName(fileName: string): boolean {
  return COMPOSE_FILE_NAME.test(fileName);
}

/** A value Compose would interpolate (`${TAG}`, `$TAG`) or fetch (a Git or HTTP URL): not a folder of this checkout. */
function isLocalPath(value: string): boolean {
  return value !== "" && !value.includes("$") && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^git@/.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The build of one service's `build` value: a string is the context; a mapping has `context`
 * (default `.`) and `dockerfile` (default `Dockerfile`, relative to the context). Null for what
 * names no Dockerfile of this checkout: `dockerfile_inline`, variables, URLs, other types.
 */
function buildOf(composeDirectory: string, build: unknown): ComposeBuild | null {
  let context: unknown = build;
  let dockerfile: unknown = "Dockerfile";
  if (isRecord(build)) {
    if (build.dockerfile_inline !== undefined) return null;
    context = build.context ?? ".";
    dockerfile = build.dockerfile ?? "Dockerfile";
  }
  if (typeof context !== "string" || typeof dockerfile !== "string" || !isLocalPath(context) || !isLocalPath(dockerfile)) return null;
  const contextDirectory = path.resolve(composeDirectory, context);
  return { context: contextDirectory, dockerfile: path.resolve(contextDirectory, dockerfile) };
}

/** The builds of one compose file; none when it cannot be read or parsed. */
function readComposeBuilds(composeFile: string): ComposeBuild[] {
  try {
    if ((statOrNull(composeFile)?.size ?? Infinity) > MAX_COMPOSE_FILE_BYTES) return [];
    const { ast } = parseForESLint(readFileSync(composeFile, "utf8"));
    return ast.body.flatMap((document) => {
      const value: unknown = document.content === null ? null : getStaticYAMLValue(document.content);
      if (!isRecord(value) || !isRecord(value.services)) return [];
      return Object.values(value.services).flatMap((service) =>
        isRecord(service) ? (buildOf(path.dirname(composeFile), service.build) ?? []) : [],
      );
    });
  } catch {
    return [];
  }
}

const buildsCache = new Map<string, ComposeBuild[]>();

/** Forgets every cached walk, so that tests can change a tree and read it again. */
export function clearComposeBuildCaches(): void {
  buildsCache.clear();
}

/**
 * Every build that the Compose files of the repository at `root` declare. The files are found with
 * the Dockerfile walk (same limits and skipped folders), once per root per process: the result is
 * cached until {@link clearComposeBuildCaches}. A file that cannot be read or parsed adds nothing.
 */
export function findComposeBuilds(root: string): ComposeBuild[] {
  const absoluteRoot = path.resolve(root);
  let cached = buildsCache.get(absoluteRoot);
  if (cached === undefined) {
    cached = walkRepositoryFiles(absoluteRoot, isComposeFileName).flatMap(readComposeBuilds);
    buildsCache.set(absoluteRoot, cached);
  }
  return cached;
}

/**
 * Whether a Compose file of the repository at `root` builds `dockerfile` and none builds it from
 * `contextDirectory`: its context is elsewhere, so an ignore file there does not filter it.
 * False when Compose says nothing about the Dockerfile.
 */
export function composeBuildsOnlyElsewhere(root: string, dockerfile: string, contextDirectory: string): boolean {
  const target = path.resolve(dockerfile);
  const contexts = findComposeBuilds(root)
    .filter((build) => build.dockerfile === target)
    .map((build) => build.context);
  return contexts.length > 0 && !contexts.includes(path.resolve(contextDirectory));
}
