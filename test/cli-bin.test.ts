import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import nodeModule from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { ruleOverrideConfigs } from "../src/cli/rule-option.js";
import { LINT_PATTERNS_BY_LANGUAGE, defaultLintPatterns, languageObjectsOf, languagesOf } from "../src/cli/targets.js";
import plugin from "../src/index.js";
import { makeSandbox, PROJECT_ROOT, readTree, runEslint, writeFiles } from "./helpers/cli.js";

const BIN = join(PROJECT_ROOT, "dist", "src", "cli", "bin.js");
const EXAMPLE = join(PROJECT_ROOT, "examples", "uv-project");

interface Finding {
  file: string;
  ruleId: string | null;
  severity: number;
  line: number;
  column: number;
  message: string;
  fixable: boolean;
  suggestions: number;
}

/** Runs the built `uv-ci-lint` in `cwd`, as npm's bin shim would. */
function runBin(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** ESLint's JSON results as comparable findings, sorted by file and position. */
function findingsOf(json: string, cwd: string): Finding[] {
  const results = JSON.parse(json) as ESLint.LintResult[];
  return results
    .flatMap((result) =>
      result.messages.map((message) => ({
        file: relative(cwd, result.filePath),
        ruleId: message.ruleId,
        severity: message.severity,
        line: message.line,
        column: message.column,
        message: message.message,
        fixable: message.fix !== undefined,
        suggestions: message.suggestions?.length ?? 0,
      })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** A copy of the example as a Python project has it: no eslint.config.*, no node_modules. */
function zeroConfigExample(): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-zero-"));
  writeFiles(dir, readTree(EXAMPLE));
  rmSync(join(dir, "eslint.config.js"));
  return dir;
}

/** A copy of the example whose eslint.config.js is `configs.recommended` alone, which is what uv-ci-lint uses without a config. */
function recommendedOnlyExample(): string {
  const dir = makeSandbox(EXAMPLE);
  writeFileSync(join(dir, "eslint.config.js"), `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [...uvCi.configs.recommended];\n`);
  return dir;
}

/**
 * The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that an ESLint log uses,
 * with the same required properties, enums, minimums, formats and `additionalProperties: false`.
 * No npm package in the tree ships the official schema, so this subset stands in for it.
 */
const SARIF_SCHEMA = {
  $id: "sarif-2.1.0-subset",
  type: "object",
  additionalProperties: false,
  required: ["version", "runs"],
  properties: {
    $schema: { type: "string", format: "uri" },
    version: { enum: ["2.1.0"] },
    runs: { type: "array", items: { $ref: "#/definitions/run" } },
  },
  definitions: {
    propertyBag: {
      type: "object",
      properties: { tags: { type: "array", uniqueItems: true, items: { type: "string" } } },
    },
    message: {
      type: "object",
      additionalProperties: false,
      properties: {
        text: { type: "string" },
        markdown: { type: "string" },
        id: { type: "string" },
        arguments: { type: "array", items: { type: "string" } },
        properties: { $ref: "#/definitions/propertyBag" },
      },
      anyOf: [{ required: ["text"] }, { required: ["id"] }],
    },
    multiformatMessageString: {
      type: "object",
      additionalProperties: false,
      required: ["text"],
      properties: { text: { type: "string" }, markdown: { type: "string" }, properties: { $ref: "#/definitions/propertyBag" } },
    },
    artifactLocation: {
      type: "object",
      additionalProperties: false,
      properties: {
        uri: { type: "string", format: "uri-reference" },
        uriBaseId: { type: "string" },
        index: { type: "integer", minimum: -1 },
        description: { $ref: "#/definitions/message" },
        properties: { $ref: "#/definitions/propertyBag" },
      },
    },
    artifact: {
      type: "object",
      additionalProperties: false,
      properties: {
        location: { $ref: "#/definitions/artifactLocation" },
        contents: { type: "object", additionalProperties: false, properties: { text: { type: "string" }, binary: { type: "string" } } },
        encoding: { type: "string" },
        properties: { $ref: "#/definitions/propertyBag" },
      },
    },
    region: {
      type: "object",
      additionalProperties: false,
      properties: {
        startLine: { type: "integer", minimum: 1 },
        startColumn: { type: "integer", minimum: 1 },
        endLine: { type: "integer", minimum: 1 },
        endColumn: { type: "integer", minimum: 1 },
        charOffset: { type: "integer", minimum: -1 },
        charLength: { type: "integer", minimum: 0 },
        snippet: { type: "object", additionalProperties: false, properties: { text: { type: "string" } } },
        message: { $ref: "#/definitions/message" },
        properties: { $ref: "#/definitions/propertyBag" },
      },
    },
    physicalLocation: {
      type: "object",
      additionalProperties: false,
      required: ["artifactLocation"],
      properties: {
        artifactLocation: { $ref: "#/definitions/artifactLocation" },
        region: { $ref: "#/definitions/region" },
        contextRegion: { $ref: "#/definitions/region" },
        properties: { $ref: "#/definitions/propertyBag" },
      },
    },
    location: {
      type: "object",
      additionalProperties: false,
      properties: {
        id: { type: "integer", minimum: -1 },
        physicalLocation: { $ref: "#/definitions/physicalLocation" },
        message: { $ref: "#/definitions/message" },
        properties: { $ref: "#/definitions/propertyBag" },
      },
    },
    level: { enum: ["none", "note", "warning", "error"] },
    suppression: {
      type: "object",
      additionalProperties: false,
      required: ["kind"],
      properties: {
        kind: { enum: ["inSource", "external"] },
        status: { enum: ["accepted", "underReview", "rejected"] },
        justification: { type: "string" },
        properties: { $ref: "#/definitions/propertyBag" },
      },
    },
    result: {
      type: "object",
      additionalProperties: false,
      required: ["message"],
      properties: {
        ruleId: { type: "string" },
        ruleIndex: { type: "integer", minimum: -1 },
        level: { $ref: "#/definitions/level" },
        message: { $ref: "#/definitions/message" },
        locations: { type: "array", items: { $ref: "#/definitions/location" } },
        suppressions: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/suppression" } },
        properties: { $ref: "#/definitions/propertyBag" },
      },
    },
    reportingDescriptor: {
      type: "object",
      additionalProperties: false,
      required: ["id"],
      properties: {
        id: { type: "string" },
        name: { type: "string" },
        shortDescription: { $ref: "#/definitions/multiformatMessageString" },
        fullDescription: { $ref: "#/definitions/multiformatMessageString" },
        helpUri: { type: "string", format: "uri" },
        help: { $ref: "#/definitions/multiformatMessageString" },
        properties: { $ref: "#/definitions/propertyBag" },
      },
    },
    toolComponent: {
      type: "object",
      additionalProperties: false,
      required: ["name"],
      properties: {
        name: { type: "string" },
        version: { type: "string" },
        semanticVersion: { type: "string" },
        informationUri: { type: "string", format: "uri" },
        rules: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/reportingDescriptor" } },
        properties: { $ref: "#/definitions/propertyBag" },
      },
    },
    notification: {
      type: "object",
      additionalProperties: false,
      required: ["message"],
      properties: {
        locations: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/location" } },
        message: { $ref: "#/definitions/message" },
        level: { $ref: "#/definitions/level" },
        descriptor: {
          type: "object",
          additionalProperties: false,
          properties: { id: { type: "string" }, index: { type: "integer", minimum: -1 }, guid: { type: "string" } },
          anyOf: [{ required: ["index"] }, { required: ["guid"] }, { required: ["id"] }],
        },
        properties: { $ref: "#/definitions/propertyBag" },
      },
    },
    run: {
      type: "object",
      additionalProperties: false,
      required: ["tool"],
      properties: {
        tool: {
          type: "object",
          additionalProperties: false,
          required: ["driver"],
          properties: {
            driver: { $ref: "#/definitions/toolComponent" },
            extensions: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/toolComponent" } },
            properties: { $ref: "#/definitions/propertyBag" },
          },
        },
        invocations: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["executionSuccessful"],
            properties: {
              executionSuccessful: { type: "boolean" },
              toolConfigurationNotifications: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/notification" } },
              toolExecutionNotifications: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/notification" } },
              properties: { $ref: "#/definitions/propertyBag" },
            },
          },
        },
        artifacts: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/artifact" } },
        originalUriBaseIds: { type: "object", additionalProperties: { $ref: "#/definitions/artifactLocation" } },
        columnKind: { enum: ["utf16CodeUnits", "unicodeCodePoints"] },
        results: { type: "array", items: { $ref: "#/definitions/result" } },
        properties: { $ref: "#/definitions/propertyBag" },
      },
    },
  },
} as const;

// strictRequired off: the schema, like the official one, lists `required` in `anyOf` branches.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat("uri", (value: string) => URL.canParse(value));
ajv.addFormat("uri-reference", (value: string) => URL.canParse(value, "file:///"));
const validateSarif = ajv.compile(SARIF_SCHEMA);

interface SarifLog {
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri: string; shortDescription?: { text: string }; fullDescription?: { text: string }; help?: { text: string } }[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[] }[];
    invocations?: { executionSuccessful: boolean; toolConfigurationNotifications: { message: { text: string } }[] }[];
  }[];
}

