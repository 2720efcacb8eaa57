/** Paths inside a Docker build context, and the `.dockerignore` patterns that name exactly one of them. */
import { cleanPath } from "./go-path.js";

const GLOB_SYNTAX = /[*?[\]\\]/u;

/** A path relative to the build context root (`./a`, `/a` → `a`); null for the root itself or paths outside it. */
export function contextPath(path: string): string | null {
  const cleaned = cleanPath(path.trim()).replace(/^\/+/u, "");
  if (cleaned === "" || cleaned === "." || cleaned === ".." || cleaned.startsWith("../")) return null;
  return cleaned;
}

/**
 * Whether a normalized pattern names `path` and nothing else Docker would plausibly match: the
 * literal path (written bare, with `/` or `./`), or the path after a leading `**` and `/`, which
 * also matches copies in subdirectories but exists for nothing else.
 */
export function namesOnly(normalized: string, path: string): boolean {
  if (GLOB_SYNTAX.test(path)) return false;
  return normalized === path || normalized === `**/${path}`;
}

/** The exception line that brings `path` back: `!` plus the path with glob characters escaped by `\`. */
export function exceptionLineFor(path: string): string {
  return `!${path.replace(/[*?[\]\\]/gu, "\\$&")}`;
}
