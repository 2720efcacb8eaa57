import { describe, expect, it } from "vitest";
import { findUvInstalls, installerUrlPin, type ShellToken } from "../src/uv/uv-install-commands.js";

/** Shell tokens of a line, split at spaces, with `;`, `&&` and `|` as command ends; `at` is the word's index. */
function tokens(line: string): ShellToken<number>[] {
  return line.split(" ").map((word, index) => (/^(;|&&|\|)$/.test(word) ? { separator: true as const } : { word, at: index }));
}
const pins = (line: string): string[] => findUvInstalls(tokens(line)).map((install) => `${install.kind}:${install.word}:${install.pin}${install.version ? `:${install.version}` : ""}`);

describe("findUvInstalls", () => {
  it("reads requirements on uv after pip, pip3, python -m pip, pipx and uv pip install", () => {
    expect(pins("pip install uv")).toEqual(["pip:uv:none"]);
    expect(pins("python3 -m pip install --upgrade pip UV")).toEqual(["pip:UV:none"]);
    expect(pins("pipx install uv==0.11.8")).toEqual(["pip:uv==0.11.8:exact:0.11.8"]);
    expect(pins("/usr/bin/pip3.12 install uv===0.11.8")).toEqual(["pip:uv===0.11.8:exact:0.11.8"]);
    expect(pins("uv pip install pytest uv")).toEqual(["pip:uv:none"]);
  });

  it("tells ranges from pins the command does not show", () => {
    expect(pins("pip install uv>=0.5 uv~=0.11.2 uv==0.11.*")).toEqual(["pip:uv>=0.5:range", "pip:uv~=0.11.2:range", "pip:uv==0.11.*:range"]);
    expect(pins("pip install uv >= 0.5")).toEqual(["pip:uv:range"]);
    expect(pins("pip install uv==$UV_VERSION")).toEqual(["pip:uv==$UV_VERSION:indirect"]);
    expect(pins("pip install -c constraints.txt uv ; pip install uv")).toEqual(["pip:uv:indirect", "pip:uv:none"]);
  });

  it("ignores other packages and other pip commands", () => {
    expect(pins("pip install uvicorn tox-uv uv-build")).toEqual([]);
    expect(pins("pip uninstall uv ; pip download uv ; echo uv")).toEqual([]);
    expect(pins("pip install x && uv sync")).toEqual([]);
  });

  it("reads installer URLs anywhere in a command", () => {
    expect(pins("curl -LsSf https://astral.sh/uv/install.sh | sh")).toEqual(["installer:https://astral.sh/uv/install.sh:none"]);
    expect(pins("irm https://astral.sh/uv/0.11.8/install.ps1 | iex")).toEqual(["installer:https://astral.sh/uv/0.11.8/install.ps1:exact:0.11.8"]);
  });
});

describe("installerUrlPin", () => {
  it("classifies the installer and release URLs", () => {
    expect(installerUrlPin("https://astral.sh/uv/install.sh")).toEqual({ pin: "none", version: null });
    expect(installerUrlPin("https://github.com/astral-sh/uv/releases/latest/download/uv-x86_64-unknown-linux-gnu.tar.gz")).toEqual({ pin: "none", version: null });
    expect(installerUrlPin("https://github.com/astral-sh/uv/releases/download/0.11.8/uv-installer.sh")).toEqual({ pin: "exact", version: "0.11.8" });
    expect(installerUrlPin("https://astral.sh/uv/${UV_VERSION}/install.sh")).toEqual({ pin: "indirect", version: null });
    expect(installerUrlPin("https://astral.sh/ruff/install.sh")).toBeNull();
  });
});
