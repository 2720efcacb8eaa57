#!/usr/bin/env node
// Lints a copy of examples/uv-project with the built plugin, then fixes it and shows the diff.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const example = join(projectRoot, "examples", "uv-project");
const eslintBin = join(projectRoot, "node_modules", "eslint", "bin", "eslint.js");

const workDir = mkdtempSync(join(tmpdir(), "uv-ci-demo-"));
const before = join(workDir, "before");
const after = join(workDir, "after");
for (const copy of [before, after]) {
  cpSync(example, copy, { recursive: true });
  // The example's eslint.config.js imports "eslint-plugin-uv-ci": point it at this checkout.
  mkdirSync(join(copy, "node_modules"));
  symlinkSync(projectRoot, join(copy, "node_modules", "eslint-plugin-uv-ci"), "dir");
}

function run(title, args, cwd) {
  console.log(`\n$ ${title}`);
  const result = spawnSync(process.execPath, [eslintBin, ...args], { cwd, stdio: "inherit" });
  console.log(`(exit code ${result.status})`);
  return result.status;
}

console.log(`Linting a copy of examples/uv-project in ${workDir}`);
run("eslint .", ["."], before);
run("eslint --fix .", ["--fix", "."], after);
console.log("\nWhat --fix changed:");
spawnSync("diff", ["-ru", "--exclude=node_modules", "before", "after"], { cwd: workDir, stdio: "inherit" });
console.log("\nA second --fix changes nothing:");
const again = run("eslint --fix .", ["--fix", "."], after);
rmSync(workDir, { recursive: true, force: true });
process.exitCode = again === 0 || again === 1 ? 0 : again;
