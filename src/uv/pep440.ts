/**
 * PEP 440 versions and version specifiers, as far as uv's `required-version` needs them
 * (https://packaging.python.org/en/latest/specifications/version-specifiers/).
 *
 * Matching follows `packaging.specifiers` and uv's own `pep440_rs`: a specifier set contains a
 * version when every clause does, with no pre-release filtering, which is how uv checks its own
 * version against `required-version`. `===` compares strings; every other operator compares
 * normalised versions (`1.0` equals `1.0.0`, `RC1` equals `rc1`).
 *
 * Hand-written because @renovatebot/pep440 (the npm library) filters pre-releases as packaging's
 * default does, where uv does not (`0.6.0rc1 < 0.6.0rc2`, `0.5.0rc1 == 0.5.*`), reads a bare `0.5.0`
 * as no match, throws on a non-PEP 440 version (`latest`), and its Node 20 line (v4) declares no
 * Node above 24: 4 of our 35 cases disagree.
 */

export interface Pep440Version {
  epoch: number;
  release: number[];
  pre: { kind: "a" | "b" | "rc"; number: number } | null;
  post: number | null;
  dev: number | null;
  /** Local label segments (`+ubuntu.1` → `["ubuntu", "1"]`), lowercased. */
  local: string[] | null;
}

const VERSION =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

const PRE_KINDS: Record<string, "a" | "b" | "rc"> = { alpha: "a", a: "a", beta: "b", b: "b", preview: "rc", pre: "rc", c: "rc", rc: "rc" };

/** Parses a version in any spelling PEP 440 normalises (`v1.0`, `1.0-RC.1`, `1.0.post-2`); null when it is not one. */
export function parseVersion(text: string): Pep440Version | null {
  const match = VERSION.exec(text.trim());
  if (!match) return null;
  const [, epoch, release, preLabel, preNumber, postImplicit, postLabel, postNumber, devLabel, devNumber, local] = match;
  return {
    epoch: epoch ? Number(epoch) : 0,
    release: release!.split(".").map(Number),
    pre: preLabel ? { kind: PRE_KINDS[preLabel.toLowerCase()]!, number: Number(preNumber ?? 0) } : null,
    post: postImplicit !== undefined ? Number(postImplicit) : postLabel ? Number(postNumber ?? 0) : null,
    dev: devLabel ? Number(devNumber ?? 0) : null,
    local: local ? local.toLowerCase().split(/[-_.]/) : null,
  };
}

/** The release segment without trailing zeros: `1.0.0` and `1` compare equal. */
function trimmedRelease(release: number[]): number[] {
  let end = release.length;
  while (end > 1 && release[end - 1] === 0) end--;
  return release.slice(0, end);
}

function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareLists<T>(a: T[], b: T[], compare: (x: T, y: T) => number): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    if (index >= a.length) return -1;
    if (index >= b.length) return 1;
    const result = compare(a[index]!, b[index]!);
    if (result !== 0) return result;
  }
  return 0;
}

/** Where the pre-release part sorts: a `.devN` of a final release comes before its pre-releases. */
function preRank(version: Pep440Version): [number, number] {
  if (!version.pre && version.post === null && version.dev !== null) return [-1, 0];
  if (!version.pre) return [3, 0];
  return [["a", "b", "rc"].indexOf(version.pre.kind), version.pre.number];
}

