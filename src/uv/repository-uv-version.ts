import { cacheLast } from "../repository/file-cache.js";
import { VARIABLE_NAME_PATTERN } from "../docker/build-variables.js";
import { repositoryRootOf } from "../repository/root.js";
import { findRunnerImageUvVersion } from "../docker/runner-images.js";
import type { RepositoryUvVersion } from "../docker/uv-pins.js";

/** Options shared by the rules that read the repository's Dockerfiles. */
export interface DockerfileOptions {
  dockerfiles: string[];
  argName: string;
}

export const DOCKERFILE_OPTION_DEFAULTS: DockerfileOptions = { dockerfiles: [], argName: "UV_VERSION" };

/** JSON schema properties for `DockerfileOptions`. */
export const DOCKERFILE_OPTION_SCHEMA = {
  dockerfiles: {
    type: "array",
    items: { type: "string", minLength: 1 },
    uniqueItems: true,
    description:
      "Dockerfiles to read, relative to the repository root, instead of searching the repository for them.",
  },
  argName: {
    type: "string",
    pattern: VARIABLE_NAME_PATTERN,
    description: "The Dockerfile `ARG` that holds the uv version.",
  },
} as const;

/**
 * The runner images' uv versions of the lint a context belongs to, by options, keyed by the source
 * code object every rule's context of that lint shares; null for a context without one (some tests),
 * which then caches nothing.
 */
function lintVersionsOf(context: { sourceCode?: unknown }): Map<string, RepositoryUvVersion> | null {
  return typeof context.sourceCode === "object" && context.sourceCode !== null ? lintVersions(context.sourceCode) : null;
}

const lintVersions = cacheLast<object, Map<string, RepositoryUvVersion>>(() => new Map());

/**
 * The uv version the repository's CI runner images pin (see `findCiRunnerImages`: the `dockerfiles`
 * option, else images under `.github/` or built for a job's `container:` that bake a uv cache);
 * computed once per linted file, however many rules ask.
 */
export function runnerImageUvVersion(context: { filename: string; cwd: string; sourceCode?: unknown }, options: DockerfileOptions): RepositoryUvVersion {
  const optionsKey = [options.argName, ...options.dockerfiles].join("\0");
  const versions = lintVersionsOf(context);
  let version = versions?.get(optionsKey);
  if (version === undefined) {
    version = findRunnerImageUvVersion(repositoryRootOf(context), {
      dockerfiles: options.dockerfiles.length > 0 ? options.dockerfiles : undefined,
      argName: options.argName,
    });
    versions?.set(optionsKey, version);
  }
  return version;
}
