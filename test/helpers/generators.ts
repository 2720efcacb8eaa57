/**
 * fast-check generators for the property tests (test/property/): a workflow or a `.dockerignore`
 * is generated as data first and rendered in a chosen style second, so that a test knows what the
 * file means independently of how it is written, and can say what a fix must change.
 *
 * This file is longer than ~300 lines on purpose: the data generators, the YAML renderer they
 * feed and the `.dockerignore` vocabulary with its hand-written match table belong together.
 */
import fc from "fast-check";

// ---------------------------------------------------------------------------------------------
// Workflow data
// ---------------------------------------------------------------------------------------------

export type Scalar = string | number | boolean | null;

/** A scalar written once with an anchor (`&vN value`) and everywhere else as an alias (`*vN`). */
export class SharedScalar {
  constructor(public value: Scalar) {}
}

/**
 * Workflow data: JSON-like values. An object or array that occurs at several places of the tree
 * (by identity) is rendered once with an anchor and then as aliases, as YAML readers share it.
 */
export type Data = Scalar | SharedScalar | Data[] | DataMap;
export interface DataMap {
  [key: string]: Data;
}

export function isMap(value: Data | undefined): value is DataMap {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof SharedScalar);
}

/** The value a YAML reader gives for the data: shared nodes copied, scalars unwrapped. */
export function toPlain(value: Data): unknown {
  if (value instanceof SharedScalar) return value.value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, toPlain(entry)]));
  return value;
}

/** A deep copy that keeps sharing: what is one node in the original is one node in the copy. */
export function cloneGraph<T extends Data>(value: T, seen = new Map<object, Data>()): T {
  if (value === null || typeof value !== "object") return value;
  const known = seen.get(value);
  if (known !== undefined) return known as T;
  if (value instanceof SharedScalar) {
    const copy = new SharedScalar(value.value);
    seen.set(value, copy);
    return copy as T;
  }
  const copy: Data = Array.isArray(value) ? [] : {};
  seen.set(value, copy);
  for (const [key, entry] of Object.entries(value)) (copy as DataMap)[key] = cloneGraph(entry as Data, seen);
  return copy as T;
}

/** The uv version the `version` option of pin-setup-uv-version is given in the property tests. */
export const OPTION_UV_VERSION = "0.7.2";
/** The uv version the temporary repository's Dockerfile pins. */
export const DOCKERFILE_UV_VERSION = "0.9.5";

const TEXTS = ["CI", "Tests ✓", "Prüfung für Ärzte", "ビルド", "lint 🚀", "a: b", "# not a comment", "x #y", "3.12", "yes", "- dash"];
const RUN_SCRIPTS = [
  "uv sync",
  "uv run pytest -q",
  'echo "${{ github.ref }}"',
  "uv sync --locked\nuv run pytest\n",
  "echo 'grüß dich'\n\necho done",
  "make test # not a comment",
  "uv sync\n\n",
];
const SETUP_UV_USES = [
  "astral-sh/setup-uv@v7",
  "astral-sh/setup-uv@v6.1.0",
  "astral-sh/setup-uv@e92bafb6253dcd438e0484186d7669ea7a8ca1cc",
  "Astral-SH/Setup-UV@v5",
];
/** Actions that are not setup-uv, including one inside setup-uv's repository. */
const OTHER_USES = ["actions/checkout@v4", "actions/setup-python@v5", "astral-sh/setup-uv/restore@v1", "./.github/actions/local", "docker://alpine:3.20"];
const VERSION_LITERALS: Data[] = ["0.4.30", "0.5.1", DOCKERFILE_UV_VERSION, OPTION_UV_VERSION, "0.10.0", "latest", ">=0.4", "0.6", "", 0.5, null];
const VERSION_REFERENCES = ["${{ env.UV_VERSION }}", "${{env.UV_VERSION}}", "${{ matrix.uv }}", "${{ env['UV_VERSION'] }}", "${{ inputs.uv-version }}", "uv-${{ env.UV_VERSION }}"];
export const DEFAULT_GROUP = "${{ github.workflow }}-${{ github.ref }}";

