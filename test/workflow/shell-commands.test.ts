// Unit table for the one shell reader that uv-install.ts, uv-commands.ts, python-requests.ts (through
// run-script.ts) and setup-uv-matrix.ts share, and for uv's options in src/uv/uv-options.ts.
import { describe, expect, it } from "vitest";
import { hasOption, optionValue, readUvOptions, splitOption, uvOptionTakesValue } from "../../src/uv/uv-options.js";
import { commandsWithDirectory, simpleCommands, withoutPrefixes } from "../../src/workflow/shell-commands.js";

const texts = (script: string): string[][] => simpleCommands(script).map((words) => words.map((word) => word.text));
const located = (script: string): { words: string; cwd: string | null }[] =>
  commandsWithDirectory(simpleCommands(script), (word) => word.text).map(({ words, cwd }) => ({ words: words.map((word) => word.text).join(" "), cwd }));

describe("simpleCommands", () => {
  it("ends a command at newlines, `;`, `&&`, `||`, `|`, `&` and parentheses", () => {
    expect(texts("uv sync; uv lock && uv build || echo no | tee x & wait\n(cd app)")).toEqual([
      ["uv", "sync"], ["uv", "lock"], ["uv", "build"], ["echo", "no"], ["tee", "x"], ["wait"], ["cd", "app"],
    ]);
  });

  it("keeps a quoted string with spaces or separators in one word, and removes the quotes", () => {
    expect(texts(`uv pip install "foo >= 1; bar" 'a|b'x`)).toEqual([["uv", "pip", "install", "foo >= 1; bar", "a|bx"]]);
  });

  it("reads escapes outside and inside double quotes, and joins continued lines", () => {
    expect(texts(`echo a\\ b "say \\"hi\\" \\$x" "C:\\path"\nuv sync \\\n  --locked`)).toEqual([["echo", "a b", 'say "hi" $x', "C:\\path"], ["uv", "sync", "--locked"]]);
  });

  it("drops comments, but not a `#` inside a word", () => {
    expect(texts("uv sync # --locked\npip install git+https://x/y#egg=z")).toEqual([["uv", "sync"], ["pip", "install", "git+https://x/y#egg=z"]]);
  });

  it("keeps a `${{ }}` expression in the word it is written in, even with quotes, `|` or `&&` in it", () => {
    expect(texts(`uv sync --python \${{ matrix.python || '3.12' }} && echo "\${{ a && "b" }}"`)).toEqual([
      ["uv", "sync", "--python", "${{ matrix.python || '3.12' }}"],
      ["echo", '${{ a && "b" }}'],
    ]);
  });

  it("reads the commands of a `$( )` in double quotes, before the command that holds it", () => {
    expect(texts(`echo "langs=$(uv run ./docs.py "a b")" >> out`)).toEqual([
      ["uv", "run", "./docs.py", "a b"],
      ["echo", `langs=$(uv run ./docs.py "a b")`, ">>", "out"],
    ]);
  });

  it("gives each word's offsets in the script, inside a `$( )` too", () => {
    const script = `x "$(uv  sync)"`;
    expect(simpleCommands(script).flat().map(({ start, end }) => script.slice(start, end))).toEqual(["uv", "sync", "x", `"$(uv  sync)"`]);
  });
});

describe("withoutPrefixes", () => {
  it("skips the words that may stand before a command, and assignments", () => {
    for (const prefixed of ["sudo uv sync", "env UV_PYTHON=3.12 uv sync", "time uv sync", "then uv sync", "elif uv sync", "if uv sync", "xargs uv sync", "{ uv sync", "! uv sync", "exec uv sync", "command uv sync"]) {
      expect(withoutPrefixes(prefixed.split(" "), (word) => word)).toEqual(["uv", "sync"]);
    }
  });

  it("leaves a command that has no prefix", () => {
    expect(withoutPrefixes(["uvx", "ruff"], (word) => word)).toEqual(["uvx", "ruff"]);
  });
});

