import { readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { parseToml } from "../lazy-modules.js";
import { changeStamp, FileCache } from "../repository/file-cache.js";
import { readPyproject } from "./pyproject.js";
import { tomlTable } from "./uv-required-version.js";

/**
 * What a job downloads into uv's cache, as far as a `uv.lock` tells: the locked packages an install
 * puts there (`name==version`), each with the bytes of its wheel, and whether the job also installs
 * things whose contents the files do not show (a requirements file, a script's inline metadata, a
 * project without a lockfile). Two jobs' sets give what one job needs that the other's cache lacks.
 */
export interface LockedInstall {
  /** Locked packages by `name==version`, each with the bytes uv downloads for it. */
  packages: Map<string, number>;
  /** Whether the job installs more than the files show: what its cache holds is then not known. */
  opaque: boolean;
}

/** A dependency edge in the lockfile: a package, at a version where several are locked, with extras. */
interface Edge {
  name: string;
  version: string | null;
  extras: string[];
}

interface LockedPackage {
  name: string;
  version: string;
  /** The project's path from the lockfile's directory when it is a workspace member (an editable or virtual source). */
  memberPath: string | null;
  dependencies: Edge[];
  extras: Map<string, Edge[]>;
  groups: Map<string, Edge[]>;
  bytes: number;
}

interface Lockfile {
  directory: string;
  byName: Map<string, LockedPackage[]>;
}

const lockfiles = new FileCache<string, Lockfile | null>();

function readLockfile(path: string): Lockfile | null {
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

function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

function edges(list: unknown): Edge[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const table = tomlTable(entry);
    const name = table?.["name"];
    if (typeof name !== "string") return [];
    const extras = Array.isArray(table!["extra"]) ? table!["extra"].filter((extra): extra is string => typeof extra === "string") : [];
    return [{ name: normalizedName(name), version: typeof table!["version"] === "string" ? table!["version"] : null, extras }];
  });
}

function edgeTable(value: unknown): Map<string, Edge[]> {
  return new Map(Object.entries(tomlTable(value) ?? {}).map(([name, list]) => [normalizedName(name), edges(list)]));
}

/**
 * The bytes uv downloads for a package: its Linux x86_64 wheel where it has one (the largest, when
 * it has one per Python), else its largest wheel, else its source distribution.
 */
function downloadBytes(table: Record<string, unknown>): number {
  const wheels = (Array.isArray(table["wheels"]) ? table["wheels"] : []).flatMap((wheel) => {
    const entry = tomlTable(wheel);
    return typeof entry?.["url"] === "string" && typeof entry["size"] === "number" ? [{ url: entry["url"], size: entry["size"] }] : [];
  });
  const linux = wheels.filter(({ url }) => /(linux|any)[^/]*\.whl$/.test(url) && !/(aarch64|arm|i686|ppc|s390x|musl)[^/]*\.whl$/.test(url));
  const chosen = linux.length > 0 ? linux : wheels;
  if (chosen.length > 0) return Math.max(...chosen.map(({ size }) => size));
  const sdist = tomlTable(table["sdist"])?.["size"];
  return typeof sdist === "number" ? sdist : 0;
}

function lockedPackage(value: unknown): LockedPackage | null {
  const table = tomlTable(value);
  const name = table?.["name"];
  if (table === undefined || typeof name !== "string") return null;
  const source = tomlTable(table["source"]) ?? {};
  const member = source["editable"] ?? source["virtual"];
  return {
    name: normalizedName(name),
    version: typeof table["version"] === "string" ? table["version"] : "",
    memberPath: typeof member === "string" ? member.replace(/^\.\/?/, "").replace(/\/$/, "") : null,
    dependencies: edges(table["dependencies"]),
    extras: edgeTable(table["optional-dependencies"]),
    groups: edgeTable(table["dev-dependencies"]),
    bytes: downloadBytes(table),
  };
}

