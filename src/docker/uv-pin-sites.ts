import type { Add, Arg, Copy, Env, Flag, From, Run } from "dockerfile-ast";
import { dockerfileAst } from "../lazy-modules.js";
import { exactUvVersion } from "../uv-version.js";
import { BuildVariables } from "./build-variables.js";
import { uvImageVersion } from "./image-reference.js";

/** How a Dockerfile pins uv. */
export type UvPinSource = "arg" | "from" | "copy-from" | "mount-from" | "pip" | "installer";

/** One place in a Dockerfile that pins an exact uv version. */
export interface UvPinSite {
  /** The exact version, `major.minor.patch`. */
  version: string;
  /** 1-based line of the version (of the token holding it, in a multi-line instruction). */
  line: number;
  source: UvPinSource;
}

/** `pip`, `pip3`, `pip3.12`, `/usr/bin/pip3`, `pipx` (also reached through `python -m pip` and `uv pip`). */
const PIP_COMMAND = /^(?:.*\/)?(?:pip(?:\d+(?:\.\d+)*)?|pipx)$/;

/** The requirement `uv==X` (the package name is case-insensitive; `uvicorn==X` is another package). */
const UV_REQUIREMENT = /^uv==(.+)$/i;

/** The versioned installer (https://docs.astral.sh/uv/getting-started/installation/) and release downloads. */
const INSTALLER_URLS = [/astral\.sh\/uv\/([^/\s]+)\/install\.(?:sh|ps1)\b/, /github\.com\/astral-sh\/uv\/releases\/download\/([^/\s]+)\//];

/** Shell operators that end a simple command. */
const SHELL_SEPARATOR = /(&&|\|\||[;|&()`])/;

/** A shell word of a RUN or ADD instruction, or a command boundary. */
export type ShellToken = { word: string; line: number } | { separator: true };

/** A whitespace-separated argument with its 1-based line. */
export interface RawWord {
  value: string;
  line: number;
}

/**
 * The arguments of a RUN or ADD instruction. For the exec (JSON) form each string is read from the
 * source text through its range, because the parser drops the spaces inside JSON strings, and is
 * split at whitespace so that `["sh", "-c", "pip install uv==X"]` is read like the shell form.
 */
export function rawWords(instruction: Run | Add, sourceLines: readonly string[]): RawWord[] {
  const jsonStrings = instruction.getOpeningBracket() !== null && instruction.getClosingBracket() !== null ? instruction.getJSONStrings() : [];
  if (jsonStrings.length === 0) {
    return instruction.getArguments().map((argument) => ({ value: argument.getValue(), line: argument.getRange().start.line + 1 }));
  }
  return jsonStrings.flatMap((jsonString) => {
    const { start, end } = jsonString.getJSONRange();
    const text = start.line === end.line ? decodeJsonString(sourceLines[start.line]?.slice(start.character, end.character) ?? "") : jsonString.getJSONValue();
    return text.split(/\s+/).map((value) => ({ value, line: start.line + 1 }));
  });
}

/** The value of a JSON string's body (the text between its quotes), or the body itself if invalid. */
function decodeJsonString(body: string): string {
  try {
    const value: unknown = JSON.parse(`"${body}"`);
    return typeof value === "string" ? value : body;
  } catch {
    return body;
  }
}

/**
 * Splits an instruction's words (comments and line continuations already removed by the parser)
 * into shell words with quotes stripped and variables substituted. In a here-document each line is
 * a command of its own, unless the source line ends with a continuation (which the parser drops).
 */
export function* shellTokens(words: readonly RawWord[], variables: BuildVariables, heredocSourceLines: readonly string[] | null): Generator<ShellToken> {
  let previousLine: number | null = null;
  for (const current of words) {
    if (heredocSourceLines !== null && previousLine !== null && previousLine !== current.line) {
      if (!(heredocSourceLines[previousLine - 1] ?? "").trimEnd().endsWith("\\")) yield { separator: true };
    }
    previousLine = current.line;
    for (const piece of current.value.split(SHELL_SEPARATOR)) {
      if (SHELL_SEPARATOR.test(piece)) {
        yield { separator: true };
        continue;
      }
      const word = variables.substitute(piece.replace(/^[[("']+|["',\])]+$/g, ""));
      if (word !== "") yield { word, line: current.line };
    }
  }
}

/** `pip install … uv==X …` and versioned installer URLs in a RUN instruction. */
function runSites(instruction: Run, variables: BuildVariables, sourceLines: readonly string[]): UvPinSite[] {
  const sites: UvPinSite[] = [];
  let state: "idle" | "pip" | "install" = "idle";
  const words = rawWords(instruction, sourceLines);
  const heredocSourceLines = instruction.getHeredocs().length > 0 ? sourceLines : null;
  for (const token of shellTokens(words, variables, heredocSourceLines)) {
    if ("separator" in token) {
      state = "idle";
      continue;
    }
    sites.push(...installerSites(token.word, token.line));
    if (state === "install") {
      const requirement = UV_REQUIREMENT.exec(token.word);
      const version = requirement?.[1] === undefined ? null : exactUvVersion(requirement[1]);
      if (version !== null) sites.push({ version, line: token.line, source: "pip" });
    } else if (PIP_COMMAND.test(token.word)) state = "pip";
    else if (state === "pip") state = token.word === "install" ? "install" : token.word.startsWith("-") ? "pip" : "idle";
  }
  return sites;
}

/** Versioned installer or release URLs in one word. */
function installerSites(word: string, line: number): UvPinSite[] {
  const sites: UvPinSite[] = [];
  for (const pattern of INSTALLER_URLS) {
    const captured = pattern.exec(word)?.[1];
    const version = captured === undefined ? null : exactUvVersion(captured);
    if (version !== null) sites.push({ version, line, source: "installer" });
  }
  return sites;
}

/** The 1-based line of a flag's value, or of the flag. */
function flagLine(flag: Flag): number {
  return (flag.getValueRange() ?? flag.getRange()).start.line + 1;
}

/** `COPY --from=<uv image>` and `RUN --mount=from=<uv image>,…`. */
function flagSites(instruction: Copy | Run, variables: BuildVariables): UvPinSite[] {
  const sites: UvPinSite[] = [];
  for (const flag of instruction.getFlags()) {
    const name = flag.getName().toLowerCase();
    if (name === "from" && instruction.getKeyword() === "COPY") {
      const version = uvImageVersion(variables.substitute(flag.getValue() ?? ""));
      if (version !== null) sites.push({ version, line: flagLine(flag), source: "copy-from" });
    } else if (name === "mount") {
      const from = flag.getOptions().find((option) => option.getName().toLowerCase() === "from");
      const version = from === undefined ? null : uvImageVersion(variables.substitute(from.getValue() ?? ""));
      const range = from?.getValueRange() ?? flag.getRange();
      if (version !== null) sites.push({ version, line: range.start.line + 1, source: "mount-from" });
    }
  }
  return sites;
}

/**
 * Every site in Dockerfile text that pins an exact uv version, in document order; see
 * {@link UvPinSource}. `ARG <argName>=X` counts by itself. Variables resolve through the `ARG` and
 * `ENV` values visible at each instruction (see {@link BuildVariables}). `ONBUILD` triggers are not
 * read: they run in downstream images.
 */
export function findUvPinSites(content: string, argName: string): UvPinSite[] {
  const dockerfile = dockerfileAst().DockerfileParser.parse(content);
  const sourceLines = content.split(/\r\n|\r|\n/);
  const variables = new BuildVariables(dockerfile.getEscapeCharacter());
  const sites: UvPinSite[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    switch (instruction.getKeyword()) {
      case "ARG":
        for (const { name, value, hasDefault, line } of variables.declareArg(instruction as Arg)) {
          const version = name === argName && hasDefault && value !== null ? exactUvVersion(value) : null;
          if (version !== null) sites.push({ version, line, source: "arg" });
        }
        break;
      case "ENV":
        variables.declareEnv(instruction as Env);
        break;
      case "FROM": {
        const from = instruction as From;
        const raw = from.getImage();
        const image = raw === null ? null : variables.substituteInFrom(raw);
        const version = image === null ? null : uvImageVersion(image);
        if (version !== null) sites.push({ version, line: (from.getImageRange() ?? from.getRange()).start.line + 1, source: "from" });
        variables.enterStage(from, image);
        break;
      }
      case "COPY":
        sites.push(...flagSites(instruction as Copy, variables));
        break;
      case "RUN":
        sites.push(...flagSites(instruction as Run, variables), ...runSites(instruction as Run, variables, sourceLines));
        break;
      case "ADD":
        for (const word of rawWords(instruction as Add, sourceLines)) {
          sites.push(...installerSites(variables.substitute(word.value), word.line));
        }
        break;
    }
  }
  return sites;
}

