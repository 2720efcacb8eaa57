import type { Add, Arg, Copy, Env, Flag, From, Instruction, Run } from "dockerfile-ast";
import { dockerfileAst } from "../lazy-modules.js";
import { findUvInstalls, installerUrlPin, type ShellToken, type UvInstall } from "../uv/uv-install-commands.js";
import { exactUvVersion } from "../uv/uv-version.js";
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

/** Shell operators that end a simple command. */
const SHELL_SEPARATOR = /(&&|\|\||[;|&()`])/;

/**
 * Where a shell word of a RUN or ADD instruction is: its 1-based line, its 0-based column when it
 * is known (null inside JSON strings with escapes), and its text before variable substitution.
 */
export interface DockerfileWordAt {
  line: number;
  column: number | null;
  raw: string;
}

/** A shell word of a RUN or ADD instruction, or a command boundary. */
export type DockerfileShellToken = ShellToken<DockerfileWordAt>;

/** A whitespace-separated argument with its 1-based line and 0-based column (null when unknown). */
export interface RawWord {
  value: string;
  line: number;
  column: number | null;
}

/**
 * The arguments of a RUN or ADD instruction. For the exec (JSON) form each string is read from the
 * source text through its range, because the parser drops the spaces inside JSON strings, and is
 * split at whitespace so that `["sh", "-c", "pip install uv==X"]` is read like the shell form.
 */
export function rawWords(instruction: Run | Add, sourceLines: readonly string[]): RawWord[] {
  const jsonStrings = instruction.getOpeningBracket() !== null && instruction.getClosingBracket() !== null ? instruction.getJSONStrings() : [];
  if (jsonStrings.length === 0) {
    return instruction.getArguments().map((argument) => {
      const { start } = argument.getRange();
      return { value: argument.getValue(), line: start.line + 1, column: start.character };
    });
  }
  return jsonStrings.flatMap((jsonString) => {
    const { start, end } = jsonString.getJSONRange();
    const body = start.line === end.line ? (sourceLines[start.line]?.slice(start.character, end.character) ?? "") : null;
    const text = body === null ? jsonString.getJSONValue() : decodeJsonString(body);
    // Columns are known only where the decoded text is the source text.
    const column = body === text ? start.character : null;
    const words: RawWord[] = [];
    for (const match of text.matchAll(/\S+/g)) words.push({ value: match[0], line: start.line + 1, column: column === null ? null : column + match.index });
    return words;
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
export function* shellTokens(words: readonly RawWord[], variables: BuildVariables, heredocSourceLines: readonly string[] | null): Generator<DockerfileShellToken> {
  let previousLine: number | null = null;
  for (const current of words) {
    if (heredocSourceLines !== null && previousLine !== null && previousLine !== current.line) {
      if (!(heredocSourceLines[previousLine - 1] ?? "").trimEnd().endsWith("\\")) yield { separator: true };
    }
    previousLine = current.line;
    let offset = 0;
    for (const piece of current.value.split(SHELL_SEPARATOR)) {
      const pieceStart = offset;
      offset += piece.length;
      if (SHELL_SEPARATOR.test(piece)) {
        yield { separator: true };
        continue;
      }
      const leading = /^[[("']*/.exec(piece)![0].length;
      const raw = piece.slice(leading).replace(/["',\])]+$/g, "");
      const word = variables.substitute(raw);
      const column = current.column === null ? null : current.column + pieceStart + leading;
      if (word !== "") yield { word, at: { line: current.line, column, raw } };
    }
  }
}

/** Every install of uv in a RUN instruction (see {@link findUvInstalls}). */
function runInstalls(instruction: Run, variables: BuildVariables, sourceLines: readonly string[]): UvInstall<DockerfileWordAt>[] {
  const heredocSourceLines = instruction.getHeredocs().length > 0 ? sourceLines : null;
  return findUvInstalls(shellTokens(rawWords(instruction, sourceLines), variables, heredocSourceLines));
}

/** Installer URLs among the words of an ADD instruction. */
function addInstalls(instruction: Add, variables: BuildVariables, sourceLines: readonly string[]): UvInstall<DockerfileWordAt>[] {
  const installs: UvInstall<DockerfileWordAt>[] = [];
  for (const { value, line, column } of rawWords(instruction, sourceLines)) {
    const word = variables.substitute(value);
    const url = installerUrlPin(word);
    if (url !== null) installs.push({ kind: "installer", ...url, word, at: { line, column, raw: value } });
  }
  return installs;
}

/** The pin an install of an exact uv makes. */
function installPinSite(install: UvInstall<DockerfileWordAt>): UvPinSite[] {
  return install.pin === "exact" && install.version !== null ? [{ version: install.version, line: install.at.line, source: install.kind }] : [];
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
  return scanDockerfile(content, argName).sites;
}

/**
 * Every install of uv in the RUN and ADD instructions of a parsed Dockerfile, pinned or not, in
 * document order (see {@link findUvInstalls}); variables resolve as in {@link findUvPinSites}.
 * Takes the instructions a caller has parsed already (the Dockerfile language has), since parsing
 * a long file again costs more than reading it.
 */
export function findUvInstallSites(instructions: readonly Instruction[], escapeCharacter: string, sourceLines: readonly string[]): UvInstall<DockerfileWordAt>[] {
  return scanInstructions(instructions, escapeCharacter, sourceLines, null).installs;
}

function scanDockerfile(content: string, argName: string): { sites: UvPinSite[]; installs: UvInstall<DockerfileWordAt>[] } {
  const dockerfile = dockerfileAst().DockerfileParser.parse(content);
  return scanInstructions(dockerfile.getInstructions(), dockerfile.getEscapeCharacter(), content.split(/\r\n|\r|\n/), argName);
}

function scanInstructions(
  instructions: readonly Instruction[],
  escapeCharacter: string,
  sourceLines: readonly string[],
  argName: string | null,
): { sites: UvPinSite[]; installs: UvInstall<DockerfileWordAt>[] } {
  const variables = new BuildVariables(escapeCharacter);
  const sites: UvPinSite[] = [];
  const installs: UvInstall<DockerfileWordAt>[] = [];
  for (const instruction of instructions) {
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
      case "RUN": {
        const found = runInstalls(instruction as Run, variables, sourceLines);
        sites.push(...flagSites(instruction as Run, variables), ...found.flatMap(installPinSite));
        installs.push(...found);
        break;
      }
      case "ADD": {
        const found = addInstalls(instruction as Add, variables, sourceLines);
        sites.push(...found.flatMap(installPinSite));
        installs.push(...found);
        break;
      }
    }
  }
  return { sites, installs };
}