const text = fc.constantFrom(...TEXTS);
const version: fc.Arbitrary<Data> = fc.oneof(fc.constantFrom(...VERSION_LITERALS), fc.constantFrom(...VERSION_REFERENCES));
const env: fc.Arbitrary<DataMap> = fc.record(
  { UV_VERSION: fc.constantFrom<Data>("0.4.30", "0.5.1", DOCKERFILE_UV_VERSION, "${{ vars.UV }}", ""), GREETING: text, PYTHONUTF8: fc.constant("1") },
  { requiredKeys: [] },
);

/** An object arbitrary whose keys come out in a random order (the order is data too). */
function shuffled<T extends DataMap>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.tuple(arbitrary, fc.nat()).map(([value, seed]) => {
    const entries = Object.entries(value);
    for (let index = entries.length - 1; index > 0; index--) {
      const other = (seed * (index + 7)) % (index + 1);
      [entries[index], entries[other]] = [entries[other]!, entries[index]!];
    }
    return Object.fromEntries(entries) as T;
  });
}

const setupUvWith: fc.Arbitrary<Data> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant({}) },
  {
    weight: 6,
    arbitrary: shuffled(
      fc.record(
        {
          version,
          "version-file": fc.constantFrom("uv.toml", "missing.toml", ""),
          "enable-cache": fc.boolean(),
          "python-version": fc.constantFrom("3.12", "3.13"),
          "cache-dependency-glob": fc.constantFrom("uv.lock", "uv.lock\nrequirements*.txt\n", "uv.lock\n\n"),
          "working-directory": fc.constantFrom("./sub ü", "."),
        },
        { requiredKeys: [] },
      ),
    ),
  },
);

const setupUvStep: fc.Arbitrary<DataMap> = shuffled(
  fc.record({ name: text, id: fc.constant("uv"), uses: fc.constantFrom(...SETUP_UV_USES), with: setupUvWith, env }, { requiredKeys: ["uses"] }),
);
const otherStep: fc.Arbitrary<DataMap> = shuffled(
  fc.record(
    { name: text, uses: fc.constantFrom(...OTHER_USES), with: fc.record({ "fetch-depth": fc.constant(0), "python-version": fc.constant("3.12") }, { requiredKeys: [] }) },
    { requiredKeys: ["uses"] },
  ),
);
const runStep: fc.Arbitrary<DataMap> = shuffled(fc.record({ name: text, run: fc.constantFrom(...RUN_SCRIPTS), env, shell: fc.constant("bash") }, { requiredKeys: ["run"] }));
const step = fc.oneof({ weight: 3, arbitrary: setupUvStep }, { weight: 2, arbitrary: otherStep }, { weight: 2, arbitrary: runStep });

const job: fc.Arbitrary<DataMap> = fc.oneof(
  {
    weight: 8,
    arbitrary: shuffled(
      fc.record(
        {
          name: text,
          "runs-on": fc.constantFrom("ubuntu-latest", "windows-2022"),
          env,
          strategy: fc.record(
            {
              "fail-fast": fc.boolean(),
              matrix: fc.record(
                {
                  uv: fc.oneof(fc.constantFrom<Data>("0.4.30", DOCKERFILE_UV_VERSION), fc.array(fc.constantFrom<Data>("0.4.30", "0.5.1", DOCKERFILE_UV_VERSION), { minLength: 1, maxLength: 2 })),
                  python: fc.constant<Data>(["3.12", "3.13"]),
                  include: fc.constant<Data>([{ python: "3.14" }]),
                },
                { requiredKeys: ["python"] },
              ) as fc.Arbitrary<DataMap>,
            },
            { requiredKeys: ["matrix"] },
          ) as fc.Arbitrary<DataMap>,
          concurrency: fc.constant("deploy-${{ github.ref }}"),
          steps: fc.array(step, { minLength: 1, maxLength: 5 }),
        },
        { requiredKeys: ["runs-on", "steps"] },
      ),
    ),
  },
  { weight: 1, arbitrary: fc.constant({ uses: "./.github/workflows/reusable.yml", with: { "uv-version": "0.4.30" } }) },
);

const triggers: fc.Arbitrary<Data> = fc.constantFrom<Data>(
  "push",
  ["push", "pull_request"],
  { push: { branches: ["main", "release/**"] }, pull_request: null },
  "workflow_call",
  ["workflow_call"],
  { workflow_call: { inputs: { "uv-version": { type: "string", required: false } } } },
  { workflow_dispatch: null, workflow_call: null },
  { schedule: [{ cron: "0 0 * * 1" }] },
);

