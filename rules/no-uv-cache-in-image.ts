import path from "node:path";
import { createRule } from "../src/create-rule.js";
import { uvCacheBakedAt } from "../src/docker/baked-uv-cache.js";
import { isExampleTemplateOrDevContainerDockerfile } from "../src/docker/dockerfile-roles.js";
import { findCiRunnerImages } from "../src/docker/runner-images.js";
import type { DockerfileFile } from "../src/languages/dockerfile/ast.js";
import { dockerfileSourceCode } from "../src/languages/dockerfile/source-code.js";
import { repositoryRootOf } from "../src/repository/root.js";

type Options = [];
type MessageIds = "cacheInImage";

export default createRule<Options, MessageIds>({
  name: "no-uv-cache-in-image",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow images that keep uv's download cache, which ships in every pull and which nothing in the image reads",
      recommended: false,
    },
    schema: [],
    messages: {
      cacheInImage:
        "This RUN leaves uv's download cache in the image, so every pull of the image carries it (often hundreds of MB) while nothing in the image reads it. Keep it in a BuildKit cache mount (`RUN --mount=type=cache,target=/root/.cache/uv …`, with `ENV UV_LINK_MODE=copy`), or pass `--no-cache` (or `ENV UV_NO_CACHE=1`).",
    },
    languages: ["uv-ci/dockerfile"],
  },
  create(context) {
    const sourceCode = dockerfileSourceCode(context);

    return {
      DockerfileFile(root: DockerfileFile) {
        const line = uvCacheBakedAt(sourceCode.text);
        if (line === null) return;
        const file = path.resolve(context.cwd, context.filename);
        const repositoryRoot = repositoryRootOf(context);
        // An example's reader decides; a CI runner image bakes its cache on purpose, for CI to read.
        if (isExampleTemplateOrDevContainerDockerfile(file, repositoryRoot)) return;
        if (findCiRunnerImages(repositoryRoot).some((image) => image.file === file)) return;
        const run = root.body.find((node) => node.type !== "Comment" && node.loc.start.line === line);
        if (run) context.report({ loc: run.loc, messageId: "cacheInImage" });
      },
    };
  },
});
