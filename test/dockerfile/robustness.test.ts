import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Linter } from "eslint";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import pinUvImage from "../../rules/dockerfile-pin-uv-image.js";
import pinUvInstall from "../../rules/pin-uv-install.js";
import pythonVersionSingleSource from "../../rules/python-version-single-source.js";
import type { DockerfileNode } from "../../src/languages/dockerfile/ast.js";
import { dockerfileLanguage } from "../../src/languages/dockerfile/language.js";
import { MAX_PARSED_LENGTH } from "../../src/languages/dockerfile/parser.js";
import type { DockerfileSourceCode } from "../../src/languages/dockerfile/source-code.js";
import { randomTexts } from "../helpers/random-text.js";

/** A repository whose `.python-version` pins 3.12, so that both rules have something to compare. */
const repo = mkdtempSync(join(tmpdir(), "uv-ci-dockerfile-robust-"));
writeFileSync(join(repo, ".python-version"), "3.12\n");

const config: Linter.Config = {
  files: ["**/Dockerfile"],
  plugins: {
    "uv-ci": {
      languages: { dockerfile: dockerfileLanguage },
      rules: { "dockerfile-pin-uv-image": pinUvImage, "pin-uv-install": pinUvInstall, "python-version-single-source": pythonVersionSingleSource },
    },
  },
  language: "uv-ci/dockerfile",
  rules: {
    "uv-ci/dockerfile-pin-uv-image": ["error", { version: "0.11.8", movingTags: true }],
    "uv-ci/pin-uv-install": ["error", { version: "0.11.8" }],
    "uv-ci/python-version-single-source": "error",
  },
};

function nodesOf(node: DockerfileNode): DockerfileNode[] {
  const record = node as unknown as Record<string, DockerfileNode[]>;
  return [node, ...dockerfileLanguage.visitorKeys[node.type].flatMap((key) => (record[key] ?? []).flatMap(nodesOf))];
}

/** Lints like ESLint reads a file from disk and checks that no problem is fatal and every node's location is exact. */
function lintAndCheck(text: string): Linter.LintMessage[] {
  const linter = new Linter({ cwd: repo });
  const messages = linter.verify(text, [config], { filename: join(repo, "Dockerfile") });
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  const sourceCode = linter.getSourceCode() as unknown as DockerfileSourceCode;
  for (const node of nodesOf(sourceCode.ast)) {
    expect(node.range[0]).toBeLessThanOrEqual(node.range[1]);
    expect(node.loc.start).toEqual(sourceCode.getLocFromIndex(node.range[0]));
    expect(node.loc.end).toEqual(sourceCode.getLocFromIndex(node.range[1]));
  }
  return messages;
}

describe("robustness", () => {
  it("never throws on random bytes, NUL, invalid UTF-8, lone \\r and broken instructions", () => {
    for (const text of randomTexts()) lintAndCheck(text);
    lintAndCheck("\0\r\r\nFROM\r\nCOPY --from= \\\n\nRUN --mount=from=,= \\\r\nARG =\nENV\nARG UV_VERSION\\\n=\n# escape=\n\uD800");
    lintAndCheck("FROM ghcr.io/astral-sh/uv:${\nCOPY --from=${UV_VERSION /a /b\nRUN <<EOF\nno end");
  });

  it("never throws for arbitrary Dockerfile-like text", () => {
    const tokens = ["FROM ", "ARG ", "ENV ", "COPY ", "RUN ", "--from=", "--mount=", "type=cache,", "from=", "ghcr.io/astral-sh/uv", ":latest", ":0.11.8", "python:3.11", "${UV_VERSION}", "$X", "UV_VERSION", "PYTHON_VERSION=", "UV_PYTHON=", "3.13", "=", "\\", "`", "\n", "\r", "\r\n", " ", "#", "# escape=`\n", "<<EOF\n", "EOF", "\"", "'", "é", "\0", "pip install ", "uv", "https://astral.sh/uv/install.sh", '["sh", "-c", "', "ADD ", "&& "];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 60 }), (parts) => {
        lintAndCheck(parts.join(""));
      }),
      { numRuns: 400 },
    );
  });

  it("lints a Dockerfile just under the parse limit, and does not parse a 5 MB one", () => {
    const lines = [
      "FROM python:3.12-slim AS base",
      "ARG UV_VERSION=0.11.8 OTHER=1",
      "RUN --mount=type=cache,target=/root/.cache/uv \\",
      "    uv sync --frozen",
      "# a comment",
      "COPY --from=ghcr.io/astral-sh/uv:0.11.8 /uv /bin/",
      'ENV UV_PYTHON="3.12" A=1',
    ];
    const build = (size: number, last: string): string => {
      const chunks: string[] = [];
      let length = 0;
      for (let i = 0; length < size; i++) {
        const line = `${lines[i % lines.length]}${i % 5 === 0 ? "\r\n" : "\n"}`;
        chunks.push(line);
        length += line.length;
      }
      chunks.push(last);
      return chunks.join("");
    };
    const nearLimit = build(MAX_PARSED_LENGTH - 10_000, "COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n");
    expect(lintAndCheck(nearLimit).map((message) => message.messageId)).toEqual(["unpinned"]);

    // Beyond the limit the file is not parsed at all, so the unpinned image on its last line goes unreported.
    const huge = build(5 * 1024 * 1024, "COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n");
    expect(lintAndCheck(huge)).toEqual([]);
  });
});