const concurrency: fc.Arbitrary<Data> = fc.constantFrom<Data>(
  { group: DEFAULT_GROUP, "cancel-in-progress": true },
  { group: "${{ github.workflow }}-${{ github.head_ref || github.run_id }}" },
  { "cancel-in-progress": true },
  { group: "ci-${{ github.ref }}", "cancel-in-progress": true },
  { group: DEFAULT_GROUP, "cancel-in-progress": false },
  { "cancel-in-progress": "${{ github.event_name == 'pull_request' }}", group: DEFAULT_GROUP },
  {},
  DEFAULT_GROUP,
  null,
);

/** Which nodes a generated workflow shares through anchors and aliases. */
interface Sharing {
  /** A step of the first job repeated in the last job (`- *sN`). */
  step: boolean;
  /** The `with` of the first setup-uv step reused by the other setup-uv steps that have one. */
  setupUvWith: boolean;
  /** The workflow `env` reused as the first job's `env`. */
  env: boolean;
  /** One `runs-on` value for every job. */
  runsOn: boolean;
  /** The workflow's `UV_VERSION` also written as the first setup-uv step's `version`. */
  version: boolean;
  insertAt: number;
}

function jobsOf(workflow: DataMap): DataMap[] {
  return isMap(workflow.jobs) ? Object.values(workflow.jobs).filter(isMap) : [];
}

export function stepsOf(job: DataMap): DataMap[] {
  return Array.isArray(job.steps) ? job.steps.filter(isMap) : [];
}

/** Whether a step runs astral-sh/setup-uv itself (not an action inside its repository). */
export function isSetupUv(step: DataMap): boolean {
  return typeof step.uses === "string" && /^astral-sh\/setup-uv@/i.test(step.uses);
}

function applySharing(base: DataMap, sharing: Sharing): DataMap {
  const workflow = structuredClone(base);
  const jobs = jobsOf(workflow).filter((job) => Array.isArray(job.steps));
  const setupUvSteps = jobs.flatMap(stepsOf).filter(isSetupUv);
  if (sharing.step && jobs.length > 1) {
    const shared = stepsOf(jobs[0]!)[0]!;
    const steps = jobs.at(-1)!.steps as Data[];
    steps.splice(sharing.insertAt % (steps.length + 1), 0, shared);
  }
  const withs = setupUvSteps.filter((step) => isMap(step.with) && Object.keys(step.with).length > 0);
  if (sharing.setupUvWith && withs.length > 1) for (const step of withs.slice(1)) step.with = withs[0]!.with!;
  if (sharing.env && isMap(workflow.env) && jobs[0] && isMap(jobs[0].env)) jobs[0].env = workflow.env;
  if (sharing.runsOn && jobs.length > 1) {
    const runner = new SharedScalar("ubuntu-latest");
    for (const job of jobs) job["runs-on"] = runner;
  }
  const first = setupUvSteps[0];
  if (sharing.version && isMap(workflow.env) && first && isMap(first.with)) {
    const value = new SharedScalar("0.4.30");
    workflow.env.UV_VERSION = value;
    first.with.version = value;
  }
  return workflow;
}

/** A GitHub Actions workflow as data: triggers, env, concurrency and 1–3 jobs, keys in random order. */
export const workflowData: fc.Arbitrary<DataMap> = fc
  .tuple(
    shuffled(
      fc.record(
        {
          name: text,
          on: triggers,
          permissions: fc.constantFrom<Data>({ contents: "read" }, "read-all"),
          env,
          concurrency,
          jobs: fc.uniqueArray(fc.tuple(fc.constantFrom("test", "lint", "build-docs", "release_1"), job), { minLength: 1, maxLength: 3, selector: ([id]) => id }).map(
            (entries) => Object.fromEntries(entries) as DataMap,
          ),
        },
        { requiredKeys: ["on", "jobs"] },
      ),
    ),
    fc.record({ step: fc.boolean(), setupUvWith: fc.boolean(), env: fc.boolean(), runsOn: fc.boolean(), version: fc.boolean(), insertAt: fc.nat(10) }),
  )
  .map(([base, sharing]) => applySharing(base, sharing));

