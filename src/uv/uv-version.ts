/**
 * uv version strings as setup-uv's `version` input and uv's `required-version` read them
 * (https://github.com/astral-sh/setup-uv#install-a-specific-version).
 */

/** An exact uv release: `0.11.8`. */
export const EXACT_UV_VERSION = /^\d+\.\d+\.\d+$/;

export type UvVersionSpecKind = "exact" | "latest" | "range" | "empty";

/** What a `version:` string asks setup-uv for. */
export function classifyUvVersionSpec(value: string): UvVersionSpecKind {
  const trimmed = value.trim();
  if (trimmed === "") return "empty";
  if (EXACT_UV_VERSION.test(trimmed)) return "exact";
  if (/^latest(-known)?$/i.test(trimmed)) return "latest";
  return "range";
}

/**
 * The exact version a PEP 440 `required-version` pins (`==0.5.14`, `0.5.14`, `===0.5.14`),
 * or null for a range such as `>=0.5` or `==0.5.*`.
 */
export function exactRequiredVersion(specifier: string): string | null {
  const match = /^\s*(?:===?)?\s*v?(\d+\.\d+\.\d+)\s*$/.exec(specifier);
  return match?.[1] ?? null;
}

/** `0.11.8`, `0.11.32-python3.12-trixie-slim`, `0.11.17@sha256:…`: a patch version, a tag suffix, a digest. */
const VERSION_AT_TAG_START = /^(\d+\.\d+\.\d+)(?:-[0-9A-Za-z][0-9A-Za-z._-]*)?(?:@sha256:[0-9A-Fa-f]+)?$/;

/** The exact uv version a Docker tag, a `uv==X` requirement or an ARG value starts with, or null when it is not exact. */
export function exactUvVersion(text: string): string | null {
  return VERSION_AT_TAG_START.exec(text.trim())?.[1] ?? null;
}
