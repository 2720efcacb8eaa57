import { parseForESLint } from "yaml-eslint-parser";
import { describe, expect, it } from "vitest";
import { exactSetupUvSites } from "../../src/uv/uv-version-source.js";
import { buildWorkflow } from "../../src/workflow/model.js";
import { findSetupUvSteps, MAY_HOLD_SETUP_UV, MAY_PIN_SETUP_UV } from "../../src/workflow/setup-uv.js";
import { yamlTextMayMatch } from "../../src/workflow/yaml-nodes.js";

const workflow = (steps: string): string => `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

/** Workflows whose setup-uv step and pin only a parser sees as such: the text never says `setup-uv` or `version:` as written. */
const SPELT_OTHERWISE: Record<string, string> = {
  "plain": workflow('      - uses: astral-sh/setup-uv@v7\n        with:\n          version: "0.9.0"\n'),
  "a name split by an escaped line break": workflow('      - uses: "astral-sh/setup-\\\n          uv@v7"\n        with:\n          version: "0.9.0"\n'),
  // Only an explicit key (`? …`) may span lines.
  "a key split by an escaped line break": workflow('      - uses: astral-sh/setup-uv@v7\n        with:\n          ? "ver\\\n            sion"\n          : "0.9.0"\n'),
  "a hex escape": workflow('      - uses: "astral-sh/\\x73etup-uv@v7"\n        with:\n          "\\x76ersion": "0.9.0"\n'),
  "a unicode escape": workflow('      - uses: "astral-sh/\\u0073etup-uv@v7"\n        with:\n          version: "0.9.0"\n'),
};

describe("the text prefilters that spare parsing other workflows", () => {
  it.each(Object.entries(SPELT_OTHERWISE))("let through a workflow that pins setup-uv: %s", (_name, text) => {
    const model = buildWorkflow({ ast: parseForESLint(text).ast, text });
    // The parser's reading decides: the prefilters must never hide what it finds.
    expect(findSetupUvSteps(model)).toHaveLength(1);
    expect(exactSetupUvSites(model).map((site) => site.value)).toEqual(["0.9.0"]);
    expect(yamlTextMayMatch(text, MAY_HOLD_SETUP_UV)).toBe(true);
    expect(yamlTextMayMatch(text, MAY_PIN_SETUP_UV)).toBe(true);
  });

  it("stop a workflow whose backslashes only continue shell lines, the usual case", () => {
    const text = workflow('      - uses: actions/setup-python@v6\n        with:\n          python-version: "3.13"\n      - run: |\n          pytest \\\n            -x "tests" \\\n            --maxfail=1\n');
    expect(yamlTextMayMatch(text, MAY_HOLD_SETUP_UV)).toBe(false);
    expect(yamlTextMayMatch(text, MAY_PIN_SETUP_UV)).toBe(false);
  });

  it("match a pattern on the text as written too, where folding would join two words", () => {
    expect(yamlTextMayMatch("run: docker\\\n  build .\n", /\bdocker\b/)).toBe(true);
  });
});
