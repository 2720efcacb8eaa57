import type { AST } from "yaml-eslint-parser";
import type { Step, Workflow } from "./model.js";
import { programOf, separatedCommands, withoutPrefixes, type SeparatedCommand, type ShellWord } from "./shell-commands.js";
import { asMapping, pairsByKey, scalarText } from "./yaml-nodes.js";

/**
 * Which commands of a `run:` script fail the step when they fail, as the shell GitHub starts runs
 * them (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#defaultsrunshell):
 * without `shell:`, `bash -e {0}` (no `pipefail`); `shell: bash`, `bash -eo pipefail {0}`; `shell: sh`,
 * `sh -e {0}`; a shell of one's own, as its template says. Under `-e` (errexit) bash does not stop
 * for a command before the last `&&` or `||` of its list, nor for one before the last `|` of its
 * pipeline without `pipefail` (https://www.gnu.org/software/bash/manual/bash.html#The-Set-Builtin);
 * without `-e` only the script's last command counts. Read on `separatedCommands`: no shell parser,
 * and `if`/`while` conditions are taken as commands.
 */

/** Commands whose run ends the list well whatever came before: `pytest || true`, `|| :`, `|| exit 0`, `|| echo failed`. */
const SUCCEEDING = new Set(["true", ":", "echo", "printf"]);

/** Words that close a compound command rather than run one (`fi` after `if …; then pytest; fi`). */
const CLOSING_WORDS = new Set(["fi", "done", "esac", "}", "then", "else", "do"]);

/** Shells whose `run:` scripts this reader understands (`shell: python` and `pwsh` it does not). */
const POSIX_SHELL = /^(bash|sh)\b/;

/**
 * The simple commands of a step's script whose failure fails the step (prefixes kept), as above;
 * every command when the step's shell is not one this reader follows (PowerShell, Python, a
 * template it cannot read).
 */
export function commandsThatFailTheStep(script: string, shell: string | null): ShellWord[][] {
  const commands = separatedCommands(script);
  const mode = shellMode(shell);
  if (mode === null) return commands.map((command) => command.words);
  let { errexit, pipefail } = mode;
  const failing: ShellWord[][] = [];
  commands.forEach((command, index) => {
    const words = withoutPrefixes(command.words, (word) => word.text).map((word) => word.text);
    if (words[0] === "set") {
      ({ errexit, pipefail } = afterSet(words.slice(1), { errexit, pipefail }));
      return;
    }
    if (command.separator === "|" && !pipefail) return;
    const pipelineEnd = endOf(commands, index, ["|"]);
    const listEnd = endOf(commands, index, ["|", "&&", "||"]);
    if (commands[listEnd]!.separator === "&") return;
    // `pytest || true`: what follows the first `||` decides; `pytest && echo ok`: the list fails, which errexit lets pass.
    const alternative = firstAlternative(commands, pipelineEnd, listEnd);
    if (alternative !== null && succeeds(alternative.words)) return;
    const lastOfList = alternative === null && pipelineEnd === listEnd;
    if ((errexit && lastOfList) || (alternative !== null && !succeeds(alternative.words)) || endsTheScript(commands, listEnd) || statusReadAfter(commands, listEnd)) failing.push(command.words);
  });
  return failing;
}

/** The step's shell: its `shell:`, else the job's or the workflow's `defaults.run.shell`; null for GitHub's default. */
export function stepShell(step: Step, workflow: Workflow): string | null {
  const fromDefaults = (value: AST.YAMLPair["value"] | undefined): string | null => scalarText(pairsByKey(asMapping(pairsByKey(asMapping(value)).get("run")?.value)).get("shell")?.value);
  return scalarText(step.keys.get("shell")?.value) ?? fromDefaults(step.job.keys.get("defaults")?.value) ?? fromDefaults(workflow.topLevel.get("defaults")?.value);
}

/** Whether the shell starts with errexit and pipefail on; null for a shell this reader does not follow. */
function shellMode(shell: string | null): { errexit: boolean; pipefail: boolean } | null {
  const trimmed = shell?.trim() ?? null;
  if (trimmed === null) return { errexit: true, pipefail: false };
  if (trimmed === "bash") return { errexit: true, pipefail: true };
  if (trimmed === "sh") return { errexit: true, pipefail: false };
  if (!POSIX_SHELL.test(trimmed) || !trimmed.includes("{0}")) return null;
  return afterSet(trimmed.split(/\s+/).slice(1), { errexit: false, pipefail: false });
}

/** What `set` options (`-e`, `+e`, `-euo pipefail`, `+o pipefail`, `-o errexit`) leave on. */
function afterSet(args: readonly string[], mode: { errexit: boolean; pipefail: boolean }): { errexit: boolean; pipefail: boolean } {
  let { errexit, pipefail } = mode;
  args.forEach((arg, index) => {
    const flags = /^([-+])([a-zA-Z]+)$/.exec(arg);
    if (flags) {
      if (flags[2]!.includes("e")) errexit = flags[1] === "-";
      return;
    }
    const option = /^([-+])\w*o$/.exec(args[index - 1] ?? "");
    if (option && arg === "pipefail") pipefail = option[1] === "-";
    if (option && arg === "errexit") errexit = option[1] === "-";
  });
  return { errexit, pipefail };
}

/** The index of the last command joined to the one at `index` by `joining` separators. */
function endOf(commands: readonly SeparatedCommand[], index: number, joining: readonly string[]): number {
  let end = index;
  while (end < commands.length - 1 && joining.includes(commands[end]!.separator)) end++;
  return end;
}

/** The command after the first `||` between `from` and `to` (the ends of a pipeline and of its list), or null. */
function firstAlternative(commands: readonly SeparatedCommand[], from: number, to: number): SeparatedCommand | null {
  for (let index = from; index < to; index++) if (commands[index]!.separator === "||") return commands[index + 1] ?? null;
  return null;
}

/** Whether a command always succeeds: `true`, `:`, `echo`, `printf`, `exit 0` (not a group `{ echo; exit 1; }`). */
function succeeds(words: readonly ShellWord[]): boolean {
  const program = programOf(words[0]?.text ?? "");
  return SUCCEEDING.has(program) || (program === "exit" && words[1]?.text === "0");
}

/** Whether nothing but closing words (`fi`, `done`) runs after the command at `index`: its status is the step's. */
function endsTheScript(commands: readonly SeparatedCommand[], index: number): boolean {
  return commands.slice(index + 1).every((command) => command.words.every((word) => CLOSING_WORDS.has(word.text)));
}

/** Whether a later command reads the exit status (`$?`, `PIPESTATUS`): what it does with it is not read here. */
function statusReadAfter(commands: readonly SeparatedCommand[], index: number): boolean {
  return commands.slice(index + 1).some((command) => command.words.some((word) => word.text.includes("$?") || word.text.includes("PIPESTATUS")));
}
