import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "./helpers/cli.js";

function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, "node_modules", ...command.split("/")), ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("the project itself", () => {
  it("type-checks, tests and scripts included", () => {
    const { status, output } = run("typescript/bin/tsc", ["-p", "tsconfig.json", "--noEmit"]);
    expect(output).toBe("");
    expect(status).toBe(0);
  });

  it("lints clean with its own eslint.config.js, its own workflows included", () => {
    const { status, output } = run("eslint/bin/eslint.js", ["--max-warnings", "0", "."]);
    expect(output).toBe("");
    expect(status).toBe(0);
  });

  it("has no unused files, dependencies or exports (knip, configured in knip.json)", () => {
    const { status, output } = run("knip/bin/knip.js", ["--no-progress"]);
    expect(output).toBe("");
    expect(status).toBe(0);
  });
});