/** Local segments: numbers sort after strings, and compare as numbers. */
function compareLocalSegments(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return compareNumbers(Number(a), Number(b));
  if (aNumeric !== bNumeric) return aNumeric ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders two versions as PEP 440 does: negative when `a` comes first, 0 when they are equal. */
export function compareVersions(a: Pep440Version, b: Pep440Version): number {
  return (
    compareNumbers(a.epoch, b.epoch) ||
    compareLists(trimmedRelease(a.release), trimmedRelease(b.release), compareNumbers) ||
    compareLists(preRank(a), preRank(b), compareNumbers) ||
    compareNumbers(a.post ?? -1, b.post ?? -1) ||
    compareNumbers(a.dev ?? Infinity, b.dev ?? Infinity) ||
    (a.local === null || b.local === null
      ? compareNumbers(a.local ? 1 : 0, b.local ? 1 : 0)
      : compareLists(a.local, b.local, compareLocalSegments))
  );
}

function withoutLocal(version: Pep440Version): Pep440Version {
  return { ...version, local: null };
}

/** The final release a version belongs to (`1.0rc1.post2.dev3+x` → `1.0`). */
function baseVersion(version: Pep440Version): Pep440Version {
  return { epoch: version.epoch, release: version.release, pre: null, post: null, dev: null, local: null };
}

type SpecifierOperator = "~=" | "==" | "!=" | "<=" | ">=" | "<" | ">" | "===";

/** One clause of a specifier set, such as `>=0.5` or `==0.5.*`. */
export interface Specifier {
  operator: SpecifierOperator;
  /** Whether the clause ends in `.*` (only with `==` and `!=`). */
  prefix: boolean;
  /** The version as written (for `===`), and parsed (null only for `===`). */
  text: string;
  version: Pep440Version | null;
}

const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/;

/**
 * Parses a comma-separated specifier set (`>=0.5, <0.6`). A bare version counts as `==`, as uv
 * reads `required-version = "0.5.0"`. Null when any clause is not valid PEP 440.
 */
export function parseSpecifiers(text: string): Specifier[] | null {
  const clauses = text.split(",").map((clause) => clause.trim());
  if (clauses.length === 0 || clauses.some((clause) => clause === "")) return null;
  const specifiers: Specifier[] = [];
  for (const clause of clauses) {
    const match = CLAUSE.exec(clause) ?? (parseVersion(clause) ? [clause, "==", clause] : null);
    if (!match) return null;
    const operator = match[1] as SpecifierOperator;
    const written = match[2]!;
    if (operator === "===") {
      specifiers.push({ operator, prefix: false, text: written, version: null });
      continue;
    }
    const prefix = written.endsWith(".*");
    if (prefix && operator !== "==" && operator !== "!=") return null;
    const version = parseVersion(prefix ? written.slice(0, -2) : written);
    if (!version) return null;
    // `.*` only follows a release segment; `~=` needs at least two release numbers; local labels only with == and !=.
    if (prefix && (version.pre || version.post !== null || version.dev !== null || version.local)) return null;
    if (operator === "~=" && version.release.length < 2) return null;
    if (version.local && operator !== "==" && operator !== "!=") return null;
    specifiers.push({ operator, prefix, text: written, version });
  }
  return specifiers;
}

function matchesPrefix(candidate: Pep440Version, prefix: Pep440Version): boolean {
  if (candidate.epoch !== prefix.epoch) return false;
  return prefix.release.every((number, index) => (candidate.release[index] ?? 0) === number);
}

function equals(candidate: Pep440Version, specified: Pep440Version): boolean {
  return compareVersions(specified.local ? candidate : withoutLocal(candidate), specified) === 0;
}

/** Whether one clause allows `candidate`; `candidateText` is the version as written, for `===`. */
function specifierContains(specifier: Specifier, candidate: Pep440Version, candidateText: string): boolean {
  const specified = specifier.version;
  if (specifier.operator === "===" || !specified) return candidateText.trim().toLowerCase() === specifier.text.toLowerCase();
  const publicCandidate = withoutLocal(candidate);
  switch (specifier.operator) {
    case "==":
      return specifier.prefix ? matchesPrefix(candidate, specified) : equals(candidate, specified);
    case "!=":
      return specifier.prefix ? !matchesPrefix(candidate, specified) : !equals(candidate, specified);
    case "<=":
      return compareVersions(publicCandidate, specified) <= 0;
    case ">=":
      return compareVersions(publicCandidate, specified) >= 0;
    case "~=": {
      const release = specified.release.slice(0, -1);
      return compareVersions(publicCandidate, specified) >= 0 && matchesPrefix(candidate, { ...baseVersion(specified), release });
    }
    case "<":
      // `<1.0` does not allow `1.0rc1` unless it names a pre-release itself.
      if (compareVersions(publicCandidate, specified) >= 0) return false;
      return !(!specified.pre && specified.dev === null && (candidate.pre || candidate.dev !== null) && compareVersions(baseVersion(candidate), baseVersion(specified)) === 0);
    case ">":
      // `>1.0` allows neither `1.0.post1` (unless it names a post-release) nor `1.0+local`.
      if (compareVersions(publicCandidate, specified) <= 0) return false;
      if (specified.post === null && candidate.post !== null && compareVersions(baseVersion(candidate), baseVersion(specified)) === 0) return false;
      return !(candidate.local && compareVersions(baseVersion(candidate), baseVersion(specified)) === 0);
  }
}

/**
 * Whether `version` satisfies every clause of `specifiers`. Null when either is not valid PEP 440,
 * so that callers can tell "does not satisfy" from "cannot tell".
 */
export function satisfies(version: string, specifiers: string): boolean | null {
  const candidate = parseVersion(version);
  const clauses = parseSpecifiers(specifiers);
  if (!candidate || !clauses) return null;
  return clauses.every((clause) => specifierContains(clause, candidate, version));
}
