import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import rule from "../../rules/no-setup-uv-cache-on-baked-runner.js";
import { writeFiles } from "../helpers/cli.js";
import { workflowRuleTester } from "../helpers/rule-tester.js";

/** The seed's runner image: uv 0.11.8 installed, the project synced at build time, so its uv cache stays in the image. */
const BAKING_IMAGE = "FROM debian\nARG UV_VERSION=0.11.8\nRUN pip install uv==${UV_VERSION}\nCOPY . /p\nRUN cd /p && uv sync --frozen\n";
/** An image whose uv cache lives in a BuildKit cache mount: nothing is baked. */
const MOUNTED_CACHE_IMAGE = "FROM debian\nRUN pip install uv==0.11.8\nCOPY . /p\nRUN --mount=type=cache,target=/root/.cache/uv cd /p && uv sync --frozen\n";

/** A repository with `files`; returns where its workflow `ci.yml` would be. */
function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-baked-"));
  writeFiles(dir, { ".github/workflows/.keep": "", ...files });
  return join(dir, ".github", "workflows", "ci.yml");
}

const baked = repository({ ".github/runners/Dockerfile": BAKING_IMAGE });
const mounted = repository({ ".github/runners/Dockerfile": MOUNTED_CACHE_IMAGE });
const elsewhere = repository({ "docker/runner.Dockerfile": BAKING_IMAGE });
const none = repository({});

/** A job on `runsOn` whose setup-uv step has `inputs` (lines at 10 spaces). */
const job = (runsOn: string, inputs: string[]): string =>
  `on: push\njobs:\n  test:\n    runs-on: ${runsOn}\n    steps:\n      - uses: astral-sh/setup-uv@v8.2.0\n        with:\n${inputs.map((line) => `          ${line}\n`).join("")}      - run: uv run pytest\n`;

workflowRuleTester().run("no-setup-uv-cache-on-baked-runner", rule, {
  valid: [
    // GitHub-hosted runners start empty: their cache is setup-uv's to restore.
    { filename: baked, code: job("ubuntu-latest", ["enable-cache: true", 'version: "0.11.8"']) },
    // No image that bakes a uv cache: nothing to protect.
    { filename: none, code: job("[self-hosted, linux]", ["enable-cache: true"]) },
    { filename: mounted, code: job("self-hosted", ["enable-cache: true"]) },
    // An image outside .github/ is not known to be the runner's, unless the option says so.
    { filename: elsewhere, code: job("self-hosted", ["enable-cache: true"]) },
    // Caching off, or left to setup-uv's default (`auto`, off on self-hosted runners).
    { filename: baked, code: job("self-hosted", ["enable-cache: false"]) },
    { filename: baked, code: job("self-hosted", ['version: "0.11.8"']) },
  ],
  invalid: [
    {
      name: "enable-cache: true on the seed's self-hosted runner: the fix removes the input",
      filename: baked,
      code: job("[self-hosted, cuda]", ["enable-cache: true", 'version: "0.11.8"']),
      output: job("[self-hosted, cuda]", ['version: "0.11.8"']),
      errors: [{ messageId: "enableCache", data: { image: ".github/runners/Dockerfile" }, line: 8, column: 11, endLine: 8, endColumn: 29 }],
    },
    {
      name: "the only input: the whole with: goes",
      filename: baked,
      code: job("self-hosted", ["enable-cache: true"]),
      output: "on: push\njobs:\n  test:\n    runs-on: self-hosted\n    steps:\n      - uses: astral-sh/setup-uv@v8.2.0\n      - run: uv run pytest\n",
      errors: [{ messageId: "enableCache", line: 8, column: 11, endLine: 8, endColumn: 29 }],
    },
    {
      name: "cache-local-path moves UV_CACHE_DIR away from the baked cache",
      filename: baked,
      code: job("self-hosted", ["cache-local-path: /tmp/uv-cache", 'version: "0.11.8"']),
      output: job("self-hosted", ['version: "0.11.8"']),
      errors: [{ messageId: "cacheLocalPath", line: 8, column: 11, endLine: 8, endColumn: 42 }],
    },
    {
      name: "an image the option names counts wherever it lies",
      filename: elsewhere,
      code: job("self-hosted", ["enable-cache: true", 'version: "0.11.8"']),
      output: job("self-hosted", ['version: "0.11.8"']),
      options: [{ dockerfiles: ["docker/runner.Dockerfile"] }],
      errors: [{ messageId: "enableCache", data: { image: "docker/runner.Dockerfile" }, line: 8, column: 11, endLine: 8, endColumn: 29 }],
    },
    {
      name: "a flow-style with: keeps its other input",
      filename: baked,
      code: 'on: push\njobs:\n  test:\n    runs-on: self-hosted\n    steps:\n      - {uses: astral-sh/setup-uv@v8.2.0, with: {enable-cache: true, version: "0.11.8"}}\n',
      output: 'on: push\njobs:\n  test:\n    runs-on: self-hosted\n    steps:\n      - {uses: astral-sh/setup-uv@v8.2.0, with: {version: "0.11.8"}}\n',
      errors: [{ messageId: "enableCache", line: 6, column: 50, endLine: 6, endColumn: 68 }],
    },
  ],
});
