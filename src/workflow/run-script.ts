import type { AST } from "yaml-eslint-parser";
import type { ShellToken } from "../uv/uv-install-commands.js";
import type { Step } from "./model.js";
import { simpleCommands } from "./shell-commands.js";
import { asScalar, scalarText } from "./yaml-nodes.js";

/**
 * The shell words of a step's `run:` script, for rules that look for commands in it. Quoting is
 * read the simple way the Dockerfile reader reads it (quotes at a word's ends are dropped), which is
 * enough to find a command and its arguments; it is no shell parser.
 */

/** A word's place in the workflow file: its offset, or null when the script's text cannot be mapped back to it. */
type RunWordAt = number | null;

/** A step's `run:` script: its scalar and its words. */
export interface RunScript {
  scalar: AST.YAMLScalar;
  tokens: ShellToken<RunWordAt>[];
}

/** The option of `sh`, `bash`, `cmd` and PowerShell after which a word is a script. */
const SCRIPT_OPTION = /^(-c|\/c|-command)$/i;

/** Shells whose scripts read like `sh` at the level of words and `&&`, `;`, `|` (`shell: python` does not). */
const SHELL = /^(bash|sh|pwsh|powershell|cmd)\b/;

/** The script of a `run:` step in a shell, or null (an action, `shell: python`, a script that is not a scalar). */
export function runScript(step: Step, text: string): RunScript | null {
  const scalar = asScalar(step.keys.get("run")?.value);
  const script = scalar && typeof scalar.value === "string" ? scalar.value : null;
  const shell = scalarText(step.keys.get("shell")?.value);
  if (scalar === null || script === null || (shell !== null && !SHELL.test(shell.trim()))) return null;
  const toFile = valueToFileOffset(scalar, text);
  return { scalar, tokens: [...scriptTokens(script, (offset, raw) => {
    const at = toFile(offset);
    return at !== null && text.slice(at, at + raw.length) === raw ? at : null;
  })] };
}

/**
 * The words of a shell script and the ends of its commands, read by `simpleCommands` (prefixes
 * kept: `findUvInstalls` reads `sudo pip install uv` word by word). The word after `-c`
 * (`sh -c "pip install uv"`, `powershell -c "irm … | iex"`, `cmd /c`, `pwsh -Command`) is read
 * again as a script of its own.
 */
function* scriptTokens(script: string, locate: (offset: number, raw: string) => RunWordAt, base = 0, depth = 0): Generator<ShellToken<RunWordAt>> {
  for (const words of simpleCommands(script)) {
    for (const [index, word] of words.entries()) {
      // The word's text starts at the word, or after the quote that opens it.
      const textStart = script.startsWith(word.text, word.start) ? word.start : /['"]/.test(script[word.start] ?? "") && script.startsWith(word.text, word.start + 1) ? word.start + 1 : null;
      if (depth < 2 && SCRIPT_OPTION.test(words[index - 1]?.text ?? "")) {
        yield { separator: true };
        yield* scriptTokens(word.text, textStart === null ? () => null : locate, textStart === null ? 0 : base + textStart, depth + 1);
        yield { separator: true };
        continue;
      }
      yield { word: word.text, at: textStart === null ? null : locate(base + textStart, word.text) };
    }
    yield { separator: true };
  }
}

/**
 * Maps an offset in a scalar's value to the file: in a literal block (`|`) each value line is a
 * source line without the block's indentation; a one-line plain or quoted scalar is its source
 * text. Other styles (folded, multi-line flow scalars) return null. Callers check the text there.
 */
function valueToFileOffset(scalar: AST.YAMLScalar, text: string): (offset: number) => number | null {
  const value = String(scalar.value);
  if (scalar.style === "literal") {
    const body = text.slice(scalar.range[0], scalar.range[1]);
    const lineStarts: number[] = [];
    for (const match of body.matchAll(/\n/g)) lineStarts.push(scalar.range[0] + match.index + 1);
    // The block's indentation: that of its first line with content.
    let indent = 0;
    for (const start of lineStarts) {
      let end = start;
      while (text[end] === " ") end++;
      if (end < scalar.range[1] && text[end] !== "\n" && text[end] !== "\r") {
        indent = end - start;
        break;
      }
    }
    const valueLineStarts = [0];
    for (const match of value.matchAll(/\n/g)) valueLineStarts.push(match.index + 1);
    return (offset) => {
      // The last value line that starts at or before the offset (binary search: a script may be long).
      let [low, high] = [0, valueLineStarts.length - 1];
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (valueLineStarts[middle]! <= offset) low = middle;
        else high = middle - 1;
      }
      const start = lineStarts[low];
      return start === undefined ? null : start + indent + (offset - valueLineStarts[low]!);
    };
  }
  if (value.includes("\n") || scalar.style === "folded") return () => null;
  const quote = scalar.style === "double-quoted" || scalar.style === "single-quoted" ? 1 : 0;
  return (offset) => scalar.range[0] + quote + offset;
}
