import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { parseForESLint } from "yaml-eslint-parser";
import { isActionMetadataFileName } from "../languages/files.js";
import { changeStamp, FileCache } from "./file-cache.js";
import { currentLint, repositoryRootOf } from "./root.js";
import { buildWorkflow, type Job, type Workflow } from "../workflow/model.js";
import { scalarText, yamlTextMayMatch } from "../workflow/yaml-nodes.js";

/** What a rule's context tells about the lint: the file, ESLint's working directory, its source code. */
type LintContext = { filename: string; cwd: string; sourceCode?: unknown };

/** Another workflow file of the same repository, parsed. */
export interface WorkflowFile {
  /** Path relative to the repository root, with `/` (`.github/workflows/ci.yml`). */
  relativePath: string;
  workflow: Workflow;
}

const parsed = new FileCache<string, WorkflowFile | null>();

function parseWorkflowFile(root: string, look: FolderLook, path: string): WorkflowFile | null {
  const stamp = recentStamp(look, path);
  if (stamp === null) return null;
  return parsed.get(path, stamp, () => {
    try {
      const text = readFileSync(path, "utf8");
      const workflow = buildWorkflow({ ast: parseForESLint(text).ast, text });
      return { relativePath: relative(root, path).split("\\").join("/"), workflow };
    } catch {
      // A file that does not parse is reported when it is linted itself; here it simply has no steps.
      return null;
    }
  });
}

/**
 * The other workflows of the repository that the linted file is a workflow or an action's metadata
 * file of: every `*.yml` and `*.yaml` directly in `<root>/.github/workflows`, where GitHub reads them
 * (all of them for an action, which runs in the jobs of any). Empty when the file is neither (an
 * editor buffer, a test). Each file is parsed once per process until it changes on disk; with
 * `mentions`, only the files whose text matches it are parsed.
 */
export function otherWorkflowFiles(context: LintContext, mentions?: RegExp): WorkflowFile[] {
  const root = repositoryRootOf(context);
  const current = resolve(context.filename);
  if (dirname(current) !== workflowDirectory(root) && !isActionMetadataFileName(current)) return [];
  return parsedFiles(root, folderLook(root, { token: currentLint(context), file: current }), mentions, current);
}