/** The packages `uv sync` takes as the project in `directory`: that workspace member, or every member for a virtual root. */
function projectsAt(lockfile: Lockfile, directory: string): LockedPackage[] {
  const path = relative(lockfile.directory, directory).split(sep).join("/");
  const members = [...lockfile.byName.values()].flat().filter((locked) => locked.memberPath !== null);
  const own = members.filter((locked) => locked.memberPath === path);
  return own.length > 0 ? own : path === "" ? members : [];
}

/** The groups `uv sync` installs by default: `[tool.uv] default-groups` of the project, else `dev`; "all" for every group. */
function defaultGroups(projectDirectory: string): string[] | "all" {
  const setting = tomlTable(tomlTable(readPyproject(projectDirectory)?.["tool"])?.["uv"])?.["default-groups"];
  if (setting === "all") return "all";
  return Array.isArray(setting) ? setting.filter((group): group is string => typeof group === "string").map(normalizedName) : ["dev"];
}

/** The options of a `uv sync`/`uv run` install, as uv-install.ts writes them (`--group=docs`, `--all-extras`). */
interface Selection {
  extras: Set<string>;
  allExtras: boolean;
  groups: Set<string>;
  onlyGroups: boolean;
  noGroups: Set<string>;
  allGroups: boolean;
  noDefaultGroups: boolean;
  packages: string[];
  allPackages: boolean;
  /** Requirements `--with` adds, named outside the lockfile. */
  with: string[];
}

/** Options that make the install something the lockfile does not describe. */
const UNLOCKED_OPTIONS = /^--(with-requirements|with-editable|resolution|prerelease|exclude-newer|from)\b/;

function readSelection(flags: string[]): Selection | null {
  const selection: Selection = { extras: new Set(), allExtras: false, groups: new Set(), onlyGroups: false, noGroups: new Set(), allGroups: false, noDefaultGroups: false, packages: [], allPackages: false, with: [] };
  for (const flag of flags) {
    if (UNLOCKED_OPTIONS.test(flag)) return null;
    const [name, value = ""] = flag.split(/=(.*)/s) as [string, string?];
    const values = value.split(",").map((part) => normalizedName(part.trim())).filter(Boolean);
    if (name === "--extra") values.forEach((extra) => selection.extras.add(extra));
    else if (name === "--all-extras") selection.allExtras = true;
    else if (name === "--group") values.forEach((group) => selection.groups.add(group));
    else if (name === "--only-group") {
      selection.onlyGroups = true;
      values.forEach((group) => selection.groups.add(group));
    } else if (name === "--only-dev") {
      selection.onlyGroups = true;
      selection.groups.add("dev");
    } else if (name === "--no-group") values.forEach((group) => selection.noGroups.add(group));
    else if (name === "--no-dev") selection.noGroups.add("dev");
    else if (name === "--all-groups") selection.allGroups = true;
    else if (name === "--no-default-groups") selection.noDefaultGroups = true;
    else if (name === "--package") selection.packages.push(...values);
    else if (name === "--all-packages") selection.allPackages = true;
    else if (name === "--with") selection.with.push(...value.split(",").map((part) => part.trim()).filter(Boolean));
  }
  return selection;
}

/** Adds `edge`'s package, its dependencies and those of the extras asked of it, to `found`. */
function follow(lockfile: Lockfile, start: Edge[], found: Map<string, LockedPackage>): void {
  const pending = [...start];
  const seen = new Set<string>();
  for (let edge = pending.pop(); edge !== undefined; edge = pending.pop()) {
    const seenKey = `${edge.name}==${edge.version ?? ""}[${edge.extras.join(",")}]`;
    if (seen.has(seenKey)) continue;
    seen.add(seenKey);
    for (const locked of lockfile.byName.get(edge.name) ?? []) {
      if (edge.version !== null && locked.version !== edge.version) continue;
      found.set(`${locked.name}==${locked.version}`, locked);
      pending.push(...locked.dependencies, ...edge.extras.flatMap((extra) => locked.extras.get(normalizedName(extra)) ?? []));
    }
  }
}

