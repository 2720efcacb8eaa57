import { normalize } from "node:path/posix";

/**
 * How the shell script of a `run:` step splits into simple commands: words, quotes, escapes,
 * comments, line continuations and the separators that end a command (`;`, `&`, `|`, `(`, `)`,
 * newlines), with `${{ }}` expressions kept inside the word they are written in. Then, for readers
 * that look at commands rather than words, the command prefixes (`sudo`, `env`, `time`, `then`, …)
 * and variable assignments before a command are skipped, and `cd`/`pushd`/`popd` tell the directory
 * each command runs in. It does not expand variables or follow functions: it is no shell parser.
 * (The shell parsers on npm read a whole POSIX grammar and lose the offsets a fix needs.)
 */

/** A shell word: its text with quotes and escapes removed, and where it starts and ends in the script. */
export interface ShellWord {
  text: string;
  start: number;
  end: number;
}

/** A simple command with its prefixes skipped, and the directory it runs in. */
export interface ShellCommand<Word> {
  /** The command word first, then its arguments. */
  words: Word[];
  /**
   * The directory `cd`, `pushd` and `popd` left the script in, relative to where it started ("" for
   * there, `..` above it); null when only the shell knows it (`cd "$DIR"`, `cd ~`, `cd /tmp`, `cd`).
   */
  cwd: string | null;
}

/** Words that may stand before the command in a simple command (`sudo uv …`, `then uv …`, `… | xargs uv …`, `{ uv …; }`). */
const COMMAND_PREFIXES = new Set(["then", "do", "else", "elif", "if", "while", "until", "time", "!", "sudo", "env", "exec", "command", "{", "}", "(", "xargs"]);

/** A variable assignment before a command (`UV_PYTHON=3.12 uv sync`). */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** A GitHub expression, which GitHub replaces before the shell reads the script. */
const EXPRESSION = /\$\{\{[\s\S]*?\}\}/g;

/** What ends a simple command: a control operator (`&&`, `||`, `|`, `;`, `&`), a newline, a parenthesis, or the script's end (""). */
type CommandSeparator = "&&" | "||" | "|" | ";" | "&" | "\n" | "(" | ")" | "";

/** A simple command's words (prefixes kept) and what ends it. */
export interface SeparatedCommand {
  words: ShellWord[];
  separator: CommandSeparator;
}

/** The simple commands of `script`, each as its words with their offsets, prefixes kept. */
export function simpleCommands(script: string): ShellWord[][] {
  return separatedCommands(script).map((command) => command.words);
}

/**
 * The simple commands of `script` as `simpleCommands` reads them, each with what ends it: where a
 * command stands in its pipeline and its `&&`/`||` list. The commands of a `"$(…)"` come before the
 * one they are written in.
 */
