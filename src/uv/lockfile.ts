import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseToml } from "../lazy-modules.js";
import { changeStamp, FileCache } from "../repository/file-cache.js";
import { tomlTable } from "./uv-required-version.js";

/**
 * A `uv.lock` as the rules that weigh installs read it: its packages by name (every locked version),
 * with their dependencies, extras and groups, wheels and source distribution. Parsed once per file
 * until it changes, for every rule that asks.
 */

/** A dependency edge in the lockfile: a package, at a version where several are locked, with extras, where its marker holds. */
export interface Edge {
  name: string;
  version: string | null;
  extras: string[];
  marker: string | null;
}

export interface LockedPackage {
  name: string;
  version: string;
  /** The project's path from the lockfile's directory when it is a workspace member (an editable or virtual source). */
  memberPath: string | null;
  dependencies: Edge[];
  extras: Map<string, Edge[]>;
  groups: Map<string, Edge[]>;
  /** The Pythons and platforms this version is locked for, where several versions are. */
  resolutionMarkers: string[];
  wheels: Wheel[];
  sdistBytes: number;
}

interface Wheel {
  url: string;
  size: number;
}

export interface Lockfile {
  directory: string;
  byName: Map<string, LockedPackage[]>;
}

const lockfiles = new FileCache<string, Lockfile | null>();

/** The lockfile at `path`, read once until it changes; null when it is missing or not valid TOML. */
export function readLockfile(path: string): Lockfile | null {
  const stamp = changeStamp(path);
  if (stamp === null) return null;
  return lockfiles.get(path, stamp, () => {
    try {
      const document = parseToml(readFileSync(path, "utf8"));
      const byName = new Map<string, LockedPackage[]>();
      for (const entry of Array.isArray(document["package"]) ? document["package"] : []) {
        const locked = lockedPackage(entry);
        if (locked) byName.set(locked.name, [...(byName.get(locked.name) ?? []), locked]);
      }
      return { directory: dirname(path), byName };
    } catch {
      return null;
    }
  });
}

/** A package, extra or group name as uv compares them (PEP 503). */
export function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

function edges(list: unknown): Edge[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const table = tomlTable(entry);
    const name = table?.["name"];
    if (typeof name !== "string") return [];
    const extras = Array.isArray(table!["extra"]) ? table!["extra"].filter((extra): extra is string => typeof extra === "string") : [];
    const marker = typeof table!["marker"] === "string" ? table!["marker"] : null;
    return [{ name: normalizedName(name), version: typeof table!["version"] === "string" ? table!["version"] : null, extras, marker }];
  });
}

function edgeTable(value: unknown): Map<string, Edge[]> {
  return new Map(Object.entries(tomlTable(value) ?? {}).map(([name, list]) => [normalizedName(name), edges(list)]));
}

function lockedPackage(value: unknown): LockedPackage | null {
  const table = tomlTable(value);
  const name = table?.["name"];
  if (table === undefined || typeof name !== "string") return null;
  const source = tomlTable(table["source"]) ?? {};
  const member = source["editable"] ?? source["virtual"];
  const wheels = (Array.isArray(table["wheels"]) ? table["wheels"] : []).flatMap((wheel) => {
    const entry = tomlTable(wheel);
    return typeof entry?.["url"] === "string" && typeof entry["size"] === "number" ? [{ url: entry["url"], size: entry["size"] }] : [];
  });
  const sdistBytes = tomlTable(table["sdist"])?.["size"];
  const resolutionMarkers = Array.isArray(table["resolution-markers"]) ? table["resolution-markers"].filter((marker): marker is string => typeof marker === "string") : [];
  return {
    name: normalizedName(name),
    version: typeof table["version"] === "string" ? table["version"] : "",
    memberPath: typeof member === "string" ? member.replace(/^\.\/?/, "").replace(/\/$/, "") : null,
    dependencies: edges(table["dependencies"]),
    extras: edgeTable(table["optional-dependencies"]),
    groups: edgeTable(table["dev-dependencies"]),
    resolutionMarkers,
    wheels,
    sdistBytes: typeof sdistBytes === "number" ? sdistBytes : 0,
  };
}

