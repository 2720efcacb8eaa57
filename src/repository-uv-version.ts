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

/** The file's repository root: see `findRepositoryRoot`. */
export function repositoryRootOf(context: { filename: string; cwd: string }): string {
  return findRepositoryRoot(context.filename, context.cwd);
}

/** The uv version the repository's Dockerfiles pin, read once per process per Dockerfile. */
export function dockerfileUvVersion(context: { filename: string; cwd: string }, options: DockerfileOptions): RepositoryUvVersion {
  return findRepositoryUvVersion(repositoryRootOf(context), {
    dockerfiles: options.dockerfiles.length > 0 ? options.dockerfiles : undefined,
    argName: options.argName,
  });
}
