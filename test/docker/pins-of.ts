import path from "node:path";
import { readDockerfileUvPins, type ReadDockerfileUvPinsOptions } from "../../src/docker/uv-pins.js";
import { makeTree } from "./temp-tree.js";

/** A pin without its file, for compact expectations. */
export interface PinSummary {
  version: string;
  line: number;
  source: string;
}

/** Writes `content` as a Dockerfile in a fresh temporary directory and returns its pins without the file name. */
export function pinsOf(content: string, options?: ReadDockerfileUvPinsOptions): PinSummary[] {
  const file = path.join(makeTree({ Dockerfile: content }), "Dockerfile");
  return readDockerfileUvPins(file, options).map(({ version, line, source }) => ({ version, line, source }));
}

/** Only the versions of the pins of `content`. */
export function versionsOf(content: string, options?: ReadDockerfileUvPinsOptions): string[] {
  return pinsOf(content, options).map((pin) => pin.version);
}
