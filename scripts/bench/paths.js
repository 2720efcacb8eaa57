// @ts-check
// Where the bench finds the project, writes its report and restarts itself.
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const PROJECT_ROOT = path.join(HERE, "..", "..");
/** The entry point, which a cold run and the profiled run start again in a child process. */
export const BENCH_ENTRY = path.join(PROJECT_ROOT, "scripts", "bench.js");
/** The page whose `<!-- bench:… -->` sections the bench writes. */
export const PERFORMANCE_DOC = path.join(PROJECT_ROOT, "docs", "performance.md");
export const CPU_HOOK = path.join(HERE, "cpu-hook.js");
export const BARE_CONFIG = path.join(HERE, "bare.config.js");
export const ESLINT_BIN = path.join(PROJECT_ROOT, "node_modules", "eslint", "bin", "eslint.js");
export const CLI_BIN = path.join(PROJECT_ROOT, "dist", "src", "cli", "bin.js");
