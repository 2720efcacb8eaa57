import { findRepositoryRoot } from "./docker/repository.js";
import { findRepositoryUvVersion, type RepositoryUvVersion } from "./docker/uv-pins.js";

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
    pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
    description: "The Dockerfile `ARG` that holds the uv version.",
  },
} as const;

/** Roots by the source code of one lint of one file, which every rule's context shares. */
const rootsBySourceCode = new WeakMap<object, string>();

/**
 * The file's repository root: see `findRepositoryRoot`. Computed once per linted file when the
 * context carries its `sourceCode`, however many rules ask (see docs/performance.md).
 */
export function repositoryRootOf(context: { filename: string; cwd: string; sourceCode?: unknown }): string {
  const key = typeof context.sourceCode === "object" && context.sourceCode !== null ? context.sourceCode : null;
  let root = key ? rootsBySourceCode.get(key) : undefined;
  if (root === undefined) {
    root = findRepositoryRoot(context.filename, context.cwd);
    if (key) rootsBySourceCode.set(key, root);
  }
  return root;
}

/** The uv version the repository's Dockerfiles pin, read once per process per Dockerfile. */
export function dockerfileUvVersion(context: { filename: string; cwd: string }, options: DockerfileOptions): RepositoryUvVersion {
  return findRepositoryUvVersion(repositoryRootOf(context), {
    dockerfiles: options.dockerfiles.length > 0 ? options.dockerfiles : undefined,
    argName: options.argName,
  });
}
