import { readUvOptions } from "../uv/uv-options.js";
import { commandsWithDirectory, programOf, simpleCommands } from "./shell-commands.js";

/**
 * The `uv` commands of a `run:` script, with where each subcommand ends in the script's text, so that
 * a fix can add an option right after it. The script is read by shell-commands.ts, the options by
 * src/uv/uv-options.ts.
 */

export interface UvCommand {
  /** The subcommand (`sync`, `run`, `lock`, `pip`, …). */
  readonly subcommand: string;
  /** Options given before the subcommand (`uv --directory app sync`), with their values. */
  readonly globals: readonly string[];
  /** The words after the subcommand, quotes removed. */
  readonly args: readonly string[];
  /** Offset in the script of the `uv` word, and right after the subcommand word. */
  readonly start: number;
  readonly afterSubcommand: number;
  /**
   * The directory `cd` left the script in, relative to where it started ("" for there); `$PWD` when
   * only the shell knows it (`cd "$DIR"`, `cd ~`), which readers take as they take any `$` in a path.
   */
  readonly cwd: string;
}

/** Every `uv` command of `script`, in order. */
export function uvCommands(script: string): UvCommand[] {
  const found: UvCommand[] = [];
  for (const { words, cwd } of commandsWithDirectory(simpleCommands(script), (word) => word.text)) {
    if (programOf(words[0]!.text) !== "uv") continue;
    const texts = words.slice(1).map((word) => word.text);
    const { rest } = readUvOptions(texts, "stop");
    const subcommand = words[rest + 1];
    if (!subcommand) continue;
    found.push({ subcommand: subcommand.text, globals: texts.slice(0, rest), args: texts.slice(rest + 1), start: words[0]!.start, afterSubcommand: subcommand.end, cwd: cwd ?? "$PWD" });
  }
  return found;
}
