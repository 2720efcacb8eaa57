/**
 * uv's command-line options (https://docs.astral.sh/uv/reference/cli/): which take a value, how a
 * value is written (`--opt=value` or `--opt value`), and where a command's options end, so that a
 * value is not read as the subcommand, a package or the command `uv run` runs.
 */

/** uv options that take the next word as their value (when not written `--opt=value`). */
const VALUE_OPTIONS = new Set([
  // Global options, given before the subcommand or after it.
  "--directory", "--project", "--config-file", "--cache-dir", "--color", "--allow-insecure-host", "--python-preference",
  // What an install holds and for which Python.
  "--extra", "--no-extra", "--group", "--only-group", "--no-group", "--package", "--with", "--with-requirements", "--with-editable",
  "--python", "-p", "--python-version", "--resolution", "--prerelease", "--exclude-newer", "--from",
  // Where packages come from and how they are built or installed.
  "--index", "--index-url", "--default-index", "--extra-index-url", "--find-links", "-f", "--env-file", "--index-strategy", "--keyring-provider",
  "--config-setting", "-C", "--link-mode", "--refresh-package", "--reinstall-package", "--upgrade-package", "-P", "--no-binary-package",
  "--no-build-package", "--python-platform", "--output-format", "--fork-strategy", "--out-dir", "-o", "--output-file", "--constraints", "-c",
  "--overrides", "--build-constraints", "-b",
]);

/** Whether a uv option (`--directory`, `--with`, `-p`, …) takes the next word as its value. */
export function uvOptionTakesValue(name: string): boolean {
  return VALUE_OPTIONS.has(name);
}

/** `--name=value` as its name and value; a word without `=` has no inline value. */
export function splitOption(word: string): [name: string, inline: string | null] {
  const equals = word.indexOf("=");
  return equals === -1 ? [word, null] : [word.slice(0, equals), word.slice(equals + 1)];
}

/** One option of a uv command, as read from its words. */
export interface UvOption {
  name: string;
  /** Its value: written inline (`--python=3.12`), or the next word for an option that takes one; else null. */
  value: string | null;
  /** The index of the option's word, and of its value's when that is the next word (else null). */
  index: number;
  valueIndex: number | null;
}

/**
 * The options at the start of `words`, and the index of the first word after them. With
 * `positionals: "stop"` they end at the first other word (the subcommand after the global options,
 * the command `uv run` and `uv tool run` run); with `"skip"` other words between options are passed
 * over (`uv pip install ruff --python 3.12`). They end at `--` in both, which is skipped.
 */
export function readUvOptions(words: readonly string[], positionals: "stop" | "skip"): { options: UvOption[]; rest: number } {
  const options: UvOption[] = [];
  let index = 0;
  for (; index < words.length; index++) {
    const word = words[index]!;
    if (word === "--") return { options, rest: index + 1 };
    if (!word.startsWith("-") || word === "-") {
      if (positionals === "stop") break;
      continue;
    }
    const [name, inline] = splitOption(word);
    const valueIndex = inline === null && uvOptionTakesValue(name) && index + 1 < words.length ? index + 1 : null;
    options.push({ name, value: inline ?? (valueIndex === null ? null : words[valueIndex]!), index, valueIndex });
    if (valueIndex !== null) index = valueIndex;
  }
  return { options, rest: index };
}

/** The value of `name` among a command's option words (`--directory app` or `--directory=app`), or null. */
export function optionValue(options: readonly string[], name: string): string | null {
  for (let index = 0; index < options.length; index++) {
    const option = options[index]!;
    if (option === name) return options[index + 1] ?? null;
    if (option.startsWith(`${name}=`)) return option.slice(name.length + 1);
  }
  return null;
}

/** Whether a command's option words include any of `names` (alone or as `--name=value`). */
export function hasOption(options: readonly string[], names: readonly string[]): boolean {
  return options.some((option) => names.includes(splitOption(option)[0]));
}