// ---------------------------------------------------------------------------------------------
// YAML rendering
// ---------------------------------------------------------------------------------------------

/** Kinds of lines that can carry a comment or trailing spaces. */
const LINE_KINDS = ["top-key", "key", "item", "anchor", "doc-start"] as const;
type LineKind = (typeof LINE_KINDS)[number];
/** Keys whose collection may be written in flow style; `step` is an entry of `steps`. */
const FLOW_SITES = ["on", "steps", "step", "with", "env", "concurrency", "matrix", "branches", "permissions"] as const;
type FlowSite = (typeof FLOW_SITES)[number];
type Quoting = "plain" | "single" | "double" | "mixed";

export interface YamlStyle {
  indent: 2 | 4;
  /** `steps:\n  - a` (true) or `steps:\n- a` (false). */
  indentSequences: boolean;
  /** Spaces after a sequence dash: `- uses` (1) or `-   uses` (3, common with 4-space indentation). */
  dashGap: 1 | 3;
  eol: "\n" | "\r\n";
  bom: boolean;
  documentStart: "" | "---" | "--- # document ✓" | "%YAML 1.2\n---";
  finalNewline: boolean;
  blankLinesBetweenTopKeys: 0 | 1 | 2;
  trailingComments: LineKind[];
  fullLineComments: LineKind[];
  /** Full-line comments at column 0 instead of the line's indentation. */
  commentsAtColumn0: boolean;
  trailingSpaces: LineKind[];
  keyQuotes: Quoting;
  valueQuotes: Quoting;
  /** `with:` bare (true) or `with: ~` for null values. */
  bareNulls: boolean;
  flow: FlowSite[];
  seed: number;
}

export const yamlStyle: fc.Arbitrary<YamlStyle> = fc.record({
  indent: fc.constantFrom(2, 4),
  indentSequences: fc.boolean(),
  dashGap: fc.constantFrom(1, 3),
  eol: fc.constantFrom("\n", "\r\n"),
  bom: fc.boolean(),
  documentStart: fc.constantFrom("", "---", "--- # document ✓", "%YAML 1.2\n---"),
  finalNewline: fc.boolean(),
  blankLinesBetweenTopKeys: fc.constantFrom(0, 1, 2),
  trailingComments: fc.subarray([...LINE_KINDS]),
  fullLineComments: fc.subarray([...LINE_KINDS]),
  commentsAtColumn0: fc.boolean(),
  trailingSpaces: fc.subarray([...LINE_KINDS]),
  keyQuotes: fc.constantFrom("plain", "single", "double", "mixed"),
  valueQuotes: fc.constantFrom("plain", "single", "double", "mixed"),
  bareNulls: fc.boolean(),
  flow: fc.subarray([...FLOW_SITES]),
  seed: fc.nat(),
});

/**
 * Plain scalars that YAML 1.2's core schema (what yaml-eslint-parser reads by default) does not
 * read as strings; a bare `on` stays plain, as in most real workflows.
 */
const NOT_A_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[\da-fA-F_]+|0o[0-7_]+|0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?|<<|=)$/;

function isPlainSafe(value: string, inFlow: boolean): boolean {
  if (value === "" || value !== value.trim() || /[\n\r\t]/.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) || /: |:$| #/.test(value)) return false;
  if (inFlow && /[,[\]{}]/.test(value)) return false;
  return !NOT_A_STRING.test(value);
}

interface Line {
  indent: number;
  text: string;
  kind: LineKind | null;
  /** The last line of a `|+` scalar: blank lines after it would belong to its value. */
  keeps?: boolean;
}

