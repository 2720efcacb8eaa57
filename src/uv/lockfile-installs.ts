import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parseToml } from "../lazy-modules.js";
import { normalizedName, readLockfile, type Edge, type LockedPackage, type Lockfile } from "./lockfile.js";
import { markerMayHold } from "./markers.js";
import { readPyproject } from "./pyproject.js";
import { parsePythonVersion, readPythonVersionFile } from "./python-version.js";
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

/**
 * Whether a wheel installs on CPython `python` (`3.12`): built for it (`cp312-cp312`), for its stable
 * ABI from an earlier release (`cp39-abi3`), or for any Python 3 (`py3-none`)
 * (https://packaging.python.org/en/latest/specifications/binary-distribution-format/#file-name-convention).
 */
function installsOn(url: string, python: string): boolean {
  const parts = /([^/]*)\.whl$/.exec(url)?.[1]?.split("-") ?? [];
  if (parts.length < 5) return false;
  const [pythonTags, abi] = [parts[parts.length - 3]!.split("."), parts[parts.length - 2]!];
  const [major, minor] = python.split(".").map(Number) as [number, number];
  return pythonTags.some((tag) => {
    const match = /^(cp|py)(\d)(\d*)$/.exec(tag);
    if (!match || Number(match[2]) !== major) return false;
    const tagMinor = match[3] === "" ? null : Number(match[3]);
    if (abi === "none") return match[1] === "py" && (tagMinor === null || tagMinor === minor);
    if (abi === "abi3") return tagMinor === null || tagMinor <= minor;
    return match[1] === "cp" && tagMinor === minor && abi === `cp${major}${minor}`;
  });
}

/**
 * The bytes uv downloads for a package on a Linux x86_64 runner: the wheel for CPython `python`
 * where it is known and the lockfile has one, else the largest Linux x86_64 wheel (one per Python
 * where it has several), else the largest wheel, else the source distribution.
 */
