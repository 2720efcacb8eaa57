import { describe, expect, it } from "vitest";
import { dedent } from "./helpers/dedent.js";

describe("dedent", () => {
  it("removes the common indentation, the opening line break and the closing line's indentation, and keeps the final newline", () => {
    const text = dedent`
      on: push
      jobs:
        test:
          runs-on: x
    `;
    expect(text).toBe("on: push\njobs:\n  test:\n    runs-on: x\n");
  });

  it("ends without a newline where the closing backtick follows the last character", () => {
    const text = dedent`
      steps:
        - uses: astral-sh/setup-uv@v7`;
    expect(text).toBe("steps:\n  - uses: astral-sh/setup-uv@v7");
  });

  it("keeps blank lines inside the text, with any whitespace beyond the common indentation", () => {
    // `\x20` writes a space that editors do not strip from the end of a line.
    expect(dedent`
      a:

        b: |
          x
      \x20\x20
      c: 1
    `).toBe("a:\n\n  b: |\n    x\n  \nc: 1\n");
  });

  it("measures the indentation from every line that holds something, the least indented included", () => {
    expect(dedent`
        steps:
      - run: x
    `).toBe("  steps:\n- run: x\n");
  });

  it("inserts values as they are, after the dedent: a multi-line value keeps its own indentation", () => {
    const body = "      - uses: astral-sh/setup-uv@v7\n        with:\n          version: latest\n";
    expect(dedent`
      jobs:
        a:
          steps:
      ${body}      - run: uv sync
    `).toBe(`jobs:\n  a:\n    steps:\n${body}      - run: uv sync\n`);
    expect(dedent`
      version: "${"0.11.8"}" # ${1} pin
    `).toBe('version: "0.11.8" # 1 pin\n');
  });

  it("counts a line that starts with a value as indented where the value starts", () => {
    expect(dedent`
      ${"on: push"}
        jobs: {}
    `).toBe("on: push\n  jobs: {}\n");
  });

  it("reads escapes as any template literal does", () => {
    expect(dedent`
      suffix: \${{ github.workflow }}
      run: make \\
        all
    `).toBe("suffix: ${{ github.workflow }}\nrun: make \\\n  all\n");
  });

  it("keeps a tab beyond the common indentation and rejects one within it", () => {
    expect(dedent`
      run: |
        printf 'a\tb'
      ${"\t"}
    `).toBe("run: |\n  printf 'a\tb'\n\t\n");
    expect(dedent`
      a:
      \t  b: 1
    `).toBe("a:\n\t  b: 1\n");
    expect(() => dedent`
      a:
    \t  b: 1
    `).toThrow("dedent: line 2 of the text is indented with a tab; indent with spaces");
  });

  it("leaves a one-line text and an empty one as they are written", () => {
    expect(dedent`on: push`).toBe("on: push");
    expect(dedent``).toBe("");
    expect(dedent`
    `).toBe("");
  });
});
