import fs from "node:fs";
import path from "node:path";
import { FileCache, statOrNull, statsStamp } from "../repository/file-cache.js";
import { findDockerfiles } from "./dockerfiles.js";
import { findUvPinSites, type UvPinSource } from "./uv-pin-sites.js";


/** One place in a Dockerfile that pins an exact uv version. */
export interface DockerfileUvPin {
  /** Absolute path of the Dockerfile. */
  file: string;
  /** The exact version, `major.minor.patch` (a tag suffix or digest is dropped). */
  version: string;
  /** 1-based line of the version. */
  line: number;
  /**
   * - `arg`: `ARG UV_VERSION=X` (the configured ARG name);
   * - `from`: `FROM ghcr.io/astral-sh/uv:X`;
   * - `copy-from`: `COPY --from=ghcr.io/astral-sh/uv:X …`;
   * - `mount-from`: `RUN --mount=from=ghcr.io/astral-sh/uv:X,… …`;
   * - `pip`: `pip install uv==X` in a RUN;
   * - `installer`: `https://astral.sh/uv/X/install.sh` (or a release download URL) in a RUN or ADD.
   */
  source: UvPinSource;
}

/** Options of {@link readDockerfileUvPins}. */
export interface ReadDockerfileUvPinsOptions {
  /** The ARG whose default pins uv; `UV_VERSION` by default. */
  argName?: string;
}

/** Files larger than this are not Dockerfiles worth parsing. */
const MAX_DOCKERFILE_BYTES = 1024 * 1024;

const DEFAULT_ARG_NAME = "UV_VERSION";

const pinCache = new FileCache<string, DockerfileUvPin[]>();

/** Forgets every cached Dockerfile reading. */
export function clearUvPinCache(): void {
  pinCache.clear();
}

/** The file's text, or null when it is binary (holds NUL bytes), not UTF-8, or unreadable. */
export function readDockerfileText(file: string): string | null {
  try {
    const bytes = fs.readFileSync(file);
    if (bytes.includes(0)) return null;
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Every site of a Dockerfile that pins an exact uv version, in document order. Every recognised
 * site is returned, even when several say the same thing (an `ARG UV_VERSION=X` and the installer
 * URL that uses it are two pins); callers compare versions.
 *
 * Recognised: `ARG UV_VERSION=X`, `FROM`, `COPY --from=` and `RUN --mount=from=` with a uv image,
 * `pip install uv==X` and versioned installer URLs in RUN (and installer URLs in ADD). `$VAR` and
 * `${VAR}` resolve through the ARG (and ENV) values in scope, the way Docker scopes them. A version
 * counts only when exact (`X.Y.Z`, optionally with a tag suffix or digest): not `latest`, no tag, a
 * tag without a version, a minor-only tag, or a variable that nothing resolves.
 *
 * Never throws: a missing, unreadable, binary, non-UTF-8 or larger than 1 MB file has no pins.
 * Results are cached per path and refreshed when the file's mtime or size changes.
 */
export function readDockerfileUvPins(file: string, options: ReadDockerfileUvPinsOptions = {}): DockerfileUvPin[] {
  const absoluteFile = path.resolve(file);
  const argName = options.argName ?? DEFAULT_ARG_NAME;
  const stats = statOrNull(absoluteFile);
  if (!stats?.isFile() || stats.size > MAX_DOCKERFILE_BYTES) return [];
  const pins = pinCache.get(`${argName}\0${absoluteFile}`, statsStamp(stats), () => {
    const text = readDockerfileText(absoluteFile);
    if (text === null) return [];
    try {
      return findUvPinSites(text, argName).map((site) => ({ file: absoluteFile, ...site }));
    } catch {
      return [];
    }
  });
  return [...pins];
}

/**
 * What a repository's Dockerfiles say about the uv version:
 * - `none`: no Dockerfile pins an exact version;
 * - `pinned`: every pin agrees on `version`;
 * - `conflict`: pins disagree; `pins` holds all of them (so at least one per distinct version).
 */
export type RepositoryUvVersion =
  | { kind: "none" }
  | { kind: "pinned"; version: string; pins: DockerfileUvPin[] }
  | { kind: "conflict"; pins: DockerfileUvPin[] };

/** Options of {@link findRepositoryUvVersion}. */
export interface FindRepositoryUvVersionOptions {
  /** Dockerfiles relative to the root; when given, no walk (see `findDockerfiles`). */
  dockerfiles?: string[];
  /** The ARG whose default pins uv; `UV_VERSION` by default. */
  argName?: string;
}

/**
 * The uv version a repository's Dockerfiles pin: the Dockerfiles found by `findDockerfiles`, read
 * by {@link readDockerfileUvPins}, pins in file order (shallowest Dockerfile first).
 */
export function findRepositoryUvVersion(root: string, options: FindRepositoryUvVersionOptions = {}): RepositoryUvVersion {
  const dockerfiles = findDockerfiles(root, { dockerfiles: options.dockerfiles });
  const pins = dockerfiles.flatMap((file) => readDockerfileUvPins(file, { argName: options.argName }));
  const [first] = pins;
  if (first === undefined) return { kind: "none" };
  if (pins.every((pin) => pin.version === first.version)) return { kind: "pinned", version: first.version, pins };
  return { kind: "conflict", pins };
}
