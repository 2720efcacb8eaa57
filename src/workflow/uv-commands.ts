/**
 * The `uv` commands of a `run:` script, with where each subcommand ends in the script's text, so that
 * a fix can add an option right after it. A small shell reader: words, quotes, comments, line
 * continuations and the separators that end a simple command (`;`, `&`, `|`, `(`, `)`, newlines), and
 * `cd` for the directory a command runs in. It does not expand variables or follow functions.
 * (The shell parsers on npm read a whole POSIX grammar and lose the offsets a fix needs.)
 */

export interface UvCommand {
  /** The subcommand (`sync`, `run`, `lock`, `pip`, …). */
  readonly subcommand: string;
  /** Options given before the subcommand (`uv --directory app sync`). */
  readonly globals: readonly string[];
  /** The words after the subcommand, quotes removed. */
  readonly args: readonly string[];
  /** Offset in the script of the `uv` word, and right after the subcommand word. */
  readonly start: number;
  readonly afterSubcommand: number;
  /** The directory `cd` left the script in, relative to where it started ("" for there). */
  readonly cwd: string;
}

/** A shell word: its text with quotes and escapes removed, and where it starts and ends in the script. */
export interface ShellWord {
  text: string;
  start: number;
  end: number;
}

/** Words that may stand before a command in a shell line. */
const PREFIXES = new Set(["then", "do", "else", "elif", "if", "while", "until", "time", "!", "sudo", "env", "exec", "command", "{", "}", "xargs"]);

/** uv's global options that take a value (https://docs.astral.sh/uv/reference/cli/). */
const GLOBAL_VALUE_OPTIONS = new Set(["--directory", "--project", "--config-file", "--cache-dir", "--color", "--allow-insecure-host"]);

/** The simple commands of `script`, each as its words with their offsets (also for `run-script.ts`). */
export function simpleCommands(script: string): ShellWord[][] {
  const commands: ShellWord[][] = [];
  let words: ShellWord[] = [];
  let current = "";
  let inWord = false;
  let wordStart = 0;
  const beginWord = (at: number): void => {
    if (!inWord) wordStart = at;
    inWord = true;
  };
  const endWord = (at: number): void => {
    if (inWord) words.push({ text: current, start: wordStart, end: at });
    current = "";
    inWord = false;
  };
  const endCommand = (at: number): void => {
    endWord(at);
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let index = 0; index < script.length; index++) {
    const char = script[index]!;
    if (char === "\\") {
      if (script[index + 1] === "\n" || (script[index + 1] === "\r" && script[index + 2] === "\n")) {
        index += script[index + 1] === "\r" ? 2 : 1;
        endWord(index - 1);
        continue;
      }
      beginWord(index);
      current += script[index + 1] ?? "";
      index++;
      continue;
    }
    if (char === "'" || char === '"') {
      const close = script.indexOf(char, index + 1);
      const end = close === -1 ? script.length : close;
      beginWord(index);
      current += script.slice(index + 1, end);
      index = end;
      continue;
    }
    if (char === "#" && !inWord) {
      const newline = script.indexOf("\n", index);
      index = (newline === -1 ? script.length : newline) - 1;
      continue;
    }
    if (char === "\n" || char === ";" || char === "&" || char === "|" || char === "(" || char === ")") {
      endCommand(index);
      continue;
    }
    if (char === " " || char === "\t" || char === "\r") {
      endWord(index);
      continue;
    }
    beginWord(index);
    current += char;
  }
  endCommand(script.length);
  return commands;
}

/** Every `uv` command of `script`, in order. */
export function uvCommands(script: string): UvCommand[] {
  const found: UvCommand[] = [];
  let cwd = "";
  for (const command of simpleCommands(script)) {
    let start = 0;
    while (start < command.length && (PREFIXES.has(command[start]!.text) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(command[start]!.text))) start++;
    const words = command.slice(start);
    if (words.length === 0) continue;
    if (words[0]!.text === "cd" || words[0]!.text === "pushd") {
      const target = words[1]?.text;
      cwd = target === undefined || target.startsWith("-") || target === "~" ? "" : joinRelative(cwd, target);
      continue;
    }
    if (words[0]!.text !== "uv") continue;
    const globals: string[] = [];
    let index = 1;
    while (index < words.length && words[index]!.text.startsWith("-")) {
      const option = words[index]!.text;
      globals.push(option);
      if (GLOBAL_VALUE_OPTIONS.has(option) && index + 1 < words.length) globals.push(words[++index]!.text);
      index++;
    }
    const subcommand = words[index];
    if (!subcommand) continue;
    found.push({ subcommand: subcommand.text, globals, args: words.slice(index + 1).map((word) => word.text), start: words[0]!.start, afterSubcommand: subcommand.end, cwd });
  }
  return found;
}

/** `base` joined with a relative `path` (`..` allowed), or `path` when it is absolute. */
function joinRelative(base: string, path: string): string {
  if (path.startsWith("/")) return path;
  const parts = base === "" ? [] : base.split("/");
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/** The value of `name` among a command's options (`--directory app` or `--directory=app`), or null. */
export function optionValue(options: readonly string[], name: string): string | null {
  for (let index = 0; index < options.length; index++) {
    const option = options[index]!;
    if (option === name) return options[index + 1] ?? null;
    if (option.startsWith(`${name}=`)) return option.slice(name.length + 1);
  }
  return null;
}

/** Whether a command's options include any of `names` (alone or as `--name=value`). */
export function hasOption(options: readonly string[], names: readonly string[]): boolean {
  return options.some((option) => names.includes(option.includes("=") ? option.slice(0, option.indexOf("=")) : option));
}
