import { cacheLast } from "../repository/file-cache.js";
import { VARIABLE_NAME_PATTERN } from "../docker/build-variables.js";
import { findRepositoryRoot } from "../repository/root.js";
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

/** What the rules of one lint of one file share about its repository. */
interface LintState {
  root?: string;
  runnerImageUvVersions?: Map<string, RepositoryUvVersion>;
}

/**
 * The state of the lint a context belongs to, keyed by the source code object every rule's context
 * of that lint shares; null for a context without one (some tests), which then caches nothing.
 */
function lintStateOf(context: { sourceCode?: unknown }): LintState | null {
  return typeof context.sourceCode === "object" && context.sourceCode !== null ? lintState(context.sourceCode) : null;
}

const lintState = cacheLast<object, LintState>(() => ({}));

/**
 * The file's repository root: see `findRepositoryRoot`. Computed once per linted file when the
 * context carries its `sourceCode`, however many rules ask (see docs/performance.md).
 */
export function repositoryRootOf(context: { filename: string; cwd: string; sourceCode?: unknown }): string {
  const state = lintStateOf(context);
  if (state?.root !== undefined) return state.root;
  const root = findRepositoryRoot(context.filename, context.cwd);
  if (state) state.root = root;
  return root;
}

/**
 * The uv version the repository's CI runner images pin (see `findCiRunnerImages`: the `dockerfiles`
 * option, else images under `.github/` or built for a job's `container:` that bake a uv cache);
 * computed once per linted file, however many rules ask.
 */
export function runnerImageUvVersion(context: { filename: string; cwd: string; sourceCode?: unknown }, options: DockerfileOptions): RepositoryUvVersion {
  const state = lintStateOf(context);
  const optionsKey = [options.argName, ...options.dockerfiles].join("\0");
  const versions = state ? (state.runnerImageUvVersions ??= new Map()) : null;
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
