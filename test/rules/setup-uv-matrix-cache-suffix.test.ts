import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import rule from "../../rules/setup-uv-matrix-cache-suffix.js";
import { writeFiles } from "../helpers/cli.js";
import { crlf, workflowRuleTester } from "../helpers/rule-tester.js";
import { LOCK_WITH_PER_PYTHON_WHEELS, LOCK_WITH_SMALL_PER_PYTHON_WHEELS, LOCK_WITHOUT_PER_PYTHON_WHEELS } from "../helpers/uv-project.js";

/** A repository holding `files` (paths from its root); returns where `.github/workflows/ci.yml` would be. */
function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-matrix-"));
  writeFiles(dir, files);
  return join(dir, ".github", "workflows", "ci.yml");
}

/** A project with no `.python-version`, whose `uv.lock` has wheels built for one Python each. */
const bare = repoWith({ "pyproject.toml": "[project]\nname = 'x'\nversion = '0'\n", "uv.lock": LOCK_WITH_PER_PYTHON_WHEELS });
const pinned = repoWith({ ".python-version": "3.12\n", "uv.lock": LOCK_WITH_PER_PYTHON_WHEELS });
/** Every leg would download the same files: wheels for every Python, or no lockfile to tell. */
const pureWheels = repoWith({ "pyproject.toml": "[project]\nname = 'x'\nversion = '0'\n", "uv.lock": LOCK_WITHOUT_PER_PYTHON_WHEELS });
const noLockfile = repoWith({ "pyproject.toml": "[project]\nname = 'x'\nversion = '0'\n" });

/** The release the fixtures run: v9.0.0, the first whose `prune-cache` defaults to false. */
const SETUP_UV = "astral-sh/setup-uv@v9.0.0";
const PYTHONS = "        python: ['3.10', '3.13']\n";

/**
 * A workflow with one matrix job: `matrix` lines (at 8 spaces), setup-uv's `with:` lines (at 10
 * spaces), the steps between checkout and setup-uv (`before`), and the steps after it.
 */
function workflow({ matrix = PYTHONS, inputs = [], before = [], after = ["run: uv sync --python ${{ matrix.python }}"], runsOn = "ubuntu-latest", head = "on: push\n" }: {
  matrix?: string;
  inputs?: string[];
  before?: string[];
  after?: string[];
  runsOn?: string;
  head?: string;
}): string {
  const withBlock = inputs.length > 0 ? `        with:\n${inputs.map((line) => `          ${line}\n`).join("")}` : "";
  const steps = (lines: string[]): string => lines.map((line) => `      - ${line}\n`).join("");
  return `${head}jobs:\n  test:\n    runs-on: ${runsOn}\n    strategy:\n      matrix:\n${matrix}    steps:\n      - uses: actions/checkout@v6\n${steps(before)}      - uses: ${SETUP_UV}\n${withBlock}${steps(after)}`;
}

const PER_PYTHON_WHEELS = ", and each leg downloads about 16 MB of wheels built for its Python (`numpy` the largest) that another leg's cache does not hold";
const PYTHON_REASON = `setup-uv keys the cache with the Python it finds when it starts, not the one a leg installs with later${PER_PYTHON_WHEELS}`;
const PYTHON_INPUT_REASON = `setup-uv keys the cache with its \`python-version\`, not the Python a leg installs with later${PER_PYTHON_WHEELS}`;
const RESOLUTION_REASON = "nothing in setup-uv's key names the resolution";
const SETUP_PYTHON_AFTER = "uses: actions/setup-python@v6\n        with:\n          python-version: ${{ matrix.python }}";