export function separatedCommands(script: string): SeparatedCommand[] {
  // The script is read on a same-length stand-in where each expression is one run of letters, so
  // that quotes, `#`, `|` or `&&` in an expression neither end nor split its word; the words keep the
  // script's own text.
  const masked = script.replace(EXPRESSION, (expression) => `$${"E".repeat(expression.length - 1)}`);
  const commands: SeparatedCommand[] = [];
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
  const endCommand = (at: number, separator: CommandSeparator): void => {
    endWord(at);
    if (words.length > 0) commands.push({ words, separator });
    // `(pytest) || true`: the operator after a group ends its last command.
    else if (separator !== "\n" && separator !== "" && commands.at(-1)?.separator === ")") commands.at(-1)!.separator = separator;
    words = [];
  };
  for (let index = 0; index < masked.length; index++) {
    const char = masked[index]!;
    if (char === "\\") {
      if (masked[index + 1] === "\n" || (masked[index + 1] === "\r" && masked[index + 2] === "\n")) {
        index += masked[index + 1] === "\r" ? 2 : 1;
        endWord(index - 1);
        continue;
      }
      beginWord(index);
      current += script[index + 1] ?? "";
      index++;
      continue;
    }
    if (char === "'") {
      const close = masked.indexOf(char, index + 1);
      const end = close === -1 ? masked.length : close;
      beginWord(index);
      current += script.slice(index + 1, end);
      index = end;
      continue;
    }
    if (char === '"') {
      beginWord(index);
      for (index++; index < masked.length && masked[index] !== '"'; index++) {
        if (masked[index] === "\\" && /["\\$`\n]/.test(masked[index + 1] ?? "")) {
          // A line continuation is dropped; an escaped character is kept as itself.
          if (masked[++index] !== "\n") current += script[index]!;
          continue;
        }
        // `"$(uv run …)"`: the substitution's commands run too, before this one.
        if (masked.startsWith("$(", index)) {
          const end = closingParenthesis(masked, index + 2);
          for (const inner of separatedCommands(script.slice(index + 2, end))) {
            commands.push({ separator: inner.separator, words: inner.words.map((word) => ({ text: word.text, start: word.start + index + 2, end: word.end + index + 2 })) });
          }
          current += script.slice(index, end + 1);
          index = end;
          continue;
        }
        current += script[index]!;
      }
      continue;
    }
    if (char === "#" && !inWord) {
      const newline = masked.indexOf("\n", index);
      index = (newline === -1 ? masked.length : newline) - 1;
      continue;
    }
    // `2>&1`, `<&3` and `&> log` redirect: their `&` ends nothing.
    const redirects = char === "&" && (masked[index - 1] === ">" || masked[index - 1] === "<" || masked[index + 1] === ">");
    if (!redirects && (char === "\n" || char === ";" || char === "&" || char === "|" || char === "(" || char === ")")) {
      const doubled = (char === "&" || char === "|") && masked[index + 1] === char;
      endCommand(index, doubled ? (char === "&" ? "&&" : "||") : char);
      if (doubled) index++;
      continue;
    }
    if (char === " " || char === "\t" || char === "\r") {
      endWord(index);
      continue;
    }
    beginWord(index);
    current += script[index]!;
  }
  endCommand(masked.length, "");
  return commands;
}

/** The offset of the `)` that closes a command substitution whose text starts at `from` (the script's end when none does). */
function closingParenthesis(masked: string, from: number): number {
  let depth = 0;
  for (let index = from; index < masked.length; index++) {
    const char = masked[index]!;
    if (char === "\\") index++;
    else if (char === "'" || char === '"') {
      const close = masked.indexOf(char, index + 1);
      if (close === -1) return masked.length;
      index = close;
    } else if (char === "(") depth++;
    else if (char === ")" && depth-- === 0) return index;
  }
  return masked.length;
}

/** The program a command word runs: `uv` for `uv`, `/usr/bin/uv` and `~/.local/bin/uv`. */
export function programOf(word: string): string {
  return word.slice(word.lastIndexOf("/") + 1);
}

/** The words of a simple command from its command word on: the prefixes and assignments before it skipped. */
export function withoutPrefixes<Word>(words: readonly Word[], textOf: (word: Word) => string): Word[] {
  let start = 0;
  while (start < words.length && (COMMAND_PREFIXES.has(textOf(words[start]!)) || ASSIGNMENT.test(textOf(words[start]!)))) start++;
  return words.slice(start);
}

/**
 * The commands of a script (as `simpleCommands` or another reader splits it), prefixes skipped, each
 * with the directory it runs in. `cd`, `pushd` and `popd` themselves are not listed.
 */
export function commandsWithDirectory<Word>(commands: Iterable<readonly Word[]>, textOf: (word: Word) => string): ShellCommand<Word>[] {
  const found: ShellCommand<Word>[] = [];
  let cwd: string | null = "";
  // `cd -` returns to the directory before the last `cd`, which a fresh shell does not have.
  let previous: string | null = null;
  const stack: (string | null)[] = [];
  for (const command of commands) {
    const words = withoutPrefixes(command, textOf);
    if (words.length === 0) continue;
    const name = textOf(words[0]!);
    if (name === "popd") {
      [previous, cwd] = [cwd, stack.pop() ?? null];
      continue;
    }
    if (name !== "cd" && name !== "pushd") {
      found.push({ words, cwd });
      continue;
    }
    const target = words[1] === undefined ? undefined : textOf(words[1]);
    if (name === "pushd") stack.push(cwd);
    [previous, cwd] = [cwd, name === "cd" && target === "-" ? previous : directoryAfter(cwd, target)];
  }
  return found;
}

/** Where `cd target` leads from `cwd`: null unless both are plain relative paths. */
function directoryAfter(cwd: string | null, target: string | undefined): string | null {
  if (cwd === null || target === undefined || target === "" || target.startsWith("-") || target.startsWith("~") || target.startsWith("/") || target.includes("$")) return null;
  const joined = normalize(cwd === "" ? target : `${cwd}/${target}`).replace(/\/$/, "");
  return joined === "." ? "" : joined;
}
