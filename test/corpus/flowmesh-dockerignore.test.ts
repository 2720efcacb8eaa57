import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { CORPUS_DIR, HAS_CORPUS } from "../helpers/corpus.js";

/**
 * The seed pull request's `.dockerignore` change, replayed: it "drops .python-version from the
 * venv-exclusions block", which stripped the file from the runner image's build context. The
 * stored `.dockerignore` (other-versions/a61e37…) is the state without that line; the state before
 * is the same file with the line back in that block. The runner Dockerfile the PR added builds
 * from the repository root and runs uv, and FlowMesh commits `.python-version` (3.12).
 */
describe.skipIf(!HAS_CORPUS)("the seed pull request's .dockerignore (corpus flowmesh/)", () => {
  const flowmesh = join(CORPUS_DIR, "flowmesh");
  const after = HAS_CORPUS ? readFileSync(join(flowmesh, "other-versions/a61e37bdfa15ffde6b0a641f1ccc4a070358204a/.dockerignore"), "utf8") : "";
  const before = after.replace("\n.venv\n", "\n.venv\n.python-version\n");
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-flowmesh-dockerignore-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports the .python-version line, and --fix removes exactly that line", async () => {
    expect(before).not.toBe(after);
    cpSync(join(flowmesh, "after/.github/runners"), join(dir, ".github/runners"), { recursive: true });
    writeFileSync(join(dir, ".python-version"), "3.12\n");
    writeFileSync(join(dir, ".dockerignore"), before);
    const eslint = (fix: boolean) => new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended, fix });
    const [report] = await eslint(false).lintFiles([".dockerignore"]);
    const line = before.split("\n").indexOf(".python-version") + 1;
    expect(report!.messages.map((message) => `${message.line} ${message.ruleId}`)).toEqual([`${line} uv-ci/dockerignore-keeps-python-version`]);
    const [fixed] = await eslint(true).lintFiles([".dockerignore"]);
    expect(fixed!.output).toBe(after);
  });
});