/** Renders workflow data as YAML text in the given style. */
export function renderYaml(data: DataMap, style: YamlStyle): string {
  const counts = new Map<object, number>();
  const countShared = (value: Data): void => {
    if (value === null || typeof value !== "object") return;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    if ((counts.get(value) ?? 0) > 1 || value instanceof SharedScalar) return;
    Object.values(value).forEach(countShared);
  };
  countShared(data);
  const anchors = new Map<object, string>();
  let comment = 0;
  const choose = (path: string, options: number): number => {
    let hash = style.seed ^ 0x9e3779b9;
    for (const char of path) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
    return Math.abs(hash) % options;
  };
  const quoting = (policy: Quoting, path: string): Exclude<Quoting, "mixed"> =>
    policy === "mixed" ? (["plain", "single", "double"] as const)[choose(path, 3)]! : policy;

  const stringSource = (value: string, inFlow: boolean, policy: Quoting, path: string): string => {
    const chosen = quoting(policy, path);
    if (chosen === "plain" && isPlainSafe(value, inFlow)) return value;
    if (chosen === "single" && !/[\n\r]/.test(value)) return `'${value.replaceAll("'", "''")}'`;
    return JSON.stringify(value);
  };
  const keySource = (key: string, inFlow: boolean, path: string): string => stringSource(key, inFlow, style.keyQuotes, `${path}#key`);

  /** `&aN ` before the first of several occurrences, `*aN` for the others (null when not shared). */
  const reference = (value: Data): { alias: string } | { anchor: string } | null => {
    if (value === null || typeof value !== "object" || (counts.get(value) ?? 0) < 2) return null;
    const known = anchors.get(value);
    if (known) return { alias: `*${known}` };
    const name = `${value instanceof SharedScalar ? "v" : Array.isArray(value) ? "s" : "m"}${anchors.size + 1}`;
    anchors.set(value, name);
    return { anchor: `&${name}` };
  };

  const scalarSource = (value: Scalar, inFlow: boolean, path: string): string => {
    if (value === null) return choose(path, 2) === 0 ? "~" : "null";
    if (typeof value === "string") return stringSource(value, inFlow, style.valueQuotes, path);
    return String(value);
  };

  const flowSource = (value: Data, path: string): string => {
    const ref = reference(value);
    if (ref && "alias" in ref) return ref.alias;
    const prefix = ref ? `${ref.anchor} ` : "";
    if (value instanceof SharedScalar) return prefix + scalarSource(value.value, true, path);
    if (Array.isArray(value)) return `${prefix}[${value.map((entry, index) => flowSource(entry, `${path}/${index}`)).join(", ")}]`;
    if (isMap(value)) {
      const pairs = Object.entries(value).map(([key, entry]) => `${keySource(key, true, `${path}/${key}`)}: ${flowSource(entry, `${path}/${key}`)}`);
      return pairs.length === 0 ? `${prefix}{}` : `${prefix}{ ${pairs.join(", ")} }`;
    }
    return prefix + scalarSource(value, true, path);
  };

  const isFlowSite = (site: string, value: Data): boolean =>
    (Array.isArray(value) || isMap(value)) && (Object.keys(value).length === 0 || (style.flow as string[]).includes(site));

  /** Lines of `value` as the value of `head` (`key:` or `-`), the head written at `indent`. */
  const valueLines = (head: string, value: Data, indent: number, site: string, path: string, kind: LineKind, inSequence: boolean): Line[] => {
    if (isFlowSite(site, value)) return [{ indent, text: `${head} ${flowSource(value, path)}`, kind }];
    const ref = reference(value);
    if (ref && "alias" in ref) return [{ indent, text: `${head} ${ref.alias}`, kind }];
    const anchor = ref ? ` ${ref.anchor}` : "";
    if (value instanceof SharedScalar) return [{ indent, text: `${head}${anchor} ${scalarSource(value.value, false, path)}`, kind }];
    if (typeof value === "string" && value.includes("\n")) {
      // `|-` strips the final line break, `|` keeps one, `|+` keeps them all (the blank lines after the text).
      const chomping = value.endsWith("\n\n") ? "|+" : value.endsWith("\n") ? "|" : "|-";
      const body = value.endsWith("\n") ? value.slice(0, -1) : value;
      const contentIndent = indent + (inSequence ? 1 + style.dashGap : style.indent);
      const content = body.split("\n").map((line): Line => ({ indent: line === "" ? 0 : contentIndent, text: line, kind: null }));
      if (chomping === "|+") content.at(-1)!.keeps = true;
      return [{ indent, text: `${head}${anchor} ${chomping}`, kind }, ...content];
    }
    // A bare `version:` is read like `~` but has no value node to replace; the fix skips it, so keep it out.
    if (value === null && !anchor && style.bareNulls && site !== "version") return [{ indent, text: head, kind }];
    if (!Array.isArray(value) && !isMap(value)) return [{ indent, text: `${head}${anchor} ${scalarSource(value, false, path)}`, kind }];
    const childIndent = inSequence ? indent + 1 + style.dashGap : Array.isArray(value) && !style.indentSequences ? indent : indent + style.indent;
    const children = Array.isArray(value) ? sequenceLines(value, childIndent, site, path) : mappingLines(value, childIndent, path, false);
    if (inSequence && !anchor && isMap(value)) {
      // `- key: value`: the mapping's first line shares the dash's line.
      const [first, ...rest] = children;
      return [{ indent, text: `${head} ${first!.text}`, kind: "item" }, ...rest];
    }
    return [{ indent, text: `${head}${anchor}`, kind: anchor ? "anchor" : kind }, ...children];
  };

  const sequenceLines = (entries: Data[], indent: number, site: string, path: string): Line[] =>
    entries.flatMap((entry, index) => valueLines(`-${" ".repeat(style.dashGap - 1)}`, entry, indent, site === "steps" ? "step" : `${site}[]`, `${path}/${index}`, "item", true));

  const mappingLines = (value: DataMap, indent: number, path: string, top: boolean): Line[] => {
    const lines: Line[] = [];
    Object.entries(value).forEach(([key, entry], index) => {
      const separate = top && index > 0 && !lines.at(-1)?.keeps;
      if (separate) for (let blank = 0; blank < style.blankLinesBetweenTopKeys; blank++) lines.push({ indent: 0, text: "", kind: null });
      lines.push(...valueLines(`${keySource(key, false, `${path}/${key}`)}:`, entry, indent, key, `${path}/${key}`, top ? "top-key" : "key", false));
    });
    return lines;
  };

  const decorate = (line: Line): string[] => {
    const out: string[] = [];
    const kind = line.kind;
    if (kind && style.fullLineComments.includes(kind)) out.push(`${" ".repeat(style.commentsAtColumn0 ? 0 : line.indent)}# c${++comment} before ${kind} ✓`);
    let lineText = `${" ".repeat(line.indent)}${line.text}`;
    if (kind && style.trailingComments.includes(kind)) lineText += ` # c${++comment} ${kind} ü`;
    if (kind && style.trailingSpaces.includes(kind)) lineText += "  ";
    out.push(lineText);
    return out;
  };

  const lines: Line[] = [];
  if (style.documentStart) {
    const [directive, start] = style.documentStart.includes("\n") ? style.documentStart.split("\n") : [null, style.documentStart];
    if (directive) lines.push({ indent: 0, text: directive, kind: null });
    lines.push({ indent: 0, text: start!, kind: "doc-start" });
  }
  lines.push(...mappingLines(data, 0, "", true));
  const body = lines.flatMap(decorate).join(style.eol);
  // A `|+` scalar's last blank line needs its line break to be part of the value.
  const finalNewline = style.finalNewline || lines.at(-1)?.keeps === true;
  return `${style.bom ? "\uFEFF" : ""}${body}${finalNewline ? style.eol : ""}`;
}

