import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeSandbox, PROJECT_ROOT } from "./helpers/cli.js";

/**
 * `uv-ci-lint --format sarif` checked by Microsoft's SARIF Multitool, which validates a log against
 * the official SARIF 2.1.0 schema plus the specification's own rules. It is a 100 MB Linux binary in
 * an npm package, so it is installed here on first use rather than as a dependency.
 */
const MULTITOOL_PACKAGE = "@microsoft/sarif-multitool-linux@5.7.0";
const TOOL_DIR = join(tmpdir(), "uv-ci-sarif-multitool-5.7.0");
const MULTITOOL = join(TOOL_DIR, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");

function installMultitool(): string | null {
  if (!existsSync(MULTITOOL)) {
    mkdirSync(TOOL_DIR, { recursive: true });
    writeFileSync(join(TOOL_DIR, "package.json"), '{ "private": true }\n');
    const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", MULTITOOL_PACKAGE], {
      cwd: TOOL_DIR,
      encoding: "utf8",
      timeout: 300_000,
    });
    if (install.status !== 0 || !existsSync(MULTITOOL)) return `npm install ${MULTITOOL_PACKAGE} failed: ${install.stderr.trim().split("\n").at(-1)}`;
  }
  // npm no longer runs the package's postinstall `chmod u+x` without approval.
  chmodSync(MULTITOOL, 0o755);
  return null;
}

describe.skipIf(process.platform !== "linux")("the SARIF log, checked by the SARIF Multitool", () => {
  it("validates against the SARIF 2.1.0 schema and rules with no error", () => {
    const failure = installMultitool();
    expect(failure).toBeNull();
    const dir = makeSandbox(join(PROJECT_ROOT, "examples", "uv-project"));
    const lint = spawnSync(process.execPath, [join(PROJECT_ROOT, "dist", "src", "cli", "bin.js"), "--format", "sarif"], { cwd: dir, encoding: "utf8" });
    expect(lint.status).toBe(1);
    const log = join(dir, "uv-ci-lint.sarif");
    writeFileSync(log, lint.stdout);
    expect((JSON.parse(readFileSync(log, "utf8")) as { runs: { results: unknown[] }[] }).runs[0]!.results.length).toBeGreaterThan(0);
    const validation = spawnSync(MULTITOOL, ["validate", log, "--output", join(dir, "validation.sarif")], { encoding: "utf8", timeout: 120_000 });
    expect(validation.stdout).toContain("Analysis completed successfully");
    expect(validation.stdout).not.toMatch(/: error /);
    expect(validation.status).toBe(0);
  }, 400_000);
});
