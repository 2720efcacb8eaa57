/**
 * Shell commands that install uv itself without setup-uv or a uv image
 * (https://docs.astral.sh/uv/getting-started/installation/): `pip install uv…` (also `pip3`,
 * `python -m pip`, `pipx`) and the standalone installer, fetched from `astral.sh/uv/…` or a GitHub
 * release. Dockerfile `RUN`/`ADD` lines and workflow `run:` scripts both read their words through it.
 */
import { exactUvVersion } from "./uv-version.js";

/** A shell word and where it is (a Dockerfile line and column, an offset in a run script), or a command boundary. */
export type ShellToken<At> = { word: string; at: At } | { separator: true };

/**
 * How an install pins uv:
 * - `exact`: one version (`uv==0.11.8`, `https://astral.sh/uv/0.11.8/install.sh`), in `version`;
 * - `indirect`: pinned through something unknown here (`uv==$UV_VERSION`, `…/uv/${UV_VERSION}/install.sh`,
 *   a `pip -c constraints.txt`): counted as pinned, since the author chose a version;
 * - `range`: a requirement that allows several releases (`uv>=0.5`, `uv~=0.11.2`);
 * - `none`: the newest release (`pip install uv`, `https://astral.sh/uv/install.sh`).
 */
export type UvInstallPin = "exact" | "indirect" | "range" | "none";

/** One command word that installs uv. */
export interface UvInstall<At> {
  /** `pip`: a requirement of `pip`/`pipx install`; `installer`: an installer or release URL. */
  kind: "pip" | "installer";
  pin: UvInstallPin;
  /** The exact version when `pin` is `exact`. */
  version: string | null;
  /** The word as read (the requirement or the URL). */
  word: string;
  at: At;
}

/** `pip`, `pip3`, `pip3.12`, `/usr/bin/pip3`, `pipx` (also reached through `python -m pip` and `uv pip`). */
const PIP_COMMAND = /^(?:.*\/)?(?:pip(?:\d+(?:\.\d+)*)?|pipx)$/;

/** The requirement `uv` with an optional specifier (the name is case-insensitive; `uvicorn` is another package). */
const UV_REQUIREMENT = /^uv(?:\s*([=<>~!].*))?$/i;

/** pip options after which a requirement may be pinned by a file this command does not show. */
const CONSTRAINT_OPTIONS = /^(-c|--constraint|--constraints)(=|$)/;

/** The versioned installer and release downloads; the version is the captured path segment. */
const VERSIONED_URLS = [/astral\.sh\/uv\/([^/\s]+)\/install\.(?:sh|ps1)\b/, /github\.com\/astral-sh\/uv\/releases\/download\/([^/\s]+)\//];

/** The installer for the newest release (`https://astral.sh/uv/install.sh`, `…/releases/latest/download/…`). */
const FLOATING_URLS = [/astral\.sh\/uv\/install\.(?:sh|ps1)\b/, /github\.com\/astral-sh\/uv\/releases\/latest\/download\//];

/** What one word that may be an installer URL says about the uv it installs; null when it is no uv installer URL. */
export function installerUrlPin(word: string): { pin: UvInstallPin; version: string | null } | null {
  for (const pattern of VERSIONED_URLS) {
    const segment = pattern.exec(word)?.[1];
    if (segment === undefined) continue;
    const version = exactUvVersion(segment);
    return version === null ? { pin: "indirect", version: null } : { pin: "exact", version };
  }
  return FLOATING_URLS.some((pattern) => pattern.test(word)) ? { pin: "none", version: null } : null;
}

/** What a `uv…` requirement of `pip install` pins; null when the word is not a requirement on uv. */
function requirementPin(word: string): { pin: UvInstallPin; version: string | null } | null {
  const match = UV_REQUIREMENT.exec(word);
  if (match === null) return null;
  const specifier = match[1]?.trim();
  if (specifier === undefined) return { pin: "none", version: null };
  const exact = /^===?\s*(.+)$/.exec(specifier);
  if (exact === null) return { pin: "range", version: null };
  const version = exactUvVersion(exact[1]!);
  // `uv==0.11.*` is a range; `uv==$UV_VERSION` names a version this file does not show.
  if (version !== null) return { pin: "exact", version };
  return exact[1]!.includes("*") ? { pin: "range", version: null } : { pin: "indirect", version: null };
}

/**
 * Every word of these shell tokens that installs uv, in order: requirements on uv after
 * `pip install` / `pipx install` (through any pip executable, `python -m pip` and `uv pip` alike),
 * and uv installer URLs anywhere (fetched by `curl`, `wget`, `irm`, `ADD`, …).
 */
export function findUvInstalls<At>(tokens: Iterable<ShellToken<At>>): UvInstall<At>[] {
  const installs: UvInstall<At>[] = [];
  let state: "idle" | "pip" | "install" = "idle";
  let commandStart = 0;
  let constrained = false;
  let previousWasUv = false;
  // A constraints file may pin what the command line leaves open.
  const endCommand = (): void => {
    if (constrained) {
      for (const install of installs.slice(commandStart)) if (install.kind === "pip" && (install.pin === "none" || install.pin === "range")) install.pin = "indirect";
    }
    commandStart = installs.length;
    constrained = false;
  };
  for (const token of tokens) {
    if ("separator" in token) {
      endCommand();
      state = "idle";
      continue;
    }
    const url = installerUrlPin(token.word);
    if (url !== null) installs.push({ kind: "installer", ...url, word: token.word, at: token.at });
    if (state === "install") {
      if (CONSTRAINT_OPTIONS.test(token.word)) constrained = true;
      // `"uv >= 0.5"` split at its spaces: the specifier follows the name.
      const previous = installs.at(-1);
      if (previous?.kind === "pip" && previous.pin === "none" && installs.length > commandStart && previousWasUv && /^[=<>~!]/.test(token.word)) previous.pin = "range";
      previousWasUv = false;
      const requirement = requirementPin(token.word);
      if (requirement !== null) installs.push({ kind: "pip", ...requirement, word: token.word, at: token.at });
      previousWasUv = requirement !== null;
    } else if (PIP_COMMAND.test(token.word)) state = "pip";
    else if (state === "pip") state = token.word === "install" ? "install" : token.word.startsWith("-") ? "pip" : "idle";
  }
  endCommand();
  return installs;
}