// ---------------------------------------------------------------------------------------------
// .dockerignore files
// ---------------------------------------------------------------------------------------------

/** Paths of a build context whose fate the tests follow, before and after a fix. */
export const PROBE_PATHS = [
  ".python-version",
  "sub/.python-version",
  "uv.lock",
  ".env",
  "node_modules/pkg/index.js",
  "app/cache.pyc",
  "README.md",
  "src/main.py",
  ".venv/bin/python",
  "docs/index.md",
] as const;
export type ProbePath = (typeof PROBE_PATHS)[number];

/** A pattern with the probe paths Docker matches it against (the path itself or a parent directory). */
export interface IgnorePattern {
  text: string;
  matches: ProbePath[];
  /** The required file this line names and nothing else, so that the fix may delete it. */
  namesOnly?: ".python-version" | "uv.lock";
}

const ALL_PROBES = [...PROBE_PATHS];
/** Hand-written from Docker's rules (https://docs.docker.com/build/concepts/context/#dockerignore-files). */
export const IGNORE_PATTERNS: IgnorePattern[] = [
  { text: ".python-version", matches: [".python-version"], namesOnly: ".python-version" },
  { text: "/.python-version", matches: [".python-version"], namesOnly: ".python-version" },
  { text: "./.python-version", matches: [".python-version"], namesOnly: ".python-version" },
  { text: ".python-version/", matches: [".python-version"], namesOnly: ".python-version" },
  { text: "  .python-version  ", matches: [".python-version"], namesOnly: ".python-version" },
  { text: "**/.python-version", matches: [".python-version", "sub/.python-version"], namesOnly: ".python-version" },
  { text: ".*", matches: [".python-version", ".env", ".venv/bin/python"] },
  { text: "*", matches: ALL_PROBES },
  { text: ".python*", matches: [".python-version"] },
  { text: "*version", matches: [".python-version"] },
  { text: ".python-versio?", matches: [".python-version"] },
  { text: "[.]python-version", matches: [".python-version"] },
  { text: "**/.*", matches: [".python-version", "sub/.python-version", ".env", ".venv/bin/python"] },
  { text: "uv.lock", matches: ["uv.lock"], namesOnly: "uv.lock" },
  { text: "*.lock", matches: ["uv.lock"] },
  { text: ".env", matches: [".env"] },
  { text: "node_modules", matches: ["node_modules/pkg/index.js"] },
  { text: "**/*.pyc", matches: ["app/cache.pyc"] },
  { text: "*.md", matches: ["README.md"] },
  { text: "docs", matches: ["docs/index.md"] },
  { text: ".venv/", matches: [".venv/bin/python"] },
  { text: "src/*.py", matches: ["src/main.py"] },
  { text: "sub", matches: ["sub/.python-version"] },
  { text: "!README.md", matches: ["README.md"] },
  { text: "!.python-version", matches: [".python-version"] },
  { text: "! .python-version", matches: [".python-version"] },
  { text: "!**/.python-version", matches: [".python-version", "sub/.python-version"] },
  { text: "!sub", matches: ["sub/.python-version"] },
  { text: "!uv.lock", matches: ["uv.lock"] },
  { text: "!src/main.py", matches: ["src/main.py"] },
  { text: "!.env", matches: [".env"] },
];

