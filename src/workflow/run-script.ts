import type { AST } from "yaml-eslint-parser";
import type { ShellToken } from "../uv-install-commands.js";
import type { Step } from "./model.js";
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

/** Shells whose scripts read like `sh` at the level of words and `&&`, `;`, `|` (`shell: python` does not). */
const SHELL = /^(bash|sh|pwsh|powershell|cmd)\b/;

/** Operators that end a simple command, and words between them. */
const TOKEN = /(&&|\|\||[;|&()`])|([^\s;|&()`]+)/g;

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
 * The words of a shell script and the ends of its commands. A `${{ }}` expression stays inside the
 * word it is written in, comments and line continuations are dropped.
 */
function* scriptTokens(script: string, locate: (offset: number, raw: string) => RunWordAt): Generator<ShellToken<RunWordAt>> {
  // Same-length blanks keep every offset: an expression becomes one word, a continuation white space.
  const text = script.replace(/\$\{\{[\s\S]*?\}\}/g, (expression) => `$${"E".repeat(expression.length - 1)}`).replace(/\\\r?\n/g, (join) => " ".repeat(join.length));
  let lineStart = 0;
  for (const rawLine of text.split("\n")) {
    const comment = /(^|\s)#/.exec(rawLine);
    const line = comment ? rawLine.slice(0, comment.index + comment[1]!.length) : rawLine;
    for (const match of line.matchAll(TOKEN)) {
      if (match[1] !== undefined) {
        yield { separator: true };
        continue;
      }
      const leading = /^[[("']*/.exec(match[0])![0].length;
      const word = match[0].slice(leading).replace(/["',\])]+$/, "");
      const offset = lineStart + match.index + leading;
      if (word !== "") yield { word, at: locate(offset, script.slice(offset, offset + word.length)) };
    }
    yield { separator: true };
    lineStart += rawLine.length + 1;
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
