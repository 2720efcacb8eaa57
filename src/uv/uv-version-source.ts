import { relative, sep } from "node:path";
import type { DockerfileUvPin } from "../docker/uv-pins.js";
import { compareVersions, parseVersion, satisfies } from "./pep440.js";
import { cachePerObject } from "../repository/file-cache.js";
import { repositoryRootOf } from "../repository/root.js";
import { runnerImageUvVersion, type DockerfileOptions } from "./repository-uv-version.js";
import { readRequiredUvVersion } from "./uv-required-version.js";
import { classifyUvVersionSpec, exactRequiredVersion } from "./uv-version.js";
import type { Step, Workflow } from "../workflow/model.js";
import { otherWorkflowFiles, repositoryWorkflowFiles } from "../repository/workflows.js";
import { findSetupUvSteps, MAY_HOLD_SETUP_UV, MAY_PIN_SETUP_UV, resolveSetupUvVersion, type VersionSite } from "../workflow/setup-uv.js";

/**
 * The uv version CI should install, and where it comes from. Sources, in this order:
 *
 * 1. `runner-image`: the uv that the repository's CI runner images pin (`findCiRunnerImages`);
 *    CI runs in that image and reads the uv cache baked into it, which only the same uv reads.
 * 2. `required-version`: an exact `required-version = "==X.Y.Z"` of the repository root's
 *    `uv.toml`, else `[tool.uv]` of its `pyproject.toml`; every uv command checks it.
 * 3. `setup-uv-steps`: the one exact version every other setup-uv step of the repository already
 *    pins (literal or `env`; a matrix of several versions tests them on purpose and does not count).
 *
 * When two sources contradict each other there is no answer:
 * - `runner-images-disagree`: the runner images pin different uv versions;
 * - `runner-image-vs-required-version`: the runner images' uv does not satisfy `required-version`
 *   (a range or an exact pin), so uv in that image refuses to run the project.
 * `none`: no source names a version (the steps disagree, or nothing pins uv).
 */
export type UvVersionSource =
  | { kind: "runner-image"; version: string; pin: DockerfileUvPin }
  | { kind: "required-version"; version: string; file: "uv.toml" | "pyproject.toml" }
  | { kind: "setup-uv-steps"; version: string }
  | { kind: "runner-images-disagree"; first: DockerfileUvPin; second: DockerfileUvPin }
  | { kind: "runner-image-vs-required-version"; pin: DockerfileUvPin; specifier: string; file: "uv.toml" | "pyproject.toml" }
  | { kind: "none" };

interface LintContext {
  filename: string;
  cwd: string;
  sourceCode?: unknown;
}

/**
 * Which uv version CI should install, from the first of the sources {@link UvVersionSource} lists
 * that names one. `workflow` is the linted file's model, whose own setup-uv steps count for source 3
 * beside the repository's other workflows. The one order that `pin-setup-uv-version` (the version
 * its fix writes) and `uv-version-matches-dockerfile` (what it compares with) share.
 */
export function ciUvVersionSource(context: LintContext, options: DockerfileOptions, workflow: Workflow | null): UvVersionSource {
  const root = repositoryRootOf(context);
  const required = readRequiredUvVersion(root);
  const runnerImages = runnerImageUvVersion(context, options);
  if (runnerImages.kind === "conflict") {
    const [first] = runnerImages.pins;
    return { kind: "runner-images-disagree", first: first!, second: runnerImages.pins.find((pin) => pin.version !== first!.version)! };
  }
  if (runnerImages.kind === "pinned") {
    const pin = runnerImages.pins[0]!;
    if (required.kind === "specifier" && satisfies(runnerImages.version, required.specifier) === false) {
      return { kind: "runner-image-vs-required-version", pin, specifier: required.specifier, file: required.file };
    }
    return { kind: "runner-image", version: runnerImages.version, pin };
  }
  const exactRequired = required.kind === "specifier" ? exactRequiredVersion(required.specifier) : null;
  if (exactRequired !== null && required.kind === "specifier") return { kind: "required-version", version: exactRequired, file: required.file };
  // Only workflows that may pin a version can agree on one: the others are not parsed for it.
  const agreed = agreedSetupUvVersion(repositoryWorkflows(context, workflow, MAY_PIN_SETUP_UV));
  return agreed === null ? { kind: "none" } : { kind: "setup-uv-steps", version: agreed };
}

