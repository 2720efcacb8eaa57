import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Linter } from "eslint";
import yml from "eslint-plugin-yml";
import { describe, expect, it } from "vitest";
import rule from "../../rules/setup-uv-cache-suffix.js";
import { writeFiles } from "../helpers/cli.js";
import { ACTION_PATH, actionInRepo, compositeAction } from "../helpers/composite-action.js";
import { dedent } from "../helpers/dedent.js";
import { LOCKED_PROJECT_FILES as PROJECT_FILES, MB, lockedPackage } from "../helpers/uv-project.js";
import { crlf, workflowRuleTester } from "../helpers/rule-tester.js";

/** A repository holding the locked projects above and `others` under .github/workflows/; returns where `ci.yml` would be. */
function repoWith(others: Record<string, string>, projectFiles: Record<string, string> = PROJECT_FILES): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-suffix-"));
  writeFiles(dir, { ...projectFiles, ...Object.fromEntries(Object.entries(others).map(([name, text]) => [join(".github", "workflows", name), text])) });
  return join(dir, ".github", "workflows", "ci.yml");
}

/** The release the fixtures run: v9.0.0, the first whose `prune-cache` defaults to false. */
const SETUP_UV = "astral-sh/setup-uv@v9.0.0";

/**
 * A workflow with one job per entry: job id → `runs-on` and the setup-uv step's `with:` lines (at 10
 * spaces); an entry `run: …` replaces the job's install after setup-uv (`uv sync`).
 */
function workflow(jobs: Record<string, [string, ...string[]]>, head = "on: push\n"): string {
  const body = Object.entries(jobs).map(([id, [runsOn, ...entries]]) => {
    const inputs = entries.filter((entry) => !entry.startsWith("run: "));
    const run = entries.find((entry) => entry.startsWith("run: ")) ?? "run: uv sync";
    const withBlock = inputs.length > 0 ? `        with:\n${inputs.map((line) => `          ${line}\n`).join("")}` : "";
    return `  ${id}:\n    runs-on: ${runsOn}\n    steps:\n      - uses: actions/checkout@v6\n      - uses: ${SETUP_UV}\n${withBlock}      - ${run}\n`;
  });
  return `${head}jobs:\n${body.join("")}`;
}

/** A repository holding `files` (paths from its root) and `others` under .github/workflows/; returns where `ci.yml` would be. */
function repoWithFiles(files: Record<string, string>, others: Record<string, string>): string {
  const filename = repoWith(others);
  writeFiles(dirname(dirname(dirname(filename))), files);
  return filename;
}

/** A job's steps: `before` setup-uv, then setup-uv with `inputs`, then `run`. */
function job(steps: { before?: string[]; uses?: string; inputs?: string[]; run: string }, runsOn = "ubuntu-latest"): string {
  const before = (steps.before ?? ["uses: actions/checkout@v6"]).map((line) => `      - ${line}\n`).join("");
  const inputs = steps.inputs?.length ? `        with:\n${steps.inputs.map((line) => `          ${line}\n`).join("")}` : "";
  return `    runs-on: ${runsOn}\n    steps:\n${before}      - uses: ${steps.uses ?? SETUP_UV}\n${inputs}      - run: ${steps.run}\n`;
}

const HEAVY = "run: uv sync --all-extras --frozen";

// The seed PR: every workflow on the self-hosted pool turned the cache on with setup-uv@v7, none set
// a suffix; the PR-title check runs one script with its own inline dependencies. v7 prunes the cache
// before saving it (the seed found it held ~2 MB), so the shared key cost next to nothing; had both
// saved unpruned caches and unit-tests run for pull requests too, the title check's save on a pull
// request would have left unit-tests without its wheels there.
const TITLE_SCRIPT = "# /// script\n# dependencies = []\n# ///\nprint('ok')\n";
function seedRepo(...inputs: string[]): string {
  const title = workflow({ title: ["[self-hosted, linux]", "enable-cache: true", ...inputs, "run: uv run .github/scripts/check_pr_title.py"] }, "name: check-pr-title\non: pull_request\n");
  return repoWithFiles({ ".github/scripts/check_pr_title.py": TITLE_SCRIPT }, { "check-pr-title.yml": title.replace(SETUP_UV, "astral-sh/setup-uv@v7") });
}
const seed = seedRepo();
const seedUnpruned = seedRepo("prune-cache: false");
// The other workflow installs the project with its default groups (`uv sync`), this one all extras.
const hosted = repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest"] }) });
// Other labels, other images: the key holds the OS version and the Python the image has.
const onUbuntu2404 = repoWith({ "docs.yml": workflow({ docs: ["ubuntu-24.04"] }) });
const onUbuntuSlim = repoWith({ "docs.yml": workflow({ docs: ["ubuntu-slim"] }) });
const onMacos15 = repoWith({ "docs.yml": workflow({ docs: ["macos-15"] }) });
const selfHosted = repoWith({ "docs.yml": workflow({ docs: ["self-hosted"] }) });
const suffixed = repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}"] }) });
const literalSuffix = repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "cache-suffix: shared"] }) });
const sameName = repoWith({ "copy.yml": workflow({ docs: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}"] }, "name: CI\non: push\n") });
const windows = repoWith({ "win.yml": workflow({ win: ["windows-latest"] }) });
const otherGlob = repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "cache-dependency-glob: docs/requirements.txt"] }) });
const otherPython = repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", 'python-version: "3.13"'] }) });
const releaseOnly = repoWith({ "release.yml": workflow({ publish: ["ubuntu-latest"] }, "on:\n  release:\n    types: [published]\n") });
const tagsOnly = repoWith({ "release.yml": workflow({ publish: ["ubuntu-latest"] }, "on:\n  push:\n    tags: ['v*']\n") });
const readOnly = repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "save-cache: false"] }) });
const oldSetupUv = repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest"] }).replace(SETUP_UV, "astral-sh/setup-uv@v4") });

/**
 * A `[[package]]` locked at one of several versions, for the Pythons `resolutionMarker` names: its
 * Linux x86_64 wheels, one per CPython tag (`cp312`) with its bytes.
 */
function forkedPackage(name: string, version: string, resolutionMarker: string, wheels: Record<string, number>, dependencies: string[] = []): string {
  const urls = Object.entries(wheels).map(([tag, bytes]) => `{ url = "https://files.pythonhosted.org/packages/${name}-${version}-${tag}-${tag}-manylinux_2_17_x86_64.whl", hash = "sha256:0", size = ${bytes} }`);
  return `[[package]]\nname = "${name}"\nversion = "${version}"\nsource = { registry = "https://pypi.org/simple" }\nresolution-markers = ["${resolutionMarker}"]\ndependencies = [${dependencies.join(", ")}]\nwheels = [${urls.join(", ")}]\n`;
}

const PYPI = 'source = { registry = "https://pypi.org/simple" }';
/**
 * A project whose `sci` group locks scipy three times (one version per range of Pythons, as uv
 * forks a resolution) and numpy twice: a job installs one of each, 35 + 16 MB on CPython 3.12,
 * and the heaviest versions, 38 + 19 MB, where its Python is not known.
 */
