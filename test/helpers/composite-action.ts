import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFiles } from "./cli.js";

/** Where a repository keeps its composite action, as fastmcp's and reflex's do. */
export const ACTION_PATH = ".github/actions/setup/action.yml";

/**
 * A composite action's `action.yml` with these steps, written as list entries indented by four
 * spaces (`    - uses: …`), and a `python-version` and `uv-version` input.
 */
export function compositeAction(steps: string): string {
  return `name: Set up\ninputs:\n  python-version:\n    default: "3.12"\n  uv-version:\n    default: ""\nruns:\n  using: composite\n  steps:\n${steps}`;
}

/** A temporary repository with these files; returns the absolute path of its composite action's `action.yml`. */
export function actionInRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-action-"));
  writeFiles(dir, files);
  return join(dir, ACTION_PATH);
}
