import { exactUvVersion } from "../uv/uv-version.js";

/**
 * Names of the uv images: the GitHub registry and its Docker Hub mirror
 * (https://docs.astral.sh/uv/guides/integration/docker/#available-images).
 */
const UV_IMAGE_NAMES: ReadonlySet<string> = new Set([
  "ghcr.io/astral-sh/uv",
  "astral/uv",
  "docker.io/astral/uv",
  "index.docker.io/astral/uv",
]);

/** Whether an image name without tag or digest names a uv image (case-insensitive). */
export function isUvImageName(name: string): boolean {
  return UV_IMAGE_NAMES.has(name.toLowerCase());
}

/**
 * An image reference split the way Docker reads `name[:tag][@digest]`
 * (https://docs.docker.com/reference/cli/docker/image/tag/#description): the tag's `:` is the first
 * one after the last `/`, so a registry port (`localhost:5000/uv`) is part of the name.
 */
export interface ImageReference {
  name: string;
  /** The tag without `:`, or null when there is none (Docker then pulls `latest`). */
  tag: string | null;
  /** Offset of the tag in the reference (just after `:`), or of where a tag would go. */
  tagStart: number;
  /** `sha256:…` without `@`, or null. */
  digest: string | null;
}

/** Splits an image reference; null for an empty one. */
export function parseImageReference(reference: string): ImageReference | null {
  const at = reference.indexOf("@");
  const nameAndTag = at === -1 ? reference : reference.slice(0, at);
  const digest = at === -1 ? null : reference.slice(at + 1);
  const colon = nameAndTag.indexOf(":", nameAndTag.lastIndexOf("/") + 1);
  const name = colon === -1 ? nameAndTag : nameAndTag.slice(0, colon);
  if (name === "") return null;
  return { name, tag: colon === -1 ? null : nameAndTag.slice(colon + 1), tagStart: colon === -1 ? nameAndTag.length : colon + 1, digest };
}

/**
 * How a uv image reference pins uv (https://docs.docker.com/reference/dockerfile/#from and
 * https://docs.astral.sh/uv/guides/integration/docker/#available-images):
 * - `untagged`: no tag and no digest, so Docker pulls `latest`;
 * - `latest`: the `latest` tag;
 * - `versionless`: a tag that names no uv version (`alpine`, `python3.12-bookworm-slim`), which
 *   moves with every uv release like `latest`;
 * - `pinned`: a tag that starts with a version (`0.11.8`, `0.11.8-alpine`, or `0.11`, which stays
 *   on one minor release and so on one cache layout), or a digest.
 * Null when the reference does not name a uv image.
 */
export type UvImagePin = "untagged" | "latest" | "versionless" | "pinned";

/** Reads a reference with its variables already substituted; null when it is not a uv image. */
export function uvImagePin(reference: string): UvImagePin | null {
  const image = parseImageReference(reference);
  if (!image || !isUvImageName(image.name)) return null;
  if (image.digest !== null) return "pinned";
  if (image.tag === null) return "untagged";
  if (image.tag === "latest") return "latest";
  return /^\d+\.\d+(?:[.-]|$)/.test(image.tag) ? "pinned" : "versionless";
}

/**
 * The exact version an image reference pins when it names a uv image, otherwise null: no tag, a
 * tag without a version (`latest`, `python3.12-bookworm-slim`) or a minor-only tag (`0.11`).
 */
export function uvImageVersion(reference: string): string | null {
  const image = parseImageReference(reference);
  if (!image || image.tag === null || !isUvImageName(image.name)) return null;
  return exactUvVersion(image.tag);
}
