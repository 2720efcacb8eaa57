import { basename } from "node:path";

/** Lines at the top of a file where a generator announces itself. */
const HEADER_LINES = 10;

/**
 * Whether a workflow file is written by a tool, so that an edit by hand is lost the next time it
 * runs: a `*.lock.yml` name, or a comment among the first lines that says the file is generated,
 * `@generated`, `DO NOT EDIT`, `do not modify`, must not be edited, or synced from another repository.
 */
export function isGeneratedWorkflow(text: string, filename: string): boolean {
  if (/\.lock\.ya?ml$/i.test(basename(filename))) return true;
  const header = text.split(/\r?\n/, HEADER_LINES).filter((line) => line.trimStart().startsWith("#"));
  return header.some((line) => /generated|do not (?:edit|modify)|must not be (?:edited|modified)|synced from/i.test(line));
}
