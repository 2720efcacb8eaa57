import fs from "node:fs";
import { DockerfileParser, ModifiableInstruction, type Flag, type From } from "dockerfile-ast";
import { statOrNull } from "../file-stats.js";
import { contextPath } from "../dockerignore/context-path.js";
import { isUvImageName, parseImageReference } from "./image-reference.js";

/** What a Dockerfile takes from its build context, and whether it runs uv or git. */
export interface DockerfileContextUse {
  /** uv runs in the build: `RUN uv …`/`uvx …`, `python -m uv`, `pip install uv`, the uv installer, or a uv image in `FROM`, `COPY --from` or `RUN --mount=from`. */
  usesUv: boolean;
  /** A `RUN` command is `git`, which reads the repository from `.git`. */
  runsGit: boolean;
  /**
   * `COPY` and `ADD` sources without `--from`, as written (relative to the context root; `.` for
   * all of it). Sources holding a variable are left out: what they name cannot be told.
   */
  copiedSources: string[];
  /** The `source` of each `RUN --mount` bind mount without `from` (`.`, all of the context, when none is given). */
  boundSources: string[];
}

const NOTHING: DockerfileContextUse = { usesUv: false, runsGit: false, copiedSources: [], boundSources: [] };

/** Files larger than this are not Dockerfiles worth parsing (as in uv-pins.ts). */
const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** Shell operators that end a simple command, and line breaks (a here-document runs line by line). */
const COMMAND_SEPARATOR = /&&|\|\||[;|&()`\n]/;

/** Words that may stand before a command without being it. */
const COMMAND_PREFIXES = new Set(["sudo", "exec", "env", "time", "then", "do", "else", "nohup", "command"]);

/** `pip`, `pip3`, `pip3.12`, `pipx`, with any directory. */
const PIP_COMMAND = /^(?:.*\/)?(?:pip(?:\d+(?:\.\d+)*)?|pipx)$/;

/** A requirement on the uv package (`uv`, `uv==0.5.1`, `"uv>=0.4"`), not `uvicorn`. */
const UV_REQUIREMENT = /^["']?uv(?:[<>=!~;[\s]|["']?$)/i;

/** The uv installer and release downloads (https://docs.astral.sh/uv/getting-started/installation/). */
const UV_DOWNLOAD = /astral\.sh\/uv\b|github\.com\/astral-sh\/uv\/releases\//;

/** The first word of each simple command in shell text, with the words after it. */
function commands(shell: string): string[][] {
  return shell
    .replace(/\\\r?\n/g, " ")
    .split(COMMAND_SEPARATOR)
    .map((segment) => {
      const words = segment.trim().split(/\s+/).filter((word) => word !== "");
      while (words.length > 0 && (COMMAND_PREFIXES.has(words[0]!) || /^[A-Za-z_]\w*=/.test(words[0]!) || words[0]!.startsWith("-"))) words.shift();
      return words.map((word) => word.replace(/^["']|["']$/g, ""));
    })
    .filter((words) => words.length > 0);
}

/** The command's name without its directory (`/root/.local/bin/uv` → `uv`). */
function commandName(words: string[]): string {
  return words[0]!.slice(words[0]!.lastIndexOf("/") + 1);
}

function commandRunsUv(words: string[]): boolean {
  const name = commandName(words);
  if (name === "uv" || name === "uvx") return true;
  if (/^python[\d.]*$/.test(name) && words[1] === "-m" && words[2] === "uv") return true;
  const pipAt = PIP_COMMAND.test(words[0]!) ? 0 : /^python[\d.]*$/.test(name) && words[1] === "-m" && words[2] === "pip" ? 2 : -1;
  return pipAt >= 0 && words[pipAt + 1] === "install" && words.slice(pipAt + 2).some((word) => UV_REQUIREMENT.test(word));
}

function namesUvImage(reference: string | null): boolean {
  const image = reference === null ? null : parseImageReference(reference);
  return image !== null && isUvImageName(image.name);
}

/** A `--mount` flag's options by lower-case name. */
function mountOptions(flag: Flag): Map<string, string> {
  return new Map(flag.getOptions().map((option) => [option.getName().toLowerCase(), option.getValue() ?? ""]));
}

/** Reads Dockerfile text; see {@link DockerfileContextUse}. `ONBUILD` triggers run in other images and are not read. */
export function findDockerfileContextUse(content: string): DockerfileContextUse {
  const use: DockerfileContextUse = { usesUv: false, runsGit: false, copiedSources: [], boundSources: [] };
  const lines = content.split("\n");
  for (const instruction of DockerfileParser.parse(content).getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === "FROM") {
      use.usesUv ||= namesUvImage((instruction as From).getImage());
      continue;
    }
    if (!(instruction instanceof ModifiableInstruction)) continue;
    const flags = instruction.getFlags();
    if (keyword === "COPY" || keyword === "ADD") {
      const from = flags.find((flag) => flag.getName().toLowerCase() === "from");
      if (from !== undefined) {
        use.usesUv ||= namesUvImage(from.getValue());
        continue;
      }
      const words = instruction.getArguments().map((argument) => argument.getValue().replace(/^\[?\s*"|"\s*,?\]?$/g, ""));
      use.copiedSources.push(...words.slice(0, -1).filter((source) => !source.startsWith("<<") && !source.includes("$") && !/^[a-z]+:\/\/|^git@/i.test(source)));
    } else if (keyword === "RUN") {
      for (const flag of flags.filter((candidate) => candidate.getName().toLowerCase() === "mount")) {
        const options = mountOptions(flag);
        if (options.has("from")) use.usesUv ||= namesUvImage(options.get("from")!);
        else if ((options.get("type") ?? "bind") === "bind") {
          const source = options.get("source") ?? options.get("src") ?? ".";
          if (!source.includes("$")) use.boundSources.push(source);
        }
      }
      const { start, end } = instruction.getRange();
      const text = lines.slice(start.line, end.line + 1).join("\n");
      for (const words of commands(text.replace(/^\s*RUN\b/i, ""))) {
        use.usesUv ||= commandRunsUv(words) || words.some((word) => UV_DOWNLOAD.test(word));
        use.runsGit ||= commandName(words) === "git";
      }
    }
  }
  return use;
}

/** Go's `filepath.Match` for one pattern and a path of the build context, as `COPY` matches its sources. */
function copySourceMatches(pattern: string, path: string): boolean {
  let expression = "";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === "*") expression += "[^/]*";
    else if (char === "?") expression += "[^/]";
    else if (char === "\\" && index + 1 < pattern.length) expression += `\\${pattern[++index]!}`;
    else if (char === "[") {
      const close = pattern.indexOf("]", index + 2);
      if (close < 0) return false;
      expression += `[${pattern.slice(index + 1, close).replace(/^!/, "^")}]`;
      index = close;
    } else expression += char.replace(/[.+^${}()|/]/g, "\\$&");
  }
  try {
    return new RegExp(`^${expression}$`, "u").test(path);
  } catch {
    return false;
  }
}

/**
 * Whether one of `sources` takes `path` (relative to the build context root) from the context: it
 * names the whole context (`.`, `./`, `/`), the path itself or a directory above it, or is a glob
 * that matches it or such a directory.
 */
export function sourcesInclude(sources: readonly string[], path: string): boolean {
  const segments = path.split("/");
  const candidates = segments.map((_, index) => segments.slice(0, index + 1).join("/"));
  return sources.some((source) => {
    const cleaned = contextPath(source);
    if (cleaned === null) return !source.trim().startsWith("..");
    return candidates.some((candidate) => copySourceMatches(cleaned, candidate));
  });
}

/** Whether a Dockerfile can take `path` (relative to the build context root) from the context, by a copy or a bind mount. */
export function readsFromContext(use: DockerfileContextUse, path: string): boolean {
  return sourcesInclude(use.copiedSources, path) || sourcesInclude(use.boundSources, path);
}

/**
 * The paths a Dockerfile takes from the context by name: `COPY`/`ADD` sources without glob
 * characters (not the whole context), and `.git` when it needs the repository's history: a `RUN`
 * runs git, a bind mount takes the whole context or `.git`, or a source names `.git`.
 */
export function pathsNamedByDockerfile(use: DockerfileContextUse): string[] {
  const named = use.copiedSources.flatMap((source) => (/[*?[\]\\]/.test(source) ? [] : (contextPath(source) ?? [])));
  if (use.runsGit || sourcesInclude(use.boundSources, ".git")) named.push(".git");
  return [...new Set(named)];
}

/**
 * {@link findDockerfileContextUse} for a file on disk. Never throws: a missing, unreadable, binary
 * or larger than 1 MB file uses nothing.
 */
export function readDockerfileContextUse(file: string): DockerfileContextUse {
  const stats = statOrNull(file);
  if (!stats?.isFile() || stats.size > MAX_DOCKERFILE_BYTES) return NOTHING;
  try {
    const bytes = fs.readFileSync(file);
    if (bytes.includes(0)) return NOTHING;
    return findDockerfileContextUse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return NOTHING;
  }
}