export type IgnoreLine = { kind: "pattern"; pattern: IgnorePattern } | { kind: "comment"; text: string } | { kind: "blank"; text: string };

const ignoreLine: fc.Arbitrary<IgnoreLine> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...IGNORE_PATTERNS).map((pattern): IgnoreLine => ({ kind: "pattern", pattern })) },
  { weight: 2, arbitrary: fc.constantFrom("# Python ✓", "#.python-version", "# keep .python-version", "#", "# ünïcödé").map((text): IgnoreLine => ({ kind: "comment", text })) },
  { weight: 1, arbitrary: fc.constantFrom("", "   ").map((text): IgnoreLine => ({ kind: "blank", text })) },
);

export interface IgnoreStyle {
  eol: "\n" | "\r\n";
  bom: boolean;
  finalNewline: boolean;
  /** Lines (by index) that get trailing spaces. */
  trailingSpaces: number[];
}

export const dockerignoreFile = fc.record({
  lines: fc.array(ignoreLine, { maxLength: 14 }),
  style: fc.record({
    eol: fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
    trailingSpaces: fc.uniqueArray(fc.nat(14), { maxLength: 4 }),
  }),
});

/** The text of a `.dockerignore` file in its style; comment lines never get trailing spaces (they would change the comment). */
export function renderDockerignore(lines: IgnoreLine[], style: IgnoreStyle): string {
  const texts = lines.map((line, index) => {
    const content = line.kind === "pattern" ? line.pattern.text : line.text;
    return line.kind !== "comment" && style.trailingSpaces.includes(index) ? `${content} ` : content;
  });
  const body = texts.join(style.eol);
  return `${style.bom ? "\uFEFF" : ""}${body}${style.finalNewline && texts.length > 0 ? style.eol : ""}`;
}

/** Whether Docker leaves `path` out: the last pattern that matches it decides. */
export function isExcluded(patterns: IgnorePattern[], path: ProbePath): boolean {
  let excluded = false;
  for (const pattern of patterns) {
    if (pattern.matches.includes(path)) excluded = !pattern.text.trim().startsWith("!");
  }
  return excluded;
}