/** A requirement as a pip command or `--with` names it (`graphql-core==3.3.0rc0`, `ruff@0.15.0`); null for a path, a URL or an option. */
function requirementOf(word: string): { name: string; version: string | null; extras: string[] } | null {
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]*)\])?\s*(?:(==|@)\s*([A-Za-z0-9._+!-]+)|[<>=!~,.*A-Za-z0-9\s]*)?$/.exec(word.replace(/^["']|["']$/g, ""));
  if (!match || word.includes("/")) return null;
  const extras = (match[2] ?? "").split(",").map((extra) => extra.trim()).filter(Boolean);
  return { name: normalizedName(match[1]!), version: match[4] ?? null, extras };
}

/**
 * Adds what the named requirements install: a locked package at its locked version with the
 * dependencies the lockfile gives it. One pinned to another version is outside the lockfile:
 * its weight is not known, so it adds nothing. False for a word that is not a plain requirement.
 */
function addRequirements(lockfile: Lockfile | null, words: string[], found: Map<string, LockedPackage>): boolean {
  for (const word of words) {
    const requirement = requirementOf(word);
    if (requirement === null) return false;
    if (lockfile === null) continue;
    const locked = lockfile.byName.get(requirement.name) ?? [];
    const version = requirement.version;
    if (locked.length === 0 || (version !== null && !locked.some((entry) => entry.version === version))) continue;
    follow(lockfile, [{ name: requirement.name, version, extras: requirement.extras }], found);
  }
  return true;
}

/** The `dependencies` of a script's inline metadata (PEP 723); null when it has none that can be read. */
function scriptDependencies(path: string): string[] | null {
  try {
    const block = /^# \/\/\/ script\s*$([\s\S]*?)^# \/\/\/\s*$/m.exec(readFileSync(path, "utf8"))?.[1];
    if (block === undefined) return null;
    const metadata = parseToml(block.split("\n").map((line) => line.replace(/^# ?/, "")).join("\n"));
    const dependencies = metadata["dependencies"] ?? [];
    return Array.isArray(dependencies) && dependencies.every((entry) => typeof entry === "string") ? dependencies : null;
  } catch {
    return null;
  }
}

/** pip flags that leave what is installed as named. */
const PLAIN_PIP_FLAGS = new Set(["-U", "--upgrade", "--pre", "--no-cache", "--reinstall", "--refresh", "--compile-bytecode"]);

/**
 * What a job's installs (uv-install.ts's signature: one entry a line, directories from the
 * repository root) put in uv's cache, weighed through the `uv.lock` that governs each: the projects
 * `uv sync`/`uv run` install with their extras and groups, and the locked packages `uv pip install`,
 * `uvx`, `--with` or a script's inline metadata name. `lockfileOf` finds the
 * lockfile for a directory from the repository root (workspace.ts).
 */
export function lockedInstall(signature: string, root: string, lockfileOf: (directory: string) => string | null): LockedInstall {
  const found = new Map<string, LockedPackage>();
  let opaque = false;
  const rootLockfilePath = lockfileOf(root);
  const rootLockfile = rootLockfilePath === null ? null : readLockfile(rootLockfilePath);
  for (const entry of signature.split("\n")) {
    const [kind, ...words] = entry.split(" ");
    const flags = words.filter((word) => word.startsWith("--"));
    if (kind === "project") {
      const directory = join(root, words[0]!);
      const path = lockfileOf(directory);
      const lockfile = path === null ? null : readLockfile(path);
      const selection = readSelection(flags);
      if (lockfile === null || selection === null) {
        opaque = true;
        continue;
      }
      const projects = selection.allPackages
        ? [...lockfile.byName.values()].flat().filter((locked) => locked.memberPath !== null)
        : selection.packages.length > 0
          ? selection.packages.flatMap((name) => lockfile.byName.get(name) ?? [])
          : projectsAt(lockfile, directory);
      if (projects.length === 0) {
        opaque = true;
        continue;
      }
      for (const project of projects) {
        const defaults = selection.noDefaultGroups ? [] : defaultGroups(join(lockfile.directory, project.memberPath ?? ""));
        const groups = [...project.groups.keys()].filter(
          (group) => !selection.noGroups.has(group) && (selection.allGroups || selection.groups.has(group) || (!selection.onlyGroups && (defaults === "all" || defaults.includes(group)))),
        );
        const extras = selection.allExtras ? [...project.extras.keys()] : [...selection.extras];
        const start = [...groups.flatMap((group) => project.groups.get(group) ?? [])];
        if (!selection.onlyGroups) start.push({ name: project.name, version: project.version, extras });
        follow(lockfile, start, found);
      }
      if (!addRequirements(lockfile, selection.with, found)) opaque = true;
    } else if (kind === "pip" || kind === "tool") {
      // `pip <directory> install <requirements…>`, `tool <requirement> <flags>`.
      const from = flags.find((flag) => flag.startsWith("--from="))?.slice("--from=".length);
      const tool = (from ?? words[0]!).replace("@", "==");
      const named = kind === "pip" ? (words[1] === "install" ? words.slice(2) : null) : [tool];
      const withNamed = flags.filter((flag) => flag.startsWith("--with=")).map((flag) => flag.slice("--with=".length));
      const requirements = named?.filter((word) => !PLAIN_PIP_FLAGS.has(word)) ?? null;
      const unlocked = flags.some((flag) => UNLOCKED_OPTIONS.test(flag) && !flag.startsWith("--from"));
      if (requirements === null || unlocked || !addRequirements(rootLockfile, [...requirements, ...withNamed], found)) opaque = true;
    } else if (kind === "script") {
      // `script <path> <flags>`: what its inline metadata (PEP 723) lists.
      const dependencies = scriptDependencies(join(root, words[0]!));
      if (dependencies === null || flags.some((flag) => UNLOCKED_OPTIONS.test(flag)) || !addRequirements(rootLockfile, dependencies, found)) opaque = true;
    }
    // `uv run --no-project` of a command or a script without inline metadata: what `--with` names.
    else if (kind === "no-project") {
      const withNamed = flags.filter((flag) => flag.startsWith("--with=")).map((flag) => flag.slice("--with=".length));
      if (flags.some((flag) => UNLOCKED_OPTIONS.test(flag)) || !addRequirements(rootLockfile, withNamed, found)) opaque = true;
    }
    // `build` and `resolve` put a build backend or metadata in the cache: nothing to weigh.
  }
  return { packages: new Map([...found].map(([identity, locked]) => [identity, locked.bytes])), opaque };
}

/**
 * What a job that installs `reader` lacks when it restores a cache saved by a job that installed
 * `saver`: the bytes of the locked packages only `reader` installs, and the largest of them. Zero
 * when the saver's cache may hold anything (it installs what the files do not show).
 */
export function missingFromCache(reader: LockedInstall | null, saver: LockedInstall | null): { bytes: number; largest: string | null } {
  if (reader === null || saver === null || saver.opaque) return { bytes: 0, largest: null };
  return wheelsOutside(reader, saver.packages);
}

/** The bytes of `reader`'s packages that `held` does not hold, and the largest of them. */
export function wheelsOutside(reader: LockedInstall, held: Map<string, number>): { bytes: number; largest: string | null } {
  let bytes = 0;
  let largest: [string, number] | null = null;
  for (const [identity, size] of reader.packages) {
    if (held.has(identity)) continue;
    bytes += size;
    if (largest === null || size > largest[1]) largest = [identity, size];
  }
  return { bytes, largest: largest === null ? null : largest[0].split("==")[0]! };
}
