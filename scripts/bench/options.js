// @ts-check
// The command line of `npm run bench`.
import { parseArgs } from "node:util";

export const HELP = `Usage: npm run bench -- [corpus] [options]

  corpus            the corpus folder (holding repos/), else $UV_CI_CORPUS, else ../shared/corpus
                    relative to the project root; without one the corpus part is skipped (exit 0)
                    and only the synthetic scaling check runs
  --runs <n>        measured alternations after the warm-up one (default 5; medians need >= 5)
  --repos <n>       lint only every k-th repository so that about n remain (default: all)
  --only <a,b>      run only these of: floor, floor-again, ours, github-action, actionlint (not
                    written to the docs)
  --per-rule        each workflow rule alone against the floor (writes its own section)
  --no-cold         skip the cold first runs in fresh processes
  --no-scaling      skip the scaling check
  --no-write        print only; leave docs/performance.md alone
  --profile         CPU-profile the "ours" pass (node --cpu-prof) and summarise self time
  --cli             the whole uv-ci-lint process against a bare eslint process that only parses
                    the same workflows, on one repository (writes its own section); --runs
                    defaults to 15 here
  --cli-repo <name> the repository for --cli (default: the first with 20 workflows)
  --cli-baseline <dir>  also measure the uv-ci-lint built in another checkout (a git worktree of
                    the commit before a change, after npm run build there), alternated with the rest
  --help            this text`;

/**
 * What a run of the bench is asked to do.
 * @typedef {object} BenchOptions
 * @property {string | undefined} corpusArgument the corpus folder given on the command line
 * @property {number} runs measured alternations (default 5, 15 with --cli)
 * @property {number | undefined} reposWanted subsampling: about this many repositories
 * @property {string[] | undefined} only the subjects asked for, if not all
 * @property {boolean} cold
 * @property {boolean} scaling
 * @property {boolean} write whether to write docs/performance.md
 * @property {boolean} profile
 * @property {boolean} perRule
 * @property {boolean} cli
 * @property {string | undefined} cliRepo
 * @property {string | undefined} cliBaseline
 * @property {string | undefined} coldChild set in the child process of a cold run: the subject it runs
 * @property {boolean} help
 */

/**
 * Reads the bench's arguments (`process.argv` without node and the script).
 * @param {string[]} args
 * @returns {BenchOptions}
 */
export function parseBenchOptions(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      runs: { type: "string" },
      repos: { type: "string" },
      only: { type: "string" },
      "no-cold": { type: "boolean", default: false },
      "no-scaling": { type: "boolean", default: false },
      "no-write": { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      "per-rule": { type: "boolean", default: false },
      cli: { type: "boolean", default: false },
      "cli-repo": { type: "string" },
      "cli-baseline": { type: "string" },
      "cold-child": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  return {
    corpusArgument: positionals[0],
    runs: Number(values.runs ?? (values.cli ? 15 : 5)),
    reposWanted: values.repos ? Number(values.repos) : undefined,
    only: values.only?.split(",").map((name) => name.trim()),
    cold: !values["no-cold"],
    scaling: !values["no-scaling"],
    write: !values["no-write"],
    profile: values.profile,
    perRule: values["per-rule"],
    cli: values.cli,
    cliRepo: values["cli-repo"],
    cliBaseline: values["cli-baseline"],
    coldChild: values["cold-child"],
    help: values.help,
  };
}
