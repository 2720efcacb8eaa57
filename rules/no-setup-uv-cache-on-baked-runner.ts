import { relative } from "node:path";
import { createWorkflowRule } from "../src/create-rule.js";
import { findCiRunnerImages } from "../src/docker/runner-images.js";
import { repositoryRootOf } from "../src/repository/root.js";
import { DOCKERFILE_OPTION_DEFAULTS, DOCKERFILE_OPTION_SCHEMA, type DockerfileOptions } from "../src/uv/repository-uv-version.js";
import { stepInputRemoval } from "../src/workflow/edits.js";
import { isGeneratedWorkflow } from "../src/workflow/generated.js";
import { getWorkflow, type Job } from "../src/workflow/model.js";
import { findSetupUvSteps } from "../src/workflow/setup-uv.js";
import { asScalar, asSequence, scalarText } from "../src/workflow/yaml-nodes.js";

type Options = [Pick<DockerfileOptions, "dockerfiles">];
type MessageIds = "enableCache" | "cacheLocalPath";

export default createWorkflowRule<Options, MessageIds>({
  name: "no-setup-uv-cache-on-baked-runner",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow setup-uv's GitHub cache on self-hosted runners whose image bakes a uv cache",
      recommended: false,
    },
    fixable: "code",
    schema: [{ type: "object", properties: { dockerfiles: DOCKERFILE_OPTION_SCHEMA.dockerfiles }, additionalProperties: false }],
    defaultOptions: [{ dockerfiles: DOCKERFILE_OPTION_DEFAULTS.dockerfiles }],
    messages: {
      enableCache:
        "`enable-cache: true` on a self-hosted runner whose image ({{image}}) bakes a uv cache: setup-uv prunes and uploads that cache to GitHub's cache after every run (gigabytes, against a 10 GB limit per repository that then evicts other caches) and restores it over the baked one. Remove `enable-cache`; the image's cache is already there.",
      cacheLocalPath:
        "`cache-local-path` on a self-hosted runner whose image ({{image}}) bakes a uv cache points uv's `UV_CACHE_DIR` away from that cache, so uv never reads it. Remove `cache-local-path`.",
    },
    languages: ["yml/yaml"],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const fixable = !isGeneratedWorkflow(sourceCode.text, context.filename);

    return {
      Program() {
        const workflow = getWorkflow(sourceCode);
        const onSelfHosted = findSetupUvSteps(workflow).filter((step) => runsSelfHosted(step.job));
        if (onSelfHosted.length === 0) return;
        const root = repositoryRootOf(context);
        // The image a self-hosted runner runs: one kept with the workflows (as in the seed), or the one the option names.
        const images = findCiRunnerImages(root, { dockerfiles: options.dockerfiles.length > 0 ? options.dockerfiles : undefined }).filter(
          (image) => image.reason !== "job-container",
        );
        if (images.length === 0) return;
        const image = relative(root, images[0]!.file).split("\\").join("/");
        for (const step of onSelfHosted) {
          const enableCache = step.withInputs.get("enable-cache");
          if (enableCache && scalarText(asScalar(enableCache.value))?.trim() === "true") report(step, enableCache, "enableCache", image);
          const localPath = step.withInputs.get("cache-local-path");
          if (localPath) report(step, localPath, "cacheLocalPath", image);
        }
      },
    };

    function report(step: Parameters<typeof stepInputRemoval>[1], pair: Parameters<typeof stepInputRemoval>[2], messageId: MessageIds, image: string): void {
      const removal = fixable ? stepInputRemoval(sourceCode.text, step, pair) : null;
      context.report({
        loc: pair.loc,
        messageId,
        data: { image },
        fix: removal ? (fixer) => fixer.removeRange(removal) : null,
      });
    }
  },
});

/** Whether a job runs on a self-hosted runner: `self-hosted` among its `runs-on` labels. */
function runsSelfHosted(job: Job): boolean {
  const value = job.keys.get("runs-on")?.value;
  const labels = asSequence(value)?.entries.map((entry) => scalarText(entry)) ?? [scalarText(asScalar(value))];
  return labels.some((label) => label?.trim() === "self-hosted");
}
