import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseForESLint } from "yaml-eslint-parser";
import { changeStamp, FileCache } from "./file-cache.js";
import { resolveInsideRoot } from "./root.js";
import { buildWorkflow, type Workflow } from "../workflow/model.js";
import { yamlTextMayMatch } from "../workflow/yaml-nodes.js";

/** A composite action of the repository that a workflow step runs with `uses: ./path`, parsed. */
export interface LocalAction {
  /** Path of its metadata file relative to the repository root, with `/` (`.github/actions/setup/action.yml`). */
  relativePath: string;
  /** Its model: one job, `runs`, whose steps are the action's (see model.ts). */
  action: Workflow;
}

const parsed = new FileCache<string, LocalAction | null>();

/**
 * The composite action a step's `uses: ./path` runs: `<root>/path/action.yml`, else `action.yaml`
 * (a local action's path is read from the root of the checkout, https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#example-using-an-action-in-the-same-repository-as-the-workflow).
 * Null when the path leaves the repository, names no metadata file, or the action is not a
 * composite one (a JavaScript or Docker action has no steps to follow). Each file is parsed once per
 * process until it changes on disk, as the other workflows are (workflows.ts).
 */
function localAction(root: string, usesPath: string): LocalAction | null {
  const directory = resolveInsideRoot(root, usesPath);
  if (directory === null) return null;
  for (const name of ["action.yml", "action.yaml"]) {
    const path = join(directory, name);
    const stamp = changeStamp(path);
    if (stamp === null) continue;
    return parsed.get(path, stamp, () => parseAction(root, path));
  }
  return null;
}

/**
 * `localAction` for one lint: each path is looked up once however many workflows call it (every
 * workflow linted asks about the actions all the others call).
 */
export function localActionReader(root: string): (usesPath: string) => LocalAction | null {
  const found = new Map<string, LocalAction | null>();
  return (usesPath) => {
    let action = found.get(usesPath);
    if (action === undefined) found.set(usesPath, (action = localAction(root, usesPath)));
    return action;
  };
}

function parseAction(root: string, path: string): LocalAction | null {
  try {
    const text = readFileSync(path, "utf8");
    const action = buildWorkflow({ ast: parseForESLint(text).ast, text });
    return action.kind === "composite-action" ? { relativePath: relative(root, path).split("\\").join("/"), action } : null;
  } catch {
    // A file that does not parse is reported when it is linted itself; here it has no steps to follow.
    return null;
  }
}

/** How deep under `.github/actions` a composite action's folder is looked for (`.github/actions/docker/build`). */
const ACTIONS_FOLDER_DEPTH = 3;

/**
 * The composite actions under `<root>/.github/actions`, where repositories keep their own actions,
 * whose metadata text can match `mentions`: every `action.yml` or `action.yaml` up to three folders
 * deep. Found by where they are rather than by the workflows' `uses: ./…`, which a workflow may
 * spell in ways this plugin does not follow.
 */
export function repositoryActionFiles(root: string, mentions: RegExp): LocalAction[] {
  const found: LocalAction[] = [];
  const visit = (relativeFolder: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(join(root, relativeFolder), { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((entry) => entry.isFile() && /^action\.ya?ml$/.test(entry.name))) {
      const action = localAction(root, `./${relativeFolder}`);
      if (action && yamlTextMayMatch(action.action.text, mentions)) found.push(action);
    }
    if (depth >= ACTIONS_FOLDER_DEPTH) return;
    for (const entry of entries) if (entry.isDirectory()) visit(`${relativeFolder}/${entry.name}`, depth + 1);
  };
  visit(".github/actions", 0);
  return found;
}