/** Text a workflow that calls a reusable workflow of its repository holds. */
const CALLS_LOCAL_WORKFLOW = /uses\s*:\s*["']?\.\/\.github\/workflows\//;

/** A job that calls a reusable workflow, and the workflow file it is in. */
export interface WorkflowCall {
  caller: WorkflowFile;
  job: Job;
}

/**
 * Every call of a reusable workflow of the repository (`uses: ./.github/workflows/lint.yml`) in the
 * linted workflow and the repository's other workflows, by the called file's path relative to the
 * root; null when the linted file is not a workflow of `<root>/.github/workflows`, whose callers
 * this lint therefore cannot read.
 */
export function localWorkflowCalls(context: LintContext, linted: Workflow): Map<string, WorkflowCall[]> | null {
  const root = repositoryRootOf(context);
  const current = resolve(context.filename);
  if (dirname(current) !== workflowDirectory(root)) return null;
  const files = [{ relativePath: relative(root, current).split("\\").join("/"), workflow: linted }, ...otherWorkflowFiles(context, CALLS_LOCAL_WORKFLOW)];
  const calls = new Map<string, WorkflowCall[]>();
  for (const caller of files) {
    for (const job of caller.workflow.jobs) {
      const called = scalarText(job.keys.get("uses")?.value)?.trim();
      if (!called?.startsWith("./.github/workflows/")) continue;
      const path = called.slice(2);
      calls.set(path, [...(calls.get(path) ?? []), { caller, job }]);
    }
  }
  return calls;
}

/** The look's workflow files but `except`, parsed, with `mentions` only those whose text matches it. */
function parsedFiles(root: string, look: FolderLook, mentions: RegExp | undefined, except?: string): WorkflowFile[] {
  return look.paths
    .filter((path) => path !== except && (mentions === undefined || fileMentions(look, path, mentions)))
    .map((path) => parseWorkflowFile(root, look, path))
    .filter((file): file is WorkflowFile => file !== null);
}

const mentionCache = new FileCache<string, boolean>();

/** Whether the file's text can match `pattern` (`yamlTextMayMatch`); read once per file and pattern until it changes. */
function fileMentions(look: FolderLook, path: string, pattern: RegExp): boolean {
  const stamp = recentStamp(look, path);
  if (stamp === null) return false;
  return mentionCache.get(`${pattern.source}\0${path}`, stamp, () => {
    try {
      return yamlTextMayMatch(readFileSync(path, "utf8"), pattern);
    } catch {
      // Unreadable: it has nothing to say.
      return false;
    }
  });
}

/**
 * Every workflow of the repository at `root`: each `*.yml` and `*.yaml` directly in
 * `<root>/.github/workflows`, parsed from disk (the file being linted too), in name order. With
 * `mentions`, only the files whose text matches it are parsed, so that a question most workflows
 * cannot answer (which job runs in a container) does not parse them all.
 */
export function repositoryWorkflowFiles(root: string, mentions?: RegExp): WorkflowFile[] {
  return parsedFiles(root, folderLook(root), mentions);
}

/** `<root>/.github/workflows`, the only folder GitHub reads workflows from. */
function workflowDirectory(root: string): string {
  return join(resolve(root), ".github", "workflows");
}

/**
 * How long a look at a workflow folder (its files, and each file's stamp once asked) is trusted.
 * Every linted workflow asks about all the others: read afresh each time, a repository of N
 * workflows costs N² `stat` calls (10 s of 11 for 1,000 workflows). Within this time a lint reuses
 * the look; an editor sees another file's change once it has passed.
 */
const FOLDER_LOOK_MS = 500;

interface FolderLook {
  takenAt: number;
  paths: string[];
  stamps: Map<string, string | null>;
  /** The files linted under this look, and the lint that asked last. */
  linted: Set<string>;
  lastLint: object | null;
}

const folderLooks = new Map<string, FolderLook>();

/**
 * The folder's current look. A new one is taken after FOLDER_LOOK_MS, and when a file linted under
 * this look is linted again (an editor's next lint of the open file, a `--fix` pass, a test's second
 * lint): a lint of a file always sees the other files as they are after its own previous lint.
 */
function folderLook(root: string, lint?: { token: object | null; file: string }): FolderLook {
  const directory = workflowDirectory(root);
  const now = performance.now();
  let look = folderLooks.get(directory);
  const newLint = lint !== undefined && lint.token !== null && lint.token !== look?.lastLint;
  if (look === undefined || now - look.takenAt > FOLDER_LOOK_MS || (newLint && look.linted.has(lint!.file))) {
    look = { takenAt: now, paths: readWorkflowPaths(directory), stamps: new Map(), linted: new Set(), lastLint: null };
    folderLooks.set(directory, look);
  }
  if (newLint) {
    look.linted.add(lint!.file);
    look.lastLint = lint!.token;
  }
  return look;
}

/** A workflow file's `changeStamp`, as the folder's current look has it. */
function recentStamp({ stamps }: FolderLook, path: string): string | null {
  let stamp = stamps.get(path);
  if (stamp === undefined) {
    stamp = changeStamp(path);
    stamps.set(path, stamp);
  }
  return stamp;
}

/** The paths of the `*.yml` and `*.yaml` files directly in the workflow folder, in name order; none when it cannot be read. */
function readWorkflowPaths(directory: string): string[] {
  try {
    return readdirSync(directory)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(directory, name));
  } catch {
    return [];
  }
}

/** A workflow file's name without its extension (`docs_light` for `docs_light.yml`): no other workflow of the folder has it. */
export function workflowFileStem(filename: string): string {
  return basename(filename, extname(filename));
}
