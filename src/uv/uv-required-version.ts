import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseToml } from "../lazy-modules.js";
import { changeStamp, FileCache } from "../repository/file-cache.js";

/**
 * uv's own `required-version` setting (https://docs.astral.sh/uv/reference/settings/#required-version):
 * the PEP 440 specifier that every uv run in the project checks its own version against, and
 * exits with an error when it does not match.
 */
export type RequiredUvVersion =
  | { kind: "specifier"; specifier: string; file: "uv.toml" | "pyproject.toml" }
  /** Neither file sets it (or uv.toml exists without it, so pyproject's `[tool.uv]` is ignored). */
  | { kind: "none" }
  /** The file that decides does not parse as TOML, or the setting is not a string. */
  | { kind: "invalid"; file: "uv.toml" | "pyproject.toml" };

const cache = new FileCache<string, RequiredUvVersion>();

/** Modification time and size of the two files, so that an edited file is read again. */
function stampOf(directory: string): string {
  return ["uv.toml", "pyproject.toml"]
    .map((name) => changeStamp(join(directory, name)) ?? "-")
    .join("|");
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** A TOML value as a table, or undefined when it is not one. */
export function tomlTable(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Where uv keeps `required-version` in a parsed file: at the top of uv.toml, in `[tool.uv]` of pyproject.toml. */
export function requiredVersionSetting(document: Record<string, unknown>, file: "uv.toml" | "pyproject.toml"): unknown {
  const settings = file === "uv.toml" ? document : tomlTable(tomlTable(document.tool)?.uv);
  return settings?.["required-version"];
}

/**
 * Reads `required-version` for the project in `directory`, as uv does: from `uv.toml` when that
 * file exists (uv then ignores `[tool.uv]` in the `pyproject.toml` beside it), else from
 * `[tool.uv]` of `pyproject.toml`
 * (https://docs.astral.sh/uv/concepts/configuration-files/). Never throws; results are cached per
 * directory until either file changes.
 */
export function readRequiredUvVersion(directory: string): RequiredUvVersion {
  return cache.get(directory, stampOf(directory), () => readUncached(directory));
}

function readUncached(directory: string): RequiredUvVersion {
  const uvToml = readText(join(directory, "uv.toml"));
  const file = uvToml !== null ? "uv.toml" : "pyproject.toml";
  const text = uvToml ?? readText(join(directory, "pyproject.toml"));
  if (text === null) return { kind: "none" };
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch {
    return { kind: "invalid", file };
  }
  const value = requiredVersionSetting(document, file);
  if (value === undefined) return { kind: "none" };
  return typeof value === "string" ? { kind: "specifier", specifier: value, file } : { kind: "invalid", file };
}