/**
 * The repository's workflows whose text matches `mentions`: the linted one and the others, or all of
 * them read from disk when the linted file is no workflow.
 */
function repositoryWorkflows(context: LintContext, workflow: Workflow | null, mentions: RegExp = MAY_HOLD_SETUP_UV): Workflow[] {
  const root = repositoryRootOf(context);
  if (workflow === null) return repositoryWorkflowFiles(root, mentions).map((file) => file.workflow);
  return [workflow, ...otherWorkflowFiles(context, mentions).map((file) => file.workflow)];
}

/**
 * The exact versions a workflow's setup-uv steps pin, without matrices of several versions.
 * `steps` defaults to reading them uncached (for a workflow beside the linted one).
 */
export function exactSetupUvSites(workflow: Workflow, steps: Step[] = findSetupUvSteps(workflow)): VersionSite[] {
  const sites: VersionSite[] = [];
  for (const step of steps) {
    const version = resolveSetupUvVersion(step, workflow);
    if (version.kind !== "static" || (version.sites.length > 1 && version.sites[0]?.via === "matrix")) continue;
    sites.push(...version.sites.filter((site) => typeof site.value === "string" && classifyUvVersionSpec(site.value) === "exact"));
  }
  return sites;
}

/** The one exact version all these workflows' setup-uv steps pin, or null when none pins or they differ. */
function agreedSetupUvVersion(workflows: Workflow[]): string | null {
  let agreed: string | null = null;
  for (const workflow of workflows) {
    for (const version of setupUvPinsOf(workflow).exactVersions) {
      if (agreed === null) agreed = version;
      else if (version !== agreed) return null;
    }
  }
  return agreed;
}

interface SetupUvTally {
  exact: number;
  floating: number;
  missing: number;
}

/**
 * What a workflow's setup-uv steps pin, read once per parsed workflow: every linted file asks it of
 * all the others, which stay parsed until they change (src/repository/workflows.ts), so that a
 * repository of N workflows costs N readings, not N².
 */
const setupUvPinsOf = cachePerObject((workflow: Workflow): { exactVersions: string[]; tally: SetupUvTally } => ({
  exactVersions: exactSetupUvSites(workflow).map((site) => String(site.value).trim()),
  tally: tallySetupUvStepsOf(workflow),
}));

/** Whether uv `candidate` is an older release than `current` (false when either does not parse). */
export function isOlderUv(candidate: string, current: string): boolean {
  const [a, b] = [parseVersion(candidate), parseVersion(current)];
  return a !== null && b !== null && compareVersions(a, b) < 0;
}

/**
 * Why this repository wants its setup-uv steps pinned, and to which version; `none` when nothing in
 * it says so (floating on the newest uv is then a policy choice, not a defect):
 *
 * - `runner-image`: CI runs in a runner image that bakes a uv cache built by this uv;
 * - `required-version`: the root's `required-version` is exact, so uv refuses to run as any other;
 * - `convention`: at least two setup-uv steps pin this one exact version, more than leave `version`
 *   out, none pins another, none writes `latest` or a range, and `required-version` allows it
 *   (for {@link ciUvVersion}: every step pins it, one or more).
 *
 * Contradicting sources (runner images that disagree, or disagree with `required-version`) give
 * `none`: the rules comparing versions report those.
 */
export type UvPinReason =
  | { kind: "runner-image"; version: string; file: string }
  | { kind: "required-version"; version: string; file: "uv.toml" | "pyproject.toml" }
  | { kind: "convention"; version: string; steps: number }
  | { kind: "none" };