function expectValidSarif(text: string): SarifLog {
  const log: unknown = JSON.parse(text);
  expect(validateSarif(log) ? [] : validateSarif.errors).toEqual([]);
  return log as SarifLog;
}

describe("uv-ci-lint on the bundled example", () => {
  it("without an eslint.config.*, reports what `eslint` with configs.recommended reports, and exits 1", () => {
    const dir = zeroConfigExample();
    const run = runBin(dir, ["--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const reference = recommendedOnlyExample();
    const eslint = runEslint(reference, ["--format", "json", "."]);
    expect(eslint.status).toBe(1);
    const findings = findingsOf(run.stdout, dir);
    expect(findings).toEqual(findingsOf(eslint.stdout, reference));
    expect(findings.every((finding) => finding.ruleId?.startsWith("uv-ci/"))).toBe(true);
    // require-concurrency-per-ref is in configs.strict only; the example's own config turns it on.
    expect(findings.map((finding) => finding.ruleId)).not.toContain("uv-ci/require-concurrency-per-ref");
    // The cross-file finding: tests.yml's setup-uv against the runner Dockerfile's pin.
    expect(findings).toContainEqual(expect.objectContaining({ file: ".github/workflows/tests.yml", message: expect.stringContaining('Pin `version: "0.11.8"`') }));
  });

  it("with the project's eslint.config.js, uses it", () => {
    const dir = makeSandbox(EXAMPLE);
    writeFileSync(
      join(dir, "eslint.config.js"),
      `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [...uvCi.configs.recommended, { files: ["**/*.yml"], rules: { "uv-ci/pin-setup-uv-version": "off", "uv-ci/require-concurrency-per-ref": "error" } }];\n`,
    );
    const run = runBin(dir, ["--format", "json"]);
    expect(run.status).toBe(1);
    const ruleIds = findingsOf(run.stdout, dir).map((finding) => finding.ruleId);
    expect(ruleIds).toContain("uv-ci/require-concurrency-per-ref");
    expect(ruleIds).not.toContain("uv-ci/pin-setup-uv-version");
  });

  it("prints stylish output by default", () => {
    const run = runBin(zeroConfigExample(), []);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/\.github\/workflows\/tests\.yml\n\s+18:15\s+error\s+This setup-uv step does not pin `version`/);
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors, 0 warnings\)/);
  });

  it("--fix writes what `eslint --fix` writes, leaves nothing to report and exits 0, and a second --fix changes nothing", () => {
    const dir = zeroConfigExample();
    const reference = recommendedOnlyExample();
    runEslint(reference, ["--fix", "."]);
    const first = runBin(dir, ["--fix", "--format", "json"]);
    const remaining = findingsOf(first.stdout, dir);
    expect(remaining).toEqual([]);
    expect(first.status).toBe(0);
    const fixed = readTree(dir);
    const referenceFixed = readTree(reference);
    delete referenceFixed["eslint.config.js"];
    expect(fixed).toEqual(referenceFixed);
    expect(runBin(dir, ["--fix"]).status).toBe(first.status);
    expect(readTree(dir)).toEqual(fixed);
  });

  it("--format sarif writes a SARIF 2.1.0 log with every finding, its rule and the rule's page", () => {
    const dir = zeroConfigExample();
    const json = findingsOf(runBin(dir, ["--format", "json"]).stdout, dir);
    const run = runBin(dir, ["--format", "sarif"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("");
    const [sarifRun] = expectValidSarif(run.stdout).runs;
    expect(sarifRun!.tool.driver.name).toBe("eslint-plugin-uv-ci");
    // Relative to the checkout, which is what GitHub code scanning maps back to files.
    expect(sarifRun!.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBe(`${pathToFileURL(dir).href}/`);
    const results = sarifRun!.results.map((result) => ({
      file: (expect(result.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe("%SRCROOT%"), result.locations[0]!.physicalLocation.artifactLocation.uri),
      ruleId: result.ruleId,
      line: result.locations[0]!.physicalLocation.region.startLine,
      column: result.locations[0]!.physicalLocation.region.startColumn,
      message: result.message.text,
      level: result.level,
    }));
    expect(results).toEqual(json.map(({ file, ruleId, line, column, message }) => ({ file, ruleId, line, column, message, level: "error" })));
    expect(sarifRun!.tool.driver.rules.map((rule) => rule.id)).toEqual(Object.keys(plugin.rules).map((name) => `uv-ci/${name}`));
    for (const rule of sarifRun!.tool.driver.rules) {
      const name = rule.id.replace(/^uv-ci\//, "");
      expect(rule.helpUri).toBe((plugin.rules[name]!.meta as { docs: { url: string } }).docs.url);
      expect(rule.shortDescription?.text).toBe((plugin.rules[name]!.meta as { docs: { description: string } }).docs.description);
      expect(rule.fullDescription?.text.length).toBeGreaterThan(rule.shortDescription!.text.length);
      expect(rule.help?.text).toContain(rule.helpUri);
    }
  });
});

describe("uv-ci-lint's flags and exit codes", () => {
  const WARN_CONFIG = `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [\n  ...uvCi.configs.recommended,\n  { files: ["**/*.yml"], rules: { "uv-ci/require-concurrency-per-ref": "warn" } },\n];\n`;
  const UNPINNED = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v8.2.0\n";
  /** A CI runner image that bakes a uv cache: the reason pin-setup-uv-version wants UNPINNED pinned. */
  const RUNNER_IMAGE = "FROM debian\nARG UV_VERSION=0.11.8\nRUN pip install uv==${UV_VERSION}\nCOPY . /p\nRUN cd /p && uv sync --frozen\n";

  function warnOnlyRepo(): string {
    const dir = makeSandbox({ ".github/workflows/a.yml": UNPINNED.replace("jobs", "name: a\njobs").replace("uses: astral-sh/setup-uv@v8.2.0", 'uses: astral-sh/setup-uv@v8.2.0\n        with:\n          version: "0.11.8"') });
    writeFileSync(join(dir, "eslint.config.js"), WARN_CONFIG);
    return dir;
  }

  it("--format github writes one workflow command per finding, with the file, position, rule and escaped message", () => {
    const dir = makeSandbox({ ".github/workflows/ci.yml": UNPINNED, ".github/workflows/broken.yml": "on: [push\n", ".github/runners/Dockerfile": RUNNER_IMAGE });
    const run = runBin(dir, ["--format", "github"]);
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^::error file=\.github\/workflows\/ci\.yml,line=6,col=15,endLine=6,endColumn=40,title=uv-ci\/pin-setup-uv-version::This setup-uv step does not pin `version`/));
    expect(lines).toContainEqual(expect.stringMatching(/^::error file=\.github\/workflows\/broken\.yml,line=\d+,col=\d+,title=parse error::/));
    expect(lines.every((line) => line.startsWith("::error ") || line.startsWith("::warning "))).toBe(true);
  });

  it("--max-warnings: warnings alone exit 0, more than the limit exit 1 with a note", () => {
    const dir = warnOnlyRepo();
    const plain = runBin(dir, []);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toMatch(/1 problem \(0 errors, 1 warning\)/);
    expect(runBin(dir, ["--max-warnings", "1"]).status).toBe(0);
    const strict = runBin(dir, ["--max-warnings", "0"]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toBe("uv-ci-lint: too many warnings: 1, more than --max-warnings 0.\n");
    expect(runBin(dir, ["--max-warnings=-1"]).status).toBe(0);
  });

  it("--quiet reports errors only", () => {
    const dir = warnOnlyRepo();
    const quiet = runBin(dir, ["--quiet"]);
    expect(quiet).toMatchObject({ status: 0, stdout: "" });
    writeFiles(dir, { ".github/workflows/b.yml": UNPINNED, ".github/runners/Dockerfile": RUNNER_IMAGE });
    const mixed = runBin(dir, ["--quiet", "--format", "json"]);
    expect(mixed.status).toBe(1);
    expect(findingsOf(mixed.stdout, dir).map((finding) => finding.severity)).toEqual([2]);
  });

  it.each([
    [["--frobnicate"], /^uv-ci-lint: Unknown option '--frobnicate'\. Run 'uv-ci-lint --help' for the options\.\n$/],
    [["--format", "checkstyle"], /^uv-ci-lint: Unknown format 'checkstyle'; use one of stylish, json, sarif, github\. Run/],
    [["--max-warnings", "many"], /^uv-ci-lint: --max-warnings takes a whole number of at least -1, not 'many'\. Run/],
    [["--format"], /^uv-ci-lint: Option '-f, --format <value>' argument missing\. Run/],
  ])("%j is a usage error: exit 2 and one line", (args, message) => {
    const run = runBin(makeSandbox({}), args);
    expect(run).toMatchObject({ status: 2, stdout: "" });
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("a config that fails to load is an internal error: exit 2, its message, no stack trace", () => {
    const dir = makeSandbox({ ".github/workflows/a.yml": UNPINNED });
    writeFileSync(join(dir, "eslint.config.js"), `throw new Error("config exploded\\n  at somewhere");\n`);
    const run = runBin(dir, []);
    expect(run).toMatchObject({ status: 2, stdout: "", stderr: "uv-ci-lint: config exploded\n" });
  });

  it("a misspelt rule option: exit 2 with ESLint's whole message, which names the property and the expected ones", () => {
    const dir = makeSandbox({ ".github/workflows/a.yml": UNPINNED });
    writeFileSync(
      join(dir, "eslint.config.js"),
      `import uvCi from "eslint-plugin-uv-ci";\nexport default [...uvCi.configs.recommended, { files: ["**/*.yml"], rules: { "uv-ci/pin-setup-uv-version": ["error", { verison: "0.11.8" }] } }];\n`,
    );
    const run = runBin(dir, []);
    expect(run).toMatchObject({ status: 2, stdout: "" });
    expect(run.stderr).toMatch(/^uv-ci-lint: Key "rules": Key "uv-ci\/pin-setup-uv-version":\n/);
    expect(run.stderr).toMatch(/Unexpected property "verison"/);
    expect(run.stderr).not.toMatch(/^\s+at\s/m);
  });

  it("an eslint.config.js with `import` in a CommonJS package (what `npm init -y` writes): exit 2, ending with a line that says what to do", () => {
    const dir = makeSandbox({ ".github/workflows/a.yml": UNPINNED, ".github/runners/Dockerfile": RUNNER_IMAGE, "package.json": `${JSON.stringify({ type: "commonjs" })}\n` });
    writeFileSync(join(dir, "eslint.config.js"), `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [...uvCi.configs.recommended];\n`);
    const run = runBin(dir, []);
    expect(run).toMatchObject({ status: 2, stdout: "" });
    // Node's own warning about the same comes first.
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(
      'uv-ci-lint: Cannot use import statement outside a module: name the config eslint.config.mjs, or set "type": "module" in package.json.',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    rmSync(join(dir, "eslint.config.js"));
    writeFileSync(join(dir, "eslint.config.mjs"), `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [...uvCi.configs.recommended];\n`);
    expect(runBin(dir, []).status).toBe(1);
  });

  it("a file that does not parse is a finding (exit 1), not a crash", () => {
    const dir = mkdtempSync(join(tmpdir(), "uv-ci-zero-"));
    writeFiles(dir, { ".github/workflows/bad.yml": "on: push\njobs: [\n" });
    const run = runBin(dir, ["--format", "json"]);
    expect(run.status).toBe(1);
    const [finding] = findingsOf(run.stdout, dir);
    expect(finding).toMatchObject({ file: ".github/workflows/bad.yml", ruleId: null, severity: 2 });
    expect(finding!.message).toMatch(/^Parsing error: /);
    const sarif = expectValidSarif(runBin(dir, ["--format", "sarif"]).stdout);
    expect(sarif.runs[0]!.results.map((result) => [result.ruleId, result.level, result.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([
      ["parse-error", "error", ".github/workflows/bad.yml"],
    ]);
  });

  it("a symbolic link to a missing file, which stops `eslint` itself, is skipped with a note; the other files are linted and fixed", () => {
    const clean = zeroConfigExample();
    const expected = findingsOf(runBin(clean, ["--format", "json"]).stdout, clean);
    expect(expected.length).toBeGreaterThan(0);
    const dir = zeroConfigExample();
    mkdirSync(join(dir, "docker"));
    symlinkSync(join(dir, "nowhere"), join(dir, "Containerfile"));
    symlinkSync(join(dir, "nowhere"), join(dir, "docker", "api.Dockerfile"));
    symlinkSync(join(dir, "nowhere"), join(dir, "docker", "Dockerfile.[dev]"));
    const run = runBin(dir, ["--format", "json"]);
    expect(run.status).toBe(1);
    expect(findingsOf(run.stdout, dir)).toEqual(expected);
    expect(run.stderr.trimEnd().split("\n").sort()).toEqual(
      ["Containerfile", "docker/Dockerfile.[dev]", "docker/api.Dockerfile"].map(
        (file) => `uv-ci-lint: skipped ${file}: it is a symbolic link to a missing file, or it vanished.`,
      ),
    );
    const fixed = runBin(dir, ["--fix", "--format", "json"]);
    expect(fixed.status).toBe(0);
    expect(readFileSync(join(dir, ".github/workflows/tests.yml"), "utf8")).toContain('version: "0.11.8"');
  });

  it("--help and --version exit 0", () => {
    const help = runBin(PROJECT_ROOT, ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: uv-ci-lint \[options\] \[paths\.\.\.\]/);
    for (const flag of ["--preset", "--rule", "--fix", "--format", "--max-warnings", "--quiet"]) expect(help.stdout).toContain(flag);
    const version = runBin(PROJECT_ROOT, ["--version"]);
    expect(version).toMatchObject({ status: 0, stdout: `uv-ci-lint ${plugin.meta.version} (ESLint ${ESLint.version})\n` });
  });
});

describe("what uv-ci-lint lints", () => {
  /** A ref that does not exist, which configs.recommended reports in any repository. */
  const MISSING_REF = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v8\n";

  it("with nothing to lint, says so and exits 2, as eslint does for a pattern that matches nothing; --format sarif still writes a valid, empty log", () => {
    const dir = mkdtempSync(join(tmpdir(), "uv-ci-zero-"));
    writeFiles(dir, { "README.md": "# nothing here\n" });
    const run = runBin(dir, []);
    expect(run).toMatchObject({ status: 2, stdout: "" });
    expect(run.stderr).toBe(`uv-ci-lint: nothing to lint: no workflow, Dockerfile or ignore file matches ${defaultLintPatterns(plugin.configs.recommended as Linter.Config[]).join(", ")}.\n`);
    const sarif = runBin(dir, ["--format", "sarif"]);
    expect(sarif.status).toBe(2);
    expect(expectValidSarif(sarif.stdout).runs[0]!.results).toEqual([]);
  });

  it("without a config, lints only the root's workflows (and Dockerfiles and ignore files): no JavaScript, no YAML elsewhere", () => {
    const dir = mkdtempSync(join(tmpdir(), "uv-ci-zero-"));
    writeFiles(dir, {
      ".github/workflows/ci.yml": MISSING_REF,
      "broken.js": "this is not JavaScript {",
      "config/settings.yml": MISSING_REF,
      "fixtures/repo/.github/workflows/ci.yml": MISSING_REF,
    });
    const files = (args: string[]): string[] => [...new Set(findingsOf(runBin(dir, ["--format", "json", ...args]).stdout, dir).map((finding) => finding.file))];
    expect(files([])).toEqual([".github/workflows/ci.yml"]);
    // A directory given on the command line is searched like the root.
    expect(files(["fixtures/repo"])).toEqual(["fixtures/repo/.github/workflows/ci.yml"]);
    expect(files([join(dir, "fixtures", "repo")])).toEqual(["fixtures/repo/.github/workflows/ci.yml"]);
    // The workflow folder itself, or `.github`, as users type it, holds the root's workflows.
    expect(files([".github/workflows"])).toEqual([".github/workflows/ci.yml"]);
    expect(files([".github/"])).toEqual([".github/workflows/ci.yml"]);
    expect(files(["fixtures/repo/.github/workflows"])).toEqual(["fixtures/repo/.github/workflows/ci.yml"]);
    // ESLint lints nothing outside the directory it runs in: the message says so and what to do.
    const outside = runBin(join(dir, "config"), [dir]);
    expect(outside).toMatchObject({ status: 2, stdout: "" });
    expect(outside.stderr).toBe(`uv-ci-lint: nothing to lint: ${dir} is outside the current directory, and ESLint lints only files under the directory it runs in. Run uv-ci-lint from the repository's root.\n`);
    // A file given by name is linted when the recommended config covers it, and passed over otherwise.
    expect(files([".github/workflows/ci.yml", "broken.js", "config/settings.yml"])).toEqual([".github/workflows/ci.yml"]);
    const other = runBin(dir, ["broken.js"]);
    expect(other).toMatchObject({ status: 2, stderr: "uv-ci-lint: nothing to lint: no workflow, Dockerfile or ignore file matches broken.js.\n" });
    // A path that does not exist, alone or beside another, is nothing to lint too.
    expect(runBin(dir, ["does/not/exist.yml"]).status).toBe(2);
    expect(runBin(dir, ["does/not/exist.yml", "nor/this.yml"]).status).toBe(2);
  });

  it("with a config that does not lint workflows, says how to add the plugin and exits 2, so that a pre-commit hook fails", () => {
    const dir = makeSandbox({ ".github/workflows/ci.yml": MISSING_REF });
    writeFileSync(join(dir, "eslint.config.js"), `export default [{ files: ["**/*.js"], rules: {} }];\n`);
    const run = runBin(dir, []);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`uv-ci-lint: nothing to lint: ${join(dir, "eslint.config.js")} does not lint workflows. Spread uvCi.configs.recommended into it.\n`);
  });

  it("has lint patterns for every language of configs.recommended, each covered by that language's config", async () => {
    const recommended = plugin.configs.recommended as Linter.Config[];
    const languages = languagesOf(recommended);
    expect(languages).toEqual(expect.arrayContaining(["yml/yaml"]));
    for (const language of languages) expect(LINT_PATTERNS_BY_LANGUAGE[language], language).toBeDefined();
    const languageObjects = [...languageObjectsOf(recommended)];
    expect(languageObjects).toHaveLength(languages.length);
    const eslint = new ESLint({ cwd: PROJECT_ROOT, overrideConfigFile: true, overrideConfig: recommended });
    for (const language of languages) {
      for (const pattern of LINT_PATTERNS_BY_LANGUAGE[language]!) {
        const sample = join(PROJECT_ROOT, pattern.replace("**/", "some/dir/").replace("*", "sample"));
        const config = (await eslint.calculateConfigForFile(sample)) as { language?: unknown } | undefined;
        expect(config?.language, `${pattern} → ${sample}`).toBe(languageObjects[languages.indexOf(language)]);
      }
    }
  });

  it("is built with the shebang npm's bin shims need", () => {
    expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  // Node 20 has no compile cache: there the bin must still start, and writes none (checked on 22.13 too).
  it("turns on V8's compile cache where Node has one, as eslint's own bin does, and starts where it has none", () => {
    const temporary = mkdtempSync(join(tmpdir(), "uv-ci-compile-cache-"));
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: temporary };
    delete env.NODE_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const result = spawnSync(process.execPath, [BIN, "--version"], { cwd: PROJECT_ROOT, encoding: "utf8", env });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const cache = join(temporary, "node-compile-cache");
    if ("enableCompileCache" in nodeModule) expect(readdirSync(cache).length).toBeGreaterThan(0);
    else expect(existsSync(cache)).toBe(false);
    rmSync(temporary, { recursive: true, force: true });
  });
});

describe("uv-ci-lint --preset and --rule", () => {
  const UNPINNED = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v8.2.0\n";
  /** A workflow that compares `github.ref` with a bare branch name. */
  const BARE_REF = "on: push\njobs:\n  a:\n    if: github.ref == 'main'\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n";
  /** Workflows, a Dockerfile and an ignore file that keeps only `node_modules` out of the context. */
  const REPO = { ".github/workflows/ci.yml": UNPINNED, ".github/workflows/main-only.yml": BARE_REF, Dockerfile: "FROM python:3.12\nCOPY . /app\n", ".dockerignore": "node_modules\n" };
  const STRICT_ONLY = "uv-ci/valid-ref-comparison";
  const PIN_0_9_5 = 'uv-ci/pin-setup-uv-version: [error, {version: "0.9.5"}]';

  function bareRepo(files: Record<string, string> = REPO): string {
    const dir = mkdtempSync(join(tmpdir(), "uv-ci-zero-"));
    writeFiles(dir, files);
    return dir;
  }
  const ruleIdsOf = (run: { stdout: string }, dir: string): string[] => [...new Set(findingsOf(run.stdout, dir).map((finding) => finding.ruleId!))].sort();

  it("--preset strict turns on the rules outside recommended; --preset recommended is the default", () => {
    expect((plugin.rules[STRICT_ONLY.replace("uv-ci/", "")]!.meta as { docs: { recommended?: boolean } }).docs.recommended).toBeFalsy();
    const dir = bareRepo();
    const plain = runBin(dir, ["--format", "json"]);
    expect(ruleIdsOf(plain, dir)).not.toContain(STRICT_ONLY);
    expect(runBin(dir, ["--format", "json", "--preset", "recommended"]).stdout).toBe(plain.stdout);
    const strict = runBin(dir, ["--format", "json", "--preset", "strict"]);
    expect(strict.status).toBe(1);
    expect(findingsOf(strict.stdout, dir)).toContainEqual(expect.objectContaining({ file: ".github/workflows/main-only.yml", ruleId: STRICT_ONLY }));
  });

  it("--preset replaces the project's eslint.config.*, as eslint --config does", () => {
    const dir = makeSandbox(REPO);
    writeFileSync(join(dir, "eslint.config.js"), `export default [{ files: ["**/*.js"], rules: {} }];\n`);
    expect(runBin(dir, []).status).toBe(2);
    const strict = runBin(dir, ["--format", "json", "--preset", "strict"]);
    expect(strict.status).toBe(1);
    expect(ruleIdsOf(strict, dir)).toContain(STRICT_ONLY);
  });

  it("--rule in eslint's syntax sets a rule's options on top of the preset, only on the files of its language, and --fix applies them", () => {
    const dir = bareRepo();
    const run = runBin(dir, ["--format", "json", "--rule", PIN_0_9_5]);
    // A global rule, as `eslint --rule` sets it, would stop ESLint on the Dockerfile and the ignore file.
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(findingsOf(run.stdout, dir)).toContainEqual(
      expect.objectContaining({ file: ".github/workflows/ci.yml", ruleId: "uv-ci/pin-setup-uv-version", message: expect.stringContaining("asks for uv 0.9.5") }),
    );
    runBin(dir, ["--fix", "--rule", PIN_0_9_5]);
    expect(readFileSync(join(dir, ".github/workflows/ci.yml"), "utf8")).toContain('        with:\n          version: "0.9.5"\n');
  });

  it("--rule is repeatable, later values win, and it works for eslint-plugin-yml's rules and with --preset strict", () => {
    const dir = bareRepo({ ...REPO, ".github/workflows/ci.yml": UNPINNED.replace("on: push", "on:\n  push:\n  pull_request:\nconcurrency:\n  group: ${{ github.workflow }}-${{ github.ref }}\n  cancel-in-progress: true") });
    const args = ["--format", "json", "--preset", "strict", "--rule", `${STRICT_ONLY}: warn`, "--rule", "yml/no-empty-mapping-value: error, uv-ci/pin-setup-uv-version: off"];
    const run = runBin(dir, args);
    expect(run.stderr).toBe("");
    const findings = findingsOf(run.stdout, dir);
    expect(findings.filter((finding) => finding.ruleId === "yml/no-empty-mapping-value").map((finding) => finding.line)).toEqual([2, 3]);
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: STRICT_ONLY, severity: 1 }));
    expect(ruleIdsOf(run, dir)).not.toContain("uv-ci/pin-setup-uv-version");
    expect(ruleIdsOf(runBin(dir, [...args, "--rule", `${STRICT_ONLY}: off`]), dir)).not.toContain(STRICT_ONLY);
  });

  it("lints the .pre-commit-config.yaml with the rule that reads it, and --rule reaches only the YAML files a rule lints", () => {
    const preCommit = "repos:\n  - repo: https://github.com/astral-sh/uv-pre-commit\n    rev: 0.9.0\n    hooks:\n      - id: uv-lock\n";
    const dir = bareRepo({ ...REPO, "uv.toml": 'required-version = "==0.9.5"\n', ".pre-commit-config.yaml": preCommit });
    const preCommitFindings = (args: string[]): Finding[] => findingsOf(runBin(dir, ["--format", "json", ...args]).stdout, dir).filter((finding) => finding.file === ".pre-commit-config.yaml");
    expect(preCommitFindings([])).toEqual([]);
    expect(preCommitFindings(["--preset", "strict"])).toEqual([expect.objectContaining({ ruleId: "uv-ci/uv-version-matches-pre-commit", line: 3, column: 10, fixable: true })]);
    runBin(dir, ["--fix", "--rule", "uv-ci/uv-version-matches-pre-commit: error"]);
    expect(readFileSync(join(dir, ".pre-commit-config.yaml"), "utf8")).toBe(preCommit.replace("0.9.0", "0.9.5"));

    const overrides = ruleOverrideConfigs({ "uv-ci/pin-setup-uv-version": "warn", "uv-ci/uv-version-matches-pre-commit": "warn", "yml/no-empty-mapping-value": "error" }, plugin.configs.strict);
    const filesOf = (ruleId: string): unknown[] => overrides.filter((config) => config.rules?.[ruleId] !== undefined).flatMap((config) => config.files ?? []);
    expect(filesOf("uv-ci/pin-setup-uv-version")).toEqual(["**/.github/workflows/*.yml", "**/.github/workflows/*.yaml", "**/action.yml", "**/action.yaml"]);
    expect(filesOf("uv-ci/uv-version-matches-pre-commit")).toEqual(["**/.pre-commit-config.yaml", "**/.pre-commit-config.yml"]);
    expect(filesOf("yml/no-empty-mapping-value")).toEqual([...filesOf("uv-ci/pin-setup-uv-version"), ...filesOf("uv-ci/uv-version-matches-pre-commit")]);
  });

  it("with the project's eslint.config.*, --rule goes on top of it", () => {
    const dir = makeSandbox(REPO);
    writeFileSync(join(dir, "eslint.config.js"), `import uvCi from "eslint-plugin-uv-ci";\n\nexport default [...uvCi.configs.recommended, { rules: { "uv-ci/pin-setup-uv-version": "off" } }];\n`);
    expect(ruleIdsOf(runBin(dir, ["--format", "json"]), dir)).not.toContain("uv-ci/pin-setup-uv-version");
    const run = runBin(dir, ["--format", "json", "--rule", PIN_0_9_5]);
    expect(run.stderr).toBe("");
    expect(ruleIdsOf(run, dir)).toContain("uv-ci/pin-setup-uv-version");
  });

  it("the message that asks for the `version` option gives the command line that sets it, and that command line fixes the step", () => {
    const dir = bareRepo();
    const run = runBin(dir, ["--format", "json", "--rule", "uv-ci/pin-setup-uv-version: [error, {requirePin: true}]"]);
    const finding = findingsOf(run.stdout, dir).find((found) => found.ruleId === "uv-ci/pin-setup-uv-version");
    expect(finding?.message).toContain("set this rule's `version` option");
    const command = /`uv-ci-lint (--fix) --rule '([^']+)'`/.exec(finding!.message);
    expect(command).not.toBeNull();
    const fixed = runBin(dir, [command![1]!, "--rule", command![2]!.replace("X.Y.Z", "0.11.8")]);
    expect(fixed).toMatchObject({ status: 0, stderr: "uv-ci-lint: fixed 1 problem in 1 file; nothing remains.\n" });
    expect(readFileSync(join(dir, ".github/workflows/ci.yml"), "utf8")).toContain('version: "0.11.8"');
  });

  it.each([
    [["--preset", "lax"], /^uv-ci-lint: Unknown preset 'lax'; use one of recommended, strict\. Run/],
    [["--rule", "uv-ci/pin-setup-uv-version"], /^uv-ci-lint: Invalid value for option 'rule' - expected type Object, received value: uv-ci\/pin-setup-uv-version\. Run/],
  ])("%j is a usage error: exit 2 and one line", (args, message) => {
    const run = runBin(bareRepo(), args);
    expect(run).toMatchObject({ status: 2, stdout: "" });
    expect(run.stderr).toMatch(message);
  });

  it("an unknown rule is ESLint's config error: exit 2", () => {
    const run = runBin(bareRepo(), ["--rule", "uv-ci/no-such-rule: error"]);
    expect(run).toMatchObject({ status: 2, stdout: "" });
    expect(run.stderr).toMatch(/Could not find "no-such-rule" in plugin "uv-ci"/);
  });
});

describe("uv-ci-lint on binary files and after --fix", () => {
  const UNPINNED = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v8.2.0\n";
  const BINARY = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x0a, 0x41, 0x52, 0x47, 0x20, 0x55, 0x56, 0x00, 0x2e, 0x2a, 0x0a]);

  it("skips a binary Dockerfile and .dockerignore with a note, lints and fixes the other files, and never writes into the binary ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "uv-ci-zero-"));
    writeFiles(dir, {
      ".github/workflows/ci.yml": UNPINNED,
      // An ignore file that drops the `.python-version` its image's `uv sync` reads: a fixable finding.
      "api/Dockerfile": "FROM ghcr.io/astral-sh/uv:python3.12-bookworm\nCOPY . /app\nWORKDIR /app\nRUN uv sync --frozen\n",
      "api/.dockerignore": ".python-version\n",
      "api/.python-version": "3.12\n",
    });
    writeFileSync(join(dir, "Dockerfile"), BINARY);
    writeFileSync(join(dir, ".dockerignore"), BINARY);
    const run = runBin(dir, ["--format", "json"]);
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd().split("\n").sort()).toEqual(
      [".dockerignore", "Dockerfile"].map((file) => `uv-ci-lint: skipped ${file}: it is a binary file (it holds a NUL byte), not text.`),
    );
    const linted = (JSON.parse(run.stdout) as ESLint.LintResult[]).map((result) => relative(dir, result.filePath)).sort();
    expect(linted).toEqual([".github/workflows/ci.yml", "api/.dockerignore", "api/Dockerfile"]);
    const fixed = runBin(dir, ["--fix"]);
    expect(fixed.status).toBe(0);
    expect(readFileSync(join(dir, "api/.dockerignore"), "utf8")).not.toBe(".python-version\n");
    expect(readFileSync(join(dir, "Dockerfile"))).toEqual(BINARY);
    expect(readFileSync(join(dir, ".dockerignore"))).toEqual(BINARY);
  });

  it("--fix says how many problems it fixed in how many files, and what remains", () => {
    // Two workflows with fixable problems; the second also has one that --fix cannot fix.
    const dir = mkdtempSync(join(tmpdir(), "uv-ci-zero-"));
    const runnerImage = "FROM debian\nARG UV_VERSION=0.11.8\nRUN pip install uv==${UV_VERSION}\nCOPY . /p\nRUN cd /p && uv sync --frozen\n";
    writeFiles(dir, {
      ".github/workflows/a.yml": UNPINNED,
      ".github/workflows/b.yml": `${UNPINNED}      - uses: astral-sh/setup-uv@v8.2.0\n        with:\n          version: "0.11.x"\n`,
      ".github/workflows/clean.yml": "on: push\nconcurrency:\n  group: ${{ github.workflow }}-${{ github.ref }}\n  cancel-in-progress: true\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n",
      ".github/runners/Dockerfile": runnerImage,
    });
    // require-concurrency-per-ref (configs.strict) adds a fixable problem to each workflow without concurrency.
    const concurrency = ["--rule", "uv-ci/require-concurrency-per-ref: error"];
    const before = findingsOf(runBin(dir, ["--format", "json", ...concurrency]).stdout, dir);
    const fixable = before.filter((finding) => finding.fixable).length;
    const unfixable = before.length - fixable;
    expect([fixable, unfixable]).toEqual([4, 1]);
    const first = runBin(dir, ["--fix", "--format", "json", ...concurrency]);
    expect(first.status).toBe(1);
    expect(findingsOf(first.stdout, dir)).toHaveLength(1);
    expect(first.stderr).toBe("uv-ci-lint: fixed 4 problems in 2 files; 1 problem remains, which --fix cannot fix.\n");
    // Nothing left to fix: no note.
    expect(runBin(dir, ["--fix", ...concurrency]).stderr).toBe("");
    const clean = mkdtempSync(join(tmpdir(), "uv-ci-zero-"));
    writeFiles(clean, { ".github/workflows/a.yml": UNPINNED });
    expect(runBin(clean, ["--fix", ...concurrency])).toMatchObject({ status: 0, stdout: "", stderr: "uv-ci-lint: fixed 1 problem in 1 file; nothing remains.\n" });
  });
});

describe("uv-ci-lint and virtual environments under any name", () => {
  const DOCKERFILE = "FROM ghcr.io/astral-sh/uv:python3.12-bookworm\nCOPY . /app\nWORKDIR /app\nRUN uv sync --frozen\n";
  /** A build context whose ignore file drops the `.python-version` its `uv sync` needs: a finding, and a fix. */
  const context = (folder: string): Record<string, string> => ({ [`${folder}/Dockerfile`]: DOCKERFILE, [`${folder}/.dockerignore`]: ".python-version\n", [`${folder}/.python-version`]: "3.12\n" });

  it("skips every folder that holds a pyvenv.cfg (env/, .py312/), lints the same files elsewhere, and --fix leaves the environments alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "uv-ci-zero-"));
    writeFiles(dir, {
      ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n",
      "env/pyvenv.cfg": "home = /usr/bin\n",
      ...context("env/share/pkg"),
      ".py312/pyvenv.cfg": "home = /usr/bin\n",
      ...context(".py312/share/tool"),
      // The same tree without a pyvenv.cfg is the project's own.
      ...context("environment/share/pkg"),
    });
    const files = (run: { stdout: string }): string[] => [...new Set(findingsOf(run.stdout, dir).map((finding) => finding.file))].sort();
    const run = runBin(dir, ["--format", "json"]);
    expect(run.status).toBe(1);
    const linted = (JSON.parse(run.stdout) as ESLint.LintResult[]).map((result) => relative(dir, result.filePath)).sort();
    expect(linted).toEqual([".github/workflows/ci.yml", "environment/share/pkg/.dockerignore", "environment/share/pkg/Dockerfile"]);
    expect(files(run)).toContain("environment/share/pkg/.dockerignore");
    const before = readTree(dir);
    runBin(dir, ["--fix"]);
    const after = readTree(dir);
    expect(after["environment/share/pkg/.dockerignore"]).not.toBe(before["environment/share/pkg/.dockerignore"]);
    for (const file of Object.keys(before).filter((name) => name.startsWith("env/") || name.startsWith(".py312/"))) expect(after[file], file).toBe(before[file]);
    // The same holds with the project's own config, and for a directory given on the command line.
    writeFileSync(join(dir, "eslint.config.mjs"), `export default (await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, "dist", "src", "index.js")).href)})).default.configs.recommended;\n`);
    const withConfig = runBin(dir, ["--format", "json", "."]);
    expect((JSON.parse(withConfig.stdout) as ESLint.LintResult[]).map((result) => relative(dir, result.filePath)).sort()).toEqual(linted);
  });
});
