// Structural comparison of workflow documents before and after --fix, for the corpus check.
import { getStaticYAMLValue, parseForESLint } from "yaml-eslint-parser";

/** Parses YAML text; null when it does not parse. */
export function parseYaml(text) {
  try {
    const { ast } = parseForESLint(text);
    return { value: ast.body.map((document) => getStaticYAMLValue(document)), comments: ast.comments.map((comment) => comment.value) };
  } catch {
    return null;
  }
}

/** Every path (as an array of keys) where two plain values differ. */
export function changedPaths(before, after, path = []) {
  if (Object.is(before, after)) return [];
  const bothObjects = before && after && typeof before === "object" && typeof after === "object";
  if (!bothObjects || Array.isArray(before) !== Array.isArray(after)) return [path];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) => changedPaths(before[key], after[key], [...path, key]));
}

const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

/** `with:` inputs the rules insert or rewrite on a setup-uv step. */
const FIXED_INPUTS = new Set(["version", "cache-suffix"]);

/** `${{ matrix.a }}`, or several joined with `-`: what setup-uv-matrix-cache-suffix writes. */
const MATRIX_SUFFIX = /^\$\{\{ matrix\.[\w.-]+ \}\}(?:-\$\{\{ matrix\.[\w.-]+ \}\})*$/;

/** Whether a `cache-suffix` only had matrix values added: written into an empty one, or appended after `-`. */
function namesMatrixValues(before, after) {
  if (typeof before !== "string" || typeof after !== "string") return false;
  if (before.trim() === "") return MATRIX_SUFFIX.test(after);
  return after.startsWith(`${before}-`) && MATRIX_SUFFIX.test(after.slice(before.length + 1));
}

/**
 * Whether a changed path is one of the edits the workflow rules make: the top-level
 * `concurrency` block, a setup-uv step's `with.version` or `with.cache-suffix` (or a new `with`
 * holding only those; an existing suffix with matrix values appended), `--locked` added to a `run:` script's `uv sync` or `uv run`, and an `env`
 * value that held the uv version, and the `rev` of a pre-commit configuration's astral-sh/uv-pre-commit.
 */
export function isIntendedChange(path, before, after) {
  const [, ...written] = path; // path[0] is the document index
  // A composite action's `runs.steps` are read as the steps of one job `runs`, as the rules read them.
  const rest = written[0] === "runs" && written[1] === "steps" ? ["jobs", ...written] : written;
  const valueAt = (documents) => path.reduce((value, key) => value?.[key], documents);
  const valueAfter = valueAt(after);
  if (rest[0] === "concurrency") return true;
  // The `rev` of astral-sh/uv-pre-commit moved to the uv CI runs (uv-version-matches-pre-commit).
  if (rest[0] === "repos" && rest.length === 3 && rest[2] === "rev") {
    const entry = before?.[path[0]]?.repos?.[rest[1]];
    return typeof entry?.repo === "string" && /github\.com\/astral-sh\/uv-pre-commit\/?$/i.test(entry.repo) && EXACT_VERSION.test(String(valueAfter).replace(/^v/, ""));
  }
  // Only a setup-uv step's own inputs: an edit that reached another step through an alias is not one.
  const job = written === rest ? before?.[path[0]]?.jobs?.[rest[1]] : before?.[path[0]]?.runs;
  const step = rest[0] === "jobs" && rest[2] === "steps" ? job?.steps?.[rest[3]] : undefined;
  const isStep = typeof step?.uses === "string" && /^astral-sh\/setup-uv@/i.test(step.uses);
  if (isStep && rest.length === 6 && rest[4] === "with" && rest[5] === "version") return EXACT_VERSION.test(String(valueAfter));
  if (isStep && rest.length === 6 && rest[4] === "with" && rest[5] === "cache-suffix") return valueAt(before) === undefined || namesMatrixValues(valueAt(before), valueAfter);
  // The GitHub cache turned off on a runner that bakes one: the input removed (or `with:` with it when it was the only one).
  const REMOVABLE = ["enable-cache", "cache-local-path"];
  if (isStep && rest.length === 6 && rest[4] === "with" && REMOVABLE.includes(rest[5])) return valueAfter === undefined;
  if (isStep && rest.length === 5 && rest[4] === "with" && valueAfter === undefined) return Object.keys(valueAt(before) ?? {}).every((key) => REMOVABLE.includes(key));
  if (isStep && rest.length === 5 && rest[4] === "with") {
    return valueAt(before) === undefined && Object.keys(valueAfter ?? {}).every((key) => FIXED_INPUTS.has(key));
  }
  // A `run:` script whose only change is `--locked` after `uv sync` or `uv run`.
  if (rest[0] === "jobs" && rest[2] === "steps" && rest.length === 5 && rest[4] === "run") {
    const scriptBefore = valueAt(before);
    return typeof scriptBefore === "string" && typeof valueAfter === "string" && valueAfter.replace(/(\buv(?:\s+\S+)*?\s+(?:sync|run)) --locked\b/g, "$1") === scriptBefore;
  }
  // A ref comparison that valid-ref-comparison completed: `'main'` next to `github.ref` became `'refs/heads/main'`.
  const valueBefore = valueAt(before);
  if (typeof valueBefore === "string" && typeof valueAfter === "string" && valueAfter.includes("github.ref") && completesBranchNames(valueBefore, valueAfter)) return true;
  // An `env` value or a one-entry `strategy.matrix` list that held the uv version.
  const holdsVersion = rest.at(-2) === "env" || rest.includes("matrix");
  return holdsVersion && EXACT_VERSION.test(String(valueAfter));
}

/**
 * Whether `after` is `before` with some quoted branch names completed to refs (`'main'` to
 * `'refs/heads/main'`) and nothing else changed; refs already written in full stay as they were.
 */
function completesBranchNames(before, after) {
  const QUOTED = /'[^']*'/g;
  const stringsBefore = before.match(QUOTED) ?? [];
  const stringsAfter = after.match(QUOTED) ?? [];
  if (before.split(QUOTED).join("\0") !== after.split(QUOTED).join("\0") || stringsBefore.length !== stringsAfter.length) return false;
  const completed = stringsAfter.filter((text, index) => text !== stringsBefore[index]);
  return completed.length > 0 && stringsAfter.every((text, index) => text === stringsBefore[index] || text === `'refs/heads/${stringsBefore[index].slice(1)}`);
}

/** Comments of `before` missing from `after`, counted as a multiset. */
export function lostComments(before, after) {
  const remaining = new Map();
  for (const comment of after) remaining.set(comment, (remaining.get(comment) ?? 0) + 1);
  let lost = 0;
  for (const comment of before) {
    const count = remaining.get(comment) ?? 0;
    if (count === 0) lost++;
    else remaining.set(comment, count - 1);
  }
  return lost;
}

/** "crlf", "lf", "mixed" or "none". */
function lineEndingStyle(text) {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  if (crlf && lf) return "mixed";
  return crlf ? "crlf" : lf ? "lf" : "none";
}

/** Whether --fix kept the file's line endings: a file in one style stays in it. */
export function keptLineEndings(before, after) {
  const styleBefore = lineEndingStyle(before);
  const styleAfter = lineEndingStyle(after);
  return styleBefore === "mixed" || styleBefore === "none" || styleAfter === "none" || styleAfter === styleBefore;
}
