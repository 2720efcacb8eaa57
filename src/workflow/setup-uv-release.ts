import type { AST } from "yaml-eslint-parser";
import type { Step } from "./model.js";
import { SETUP_UV_RELEASES } from "./setup-uv-releases.generated.js";

/**
 * astral-sh/setup-uv's tags, from the table that scripts/setup-uv-releases.js generates
 * (setup-uv-releases.generated.ts), and which of them a step runs: its ref when that is a tag or
 * a commit of one, else the version comment that Dependabot, Renovate and pinning tools write
 * after a SHA (`uses: astral-sh/setup-uv@<sha> # v8.1.0`).
 */

/** One tag of setup-uv, as the generator reads it at the tag's commit. */
export interface SetupUvReleaseRow {
  /** `v8.1.0`, or a floating `v7` / `v7.1`, which setup-uv moved along until v8. */
  tag: string;
  sha: string;
  /** The cache key `computeKeys` builds, every part named: `setup-uv-2-{arch}-{platform}-{os}-{python}{pruned}…`. */
  keyFormat: string;
  /** `prune-cache`'s default in action.yml; null before the input existed (v3.2.0). */
  pruneCacheDefault: boolean | null;
  /** `enable-cache`'s default in action.yml: `false` before v5, `auto` since. */
  enableCacheDefault: string;
  /** The newest uv version in the release's built-in checksum list (KNOWN_CHECKSUMS). */
  newestKnownUv: string;
  /** Whether it installs a uv missing from that list without verifying it (every release up to v10.0.1; setup-uv#1033 changes that). */
  skipsUnlistedUv: boolean;
}

export interface SetupUvReleaseTable {
  /** The clone of setup-uv the table was made from: its default branch's commit and date. */
  source: { repository: string; commit: string; date: string };
  /** Every `vN`, `vN.N` and `vN.N.N` tag, oldest first, a floating tag after the releases of its line. */
  tags: readonly SetupUvReleaseRow[];
}

export interface ReleaseTag {
  major: number;
  minor: number | null;
  patch: number | null;
}

/** `v8`, `v8.1`, `v8.1.0` (and without the `v`); null for anything else, such as a SHA or a branch. */
export function parseReleaseTag(text: string): ReleaseTag | null {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: match[2] === undefined ? null : Number(match[2]), patch: match[3] === undefined ? null : Number(match[3]) };
}

export function formatTag(tag: ReleaseTag): string {
  return `v${[tag.major, tag.minor, tag.patch].filter((part) => part !== null).join(".")}`;
}

/** The first `vN[.N[.N]]` word in a comment (` v8.1.0`, ` setup-uv v9.0.0; uv 0.11.14`, ` pin@v7`). */
export function releaseTagInComment(comment: string): ReleaseTag | null {
  const match = /(?:^|[\s@])(v\d+(?:\.\d+){0,2})(?![\w.])/.exec(comment);
  return match ? parseReleaseTag(match[1]!) : null;
}

/** The comment that follows `node` on the line where it ends, if any. */
export function trailingComment(program: AST.YAMLProgram, node: AST.YAMLNode): AST.Comment | null {
  return program.comments.find((comment) => comment.loc.start.line === node.loc.end.line && comment.range[0] >= node.range[1]) ?? null;
}

export function isCommitSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/i.test(ref);
}

const byTag = new Map(SETUP_UV_RELEASES.tags.map((row) => [row.tag, row]));
/** A commit's row: its full release tag's, which a floating tag at the same commit repeats. */
const bySha = new Map<string, SetupUvReleaseRow>();
for (const row of SETUP_UV_RELEASES.tags) if (parseReleaseTag(row.tag)?.patch !== null || !bySha.has(row.sha)) bySha.set(row.sha, row);
const releases = SETUP_UV_RELEASES.tags.filter((row) => parseReleaseTag(row.tag)?.patch !== null);

function compareTags(a: ReleaseTag, b: ReleaseTag): number {
  return a.major - b.major || (a.minor ?? 0) - (b.minor ?? 0) || (a.patch ?? 0) - (b.patch ?? 0);
}

/** The newest release in the table. */
export const NEWEST_RELEASE = releases.reduce((newest, row) => (compareTags(parseReleaseTag(row.tag)!, parseReleaseTag(newest.tag)!) > 0 ? row : newest));

/** The row of a tag (`v7`, `v8.1.0`) or of a commit SHA that a tag points at; null for anything else. */
export function findRelease(ref: string): SetupUvReleaseRow | null {
  return byTag.get(ref) ?? (isCommitSha(ref) ? (bySha.get(ref.toLowerCase()) ?? null) : null);
}

/** The releases (`vN.N.N` tags) of a line: `v8` → every v8 release, `v8.1` → every v8.1 one, oldest first. */
export function releasesOfLine(line: ReleaseTag): SetupUvReleaseRow[] {
  return releases.filter((row) => {
    const tag = parseReleaseTag(row.tag)!;
    return tag.major === line.major && (line.minor === null || tag.minor === line.minor) && (line.patch === null || tag.patch === line.patch);
  });
}

/**
 * Whether a release named so may have been published after the table was made: a version above the
 * newest release in it (`v10.1` counts as v10.1.0). Below it, a tag missing from the table does not exist.
 */
export function newerThanTable(tag: ReleaseTag): boolean {
  return compareTags({ major: tag.major, minor: tag.minor ?? 0, patch: tag.patch ?? 0 }, parseReleaseTag(NEWEST_RELEASE.tag)!) > 0;
}

/** The first major from which setup-uv publishes no floating `vN` tag (v8: its releases are immutable since v8.0.0). */
export const FIRST_MAJOR_WITHOUT_FLOATING_TAGS = Math.max(...SETUP_UV_RELEASES.tags.filter((row) => /^v\d+$/.test(row.tag)).map((row) => parseReleaseTag(row.tag)!.major)) + 1;

/**
 * The releases a setup-uv step may run: its ref's row; for a SHA outside the table or a branch, the
 * releases its version comment names (`# v8.1.0`, or `# v8`: every v8 release). Empty when neither
 * says, or when the ref is a tag the table does not have.
 */
export function stepReleases(step: Step, program: AST.YAMLProgram): SetupUvReleaseRow[] {
  if (step.uses?.kind !== "action") return [];
  const fromRef = findRelease(step.uses.ref);
  if (fromRef) return [fromRef];
  if (parseReleaseTag(step.uses.ref)) return [];
  const comment = step.usesPair?.value ? trailingComment(program, step.usesPair.value) : null;
  const fromComment = comment ? releaseTagInComment(comment.value) : null;
  return fromComment ? releasesOfLine(fromComment) : [];
}

/** The major of a row's tag. */
export function majorOf(row: SetupUvReleaseRow): number {
  return parseReleaseTag(row.tag)!.major;
}

/** A uv version `X.Y.Z` as a comparable number triple. */
function uvParts(version: string): number[] {
  return version.split(".").map(Number);
}

/** Whether uv `version` is newer than the newest uv in `row`'s checksum list. */
export function newerThanChecksums(version: string, row: SetupUvReleaseRow): boolean {
  const [a, b] = [uvParts(version), uvParts(row.newestKnownUv)];
  for (let index = 0; index < 3; index++) if (a[index] !== b[index]) return a[index]! > b[index]!;
  return false;
}

/** The oldest release whose checksum list includes uv `version` (it knows every uv up to its newest); null when none does yet. */
export function firstReleaseKnowing(version: string): SetupUvReleaseRow | null {
  return releases.find((row) => !newerThanChecksums(version, row)) ?? null;
}
