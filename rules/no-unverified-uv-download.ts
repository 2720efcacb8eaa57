import { createWorkflowRule } from "../src/create-rule.js";
import { classifyUvVersionSpec } from "../src/uv/uv-version.js";
import { getWorkflow, stepInput, type Step } from "../src/workflow/model.js";
import { resolveSetupUvVersion, setupUvSteps } from "../src/workflow/setup-uv.js";
import { findRelease, firstReleaseKnowing, NEWEST_RELEASE, newerThanChecksums, type SetupUvReleaseRow } from "../src/workflow/setup-uv-release.js";

type Options = [];
type MessageIds = "uncheckedUv" | "uncheckedUvNoRelease";

export default createWorkflowRule<Options, MessageIds>({
  name: "no-unverified-uv-download",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow setup-uv releases that install the pinned uv without verifying its download",
      recommended: false,
      yamlFiles: ["workflow", "composite-action"],
    },
    schema: [],
    messages: {
      uncheckedUv:
        "This setup-uv release ({{release}}) has checksums for uv up to {{newest}} only, so it installs uv {{version}} without verifying the download (setup-uv skips the check for a version missing from its list). Update setup-uv to {{first}} or later, whose list has uv {{version}}, or give the uv archive's SHA-256 for the runner's platform in `checksum`.",
      uncheckedUvNoRelease:
        "This setup-uv release ({{release}}) has checksums for uv up to {{newest}} only, so it installs uv {{version}} without verifying the download (setup-uv skips the check for a version missing from its list), and no setup-uv release up to {{tableNewest}} lists it. Give the uv archive's SHA-256 for the runner's platform in `checksum`, or update setup-uv once a release lists uv {{version}}.",
    },
    languages: ["yml/yaml"],
  },
  create(context) {
    const { sourceCode } = context;

    /** A pinned uv newer than every checksum the release knows: setup-uv installs it unverified. */
    function checkUvChecksum(step: Step, row: SetupUvReleaseRow): void {
      // With a checksum or a manifest of its own, setup-uv verifies against that instead.
      if (!row.skipsUnlistedUv) return;
      if (stepInput(step, "checksum")?.value || stepInput(step, "manifest-file")?.value) return;
      const version = resolveSetupUvVersion(step, getWorkflow(sourceCode));
      if (version.kind !== "static") return;
      const unchecked = version.sites
        .map((site) => String(site.value).trim())
        .filter((value) => classifyUvVersionSpec(value) === "exact" && newerThanChecksums(value, row));
      if (unchecked.length === 0) return;
      const newestPin = unchecked.reduce((newest, value) => (newerThanChecksums(value, { ...row, newestKnownUv: newest }) ? value : newest));
      const first = firstReleaseKnowing(newestPin);
      const [release, newest, loc] = [row.tag, row.newestKnownUv, stepInput(step, "version")!.loc];
      if (first) context.report({ loc, messageId: "uncheckedUv", data: { release, newest, version: newestPin, first: first.tag } });
      else context.report({ loc, messageId: "uncheckedUvNoRelease", data: { release, newest, version: newestPin, tableNewest: NEWEST_RELEASE.tag } });
    }

    return {
      Program() {
        for (const step of setupUvSteps(getWorkflow(sourceCode))) {
          // Only a ref the table knows (a tag or a commit of a release) tells the release, its list and its way of checking.
          const row = step.uses?.kind === "action" ? findRelease(step.uses.ref) : null;
          if (row) checkUvChecksum(step, row);
        }
      },
    };
  },
});
