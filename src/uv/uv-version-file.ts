import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseToml } from "../lazy-modules.js";
import { requiredVersionSetting, tomlTable } from "./uv-required-version.js";
import { exactRequiredVersion } from "./uv-version.js";

/**
 * What setup-uv's `version-file` input reads
 * (https://github.com/astral-sh/setup-uv#install-a-version-from-a-file), in its order:
 * the `uv` line of .tool-versions; `required-version` in uv.toml or `[tool.uv]` of
 * pyproject.toml; else a `uv==X` requirement in a requirements .txt file or in pyproject's dependencies.
 */
export type VersionFilePin =
  | { kind: "exact"; version: string }
  | { kind: "not-exact"; specifier: string }
  | { kind: "no-version" }
  | { kind: "invalid" }
  | { kind: "unreadable" };

/** Reads the uv version a `version-file` pins. Never throws. */
export function readVersionFilePin(file: string): VersionFilePin {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { kind: "unreadable" };
  }
  const specifier =
    basename(file) === ".tool-versions" ? toolVersionsUv(text) : file.endsWith(".toml") ? tomlUvVersion(file, text) : requirementsUv(text.split(/\r?\n/));
  if (specifier === undefined) return { kind: "invalid" };
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

/** The specifier of a `uv` requirement (`uv==0.6.17`, `uv>=0.5 ; python_version>'3'`), not `uvicorn`. */
function requirementsUv(requirements: string[]): string | null {
  for (const requirement of requirements) {
    const match = /^\s*uv\s*([=<>~!][^\s;\\#]*)/.exec(requirement);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** `undefined` when the TOML does not parse. */
function tomlUvVersion(file: string, text: string): string | null | undefined {
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const isPyproject = basename(file) === "pyproject.toml";
  const value = requiredVersionSetting(document, isPyproject ? "pyproject.toml" : "uv.toml");
  if (typeof value === "string") return value;
  if (!isPyproject) return null;
  const groups = [tomlTable(document.project)?.dependencies, ...Object.values(tomlTable(document["dependency-groups"]) ?? {})];
  return requirementsUv(groups.flatMap((group) => (Array.isArray(group) ? group.filter((item) => typeof item === "string") : [])));
}
