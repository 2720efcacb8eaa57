import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse as parseToml } from "smol-toml";
import { exactRequiredVersion } from "./uv-version.js";

/**
 * What setup-uv's `version-file` input reads
 * (https://github.com/astral-sh/setup-uv#install-a-version-from-a-file):
 * `required-version` in uv.toml, `[tool.uv] required-version` in pyproject.toml,
 * and the `uv` line of .tool-versions.
 */
export type VersionFilePin =
  | { kind: "exact"; version: string }
  | { kind: "not-exact"; specifier: string }
  | { kind: "no-version" }
  | { kind: "unreadable" };

/** Reads the uv version a `version-file` pins. Never throws. */
export function readVersionFilePin(file: string): VersionFilePin {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { kind: "unreadable" };
  }
  const specifier = basename(file) === ".tool-versions" ? toolVersionsUv(text) : tomlRequiredVersion(file, text);
  if (specifier === undefined) return { kind: "unreadable" };
  if (specifier === null) return { kind: "no-version" };
  const version = exactRequiredVersion(specifier);
  return version ? { kind: "exact", version } : { kind: "not-exact", specifier };
}

function toolVersionsUv(text: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const [tool, version] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (tool === "uv" && version) return version;
  }
  return null;
}

/** `undefined` when the TOML does not parse. */
function tomlRequiredVersion(file: string, text: string): string | null | undefined {
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const table = basename(file) === "pyproject.toml" ? getTable(getTable(document, "tool"), "uv") : document;
  const value = table?.["required-version"];
  return typeof value === "string" ? value : null;
}

function getTable(table: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const value = table?.[key];
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