function downloadBytes(locked: LockedPackage, python: string | null): number {
  const linux = locked.wheels.filter(({ url }) => /(linux|any)[^/]*\.whl$/.test(url) && !/(aarch64|arm|i686|ppc|s390x|musl)[^/]*\.whl$/.test(url));
  const forPython = python === null ? [] : linux.filter(({ url }) => installsOn(url, python));
  const chosen = forPython.length > 0 ? forPython : linux.length > 0 ? linux : locked.wheels;
  return chosen.length > 0 ? Math.max(...chosen.map(({ size }) => size)) : locked.sdistBytes;
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

/** The locked packages found so far by `name==version`, each with the bytes uv downloads for it on the job's Python. */
type Found = Map<string, number>;

/**
 * Adds the packages the edges lead to on CPython `python` (null when not known), their dependencies
 * and those of the extras asked of them, to `found`: the edges whose markers may hold for it, and of
 * a package locked at several versions (one per range of Pythons), the versions locked for it.
 */
function follow(lockfile: Lockfile, start: Edge[], found: Found, python: string | null): void {
  const pending = [...start];
  const seen = new Set<string>();
  for (let edge = pending.pop(); edge !== undefined; edge = pending.pop()) {
    const seenKey = `${edge.name}==${edge.version ?? ""}[${edge.extras.join(",")}]`;
    if (seen.has(seenKey) || !markerMayHold(edge.marker, python)) continue;
    seen.add(seenKey);
    const versions = (lockfile.byName.get(edge.name) ?? []).filter((locked) => edge.version === null || locked.version === edge.version);
    const forPython = versions.filter((locked) => locked.resolutionMarkers.length === 0 || locked.resolutionMarkers.some((marker) => markerMayHold(marker, python)));
    for (const locked of forPython.length > 0 ? forPython : versions) {
      found.set(`${locked.name}==${locked.version}`, downloadBytes(locked, python));
      pending.push(...locked.dependencies, ...edge.extras.flatMap((extra) => locked.extras.get(normalizedName(extra)) ?? []));
    }
  }
}

/**
 * One version of each package: a job installs one, and where the Python does not tell which of
 * several locked versions, the one that weighs the most.
 */
function oneVersionEach(found: Found): Map<string, number> {
  const byName = new Map<string, [string, number]>();
  for (const [identity, bytes] of found) {
    const name = identity.split("==")[0]!;
    const chosen = byName.get(name);
    if (chosen === undefined || bytes > chosen[1]) byName.set(name, [identity, bytes]);
  }
  return new Map(byName.values());
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
function addRequirements(lockfile: Lockfile | null, words: string[], found: Found, python: string | null): boolean {
  for (const word of words) {
    const requirement = requirementOf(word);
    if (requirement === null) return false;
    if (lockfile === null) continue;
    const locked = lockfile.byName.get(requirement.name) ?? [];
    const version = requirement.version;
    if (locked.length === 0 || (version !== null && !locked.some((entry) => entry.version === version))) continue;
    follow(lockfile, [{ name: requirement.name, version, extras: requirement.extras, marker: null }], found, python);
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
 * The CPython an install runs on, as `major.minor` or `major.minor.patch`: its `--python`, else the
 * job's (`jobPython`: setup-uv's `python-version`, which sets `UV_PYTHON`), else the `.python-version`
 * of the project's directory or the lockfile's. Null when none names a CPython release.
 */
function installPython(flags: string[], jobPython: string, directories: string[]): string | null {
  const requests = [flags.find((flag) => flag.startsWith("--python="))?.slice("--python=".length), jobPython];
  for (const request of requests) {
    // setup-python's `python-version-file: .python-version` names the file uv reads anyway.
    if (request === undefined || request.trim() === "" || request.trim().endsWith(".python-version")) continue;
    return cpythonRelease(request);
  }
  for (const directory of directories) {
    const file = readPythonVersionFile(join(directory, ".python-version"));
    if (file !== null) return file.version === null ? null : cpythonRelease(file.version.text);
  }
  return null;
}

function cpythonRelease(request: string): string | null {
  const version = parsePythonVersion(request);
  return version === null || version.freeThreaded || version.parts.length < 2 ? null : version.parts.join(".");
}

/**
 * What a job's installs (uv-install.ts's signature: one entry a line, directories from the
 * repository root) put in uv's cache, weighed through the `uv.lock` that governs each: the projects
 * `uv sync`/`uv run` install with their extras and groups, and the locked packages `uv pip install`,
 * `uvx`, `--with` or a script's inline metadata name, each at the version locked for the job's
 * Python (`jobPython`, the one setup-uv's key names). `lockfileOf` finds the lockfile for a
 * directory from the repository root (workspace.ts).
 */
export function lockedInstall(signature: string, root: string, lockfileOf: (directory: string) => string | null, jobPython = ""): LockedInstall {
  const found: Found = new Map();
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
      const python = installPython(flags, jobPython, [directory, lockfile.directory]);
      for (const project of projects) {
        const defaults = selection.noDefaultGroups ? [] : defaultGroups(join(lockfile.directory, project.memberPath ?? ""));
        const groups = [...project.groups.keys()].filter(
          (group) => !selection.noGroups.has(group) && (selection.allGroups || selection.groups.has(group) || (!selection.onlyGroups && (defaults === "all" || defaults.includes(group)))),
        );
        const extras = selection.allExtras ? [...project.extras.keys()] : [...selection.extras];
        const start = [...groups.flatMap((group) => project.groups.get(group) ?? [])];
        if (!selection.onlyGroups) start.push({ name: project.name, version: project.version, extras, marker: null });
        follow(lockfile, start, found, python);
      }
      if (!addRequirements(lockfile, selection.with, found, python)) opaque = true;
    } else if (kind === "pip" || kind === "tool") {
      // `pip <directory> install <requirements…>`, `tool <requirement> <flags>`.
      const from = flags.find((flag) => flag.startsWith("--from="))?.slice("--from=".length);
      const tool = (from ?? words[0]!).replace("@", "==");
      const named = kind === "pip" ? (words[1] === "install" ? words.slice(2) : null) : [tool];
      const withNamed = flags.filter((flag) => flag.startsWith("--with=")).map((flag) => flag.slice("--with=".length));
      const requirements = named?.filter((word) => !PLAIN_PIP_FLAGS.has(word)) ?? null;
      const unlocked = flags.some((flag) => UNLOCKED_OPTIONS.test(flag) && !flag.startsWith("--from"));
      if (requirements === null || unlocked || !addRequirements(rootLockfile, [...requirements, ...withNamed], found, installPython(flags, jobPython, [root]))) opaque = true;
    } else if (kind === "script") {
      // `script <path> <flags>`: what its inline metadata (PEP 723) lists.
      const dependencies = scriptDependencies(join(root, words[0]!));
      if (dependencies === null || flags.some((flag) => UNLOCKED_OPTIONS.test(flag)) || !addRequirements(rootLockfile, dependencies, found, installPython(flags, jobPython, [root]))) opaque = true;
    }
    // `uv run --no-project` of a command or a script without inline metadata: what `--with` names.
    else if (kind === "no-project") {
      const withNamed = flags.filter((flag) => flag.startsWith("--with=")).map((flag) => flag.slice("--with=".length));
      if (flags.some((flag) => UNLOCKED_OPTIONS.test(flag)) || !addRequirements(rootLockfile, withNamed, found, installPython(flags, jobPython, [root]))) opaque = true;
    }
    // `build` and `resolve` put a build backend or metadata in the cache: nothing to weigh.
  }
  return { packages: oneVersionEach(found), opaque };
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
