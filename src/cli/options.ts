import { parseArgs } from "node:util";
import type { Linter } from "eslint";
import { parseRuleOption } from "./rule-option.js";

/** The output formats `--format` accepts. */
const FORMAT_NAMES = ["stylish", "json", "sarif", "github"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** The plugin's presets that `--preset` chooses from. */
const PRESET_NAMES = ["recommended", "strict"] as const;
type PresetName = (typeof PRESET_NAMES)[number];

/** What the command line asks for. */
export interface CliOptions {
  paths: string[];
  fix: boolean;
  /** The plugin's config to lint with instead of the project's eslint.config.*; undefined: look it up. */
  preset: PresetName | undefined;
  /** What the `--rule` options set, merged left to right as `eslint --rule` merges them. */
  rules: Linter.RulesRecord;
  format: FormatName;
  /** -1: any number of warnings passes, as in ESLint. */
  maxWarnings: number;
  quiet: boolean;
  help: boolean;
  version: boolean;
}

/** A command line that cannot be run; its message is one sentence for the user. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const USAGE = `Usage: uv-ci-lint [options] [paths...]

Lints GitHub workflows, Dockerfiles and .dockerignore files with eslint-plugin-uv-ci. Without
paths it lints .github/workflows/*.{yml,yaml} and every Dockerfile, Containerfile and .dockerignore
below the current directory; a directory given as a path is searched the same way (.github or
.github/workflows itself: its workflows), and virtual environments (folders with a pyvenv.cfg) are
skipped. Paths must be inside the current directory, as with eslint. With an eslint.config.* in the project, its
config is used; without one, the plugin's recommended config. A file it cannot read (a symbolic
link to a missing file, a binary file) is skipped with a note.

Options:
  --preset <name>        Lint with the plugin's recommended or strict config instead of the
                         project's eslint.config.* (as eslint --config does)
  --rule <rule>          Set a rule, in eslint --rule syntax, on top of the config; repeatable:
                         --rule 'uv-ci/pin-setup-uv-version: [error, {version: "0.11.8"}]'
  --fix                  Write the safe fixes to the files; report what remains
  -f, --format <name>    Output format: stylish (default), json, sarif (SARIF 2.1.0) or github
                         (workflow commands that annotate the pull request in GitHub Actions)
  --max-warnings <n>     Exit 1 when there are more than n warnings (default: -1, no limit)
  --quiet                Report errors only
  -h, --help             Show this help
  -v, --version          Show the plugin's and ESLint's versions

Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage or internal error, or nothing to
lint (no file matches, or the project's config lints none of them).`;

/** Parses the arguments after `uv-ci-lint`; throws `UsageError` for anything it cannot run. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        fix: { type: "boolean", default: false },
        preset: { type: "string" },
        rule: { type: "string", multiple: true, default: [] },
        format: { type: "string", short: "f", default: "stylish" },
        "max-warnings": { type: "string", default: "-1" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    // Node's messages go on to explain `--`; the first sentence names the problem.
    const firstSentence = ((error as Error).message.split(/(?<=\.) /)[0] ?? String(error)).replace(/\.?$/, ".");
    throw new UsageError(firstSentence);
  }
  const { values, positionals } = parsed;
  const format = values.format as string;
  if (!(FORMAT_NAMES as readonly string[]).includes(format)) {
    throw new UsageError(`Unknown format '${format}'; use one of ${FORMAT_NAMES.join(", ")}.`);
  }
  const maxWarningsText = values["max-warnings"] as string;
  const maxWarnings = Number(maxWarningsText);
  if (!/^-?\d+$/.test(maxWarningsText) || maxWarnings < -1) {
    throw new UsageError(`--max-warnings takes a whole number of at least -1, not '${maxWarningsText}'.`);
  }
  const preset = values.preset as string | undefined;
  if (preset !== undefined && !(PRESET_NAMES as readonly string[]).includes(preset)) {
    throw new UsageError(`Unknown preset '${preset}'; use one of ${PRESET_NAMES.join(", ")}.`);
  }
  const rules: Linter.RulesRecord = {};
  for (const text of values.rule as string[]) {
    const parsedRules = parseRuleOption(text);
    // eslint's own words for the same mistake (optionator's message for a value that is not levn's Object type).
    if (!parsedRules) throw new UsageError(`Invalid value for option 'rule' - expected type Object, received value: ${text}.`);
    Object.assign(rules, parsedRules);
  }
  return {
    paths: positionals,
    fix: values.fix as boolean,
    preset: preset as PresetName | undefined,
    rules,
    format: format as FormatName,
    maxWarnings,
    quiet: values.quiet as boolean,
    help: values.help as boolean,
    version: values.version as boolean,
  };
}
