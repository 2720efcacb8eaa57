import { join } from "node:path";
import { Linter } from "eslint";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import rule from "../../rules/dockerignore-keeps-python-version.js";
import { dockerignoreLanguage } from "../../src/languages/dockerignore/language.js";
import { matchPath } from "../../src/languages/dockerignore/matcher.js";
import { newPattern } from "../../src/languages/dockerignore/pattern.js";
import type { DockerignoreSourceCode } from "../../src/languages/dockerignore/source-code.js";
import { randomTexts } from "../helpers/random-text.js";
import { uvProjectWithPythonVersion } from "../helpers/uv-project.js";

/** A repository where `.python-version` and the listed files matter, so the rule does its work. */
const project = uvProjectWithPythonVersion({ "uv.lock": "", "src/pkg/__init__.py": "" });
const filename = join(project, ".dockerignore");

const config: Linter.Config = {
  files: ["**/.dockerignore"],
  plugins: { "uv-ci": { languages: { dockerignore: dockerignoreLanguage }, rules: { "dockerignore-keeps-python-version": rule } } },
  language: "uv-ci/dockerignore",
  rules: { "uv-ci/dockerignore-keeps-python-version": ["error", { additionalFiles: ["uv.lock", "src/pkg/__init__.py"] }] },
};

/** Lints like ESLint reads a file from disk (UTF-8, invalid bytes become U+FFFD) and checks node locations. */
function lintAndCheck(text: string): void {
  const linter = new Linter({ cwd: project });
  const messages = linter.verifyAndFix(text, [config], { filename }).messages;
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  const sourceCode = linter.getSourceCode() as unknown as DockerignoreSourceCode;
  if (!sourceCode) return;
  for (const node of sourceCode.ast.body) {
    expect(node.loc.start).toEqual(sourceCode.getLocFromIndex(node.range[0]));
    expect(node.loc.end).toEqual(sourceCode.getLocFromIndex(node.range[1]));
  }
}

describe("robustness", () => {
  it("never throws on random bytes, NUL, invalid UTF-8 and lone \\r", () => {
    for (const text of randomTexts()) lintAndCheck(text);
    lintAndCheck("\0\r\r\n\r.python-version\r\uD800*\n\xff\xfe[\n\\\n!\n");
  });

  it("never throws for arbitrary text, and every pattern compiles or carries Docker's error", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("*", "?", "[", "]", "\\", "!", "/", ".", "-", "^", ":", "#", " ", "\r", "\n", "a", "p", "é", "\0") }), (text) => {
        lintAndCheck(text);
        const pattern = newPattern(text.replace(/\n/gu, ""));
        if (pattern) matchPath([pattern], ".python-version");
      }),
      { numRuns: 500 },
    );
  });

  it("lints a 5 MB file", () => {
    const lines = [".venv", "**/*.pyc", "!keep/*.txt", "# comment", "  spaced/dir/  ", "data/[0-9]*.csv", "docs\\*", ""];
    const chunks: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const line = `${lines[i % lines.length]}${i % 3 === 0 ? i : ""}${i % 5 === 0 ? "\r\n" : "\n"}`;
      chunks.push(line);
      size += line.length;
    }
    chunks.push(".python-version");
    const messages = new Linter({ cwd: project }).verify(chunks.join(""), [config], { filename });
    expect(messages.map((message) => message.messageId)).toEqual(["excludesPythonVersion"]);
  });
});
