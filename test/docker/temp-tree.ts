import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const created: string[] = [];

afterAll(() => {
  for (const directory of created) {
    // Restore permissions a test may have removed, so the tree can be deleted.
    for (const entry of fs.readdirSync(directory, { recursive: true, withFileTypes: true })) {
      if (entry.isDirectory()) fs.chmodSync(path.join(entry.parentPath, entry.name), 0o755);
    }
    fs.rmSync(directory, { recursive: true, force: true });
  }
});

/**
 * Creates a fresh temporary directory holding `files` (paths relative to it, `/`-separated) and
 * returns its real absolute path. The directory is removed after the test file.
 */
export function makeTree(files: Record<string, string | Uint8Array> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "uv-ci-docker-")));
  created.push(root);
  for (const [relativePath, content] of Object.entries(files)) {
    const target = path.join(root, ...relativePath.split("/"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return root;
}
