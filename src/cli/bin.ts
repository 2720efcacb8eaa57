#!/usr/bin/env node
// The `uv-ci-lint` command: see src/cli/main.ts and docs/cli.md.
import module from "node:module";

// V8's code cache, as `eslint`'s own bin turns it on (Node >= 22.1; older ones lack the function):
// it is enabled before the rest is imported, so that ESLint, the plugin and their packages use it.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runCli } = await import("./main.js");

process.exitCode = await runCli(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
