import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import rule from "../../rules/dockerignore-keeps-python-version.js";
import { dockerignoreLanguage } from "../../src/dockerignore/language.js";

RuleTester.describe = describe;
RuleTester.it = it;

const ruleTester = new RuleTester({
  plugins: { "uv-ci": { languages: { dockerignore: dockerignoreLanguage } } },
  language: "uv-ci/dockerignore",
});

const pythonVersionError = (line: number, column: number, endColumn: number) => ({
  messageId: "excludesPythonVersion" as const,
  line,
  column,
  endLine: line,
  endColumn,
});

ruleTester.run("dockerignore-keeps-python-version", rule as never, {
  valid: [
    "",
    ".venv\n__pycache__/\n*.py[cod]\n",
    ".*\n!.python-version\n",
    "*\n!.python-version\n!src\n",
    "!.python-version\n",
    // Case-sensitive, and anchored at the context root.
    ".Python\n.PYTHON-VERSION\n",
    "*/.python-version\nsrc/.python-version\n",
    // `#` starts a comment only in column 1; elsewhere it is part of a literal pattern.
    "# .python-version\n",
    " # .python-version\n",
    ".python-version # keep out\n",
    // Only `.python-version` unless more files are listed.
    "uv.lock\npyproject.toml\n",
    {
      code: "*\n!.python-version\n!pyproject.toml\n!uv.lock\n!src\n",
      options: [{ additionalFiles: ["uv.lock", "pyproject.toml", "src/app/__init__.py"] }],
    },
    { code: "docs/\n", filename: "api.Dockerfile.dockerignore", options: [{ additionalFiles: ["./uv.lock", "/pyproject.toml"] }] },
  ],
  invalid: [
    {
      // The seed PR's mistake: `.python-version` filed under virtual environments.
      code: "# Virtual environments\n.venv\n.python-version\nvenv/\n",
      output: "# Virtual environments\n.venv\nvenv/\n",
      errors: [pythonVersionError(3, 1, 16)],
    },
    {
      code: "/.python-version\n",
      output: "",
      errors: [pythonVersionError(1, 1, 17)],
    },
    {
      code: ".venv\n./.python-version",
      output: ".venv",
      errors: [pythonVersionError(2, 1, 18)],
    },
    {
      code: "**/.python-version\r\n.venv\r\n",
      output: ".venv\r\n",
      errors: [pythonVersionError(1, 1, 19)],
    },
    {
      code: "\t .python-version/ \t\n# end\n",
      output: "# end\n",
      errors: [pythonVersionError(1, 3, 19)],
    },
    {
      code: ".*\r\n# keep the context small\r\n",
      output: ".*\r\n!.python-version\r\n# keep the context small\r\n",
      errors: [pythonVersionError(1, 1, 3)],
    },
    {
      code: ".venv\n.python*",
      output: ".venv\n.python*\n!.python-version",
      errors: [pythonVersionError(2, 1, 9)],
    },
    {
      code: "*\n!src\n",
      output: "*\n!src\n!.python-version\n",
      errors: [pythonVersionError(1, 1, 2)],
    },
    {
      code: "**\n",
      output: "**\n!.python-version\n",
      errors: [pythonVersionError(1, 1, 3)],
    },
    {
      code: ".python-versio?\n",
      output: ".python-versio?\n!.python-version\n",
      errors: [pythonVersionError(1, 1, 16)],
    },
    {
      // The last matching line decides: the exception in the middle is undone.
      code: ".*\n!.python-version\n.python-version\n",
      output: ".*\n!.python-version\n",
      errors: [pythonVersionError(3, 1, 16)],
    },
    {
      code: "!.python-version\n.*\n",
      output: "!.python-version\n.*\n!.python-version\n",
      errors: [pythonVersionError(2, 1, 3)],
    },
    {
      // Every line that keeps it out is reported; both fixes apply in one pass.
      code: ".python-version\n.*\n",
      output: ".*\n!.python-version\n",
      errors: [pythonVersionError(1, 1, 16), pythonVersionError(2, 1, 3)],
    },
    {
      // Here the removal and the insertion touch, so ESLint applies the insertion on its next pass.
      code: ".*\n.python-version\n",
      output: ".*\n",
      errors: [pythonVersionError(1, 1, 3), pythonVersionError(2, 1, 16)],
    },
    {
      // A pattern Docker refuses does not hide the problem.
      code: "[\n.python-version\n",
      output: "[\n",
      errors: [pythonVersionError(2, 1, 16)],
    },
    {
      code: ".python-version\n",
      filename: "api.Dockerfile.dockerignore",
      output: "",
      errors: [pythonVersionError(1, 1, 16)],
    },
    {
      code: "uv.lock\npyproject.toml\n*.md\n",
      options: [{ additionalFiles: ["uv.lock", "pyproject.toml", "README.md"] }],
      // The two removals touch, so ESLint applies the second one on its next pass.
      output: "pyproject.toml\n*.md\n!README.md\n",
      errors: [
        { messageId: "excludesRequiredFile", data: { pattern: "uv.lock", file: "uv.lock", exception: "!uv.lock" }, line: 1, column: 1, endLine: 1, endColumn: 8 },
        { messageId: "excludesRequiredFile", line: 2, column: 1, endLine: 2, endColumn: 15 },
        { messageId: "excludesRequiredFile", data: { pattern: "*.md", file: "README.md", exception: "!README.md" }, line: 3, column: 1, endLine: 3, endColumn: 5 },
      ],
    },
    {
      code: "config\n",
      options: [{ additionalFiles: ["./config/uv.toml"] }],
      output: "config\n!config/uv.toml\n",
      errors: [{ messageId: "excludesRequiredFile", data: { pattern: "config", file: "config/uv.toml", exception: "!config/uv.toml" }, line: 1, column: 1, endLine: 1, endColumn: 7 }],
    },
    {
      code: "data/\n",
      options: [{ additionalFiles: ["data/[raw]*.csv"] }],
      output: "data/\n!data/\\[raw\\]\\*.csv\n",
      errors: [{ messageId: "excludesRequiredFile", line: 1, column: 1, endLine: 1, endColumn: 6 }],
    },
  ],
});
