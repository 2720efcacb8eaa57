#!/usr/bin/env node
// The `uv-ci-lint` command: see src/cli/main.ts and docs/cli.md.
import { runCli } from "./main.js";

process.exitCode = await runCli(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
