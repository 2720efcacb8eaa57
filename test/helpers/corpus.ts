import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { PROJECT_ROOT } from "./cli.js";

/** The shared corpus of real CI files: UV_CI_CORPUS, else ../shared/corpus beside the project. */
export const CORPUS_DIR = resolve(process.env.UV_CI_CORPUS ?? resolve(PROJECT_ROOT, "..", "shared", "corpus"));
export const HAS_CORPUS = existsSync(CORPUS_DIR);

if (!HAS_CORPUS) {
  console.warn(`Corpus checks skipped: no corpus at ${CORPUS_DIR} (set UV_CI_CORPUS to its path).`);
}
