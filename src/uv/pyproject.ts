import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseToml } from "../lazy-modules.js";
import { changeStamp, FileCache } from "../repository/file-cache.js";

const documents = new FileCache<string, Record<string, unknown> | null>();

/**
 * The `pyproject.toml` of `directory`, parsed; null when it is missing or is not valid TOML. Read
 * once until the file changes: every linted file may ask of the same project.
 */
export function readPyproject(directory: string): Record<string, unknown> | null {
  const file = join(directory, "pyproject.toml");
  const stamp = changeStamp(file);
  if (stamp === null) return null;
  return documents.get(file, stamp, () => {
    try {
      return parseToml(readFileSync(file, "utf8"));
    } catch {
      return null;
    }
  });
}