describe("commandsWithDirectory", () => {
  it("follows relative `cd` and `pushd`, `..` included, and does not list them", () => {
    expect(located("uv sync\ncd app && uv sync\ncd ../docs/ && uv build\ncd ../.. && uv lock")).toEqual([
      { words: "uv sync", cwd: "" },
      { words: "uv sync", cwd: "app" },
      { words: "uv build", cwd: "docs" },
      { words: "uv lock", cwd: ".." },
    ]);
  });

  it("returns with `popd` and `cd -`", () => {
    expect(located("pushd app\nuv sync\npopd\nuv lock\ncd docs; cd -; uv build")).toEqual([
      { words: "uv sync", cwd: "app" },
      { words: "uv lock", cwd: "" },
      { words: "uv build", cwd: "" },
    ]);
  });

  it("does not know a directory from a variable, home, an absolute path or a `cd` alone, nor what follows from there", () => {
    for (const cd of ['cd "$DIR"', "cd ~", "cd ~/x", "cd /tmp", "cd", "cd -", "popd"]) {
      expect(located(`${cd}\nuv sync\ncd app\nuv lock`)).toEqual([{ words: "uv sync", cwd: null }, { words: "uv lock", cwd: null }]);
    }
  });

  it("skips prefixes before `cd` as before other commands", () => {
    expect(located("if cd app; then uv sync; fi")).toEqual([{ words: "uv sync", cwd: "app" }, { words: "fi", cwd: "app" }]);
  });
});

describe("uv's options", () => {
  it("knows which options take a value", () => {
    expect(["--directory", "--project", "--python", "-p", "--python-version", "--with", "--extra", "--group", "--index-url", "-c"].filter((name) => !uvOptionTakesValue(name))).toEqual([]);
    expect(["--locked", "--frozen", "--no-dev", "--all-extras", "-m", "--script", "-q"].filter(uvOptionTakesValue)).toEqual([]);
  });

  it("splits `--opt=value`", () => {
    expect(splitOption("--python=3.12")).toEqual(["--python", "3.12"]);
    expect(splitOption("--locked")).toEqual(["--locked", null]);
  });

  it("reads global options up to the subcommand, a value in the next word or after `=`", () => {
    const words = ["--directory", "app", "--color=never", "-q", "sync", "--locked"];
    expect(readUvOptions(words, "stop")).toEqual({
      options: [
        { name: "--directory", value: "app", index: 0, valueIndex: 1 },
        { name: "--color", value: "never", index: 2, valueIndex: null },
        { name: "-q", value: null, index: 3, valueIndex: null },
      ],
      rest: 4,
    });
  });

  it("stops at the command `uv run` runs, or passes over packages between options", () => {
    const args = ["--with", "rich", "pytest", "-p", "xdist"];
    expect(readUvOptions(args, "stop").options.map((option) => option.name)).toEqual(["--with"]);
    expect(readUvOptions(args, "stop").rest).toBe(2);
    expect(readUvOptions(["ruff", "--python", "3.12"], "skip").options).toEqual([{ name: "--python", value: "3.12", index: 1, valueIndex: 2 }]);
  });

  it("ends at `--` and skips it; reads `-` as a word", () => {
    expect(readUvOptions(["--no-sync", "--", "-x"], "stop")).toEqual({ options: [{ name: "--no-sync", value: null, index: 0, valueIndex: null }], rest: 2 });
    expect(readUvOptions(["-", "--python", "3.12"], "stop").rest).toBe(0);
  });

  it("has no value for a value option at the end", () => {
    expect(readUvOptions(["--python"], "stop").options).toEqual([{ name: "--python", value: null, index: 0, valueIndex: null }]);
  });

  it("finds an option's value and an option among words, in either form", () => {
    expect(optionValue(["--directory", "app"], "--directory")).toBe("app");
    expect(optionValue(["--project=lib"], "--project")).toBe("lib");
    expect(optionValue(["--locked"], "--directory")).toBeNull();
    expect(hasOption(["--frozen=true"], ["--locked", "--frozen"])).toBe(true);
    expect(hasOption(["--lockedx"], ["--locked"])).toBe(false);
  });
});