workflowRuleTester().run("setup-uv-matrix-cache-suffix", rule, {
  valid: [
    {
      name: "legs for different Pythons download the same files: the lockfile's wheels serve every Python",
      code: workflow({}),
      filename: pureWheels,
    },
    { name: "no lockfile says what the legs download", code: workflow({}), filename: noLockfile },
    // faststream (field review 15): the lockfile's default environment is not what these legs install.
    {
      name: "legs that install with uv pip, which resolves without the lockfile",
      code: workflow({ after: [SETUP_PYTHON_AFTER, "run: uv pip install --system --group testing ."] }),
      filename: bare,
    },
    { name: "legs that sync other groups than the default ones", code: workflow({ after: ["run: uv sync --group testing --python ${{ matrix.python }}"] }), filename: bare },
    { name: "legs that run with an extra", code: workflow({ after: ["run: uv run --extra kafka --python ${{ matrix.python }} pytest"] }), filename: bare },
    {
      // pallets/click and flask: markupsafe's 26 kB per Python, and numpy only for an extra `uv sync` leaves out.
      name: "the per-Python wheels the project installs come to less than 5 MB",
      code: workflow({}),
      filename: repoWith({ "pyproject.toml": "[project]\nname = 'x'\nversion = '0'\n", "uv.lock": LOCK_WITH_SMALL_PER_PYTHON_WHEELS }),
    },
    // setup-uv is given the leg's Python, or a suffix names it: every leg has its own key.
    { code: workflow({ inputs: ["python-version: ${{ matrix.python }}"] }), filename: bare },
    { code: workflow({ inputs: ["cache-suffix: py${{ matrix.python }}"] }), filename: bare },
    // An earlier step decides the Python that setup-uv finds: setup-python, or UV_PYTHON.
    { code: workflow({ before: [SETUP_PYTHON_AFTER], after: ["run: uv sync"] }), filename: bare },
    { code: workflow({ after: ["run: uv sync"] }).replace("    runs-on:", "    env:\n      UV_PYTHON: ${{ matrix.python }}\n    runs-on:"), filename: bare },
    // An earlier step rewrites uv.lock per leg: the hashed files, and so the keys, differ.
    { code: workflow({ matrix: "        resolution: [lowest, highest]\n", before: ["run: uv lock --resolution ${{ matrix.resolution }}"], after: ["run: uv sync --resolution ${{ matrix.resolution }}"] }), filename: bare },
    // A step output decides setup-uv's Python: nobody can tell whether the legs differ.
    { code: workflow({ inputs: ["python-version: ${{ steps.python.outputs.python-version }}"] }), filename: bare },
    // The saved cache is pruned (explicitly, or by a release before v9): it holds only wheels built from source.
    { code: workflow({ inputs: ["prune-cache: true"] }), filename: bare },
    { code: workflow({}).replace(SETUP_UV, "astral-sh/setup-uv@v8.1.0"), filename: bare },
    { code: workflow({ inputs: ["prune-cache: ${{ inputs.prune }}"] }), filename: bare },
    // Nothing is saved, or nothing restored, or nothing cached.
    { code: workflow({ inputs: ["save-cache: false"] }), filename: bare },
    { code: workflow({ inputs: ["restore-cache: false"] }), filename: bare },
    { code: workflow({ inputs: ["enable-cache: false"] }), filename: bare },
    { code: workflow({ runsOn: "self-hosted" }), filename: bare },
    // The matrix value does not reach the install: shards, or the command `uv run` runs.
    { code: workflow({ matrix: "        shard: [1, 2, 3]\n", after: ["run: uv run pytest --shard ${{ matrix.shard }}"] }), filename: bare },
    { code: workflow({ matrix: "        plugin: [a, b]\n", after: ["run: uv run pytest -p ${{ matrix.plugin }}"] }), filename: bare },
    // A `.python-version` pins the project's Python: the one setup-python or `uv python install` adds is not used by `uv sync`.
    { code: workflow({ after: [SETUP_PYTHON_AFTER, "run: uv sync"] }), filename: pinned },
    { code: workflow({ after: ["run: uv python install ${{ matrix.python }} && uv sync"] }), filename: pinned },
    // Another repository checked out as the project: its `.python-version` cannot be read here.
    { code: workflow({ before: ["uses: actions/checkout@v6\n        with:\n          repository: org/app"], after: [SETUP_PYTHON_AFTER, "run: uv sync"] }), filename: bare },
    // uv sync keeps to another Python: UV_PYTHON names one, or setup-uv made the venv with the runner's.
    { code: `env:\n  UV_PYTHON: "3.12"\n${workflow({ after: [SETUP_PYTHON_AFTER, "run: uv sync"] })}`, filename: bare },
    { code: workflow({ inputs: ["activate-environment: true"], after: ["run: uv python install ${{ matrix.python }} && uv sync"] }), filename: bare },
    // `uv pip compile` only fetches metadata.
    { code: workflow({ after: ["run: uv pip compile --python-version ${{ matrix.python }} pyproject.toml"] }), filename: bare },
    // An expression builds the matrix: its legs are not known.
    { code: workflow({ matrix: "        python: ${{ fromJson(inputs.pythons) }}\n" }), filename: bare },
    // No two legs share a runner: each OS has its own key.
    {
      code: workflow({ matrix: "        include:\n          - { os: ubuntu-latest, python: '3.10' }\n          - { os: windows-latest, python: '3.13' }\n", runsOn: "${{ matrix.os }}" }),
      filename: bare,
    },
    // The legs differ, but never in the Python within one runner.
    { code: workflow({ matrix: "        os: [ubuntu-latest, macos-latest]\n        python: ['3.12']\n", runsOn: "${{ matrix.os }}" }), filename: bare },
    // Not a matrix job.
    { code: workflow({ after: ["run: uv sync --python 3.12"] }).replace(/ {4}strategy:\n {6}matrix:\n.*\n/, ""), filename: bare },
  ],
  invalid: [
    {
      name: "`uv sync --python` with the leg's Python: a new `with:` block",
      code: workflow({}),
      filename: bare,
      output: workflow({ inputs: ["cache-suffix: ${{ matrix.python }}"] }),
      errors: [{ messageId: "legsShareKey", data: { values: "`matrix.python`", reason: PYTHON_REASON, suffix: "${{ matrix.python }}" }, line: 10, column: 15, endLine: 10, endColumn: 40 }],
    },
    {
      name: "setup-python after setup-uv puts the leg's Python on the PATH; the suffix joins the existing `with:`",
      code: workflow({ inputs: ["enable-cache: true"], after: [SETUP_PYTHON_AFTER, "run: uv run --locked tox run"] }),
      filename: bare,
      output: workflow({ inputs: ["enable-cache: true", "cache-suffix: ${{ matrix.python }}"], after: [SETUP_PYTHON_AFTER, "run: uv run --locked tox run"] }),
      errors: [{ messageId: "legsShareKey", line: 10, column: 15 }],
    },
    {
      name: "an existing suffix is extended, in its quote style",
      code: workflow({ inputs: ["cache-suffix: 'tests'"] }),
      filename: bare,
      output: workflow({ inputs: ["cache-suffix: 'tests-${{ matrix.python }}'"] }),
      errors: [{ messageId: "legsShareSuffix", data: { values: "`matrix.python`", reason: PYTHON_REASON, suffix: "tests-${{ matrix.python }}" }, line: 12, column: 25, endLine: 12, endColumn: 32 }],
    },
    {
      name: "an empty suffix is replaced",
      code: workflow({ inputs: ['cache-suffix: ""'] }),
      filename: bare,
      output: workflow({ inputs: ["cache-suffix: ${{ matrix.python }}"] }),
      errors: [{ messageId: "legsShareKey", line: 10, column: 15 }],
    },
    {
      name: "a resolution matrix: lowest and highest legs",
      code: workflow({ matrix: "        resolution: [lowest-direct, highest]\n", inputs: ['python-version: "3.12"'], after: ["run: uv sync --resolution=${{ matrix.resolution }}"] }),
      filename: bare,
      output: workflow({ matrix: "        resolution: [lowest-direct, highest]\n", inputs: ['python-version: "3.12"', "cache-suffix: ${{ matrix.resolution }}"], after: ["run: uv sync --resolution=${{ matrix.resolution }}"] }),
      errors: [{ messageId: "legsShareKey", data: { values: "`matrix.resolution`", reason: RESOLUTION_REASON, suffix: "${{ matrix.resolution }}" }, line: 10, column: 15 }],
    },
    {
      name: "Python and resolution both reach the install, through `-p` and UV_RESOLUTION",
      code: workflow({ matrix: `${PYTHONS}        resolution: [lowest, highest]\n`, after: ["run: uv run -p ${{ matrix.python }} pytest\n        env:\n          UV_RESOLUTION: ${{ matrix.resolution }}"] }),
      filename: bare,
      output: workflow({
        matrix: `${PYTHONS}        resolution: [lowest, highest]\n`,
        inputs: ["cache-suffix: ${{ matrix.python }}-${{ matrix.resolution }}"],
        after: ["run: uv run -p ${{ matrix.python }} pytest\n        env:\n          UV_RESOLUTION: ${{ matrix.resolution }}"],
      }),
      errors: [{ messageId: "legsShareKey", data: { values: "`matrix.python` and `matrix.resolution`", reason: PYTHON_REASON, suffix: "${{ matrix.python }}-${{ matrix.resolution }}" }, line: 11, column: 15 }],
    },
    {
      name: "include entries with a nested Python, legs on other runners apart",
      code: workflow({
        matrix: "        config:\n          - { python: '3.13' }\n          - { python: '3.14t' }\n          - { python: '3.14', os: windows-latest }\n",
        runsOn: "${{ matrix.config.os || 'ubuntu-latest' }}",
        inputs: ["enable-cache: true"],
        after: ["run: uv python install ${{ matrix.config.python }} && uv sync"],
      }),
      filename: bare,
      output: workflow({
        matrix: "        config:\n          - { python: '3.13' }\n          - { python: '3.14t' }\n          - { python: '3.14', os: windows-latest }\n",
        runsOn: "${{ matrix.config.os || 'ubuntu-latest' }}",
        inputs: ["enable-cache: true", "cache-suffix: ${{ matrix.config.python }}"],
        after: ["run: uv python install ${{ matrix.config.python }} && uv sync"],
      }),
      errors: [{ messageId: "legsShareKey", data: { values: "`matrix.config.python`", reason: PYTHON_REASON, suffix: "${{ matrix.config.python }}" }, line: 13, column: 15 }],
    },
    {
      name: "UV_PYTHON on a later step, the matrix spread over `include`",
      code: workflow({ matrix: "        include:\n          - python: '3.11'\n          - python: '3.12'\n", after: ["run: uv sync\n        env:\n          UV_PYTHON: ${{ matrix.python }}"] }),
      filename: bare,
      output: workflow({
        matrix: "        include:\n          - python: '3.11'\n          - python: '3.12'\n",
        inputs: ["cache-suffix: ${{ matrix.python }}"],
        after: ["run: uv sync\n        env:\n          UV_PYTHON: ${{ matrix.python }}"],
      }),
      errors: [{ messageId: "legsShareKey", line: 12, column: 15 }],
    },
    {
      name: "setup-uv is given one Python, the legs install with others",
      code: workflow({ inputs: ['python-version: "3.12"'] }),
      filename: bare,
      output: workflow({ inputs: ['python-version: "3.12"', "cache-suffix: ${{ matrix.python }}"] }),
      errors: [{ messageId: "legsShareKey", data: { values: "`matrix.python`", reason: PYTHON_INPUT_REASON, suffix: "${{ matrix.python }}" }, line: 10, column: 15 }],
    },
    {
      name: "a flow-style `with:` gets a quoted suffix",
      code: workflow({}).replace(`${SETUP_UV}\n`, `${SETUP_UV}\n        with: { enable-cache: true }\n`),
      filename: bare,
      output: workflow({}).replace(`${SETUP_UV}\n`, `${SETUP_UV}\n        with: { enable-cache: true, cache-suffix: "\${{ matrix.python }}" }\n`),
      errors: [{ messageId: "legsShareKey", line: 10, column: 15 }],
    },
    {
      name: "CRLF and four-space indentation are kept",
      code: crlf("on: push\njobs:\n    test:\n        runs-on: ubuntu-latest\n        strategy:\n            matrix:\n                python: ['3.10', '3.13']\n        steps:\n            - uses: astral-sh/setup-uv@v9.0.0\n            - run: uv sync -p ${{ matrix.python }}\n"),
      filename: bare,
      output: crlf(
        "on: push\njobs:\n    test:\n        runs-on: ubuntu-latest\n        strategy:\n            matrix:\n                python: ['3.10', '3.13']\n        steps:\n            - uses: astral-sh/setup-uv@v9.0.0\n              with:\n                  cache-suffix: ${{ matrix.python }}\n            - run: uv sync -p ${{ matrix.python }}\n",
      ),
      errors: [{ messageId: "legsShareKey", line: 9, column: 21 }],
    },
    {
      name: "a generated workflow is reported, not edited",
      code: `# This file is generated. Do not edit.\n${workflow({})}`,
      filename: bare,
      output: null,
      errors: [{ messageId: "legsShareKey", line: 11, column: 15 }],
    },
    {
      name: "a `with:` shared through an alias is not edited",
      code: `${workflow({ inputs: ["&uv\n          enable-cache: true"] })}  other:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v9.0.0\n        with: *uv\n`,
      filename: bare,
      output: null,
      errors: [{ messageId: "legsShareKey", line: 10, column: 15 }],
    },
    {
      name: "a value with a comma, which older setup-uv refuses in a key, gets no fix",
      code: workflow({ matrix: "        python: ['>=3.10,<3.11', '3.13']\n" }),
      filename: bare,
      output: null,
      errors: [{ messageId: "legsShareKey", line: 10, column: 15 }],
    },
  ],
});