const FORKED_LOCK = [
  'version = 1\nrevision = 3\nrequires-python = ">=3.9"\nresolution-markers = ["python_full_version >= \'3.11\'", "python_full_version == \'3.10.*\'", "python_full_version < \'3.10\'"]\n',
  `[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\ndependencies = [{ name = "httpx" }]\n\n[package.dev-dependencies]\nsci = [\n    { name = "scipy", version = "1.13.1", ${PYPI}, marker = "python_full_version < '3.10'" },\n    { name = "scipy", version = "1.15.3", ${PYPI}, marker = "python_full_version == '3.10.*'" },\n    { name = "scipy", version = "1.16.0", ${PYPI}, marker = "python_full_version >= '3.11'" },\n]\n`,
  lockedPackage("httpx", 0.1 * MB),
  forkedPackage("scipy", "1.13.1", "python_full_version < '3.10'", { cp39: 38 * MB }, [`{ name = "numpy", version = "2.0.2", ${PYPI} }`]),
  forkedPackage("scipy", "1.15.3", "python_full_version == '3.10.*'", { cp310: 37 * MB }, [`{ name = "numpy", version = "2.2.0", ${PYPI} }`]),
  forkedPackage("scipy", "1.16.0", "python_full_version >= '3.11'", { cp311: 36 * MB, cp312: 35 * MB }, [`{ name = "numpy", version = "2.2.0", ${PYPI} }`]),
  forkedPackage("numpy", "2.0.2", "python_full_version < '3.10'", { cp39: 19 * MB }),
  forkedPackage("numpy", "2.2.0", "python_full_version >= '3.10'", { cp310: 17 * MB, cp312: 16 * MB }),
].join("\n");
const FORKED_PROJECT = { "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.9"\n', "uv.lock": FORKED_LOCK };
/** Another workflow's job that installs the project without the `sci` group, on `python` (the key's Python must match). */
const plainSync = (python: string[]): string => workflow({ docs: ["ubuntu-latest", ...python, "run: uv sync"] });
const sciSync = (python: string[], suffix: string[] = []): string => workflow({ test: ["ubuntu-latest", ...python, ...suffix, "run: uv sync --group sci"] });

const single = workflow({ test: ["ubuntu-latest", HEAVY] });
const singleFixed = workflow({ test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}", HEAVY] });

workflowRuleTester().run("setup-uv-cache-suffix", rule, {
  valid: [
    // v7.1.5 keys its caches `setup-uv-1-…`, v9.0.0 `setup-uv-2-…` (the table of releases): never the same key.
    { code: workflow({ test: ["ubuntu-latest", "prune-cache: false", HEAVY] }).replace(SETUP_UV, "astral-sh/setup-uv@v7.1.5"), filename: hosted },
    // Nothing else caches under the same key.
    { code: single, filename: repoWith({}) },
    // e2e installs the project with its dev group; type-checks' cache (dev and lint groups) holds all of it.
    { code: workflow({ e2e: ["ubuntu-latest"] }), filename: repoWith({ "static-analysis.yml": workflow({ "type-checks": ["ubuntu-latest", "run: uv run --group lint ruff check"] }) }) },
    // On 3.12 the job installs scipy 1.16.0 and numpy 2.2.0, which the other job's cache holds: the versions locked for older Pythons it never installs.
    { code: sciSync(['python-version: "3.12"']), filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", 'python-version: "3.12"', "run: uv pip install scipy==1.16.0"] }) }, FORKED_PROJECT) },
    single,
    // One suffix is enough to tell two keys apart.
    { code: single, filename: suffixed },
    { code: singleFixed, filename: hosted },
    // `auto` leaves the cache off on self-hosted runners, and before setup-uv v5.
    { code: workflow({ test: ["self-hosted"] }), filename: selfHosted },
    { code: workflow({ test: ["[self-hosted, gpu]"] }), filename: hosted },
    { code: single.replace(SETUP_UV, "astral-sh/setup-uv@v4"), filename: oldSetupUv },
    { code: single, filename: oldSetupUv },
    // Since v10, `auto` leaves it off for release events and tag pushes.
    { code: workflow({ publish: ["ubuntu-latest"] }, "on: [release, workflow_run]\n").replace(/@v9\.0\.0/g, "@v10.0.1"), filename: releaseOnly },
    { code: single.replace(SETUP_UV, "astral-sh/setup-uv@v10.0.1"), filename: tagsOnly },
    // Other parts of the key differ: OS, dependency glob, Python.
    { code: single, filename: windows },
    { code: single, filename: otherGlob },
    { code: single, filename: otherPython },
    // Explicitly off, or decided at run time.
    { code: workflow({ test: ["ubuntu-latest", "enable-cache: false"] }), filename: hosted },
    { code: workflow({ test: ["ubuntu-latest", "enable-cache: ${{ inputs.cache }}"] }), filename: hosted },
    // Neither step saves what the other restores.
    { code: workflow({ test: ["ubuntu-latest", "save-cache: false"] }), filename: readOnly },
    // An unknown runner (a label GitHub does not host) may be self-hosted: `auto` is not assumed on.
    { code: workflow({ test: ["depot-ubuntu-24.04"] }), filename: repoWith({ "b.yml": workflow({ b: ["depot-ubuntu-24.04"] }) }) },
    // Jobs of one workflow keep their caches apart with github.job.
    { code: workflow({ lint: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}-${{ github.job }}", "run: uvx ruff check"], test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}-${{ github.job }}"] }), filename: repoWith({}) },
    { code: workflow({ lint: ["ubuntu-latest", "cache-suffix: lint", "run: uvx ruff check"], test: ["ubuntu-latest"] }), filename: repoWith({}) },
    // Self-hosted pools with different labels are different machines.
    { code: workflow({ test: ["[self-hosted, linux]", "enable-cache: true"] }), filename: repoWith({ "gpu.yml": workflow({ gpu: ["[self-hosted, gpu]", "enable-cache: true"] }) }) },
    // The same install in two workflows: one cache serves both.
    { code: workflow({ test: ["ubuntu-latest"] }), filename: hosted },
    // `ubuntu-slim` is a container on Ubuntu 24.04 with its own Python, and `ubuntu-latest` moves
    // to each new Ubuntu (26.04 since late 2026): labels do not tell that two images match.
    { code: workflow({ test: ["ubuntu-latest", HEAVY] }), filename: onUbuntuSlim },
    { code: workflow({ test: ["ubuntu-slim", HEAVY] }), filename: hosted },
    { code: workflow({ test: ["ubuntu-latest", HEAVY] }), filename: onUbuntu2404 },
    { code: workflow({ test: ["macos-latest", HEAVY] }), filename: onMacos15 },
    // `uv run` after `uv sync --extra x` installs nothing more.
    { code: workflow({ test: ["ubuntu-latest", "run: uv sync --extra x && uv run pytest"] }), filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv sync --extra x"] }) }) },
    { code: workflow({ test: ["ubuntu-latest", "run: uv sync --dev --locked"] }), filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv run --frozen pytest"] }) }) },
    // What the other job installs is hidden: a Makefile, nox, a shell script, a `uv run` of a script not on disk.
    { code: single, filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: make test"] }) }) },
    { code: single, filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uvx nox -s tests"] }) }) },
    { code: single, filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: ./scripts/ci.sh"] }) }) },
    { code: single, filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv run scripts/check.py"] }) }) },
    { code: single, filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv sync --extra ${{ matrix.extra }}"] }) }) },
    // Nothing visible fills uv's cache: setup-uv has nothing to save, or a tool uses uv unseen.
    { code: single, filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: cargo test"] }) }) },
    // A step before setup-uv rewrites the hashed files, so the key is not the other workflow's.
    { code: `on: push\njobs:\n  test:\n${job({ before: ["uses: actions/checkout@v6", "run: uv lock --upgrade"], run: "uv sync --all-extras" })}`, filename: hosted },
    { code: `on: push\njobs:\n  test:\n${job({ before: ["uses: actions/checkout@v6", "run: sed -i 's/x/y/' pyproject.toml"], run: "uv sync --all-extras" })}`, filename: hosted },
    // Another checkout with a path puts more files under the glob.
    {
      code: `on: push\njobs:\n  test:\n${job({ before: ["uses: actions/checkout@v6", "uses: actions/checkout@v6\n        with:\n          repository: org/plugins\n          path: plugins"], run: "uv sync --all-extras" })}`,
      filename: hosted,
    },
    // Caches saved for a pull request are read by that pull request only; tag runs read their tag's.
    { code: workflow({ test: ["ubuntu-latest", HEAVY] }, "on: pull_request\n"), filename: tagsOnly },
    { code: workflow({ test: ["ubuntu-latest", HEAVY] }, "on: merge_group\n"), filename: repoWith({ "pr.yml": workflow({ pr: ["ubuntu-latest"] }, "on: pull_request\n") }) },
    // A manual run saves, now and then, on the branch it is started on: not the save other runs find first.
    { code: workflow({ test: ["ubuntu-latest", HEAVY] }, "on:\n  push:\n    branches: [main]\n"), filename: repoWith({ "build.yml": workflow({ build: ["ubuntu-latest"] }, "on: [pull_request, workflow_dispatch]\n") }) },
    { code: workflow({ test: ["ubuntu-latest", HEAVY] }), filename: repoWith({ "dry-run.yml": workflow({ build: ["ubuntu-latest"] }, "on: workflow_dispatch\n") }) },
    // The same for a job whose `if:` keeps it to manual runs of a workflow that also runs on pushes (posthog's dry run).
    {
      code: workflow({ test: ["ubuntu-latest", HEAVY] }),
      filename: repoWith({ "release.yml": workflow({ build: ["ubuntu-latest"] }, "on: [push, workflow_dispatch]\n").replace("    runs-on:", "    if: github.event_name == 'workflow_dispatch' && github.ref != 'refs/heads/main'\n    runs-on:") }),
    },
    // Releases that build keys differently: v6 and v7.0.0 have no OS in the key; v8.1.0 prunes by default, v9.0.0 does not.
    { code: single.replace(SETUP_UV, "astral-sh/setup-uv@v6"), filename: hosted },
    { code: single.replace(SETUP_UV, "astral-sh/setup-uv@v7.0.0"), filename: hosted },
    { code: single.replace(SETUP_UV, "astral-sh/setup-uv@v8.1.0"), filename: hosted },
    // A release workflow (releases and manual runs) runs once per release: not worth a key of its own.
    { code: single, filename: repoWith({ "publish.yml": workflow({ publish: ["ubuntu-latest", "run: uv build"] }, "on:\n  release:\n    types: [published]\n  workflow_dispatch:\n") }) },
    // A shell variable decides what is installed.
    { code: single, filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv sync --python $PYTHON_VERSION"] }) }) },
    // `uv run` without a Python uses the environment `uv sync --python 3.12` made.
    { code: workflow({ test: ["ubuntu-latest", "run: uv sync --python 3.12 && uv run pytest"] }), filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv sync -p 3.12"] }) }) },
    // Two light installs, a tool and a script's packages, lose little to each other's cache.
    { code: workflow({ test: ["ubuntu-latest", "run: uvx ruff check"] }), filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv run --no-project --with certifi report.py"] }) }) },
    // `${{ env.PYTHON_VERSION }}` is what each workflow sets it to.
    {
      code: `env:\n  PYTHON_VERSION: "3.12"\n${workflow({ test: ["ubuntu-latest", "python-version: ${{ env.PYTHON_VERSION }}", HEAVY] })}`,
      filename: repoWith({ "docs.yml": `env:\n  PYTHON_VERSION: "3.13"\n${workflow({ docs: ["ubuntu-latest", "python-version: ${{ env.PYTHON_VERSION }}"] })}` }),
    },
    // The seed PR: both steps on v7 prune before saving, so neither loses its PyPI wheels to the other.
    {
      code: workflow({ tests: ["[self-hosted, linux]", "enable-cache: true", HEAVY] }, "name: unit-tests\non: push\n").replace(SETUP_UV, "astral-sh/setup-uv@v7"),
      filename: seed,
    },
    // Both prune: explicitly, or by an older release's default; or an expression decides.
    { code: workflow({ test: ["ubuntu-latest", "prune-cache: true", HEAVY] }), filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "prune-cache: true"] }) }) },
    { code: single.replace(SETUP_UV, "astral-sh/setup-uv@v8.1.0"), filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest"] }).replace(SETUP_UV, "astral-sh/setup-uv@v7") }) },
    { code: single.replace(SETUP_UV, "astral-sh/setup-uv@v5"), filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uvx ruff check"] }).replace(SETUP_UV, "astral-sh/setup-uv@v5") }) },
    {
      code: workflow({ test: ["ubuntu-latest", "prune-cache: ${{ inputs.prune }}", HEAVY] }).replace(SETUP_UV, "astral-sh/setup-uv@v5"),
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest"] }).replace(SETUP_UV, "astral-sh/setup-uv@v5") }),
    },
    // The same install on another Python: setup-uv was not given the Python, and the packages are the same.
    {
      code: workflow({ test: ["ubuntu-latest", "run: uv run --python 3.13 --with-requirements=requirements-tests.txt pytest"] }),
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv run -p 3.14 --with-requirements=requirements-tests.txt pytest"] }) }),
    },
    // A light job that runs only on a schedule or by hand: the heavy job's push run saves first.
    { code: single, filename: repoWith({ "lock.yml": workflow({ lock: ["ubuntu-latest", "run: uv lock --upgrade"] }, "on:\n  schedule:\n    - cron: '0 3 * * *'\n  workflow_dispatch:\n") }) },
    { code: workflow({ export: ["ubuntu-latest", "run: uvx marimo export html-wasm nb.py"] }, "on:\n  schedule:\n    - cron: '0 3 * * 1'\n"), filename: hosted },
    // A reusable workflow's `github.workflow` is the caller's name, not another workflow's `name`.
    {
      code: workflow({ test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}", HEAVY] }, "name: Checks\non: workflow_call\n"),
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}"] }, "name: Checks\non: push\n") }),
    },
    // What one job installs and the other's cache lacks weighs less than 5 MB, as the lockfile gives
    // the wheels' sizes: a shared cache is what a cache is for (strawberry's lint, federation and e2e
    // jobs, one of which adds a graphql-core release candidate outside the lockfile).
    {
      code: workflow({ lint: ["ubuntu-latest"], e2e: ["ubuntu-latest", "run: uv sync && uv pip install graphql-core==3.3.0rc0"] }),
      filename: repoWith({}),
    },
    { code: workflow({ test: ["ubuntu-latest", HEAVY] }), filename: repoWith({ "types.yml": workflow({ types: ["ubuntu-latest", "run: uv sync --all-extras --group typing"] }) }) },
    { code: workflow({ lint: ["ubuntu-latest"], e2e: ["ubuntu-latest", "run: uv sync && uv pip install graphql-core"] }), filename: repoWith({}) },
    // A locked package a job names outside `uv sync` is the same wheel the other's cache holds.
    { code: single, filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv sync && uv pip install torch"] }) }) },
    // Without a uv.lock nothing tells what the installs weigh (spec-kit's legs: a few small pure-Python wheels).
    { code: single, filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uvx ruff@0.15.0 check"] }) }, { "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n' }) },
    // A `uv run --no-project` of a script the repository does not have: its inline metadata is not known.
    { code: single, filename: repoWith({ "check.yml": workflow({ check: ["ubuntu-latest", "run: uv run --no-project scripts/missing.py"] }) }) },
    // A job whose requirements file the workflow does not show: what its cache holds is not known.
    { code: single, filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv pip install -r docs/requirements.txt"] }) }) },
    // The title check runs for pull requests only: it restores what unit-tests saved on a push and
    // needs nothing more, and what it saves stays on the pull request's ref, which unit-tests never reads.
    {
      code: workflow({ tests: ["[self-hosted, linux]", "enable-cache: true", "prune-cache: false", HEAVY] }, "name: unit-tests\non: push\n").replace(SETUP_UV, "astral-sh/setup-uv@v7"),
      filename: seedUnpruned,
    },
    // Steps of the same job are one install.
    dedent`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          steps:
            - uses: astral-sh/setup-uv@v7
            - uses: astral-sh/setup-uv@v7
    `,
    {
      // stac-fastapi (field sample 10 review): its benchmark waits for the tests; test-docs starts at once and saves first.
      name: "the job whose cache the other would lack waits for other jobs, and the other starts at once: the other saves first",
      code: workflow({ e2e: ["ubuntu-latest"], "type-checks": ["ubuntu-latest", "run: uv run --group lint ruff check"] }).replace("  e2e:\n", "  e2e:\n    needs: [build]\n"),
      filename: repoWith({}),
    },
  ],
  invalid: [
    {
      name: "a package locked at several versions weighs the one the job's Python installs: scipy 1.16.0 and numpy 2.2.0, their cp312 wheels, on 3.12",
      code: sciSync(['python-version: "3.12"']),
      filename: repoWith({ "docs.yml": plainSync(['python-version: "3.12"']) }, FORKED_PROJECT),
      output: sciSync(['python-version: "3.12"'], ["cache-suffix: ${{ github.workflow }}"]),
      errors: [{ messageId: "missingSuffix", data: { otherJob: "docs", otherWorkflow: "`.github/workflows/docs.yml`", suffix: "${{ github.workflow }}", shortfall: "about 51 MB of wheels, `scipy` the largest" } }],
    },
    {
      name: "so does the project's `.python-version`, where setup-uv names no Python",
      code: sciSync([]),
      filename: repoWith({ "docs.yml": plainSync([]) }, { ...FORKED_PROJECT, ".python-version": "3.12\n" }),
      output: sciSync([], ["cache-suffix: ${{ github.workflow }}"]),
      errors: [{ messageId: "missingSuffix", data: { otherJob: "docs", otherWorkflow: "`.github/workflows/docs.yml`", suffix: "${{ github.workflow }}", shortfall: "about 51 MB of wheels, `scipy` the largest" } }],
    },
    {
      name: "where the Python is not known, the heaviest single version of each package, never their sum",
      code: sciSync(["python-version: ${{ vars.PYTHON }}"]),
      filename: repoWith({ "docs.yml": plainSync(["python-version: ${{ vars.PYTHON }}"]) }, FORKED_PROJECT),
      output: sciSync(["python-version: ${{ vars.PYTHON }}"], ["cache-suffix: ${{ github.workflow }}"]),
      errors: [{ messageId: "missingSuffix", data: { otherJob: "docs", otherWorkflow: "`.github/workflows/docs.yml`", suffix: "${{ github.workflow }}", shortfall: "about 57 MB of wheels, `scipy` the largest" } }],
    },
    {
      // Only type-checks lacks something in the other's cache (the lint group): e2e's `uv sync` is all in type-checks' cache.
      name: "of two jobs on one key, the one whose installs the other's cache holds is not reported; the message names the other and this job's shortfall",
      code: workflow({ e2e: ["ubuntu-latest"], "type-checks": ["ubuntu-latest", "run: uv run --group lint ruff check"] }),
      filename: repoWith({}),
      output: workflow({ e2e: ["ubuntu-latest"], "type-checks": ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}-${{ github.job }}", "run: uv run --group lint ruff check"] }),
      errors: [{ messageId: "missingSuffix", data: { otherJob: "e2e", otherWorkflow: "this workflow", suffix: "${{ github.workflow }}-${{ github.job }}", shortfall: "about 12 MB of wheels, `ruff` the largest" }, line: 13 }],
    },
    {
      name: "the job that would lack the wheels is the one that waits: the other saves first, and it is reported",
      code: workflow({ e2e: ["ubuntu-latest"], "type-checks": ["ubuntu-latest", "run: uv run --group lint ruff check"] }).replace("  type-checks:\n", "  type-checks:\n    needs: e2e\n"),
      filename: repoWith({}),
      output: workflow({ e2e: ["ubuntu-latest"], "type-checks": ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}-${{ github.job }}", "run: uv run --group lint ruff check"] }).replace("  type-checks:\n", "  type-checks:\n    needs: e2e\n"),
      errors: [{ messageId: "missingSuffix", data: { otherJob: "e2e", otherWorkflow: "this workflow", suffix: "${{ github.workflow }}-${{ github.job }}", shortfall: "about 12 MB of wheels, `ruff` the largest" }, line: 14 }],
    },
    {
      name: "the floating tag v7.1 runs v7.1.6, whose key has the format of v9.0.0's",
      code: workflow({ test: ["ubuntu-latest", "prune-cache: false", HEAVY] }).replace(SETUP_UV, "astral-sh/setup-uv@v7.1"),
      filename: hosted,
      output: workflow({ test: ["ubuntu-latest", "prune-cache: false", "cache-suffix: ${{ github.workflow }}", HEAVY] }).replace(SETUP_UV, "astral-sh/setup-uv@v7.1"),
      errors: [{ messageId: "missingSuffix", data: { otherJob: "docs", otherWorkflow: "`.github/workflows/docs.yml`", suffix: "${{ github.workflow }}", shortfall: "about 50 MB of wheels, `torch` the largest" }, line: 7, column: 15 }],
    },
    {
      name: "the seed PR's workflows, had they saved unpruned caches (`prune-cache: false`)",
      code: workflow({ tests: ["[self-hosted, linux]", "enable-cache: true", "prune-cache: false", HEAVY] }, "name: unit-tests\non: [push, pull_request]\n").replace(SETUP_UV, "astral-sh/setup-uv@v7"),
      filename: seedUnpruned,
      output: workflow({ tests: ["[self-hosted, linux]", "enable-cache: true", "prune-cache: false", "cache-suffix: ${{ github.workflow }}", HEAVY] }, "name: unit-tests\non: [push, pull_request]\n").replace(SETUP_UV, "astral-sh/setup-uv@v7"),
      errors: [
        {
          messageId: "missingSuffix",
          data: { otherJob: "title", otherWorkflow: "`.github/workflows/check-pr-title.yml`", suffix: "${{ github.workflow }}", shortfall: "about 78 MB of wheels, `torch` the largest" },
          line: 8,
          column: 15,
          endLine: 8,
          endColumn: 36,
        },
      ],
    },
    {
      // A pull request restores what a push saves, not the other way round: the title check lacks the lint group in unit-tests' cache.
      name: "the seed PR's final runners: a `self-hosted` job may run on the `[self-hosted, cuda]` machine (on a release that does not prune)",
      code: workflow({ title: ["self-hosted", "enable-cache: true", "run: uv sync --group lint"] }, "name: check-pr-title\non: pull_request\n"),
      filename: repoWith({ "unit-tests.yml": workflow({ tests: ["[self-hosted, cuda]", "enable-cache: true", HEAVY] }, "name: unit-tests\non: push\n") }),
      output: workflow({ title: ["self-hosted", "enable-cache: true", "cache-suffix: ${{ github.workflow }}", "run: uv sync --group lint"] }, "name: check-pr-title\non: pull_request\n"),
      errors: [{ messageId: "missingSuffix", data: { otherJob: "tests", otherWorkflow: "`.github/workflows/unit-tests.yml`", suffix: "${{ github.workflow }}", shortfall: "about 12 MB of wheels, `ruff` the largest" }, line: 8, column: 15, endLine: 8, endColumn: 40 }],
    },
    {
      name: "the default `auto` on GitHub-hosted runners, both on ubuntu-latest, new with block",
      code: single,
      filename: hosted,
      output: singleFixed,
      errors: [{ messageId: "missingSuffix", line: 7, column: 15, endLine: 7, endColumn: 40 }],
    },
    {
      name: "two jobs of one workflow: the fix adds the job too",
      code: workflow({ lint: ["ubuntu-latest", "run: uv run --only-group lint ruff check"], test: ["ubuntu-latest", "enable-cache: true", HEAVY] }),
      filename: repoWith({}),
      output: workflow({
        lint: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}-${{ github.job }}", "run: uv run --only-group lint ruff check"],
        test: ["ubuntu-latest", "enable-cache: true", "cache-suffix: ${{ github.workflow }}-${{ github.job }}", HEAVY],
      }),
      errors: [
        { messageId: "missingSuffix", data: { otherJob: "test", otherWorkflow: "this workflow", suffix: "${{ github.workflow }}-${{ github.job }}", shortfall: "about 12 MB of wheels, `ruff` the largest" }, line: 7, column: 15, endLine: 7, endColumn: 40 },
        { messageId: "missingSuffix", data: { otherJob: "lint", otherWorkflow: "this workflow", suffix: "${{ github.workflow }}-${{ github.job }}", shortfall: "about 78 MB of wheels, `torch` the largest" }, line: 13, column: 15, endLine: 13, endColumn: 40 },
      ],
    },
    {
      name: "a runner matrix that includes a GitHub-hosted image; flow-style with gets a quoted suffix",
      code: dedent`
        on: push
        jobs:
          test:
            strategy:
              matrix:
                os: [ubuntu-latest, macos-latest]
            runs-on: \${{ matrix.os }}
            steps:
              - uses: actions/checkout@v6
              - uses: astral-sh/setup-uv@v9.0.0
                with: { python-version: "3.12" }
              - run: uv sync --all-extras
      `,
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", 'python-version: "3.12"'] }) }),
      output: dedent`
        on: push
        jobs:
          test:
            strategy:
              matrix:
                os: [ubuntu-latest, macos-latest]
            runs-on: \${{ matrix.os }}
            steps:
              - uses: actions/checkout@v6
              - uses: astral-sh/setup-uv@v9.0.0
                with: { python-version: "3.12", cache-suffix: "\${{ github.workflow }}" }
              - run: uv sync --all-extras
      `,
      errors: [{ messageId: "missingSuffix", line: 10, column: 15, endLine: 10, endColumn: 40 }],
    },
    {
      name: "an empty suffix is no suffix; 4-space indentation and CRLF kept",
      code: crlf(dedent`
        on: push
        jobs:
            test:
                runs-on: ubuntu-latest
                steps:
                    - uses: actions/checkout@v6
                    - uses: astral-sh/setup-uv@c771a70e6277c0a99b617c7a806ffedaca235ff9 # v9.0.0
                      with:
                          cache-suffix: ""
                    - run: uv sync --all-extras
      `),
      filename: hosted,
      output: crlf(dedent`
        on: push
        jobs:
            test:
                runs-on: ubuntu-latest
                steps:
                    - uses: actions/checkout@v6
                    - uses: astral-sh/setup-uv@c771a70e6277c0a99b617c7a806ffedaca235ff9 # v9.0.0
                      with:
                          cache-suffix: \${{ github.workflow }}
                    - run: uv sync --all-extras
      `),
      errors: [{ messageId: "missingSuffix", line: 7, column: 21, endLine: 7, endColumn: 80 }],
    },
    {
      name: "a SHA pin whose comment says v4, with enable-cache: true, still caches; v4 keys leave out prune-cache, and both steps save unpruned",
      code: dedent`
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v6
              - uses: astral-sh/setup-uv@38f3f104447c67c051c4a08e39b64a148898af3a # v4
                with:
                  enable-cache: true
                  prune-cache: false
              - run: uv sync --all-extras
      `,
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "enable-cache: true", "prune-cache: false"] }).replace(SETUP_UV, "astral-sh/setup-uv@v4") }),
      output: dedent`
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v6
              - uses: astral-sh/setup-uv@38f3f104447c67c051c4a08e39b64a148898af3a # v4
                with:
                  enable-cache: true
                  prune-cache: false
                  cache-suffix: \${{ github.workflow }}
              - run: uv sync --all-extras
      `,
      errors: [{ messageId: "missingSuffix", line: 7, column: 15 }],
    },
    {
      name: "the same literal suffix in two workflows: a suggestion adds the workflow",
      code: workflow({ test: ["ubuntu-latest", "cache-suffix: shared", HEAVY] }),
      filename: literalSuffix,
      output: null,
      errors: [
        {
          messageId: "sharedSuffix",
          data: { value: "shared", otherJob: "docs", otherWorkflow: "`.github/workflows/docs.yml`", scope: "workflow", shortfall: "about 50 MB of wheels, `torch` the largest" },
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 31,
          suggestions: [{ messageId: "useSuffix", output: workflow({ test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}-shared", HEAVY] }) }],
        },
      ],
    },
    {
      name: "github.workflow in two workflows with the same name",
      code: workflow({ test: ["ubuntu-latest", 'cache-suffix: "${{ github.workflow }}"', HEAVY] }, "name: CI\non: push\n"),
      filename: sameName,
      output: null,
      errors: [
        {
          messageId: "sharedWorkflowName",
          data: { value: "${{ github.workflow }}", otherJob: "docs", otherWorkflow: "`.github/workflows/copy.yml`", shortfall: "about 50 MB of wheels, `torch` the largest" },
          line: 10,
          column: 25,
          endLine: 10,
          endColumn: 49,
          suggestions: [],
        },
      ],
    },
    {
      // test restores what lint saves and lacks its dev group there; lint restores nothing test saves (test never saves).
      name: "a per-workflow suffix shared by two jobs: a suggestion adds the job to the step of the job that restores the poorer cache",
      code: workflow({ lint: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}", "run: uv run --only-group lint ruff check"], test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}", "save-cache: false"] }),
      filename: repoWith({}),
      output: null,
      errors: [
        {
          messageId: "sharedSuffix",
          data: { value: "${{ github.workflow }}", otherJob: "lint", otherWorkflow: "this workflow", scope: "job", shortfall: "about 28 MB of wheels, `numpy` the largest" },
          line: 17,
          column: 25,
          endLine: 17,
          endColumn: 47,
          suggestions: [
            {
              messageId: "useSuffix",
              output: workflow({
                lint: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}", "run: uv run --only-group lint ruff check"],
                test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}-${{ github.job }}", "save-cache: false"],
              }),
            },
          ],
        },
      ],
    },
    {
      name: "v10 and v7 with `prune-cache: false` build the same key",
      code: single.replace(SETUP_UV, "astral-sh/setup-uv@v10.0.1"),
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "prune-cache: false"] }).replace(SETUP_UV, "astral-sh/setup-uv@v7") }),
      output: singleFixed.replace(SETUP_UV, "astral-sh/setup-uv@v10.0.1"),
      errors: [{ messageId: "missingSuffix", line: 7, column: 15, endLine: 7, endColumn: 41 }],
    },
    {
      name: "v8.1.0 and v7 (v7.6.0) build the same key; both save unpruned",
      code: workflow({ test: ["ubuntu-latest", "prune-cache: false", HEAVY] }).replace(SETUP_UV, "astral-sh/setup-uv@v8.1.0"),
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "prune-cache: false"] }).replace(SETUP_UV, "astral-sh/setup-uv@v7") }),
      output: workflow({ test: ["ubuntu-latest", "prune-cache: false", "cache-suffix: ${{ github.workflow }}", HEAVY] }).replace(SETUP_UV, "astral-sh/setup-uv@v8.1.0"),
      errors: [{ messageId: "missingSuffix", line: 7, column: 15, endLine: 7, endColumn: 40 }],
    },
    {
      name: "two workflows on pull_request run for the same pull request and read each other's caches",
      code: workflow({ test: ["ubuntu-latest", HEAVY] }, "on: pull_request\n"),
      filename: repoWith({ "pr.yml": workflow({ pr: ["ubuntu-latest"] }, "on: pull_request\n") }),
      output: workflow({ test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}", HEAVY] }, "on: pull_request\n"),
      errors: [{ messageId: "missingSuffix", line: 7, column: 15 }],
    },
    {
      name: "a pull request reads what a push to the default branch saved",
      code: workflow({ test: ["ubuntu-latest", HEAVY] }, "on: pull_request\n"),
      filename: hosted,
      output: workflow({ test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}", HEAVY] }, "on: pull_request\n"),
      errors: [{ messageId: "missingSuffix", line: 7, column: 15 }],
    },
    {
      // uv's test-windows-trampolines job beside its docs job (field review 2, #52): the script's inline
      // metadata, which `uv run` follows with or without `--no-project`, lists nothing to install.
      name: "a script run with `--no-project` whose inline metadata installs nothing",
      code: single,
      filename: repoWithFiles({ "scripts/check.py": TITLE_SCRIPT }, { "check.yml": workflow({ check: ["ubuntu-latest", "run: uv run --no-project scripts/check.py"] }) }),
      output: singleFixed,
      errors: [{ messageId: "missingSuffix", data: { otherJob: "check", otherWorkflow: "`.github/workflows/check.yml`", suffix: "${{ github.workflow }}", shortfall: "about 78 MB of wheels, `torch` the largest" }, line: 7, column: 15 }],
    },
    {
      name: "a tool run with uvx beside the project's install",
      code: single,
      filename: repoWith({ "lint.yml": workflow({ lint: ["ubuntu-latest", "run: uvx ruff check"] }) }),
      output: singleFixed,
      errors: [{ messageId: "missingSuffix", data: { otherJob: "lint", otherWorkflow: "`.github/workflows/lint.yml`", suffix: "${{ github.workflow }}", shortfall: "about 78 MB of wheels, `torch` the largest" }, line: 7, column: 15 }],
    },
    {
      name: "the same command in another directory installs another project",
      code: workflow({ test: ["ubuntu-latest"] }),
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: cd docs && uv sync"] }) }),
      output: workflow({ test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}"] }),
      errors: [{ messageId: "missingSuffix", line: 7, column: 15 }],
    },
    {
      name: "so does `--directory` after the subcommand",
      code: workflow({ test: ["ubuntu-latest"] }),
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv sync --directory docs"] }) }),
      output: workflow({ test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}"] }),
      errors: [{ messageId: "missingSuffix", line: 7, column: 15 }],
    },
    {
      name: "`${{ env.PYTHON_VERSION }}` set alike in two workflows",
      code: `env:\n  PYTHON_VERSION: "3.12"\n${workflow({ test: ["ubuntu-latest", "python-version: ${{ env.PYTHON_VERSION }}", HEAVY] })}`,
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", 'python-version: "3.12"'] }) }),
      output: `env:\n  PYTHON_VERSION: "3.12"\n${workflow({ test: ["ubuntu-latest", "python-version: ${{ env.PYTHON_VERSION }}", "cache-suffix: ${{ github.workflow }}", HEAVY] })}`,
      errors: [{ messageId: "missingSuffix", line: 9, column: 15 }],
    },
    {
      name: "one step saves unpruned: the other's pruned save leaves it without its wheels (v5 keys leave out prune-cache)",
      code: workflow({ test: ["ubuntu-latest", "prune-cache: false", HEAVY] }).replace(SETUP_UV, "astral-sh/setup-uv@v5"),
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest"] }).replace(SETUP_UV, "astral-sh/setup-uv@v5") }),
      output: workflow({ test: ["ubuntu-latest", "prune-cache: false", "cache-suffix: ${{ github.workflow }}", HEAVY] }).replace(SETUP_UV, "astral-sh/setup-uv@v5"),
      errors: [{ messageId: "missingSuffix", line: 7, column: 15, endLine: 7, endColumn: 36 }],
    },
    {
      name: "other packages on another Python still differ",
      code: workflow({ test: ["ubuntu-latest", "run: uv sync -p 3.13 --all-extras"] }),
      filename: repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest", "run: uv sync -p 3.14"] }) }),
      output: workflow({ test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}", "run: uv sync -p 3.13 --all-extras"] }),
      errors: [{ messageId: "missingSuffix", line: 7, column: 15 }],
    },
    {
      name: "a light job on a schedule that also runs for pull requests may save first",
      code: single,
      filename: repoWith({ "lock.yml": workflow({ lock: ["ubuntu-latest", "run: uv lock --check"] }, "on: [pull_request, schedule]\n") }),
      output: singleFixed,
      errors: [{ messageId: "missingSuffix", data: { otherJob: "lock", otherWorkflow: "`.github/workflows/lock.yml`", suffix: "${{ github.workflow }}", shortfall: "about 78 MB of wheels, `torch` the largest" }, line: 7, column: 15 }],
    },
    {
      name: "two reusable workflows: `github.workflow` is the caller's name in both, so the fix names the file",
      code: single.replace("on: push\n", "on: workflow_call\n"),
      filename: repoWith({ "check-fmt.yml": workflow({ fmt: ["ubuntu-latest", "run: uv run --only-group lint ruff format"] }, "on:\n  workflow_call:\n") }),
      output: singleFixed.replace("on: push\n", "on: workflow_call\n").replace("${{ github.workflow }}", "ci"),
      errors: [{ messageId: "missingSuffix", data: { otherJob: "fmt", otherWorkflow: "`.github/workflows/check-fmt.yml`", suffix: "ci", shortfall: "about 78 MB of wheels, `torch` the largest" }, line: 7, column: 15 }],
    },
    {
      name: "two reusable workflows with `cache-suffix: ${{ github.workflow }}` share the caller's name",
      code: workflow({ test: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}", HEAVY] }, "on: workflow_call\n"),
      filename: repoWith({ "check-fmt.yml": workflow({ fmt: ["ubuntu-latest", "cache-suffix: ${{ github.workflow }}", "run: uvx ruff format --check"] }, "name: Format\non: workflow_call\n") }),
      output: null,
      errors: [
        {
          messageId: "callerWorkflowName",
          data: { value: "${{ github.workflow }}", otherJob: "fmt", otherWorkflow: "`.github/workflows/check-fmt.yml`", suffix: "ci-${{ github.job }}", shortfall: "about 78 MB of wheels, `torch` the largest" },
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 47,
        },
      ],
    },
    {
      name: "an empty with: cannot take a new input: reported without a fix",
      code: dedent`
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v6
              - uses: astral-sh/setup-uv@v9.0.0
                with:
              - run: uv sync --all-extras
      `,
      filename: hosted,
      output: null,
      errors: [{ messageId: "missingSuffix", line: 7, column: 15 }],
    },
    {
      name: "a cache-suffix key without a value: reported without a fix",
      code: dedent`
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v6
              - uses: astral-sh/setup-uv@v9.0.0
                with:
                  cache-suffix:
              - run: uv sync --all-extras
      `,
      filename: hosted,
      output: null,
      errors: [{ messageId: "missingSuffix", line: 7, column: 15 }],
    },
  ],
});

describe("setup-uv-cache-suffix across lints of one process", () => {
  it("sees another workflow changed on disk since the last lint, though its steps are worked out once per version", () => {
    const filename = repoWith({ "docs.yml": workflow({ docs: ["ubuntu-latest"] }) });
    const docs = join(dirname(filename), "docs.yml");
    const linter = new Linter({ cwd: dirname(dirname(dirname(filename))) });
    const config: Linter.Config[] = [{ files: ["**/*.yml"], plugins: { yml, "uv-ci": { rules: { "setup-uv-cache-suffix": rule } } }, language: "yml/yaml", rules: { "uv-ci/setup-uv-cache-suffix": "error" } }];
    const findings = (): string[] => linter.verify(single, config, { filename }).map((message) => message.messageId ?? message.message);

    expect(findings()).toEqual(["missingSuffix"]);
    expect(findings()).toEqual(["missingSuffix"]);
    writeFileSync(docs, workflow({ docs: ["ubuntu-latest", "cache-suffix: docs"] }));
    expect(findings()).toEqual([]);
    writeFileSync(docs, workflow({ docs: ["ubuntu-latest", "python-version: '3.12'"] }));
    expect(findings()).toEqual([]);
    writeFileSync(docs, workflow({ docs: ["ubuntu-latest"] }));
    expect(findings()).toEqual(["missingSuffix"]);
  });
});

/**
 * A composite action's steps: setup-uv with the caller's Python and `inputs` (at 8 spaces), then
 * `run` (the action's own install), as fastmcp's `.github/actions/setup-uv` installs the project.
 */
function actionSteps(inputs: string[] = [], run = "uv sync --all-extras"): string {
  const withLines = ["python-version: ${{ inputs.python-version }}", ...inputs].map((line) => `        ${line}\n`).join("");
  return `    - uses: ${SETUP_UV}\n      with:\n${withLines}    - run: ${run}\n      shell: bash\n`;
}

const ACTION = compositeAction(actionSteps());

/**
 * A workflow whose jobs call the composite action: job id → the `with:` lines of the call (at 10
 * spaces) and, as `run: …`, what the job runs after it (`uv run pytest` by default).
 */
function caller(jobs: Record<string, string[]>, head = "on: push\n"): string {
  const body = Object.entries(jobs).map(([id, entries]) => {
    const inputs = entries.filter((entry) => !entry.startsWith("run: "));
    const run = entries.find((entry) => entry.startsWith("run: ")) ?? "run: uv run pytest";
    const withBlock = inputs.length > 0 ? `        with:\n${inputs.map((line) => `          ${line}\n`).join("")}` : "";
    return `  ${id}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - uses: ./.github/actions/setup\n${withBlock}      - ${run}\n`;
  });
  return `${head}jobs:\n${body.join("")}`;
}

/** A repository with the composite action (as `action`) and these workflows; returns where the action is. */
function actionRepo(workflows: Record<string, string>, action = ACTION): string {
  return actionInRepo({ ...PROJECT_FILES, [ACTION_PATH]: action, ...Object.fromEntries(Object.entries(workflows).map(([name, text]) => [join(".github", "workflows", name), text])) });
}

/** A workflow's job that installs the docs group with its own setup-uv step on Python 3.12. */
const DOCS = workflow({ docs: ["ubuntu-latest", 'python-version: "3.12"', "run: uv sync --group docs"] });
const PER_JOB = "${{ github.workflow }}-${{ github.job }}";
const ACTION_USES = { line: 10, column: 13, endLine: 10, endColumn: 38 };

/** The action, with a step that only runs when the caller asks for it (`native: "true"`), and which hides what it installs. */
const NATIVE_ACTION = compositeAction(actionSteps([], "uv sync --all-extras\n      shell: bash\n    - run: make native\n      if: inputs.native == 'true'")).replace(
  "inputs:\n",
  'inputs:\n  native:\n    default: "false"\n',
);

describe("in composite actions", () => {
  workflowRuleTester().run("setup-uv-cache-suffix", rule, {
    valid: [
      { name: "no workflow calls the action", code: ACTION, filename: actionRepo({ "docs.yml": DOCS }) },
      { name: "one job calls it, and nothing else caches", code: ACTION, filename: actionRepo({ "ci.yml": caller({ test: [] }) }) },
      {
        name: "the callers pass other Pythons: other keys",
        code: ACTION,
        filename: actionRepo({ "ci.yml": caller({ test: ['python-version: "3.13"'], lint: ["run: uv run --only-group lint ruff check"] }) }),
      },
      {
        name: "a suffix per calling job, from github.workflow and github.job, which are the caller's",
        code: compositeAction(actionSteps([`cache-suffix: ${PER_JOB}`])),
        filename: actionRepo({ "ci.yml": caller({ test: [], lint: ["run: uv run --only-group lint ruff check"] }) }, compositeAction(actionSteps([`cache-suffix: ${PER_JOB}`]))),
      },
      {
        name: "an expression over the inputs that is not worked out here: the key is unknown",
        code: compositeAction(actionSteps().replace("${{ inputs.python-version }}", "${{ inputs.python-version || '3.12' }}")),
        filename: actionRepo({ "ci.yml": caller({ test: [], lint: ["run: uv run --only-group lint ruff check"] }) }, compositeAction(actionSteps().replace("${{ inputs.python-version }}", "${{ inputs.python-version || '3.12' }}"))),
      },
      {
        name: "the callers pass a matrix value: two matrices may differ though the expressions are the same",
        code: ACTION,
        filename: actionRepo({ "ci.yml": caller({ test: ["python-version: ${{ matrix.python }}"], lint: ["python-version: ${{ matrix.python }}", "run: uv run --only-group lint ruff check"] }) }),
      },
      {
        name: "an expression over the inputs decides the install: it is not known here",
        code: compositeAction(actionSteps([], "uv sync --group ${{ inputs.group || 'dev' }}")),
        filename: actionRepo({ "ci.yml": caller({ test: ["group: test"], docs: ["group: docs"] }) }, compositeAction(actionSteps([], "uv sync --group ${{ inputs.group || 'dev' }}"))),
      },
      {
        name: "a workflow default directory holds for the job's run steps and not the action's: not followed",
        code: ACTION,
        filename: actionRepo({ "ci.yml": caller({ test: [], lint: ["run: uv run --only-group lint ruff check"] }, "on: push\ndefaults:\n  run:\n    working-directory: app\n") }),
      },
      {
        name: "the callers pass `github.job` as the suffix: each calling job has its own key",
        code: compositeAction(actionSteps(["cache-suffix: ${{ inputs.suffix }}"])),
        filename: actionRepo(
          { "ci.yml": caller({ test: ["suffix: ${{ github.job }}"], lint: ["suffix: ${{ github.job }}", "run: uv run --only-group lint ruff check"] }) },
          compositeAction(actionSteps(["cache-suffix: ${{ inputs.suffix }}"])),
        ),
      },
      {
        name: "a step whose `if:` the caller's inputs turn off does not run: only one job runs setup-uv",
        code: compositeAction(actionSteps().replace(`    - uses: ${SETUP_UV}\n`, `    - uses: ${SETUP_UV}\n      if: inputs.uv == 'true'\n`)),
        filename: actionRepo(
          { "ci.yml": caller({ test: ['uv: "true"'], lint: ['uv: "false"', "run: uv run --only-group lint ruff check"] }) },
          compositeAction(actionSteps().replace(`    - uses: ${SETUP_UV}\n`, `    - uses: ${SETUP_UV}\n      if: inputs.uv == 'true'\n`)),
        ),
      },
      {
        name: "both prune before saving (setup-uv v8 by default)",
        code: ACTION.replace(SETUP_UV, "astral-sh/setup-uv@v8.1.0"),
        filename: actionRepo({ "ci.yml": caller({ test: [], lint: ["run: uv run --only-group lint ruff check"] }) }, ACTION.replace(SETUP_UV, "astral-sh/setup-uv@v8.1.0")),
      },
      {
        name: "the two jobs install the same after the action",
        code: ACTION,
        filename: actionRepo({ "ci.yml": caller({ test: [], types: ["run: uv run mypy"] }) }),
      },
      {
        name: "the caller's other Python on its own key: `enable-cache` from an input the caller turns off",
        code: compositeAction(actionSteps(["enable-cache: ${{ inputs.cache }}"])),
        filename: actionRepo({ "ci.yml": caller({ test: ["cache: false"], lint: ["cache: false", "run: uv run --only-group lint ruff check"] }) }, compositeAction(actionSteps(["enable-cache: ${{ inputs.cache }}"]))),
      },
    ],
    invalid: [
      {
        name: "another workflow's own setup-uv step on the same key: one cache per calling workflow",
        code: ACTION,
        filename: actionRepo({ "ci.yml": caller({ test: [] }), "docs.yml": DOCS }),
        output: compositeAction(actionSteps(["cache-suffix: ${{ github.workflow }}"])),
        errors: [
          {
            messageId: "actionMissingSuffix",
            data: { job: "test", workflow: "`.github/workflows/ci.yml`", otherJob: "docs", otherWorkflow: "`.github/workflows/docs.yml`", through: "", suffix: "${{ github.workflow }}", shortfall: "about 50 MB of wheels, `torch` the largest" },
            ...ACTION_USES,
          },
        ],
      },
      {
        name: "two jobs of one workflow run it, then install other things: one cache per calling job",
        code: ACTION,
        filename: actionRepo({ "ci.yml": caller({ test: [], lint: ["run: uv run --only-group lint ruff check"] }) }),
        output: compositeAction(actionSteps([`cache-suffix: ${PER_JOB}`])),
        errors: [
          {
            messageId: "actionMissingSuffix",
            data: { job: "lint", workflow: "`.github/workflows/ci.yml`", otherJob: "test", otherWorkflow: "`.github/workflows/ci.yml`", through: " through this action", suffix: PER_JOB, shortfall: "about 12 MB of wheels, `ruff` the largest" },
            ...ACTION_USES,
          },
        ],
      },
      {
        name: "the caller's inputs fill the key: two jobs that pass the same Python share it",
        code: ACTION,
        filename: actionRepo({ "ci.yml": caller({ test: ['python-version: "3.13"'], lint: ['python-version: "3.13"', "run: uv run --only-group lint ruff check"] }) }),
        output: compositeAction(actionSteps([`cache-suffix: ${PER_JOB}`])),
        errors: [{ messageId: "actionMissingSuffix", ...ACTION_USES }],
      },
      {
        name: "the caller's inputs fill the action's run steps: `--group ${{ inputs.group }}` installs another group per job",
        code: compositeAction(actionSteps([], "uv sync --group ${{ inputs.group }}")),
        filename: actionRepo({ "ci.yml": caller({ test: ["group: test"], docs: ["group: docs"] }) }, compositeAction(actionSteps([], "uv sync --group ${{ inputs.group }}"))),
        output: compositeAction(actionSteps([`cache-suffix: ${PER_JOB}`], "uv sync --group ${{ inputs.group }}")),
        errors: [{ messageId: "actionMissingSuffix", ...ACTION_USES }],
      },
      {
        name: "the callers pass `github.workflow` as the suffix: the two jobs of one workflow still share the key",
        code: compositeAction(actionSteps(["cache-suffix: ${{ inputs.suffix }}"])),
        filename: actionRepo(
          { "ci.yml": caller({ test: ["suffix: ${{ github.workflow }}"], lint: ["suffix: ${{ github.workflow }}", "run: uv run --only-group lint ruff check"] }) },
          compositeAction(actionSteps(["cache-suffix: ${{ inputs.suffix }}"])),
        ),
        output: null,
        errors: [{ messageId: "actionSharedKey", data: { job: "lint", workflow: "`.github/workflows/ci.yml`", otherJob: "test", otherWorkflow: "`.github/workflows/ci.yml`", through: " through this action", shortfall: "about 12 MB of wheels, `ruff` the largest" }, line: 13, column: 23 }],
      },
      {
        name: "a step the inputs skip hides nothing: `make native` runs only `if: inputs.native == 'true'`",
        code: NATIVE_ACTION,
        filename: actionRepo({ "ci.yml": caller({ test: [], lint: ["run: uv run --only-group lint ruff check"] }) }, NATIVE_ACTION),
        output: NATIVE_ACTION.replace("inputs.python-version }}\n", `inputs.python-version }}\n        cache-suffix: ${PER_JOB}\n`),
        errors: [{ messageId: "actionMissingSuffix", line: 12, column: 13, endLine: 12, endColumn: 38 }],
      },
      {
        name: "another composite action's step, run by another workflow's job, on the same key",
        code: ACTION,
        filename: actionRepo({
          "ci.yml": caller({ test: [] }),
          "docs.yml": caller({ docs: [] }).replace("./.github/actions/setup", "./.github/actions/docs"),
          "../actions/docs/action.yml": compositeAction(actionSteps([], "uv sync --only-group docs")),
        }),
        output: compositeAction(actionSteps(["cache-suffix: ${{ github.workflow }}"])),
        errors: [
          {
            messageId: "actionMissingSuffix",
            data: { job: "test", workflow: "`.github/workflows/ci.yml`", otherJob: "docs", otherWorkflow: "`.github/workflows/docs.yml`", through: " through `.github/actions/docs/action.yml`", suffix: "${{ github.workflow }}", shortfall: "about 50 MB of wheels, `torch` the largest" },
            ...ACTION_USES,
          },
        ],
      },
      {
        name: "a per-workflow suffix in the action still leaves two jobs of one workflow together",
        code: compositeAction(actionSteps(["cache-suffix: ${{ github.workflow }}"])),
        filename: actionRepo({ "ci.yml": caller({ test: [], lint: ["run: uv run --only-group lint ruff check"] }) }, compositeAction(actionSteps(["cache-suffix: ${{ github.workflow }}"]))),
        output: null,
        errors: [{ messageId: "actionSharedKey", line: 13, column: 23, endLine: 13, endColumn: 45 }],
      },
      {
        name: "two reusable workflows of one caller with the same job id: neither suffix tells them apart, so no fix",
        code: ACTION,
        filename: actionRepo({ "a.yml": caller({ test: [] }, "on: workflow_call\n"), "b.yml": caller({ test: ["run: uv run --only-group lint ruff check"] }, "on: workflow_call\n") }),
        output: null,
        errors: [
          {
            messageId: "actionSharedKey",
            data: { job: "test", workflow: "`.github/workflows/b.yml`", otherJob: "test", otherWorkflow: "`.github/workflows/a.yml`", through: " through this action", shortfall: "about 12 MB of wheels, `ruff` the largest" },
            ...ACTION_USES,
          },
        ],
      },
    ],
  });
});

describe("workflows beside composite actions", () => {
  const ACTION_WORKFLOW = "`.github/workflows/docs.yml` (through `.github/actions/setup/action.yml`)";
  /** A repository with the composite action (its steps install `run`) and these workflows; returns where ci.yml would be. */
  function repo(workflows: Record<string, string>, action = ACTION): string {
    return join(dirname(actionRepo(workflows, action)), "..", "..", "workflows", "ci.yml");
  }
  const docsThroughAction = compositeAction(actionSteps([], "uv sync --group docs"));
  // This workflow's job on the Python the action's callers get by default.
  const test = workflow({ test: ["ubuntu-latest", 'python-version: "3.12"', HEAVY] });
  const testFixed = (suffix: string): string => workflow({ test: ["ubuntu-latest", 'python-version: "3.12"', `cache-suffix: ${suffix}`, HEAVY] });
  const docsJob = caller({ docs: [] }).replace("on: push\njobs:\n", "");

  workflowRuleTester().run("setup-uv-cache-suffix", rule, {
    valid: [
      { name: "the action's step has a suffix per calling job", code: test, filename: repo({ "docs.yml": caller({ docs: [] }) }, compositeAction(actionSteps([`cache-suffix: ${PER_JOB}`], "uv sync --group docs"))) },
      { name: "the caller passes another Python", code: test, filename: repo({ "docs.yml": caller({ docs: ['python-version: "3.13"'] }) }, docsThroughAction) },
      { name: "the action is not a composite one", code: test, filename: repo({ "docs.yml": caller({ docs: [] }) }, docsThroughAction.replace("using: composite", "using: node20")) },
    ],
    invalid: [
      {
        name: "another workflow runs setup-uv through the action, with the same key",
        code: test,
        filename: repo({ "docs.yml": caller({ docs: [] }) }, docsThroughAction),
        output: testFixed("${{ github.workflow }}"),
        errors: [{ messageId: "missingSuffix", data: { otherJob: "docs", otherWorkflow: ACTION_WORKFLOW, suffix: "${{ github.workflow }}", shortfall: "about 50 MB of wheels, `torch` the largest" }, line: 7, column: 15 }],
      },
      {
        name: "another job of this workflow runs it through the action: the fix names the job too",
        code: `${test}${docsJob}`,
        filename: repo({}, docsThroughAction),
        output: `${testFixed(PER_JOB)}${docsJob}`,
        errors: [{ messageId: "missingSuffix", data: { otherJob: "docs", otherWorkflow: "this workflow (through `.github/actions/setup/action.yml`)", suffix: PER_JOB, shortfall: "about 50 MB of wheels, `torch` the largest" }, line: 7, column: 15 }],
      },
    ],
  });

  it("fixes the workflow's step and the action's, and the two fixes together leave the jobs apart", () => {
    const filename = repo({ "ci.yml": `${test}${docsJob}` }, docsThroughAction);
    const root = dirname(dirname(dirname(filename)));
    const action = join(root, ACTION_PATH);
    const linter = new Linter({ cwd: root });
    const config: Linter.Config[] = [{ files: ["**/*.yml"], plugins: { yml, "uv-ci": { rules: { "setup-uv-cache-suffix": rule } } }, language: "yml/yaml", rules: { "uv-ci/setup-uv-cache-suffix": "error" } }];
    const fixed = (file: string): Linter.FixReport => linter.verifyAndFix(readFileSync(file, "utf8"), config, { filename: file });

    const [workflowFix, actionFix] = [fixed(filename), fixed(action)];
    expect(workflowFix.output).toBe(`${testFixed(PER_JOB)}${docsJob}`);
    expect(actionFix.output).toBe(compositeAction(actionSteps([`cache-suffix: ${PER_JOB}`], "uv sync --group docs")));
    writeFileSync(filename, workflowFix.output);
    writeFileSync(action, actionFix.output);
    expect([...fixed(filename).messages, ...fixed(action).messages]).toEqual([]);
  });

  it("sees the action changed on disk since the last lint", () => {
    const filename = repo({ "docs.yml": caller({ docs: [] }) }, docsThroughAction);
    const action = join(dirname(dirname(dirname(filename))), ACTION_PATH);
    const linter = new Linter({ cwd: dirname(dirname(dirname(filename))) });
    const config: Linter.Config[] = [{ files: ["**/*.yml"], plugins: { yml, "uv-ci": { rules: { "setup-uv-cache-suffix": rule } } }, language: "yml/yaml", rules: { "uv-ci/setup-uv-cache-suffix": "error" } }];
    const findings = (): string[] => linter.verify(test, config, { filename }).map((message) => message.messageId ?? message.message);

    expect(findings()).toEqual(["missingSuffix"]);
    writeFileSync(action, compositeAction(actionSteps(["cache-suffix: docs"], "uv sync --group docs")));
    expect(findings()).toEqual([]);
    writeFileSync(action, docsThroughAction);
    expect(findings()).toEqual(["missingSuffix"]);
  });
});