/** Why and to which version this repository pins uv in CI ({@link UvPinReason}); `workflow` is the linted one, null for another kind of file. */
export function uvPinReason(context: LintContext, options: DockerfileOptions, workflow: Workflow | null): UvPinReason {
  return pinReasonOf(context, options, workflow, (tally) => tally.exact >= 2 && tally.exact > tally.missing && tally.floating === 0);
}

/**
 * The one uv version CI runs, for a file that is no workflow (a pre-commit configuration): the
 * runner image's or an exact `required-version` ({@link UvPinReason}), else the version that every
 * setup-uv step of the repository pins, one step or many (`convention`). `none` when a step
 * installs the newest uv or a range, or leaves `version` out, since CI then runs more than one uv.
 */
export function ciUvVersion(context: LintContext, options: DockerfileOptions): UvPinReason {
  return pinReasonOf(context, options, null, (tally) => tally.exact >= 1 && tally.missing === 0 && tally.floating === 0);
}

function pinReasonOf(
  context: LintContext,
  options: DockerfileOptions,
  workflow: Workflow | null,
  isConvention: (tally: { exact: number; floating: number; missing: number }) => boolean,
): UvPinReason {
  const source = ciUvVersionSource(context, options, workflow);
  if (source.kind === "runner-image") return { kind: "runner-image", version: source.version, file: relative(repositoryRootOf(context), source.pin.file).split(sep).join("/") };
  if (source.kind === "required-version") return { kind: "required-version", version: source.version, file: source.file };
  if (source.kind !== "setup-uv-steps") return { kind: "none" };
  const root = repositoryRootOf(context);
  const tally = tallySetupUvSteps(repositoryWorkflows(context, workflow));
  const required = readRequiredUvVersion(root);
  const allowed = required.kind !== "specifier" || satisfies(source.version, required.specifier) !== false;
  return isConvention(tally) && allowed ? { kind: "convention", version: source.version, steps: tally.exact } : { kind: "none" };
}

/** How many setup-uv steps pin an exact version, write a non-exact one (`latest`, a range), or leave it out. */
function tallySetupUvSteps(workflows: Workflow[]): SetupUvTally {
  const tally = { exact: 0, floating: 0, missing: 0 };
  for (const workflow of workflows) {
    const own = setupUvPinsOf(workflow).tally;
    tally.exact += own.exact;
    tally.floating += own.floating;
    tally.missing += own.missing;
  }
  return tally;
}

function tallySetupUvStepsOf(workflow: Workflow): SetupUvTally {
  const tally = { exact: 0, floating: 0, missing: 0 };
  for (const step of findSetupUvSteps(workflow)) {
    const version = resolveSetupUvVersion(step, workflow);
    if (version.kind === "missing") tally.missing++;
    if (version.kind !== "static" || version.sites.length !== 1) continue;
    const [site] = version.sites;
    const kind = typeof site!.value === "string" ? classifyUvVersionSpec(site!.value) : "range";
    if (kind === "exact") tally.exact++;
    else if (kind !== "empty") tally.floating++;
  }
  return tally;
}

/**
 * Why a repository pins uv, as the end of a message: "…, while {{reason}}." `fromSetupUvStep`: the
 * message is about a setup-uv step, which the convention's steps are others than.
 */
export function describeUvPinReason(reason: Exclude<UvPinReason, { kind: "none" }>, fromSetupUvStep = true): string {
  switch (reason.kind) {
    case "runner-image":
      return `the CI runner image \`${reason.file}\` bakes a uv cache built by uv ${reason.version}, which a uv with another cache format cannot read`;
    case "required-version":
      return `\`required-version\` in ${reason.file} asks for uv ${reason.version} exactly, and uv refuses to run as another version`;
    case "convention":
      return `${reason.steps} ${fromSetupUvStep ? "other " : ""}setup-uv ${reason.steps === 1 ? "step of this repository pins" : "steps of this repository pin"} uv ${reason.version}`;
  }
}
