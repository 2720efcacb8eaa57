import path from "node:path";
import { statOrNull } from "../repository/file-cache.js";
import { isGitIgnored } from "../repository/git-ignored.js";
import { isDockerfileName } from "../languages/files.js";
import { composeBuildsOnlyElsewhere } from "./compose-builds.js";
import { findDockerfiles, VIRTUALENV_MARKER } from "./dockerfiles.js";
import { resolveInsideRoot } from "../repository/root.js";

/** The suffix of an ignore file that belongs to one Dockerfile (`api.Dockerfile.dockerignore`). */
const DOCKERFILE_IGNORE_SUFFIX = ".dockerignore";

/** A build context as an ignore file sees it. */
export interface BuildContext {
  /** Absolute directory the ignore file filters: the one that holds it. */
  directory: string;
  /** Absolute paths of the Dockerfiles built from this context under this ignore file. */
  dockerfiles: string[];
}

/** Whether `file` exists and is a regular file. */
function isFile(file: string): boolean {
  return statOrNull(file)?.isFile() ?? false;
}

/** Whether a Dockerfile has an ignore file of its own beside it (`<Dockerfile>.dockerignore`), which Docker then reads instead of the context's `.dockerignore`. */
function hasOwnIgnoreFile(dockerfile: string): boolean {
  return isFile(`${dockerfile}${DOCKERFILE_IGNORE_SUFFIX}`);
}

/**
 * The build context an ignore file filters, and the Dockerfiles built from it under that file
 * (https://docs.docker.com/build/concepts/context/#dockerignore-files).
 *
 * - `.dockerignore` applies to the context whose root holds it. Its Dockerfiles are those at or
 *   below that directory (found by `findDockerfiles` from it, so dependency, example and vendored
 *   folders are skipped) that have no `<name>.dockerignore` of their own: a runner image at
 *   `.github/runners/Dockerfile` is built with the repository root as its context, as in the seed.
 * - `<name>.dockerignore` (`Dockerfile.dockerignore`, `api.Dockerfile.dockerignore`) applies only
 *   to the Dockerfile `<name>` beside it, whatever context it is built from; the context is taken
 *   to be the ignore file's directory, the usual layout (a Compose `context:` for it is not read).
 * - A Dockerfile that the repository's Compose files build, but only from other contexts than the
 *   `.dockerignore`'s directory (`build: { context: bootstrap }` beside `bootstrap/Dockerfile`), is
 *   not one of its Dockerfiles (see `composeBuildsOnlyElsewhere`). One that Compose also builds
 *   from this directory, or says nothing about, stays.
 *
 * Other ways a Dockerfile is built (`docker build -f … <context>` in a script or workflow) are not
 * read: a Dockerfile whose context is elsewhere is not seen, and one that is also built from
 * another context is counted here too. `repositoryRoot` is where the Compose files are looked for.
 */
export function buildContextOf(ignoreFile: string, repositoryRoot: string): BuildContext {
  const absolute = path.resolve(ignoreFile);
  const directory = path.dirname(absolute);
  const name = path.basename(absolute);
  if (name !== DOCKERFILE_IGNORE_SUFFIX && name.endsWith(DOCKERFILE_IGNORE_SUFFIX)) {
    const dockerfile = path.join(directory, name.slice(0, -DOCKERFILE_IGNORE_SUFFIX.length));
    return { directory, dockerfiles: isDockerfileName(path.basename(dockerfile)) && isFile(dockerfile) ? [dockerfile] : [] };
  }
  const dockerfiles = findDockerfiles(directory).filter(
    (dockerfile) => !hasOwnIgnoreFile(dockerfile) && !composeBuildsOnlyElsewhere(repositoryRoot, dockerfile, directory),
  );
  return { directory, dockerfiles };
}

/**
 * Directory names whose contents are someone else's code: dependencies and virtual environments.
 * An ignore file inside one belongs to that code, not to the repository.
 */
const VENDORED_DIRECTORIES: ReadonlySet<string> = new Set([
  "vendor",
  "third_party",
  "third-party",
  "node_modules",
  ".venv",
  "venv",
  "site-packages",
]);


/**
 * Whether `directory` (absolute, inside `root`) lies in a vendored tree: below a folder named in
 * {@link VENDORED_DIRECTORIES}, or in a virtual environment (a folder holding `pyvenv.cfg`) between
 * the root and it. The root itself never counts.
 */
export function isInVendoredTree(root: string, directory: string): boolean {
  const relative = path.relative(root, directory);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return false;
  const segments = relative.split(path.sep);
  return segments.some(
    (segment, index) => VENDORED_DIRECTORIES.has(segment) || isFile(path.join(root, ...segments.slice(0, index + 1), VIRTUALENV_MARKER)),
  );
}

/**
 * Whether `file` (relative to the context directory) is a committed file of the build context: it
 * exists inside the context, without leaving it through a symlink, and the repository's ignore
 * files (see `isGitIgnored`) do not ignore it, so every checkout has it.
 */
export function isCommittedContextFile(root: string, contextDirectory: string, file: string): boolean {
  const absolute = resolveInsideRoot(contextDirectory, file);
  return absolute !== null && statOrNull(absolute) !== null && !isGitIgnored(root, absolute);
}

/**
 * Whether a Dockerfile's `COPY` sources point to another build context than `contextDirectory`: a
 * source named without globs whose first folder is missing from the context directory but present at
 * the repository root `root` (`COPY dotnet/src/App ./` in `dotnet/src/App/Dockerfile`). Such a
 * Dockerfile is built from the root, and the ignore file in its own folder is never read.
 */
export function copiesFromRepositoryRoot(root: string, contextDirectory: string, sources: readonly string[]): boolean {
  if (path.resolve(root) === path.resolve(contextDirectory)) return false;
  return sources.some((source) => {
    if (/[*?[\]\\]/.test(source)) return false;
    const first = path.posix.normalize(source.replace(/^\/+/, "")).split("/")[0]!;
    if (first === "" || first === "." || first === "..") return false;
    return statOrNull(path.join(contextDirectory, first)) === null && statOrNull(path.join(root, first))?.isDirectory() === true;
  });
}
