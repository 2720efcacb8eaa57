import { existsSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { createDockerignoreRule } from "../src/create-rule.js";
import { buildContextOf, copiesFromRepositoryRoot, isInVendoredTree } from "../src/docker/build-contexts.js";
import { isExampleTemplateOrDevContainerDockerfile } from "../src/docker/dockerfile-roles.js";
import { pathsNamedByDockerfile, readDockerfileContextUse, shippingCopyOf } from "../src/docker/context-use.js";
import type { DockerignoreFile, PatternNode } from "../src/languages/dockerignore/ast.js";
import { contextPath, exceptionLineFor } from "../src/languages/dockerignore/context-path.js";
import { detectEol } from "../src/fix/text-edits.js";
import { matchPath } from "../src/languages/dockerignore/matcher.js";
import { dockerPatternOf } from "../src/languages/dockerignore/parser.js";
import { newPattern, readIgnoreLine, type DockerPattern } from "../src/languages/dockerignore/pattern.js";
import { versionComesFromGit } from "../src/uv/pyproject-vcs-version.js";
import { isGitIgnored } from "../src/repository/git-ignored.js";
import { repositoryRootOf } from "../src/repository/root.js";

type Options = [{ patterns: string[]; keep: string[] }];
type MessageIds = "missingPatterns";

/** The comment the fix writes above the patterns it adds. */
export const LOCAL_STATE_HEADER = "# Local state and secrets (uv-ci/dockerignore-excludes-local-state)";

/** A name no real file has, standing in for what `*` and `?` match when probing a pattern. */
const PROBE = "uv-ci-probe";

/**
 * Paths a pattern must exclude for the file to count as excluding what the pattern does: the path
 * itself with `*` and `?` filled in, and for `**` also a copy one directory down.
 */
function probePaths(pattern: string): string[] {
  const cleaned = contextPath(pattern) ?? pattern;
  const nested = cleaned.startsWith("**/");
  const path = (nested ? cleaned.slice(3) : cleaned).replaceAll("**", PROBE).replaceAll("*", PROBE).replaceAll("?", "p");
  return nested ? [path, `${PROBE}/${path}`] : [path];
}

function compile(lines: string[]): DockerPattern[] {
  return lines.flatMap((line) => {
    const read = readIgnoreLine(line);
    return read.kind === "pattern" ? (newPattern(read.readAll) ?? []) : [];
  });
}

/** Local state of tools the project may not use (`.claude/` of Claude Code): reported with a missing `.env`, `.venv` or `.git`, never alone. */
const ALONGSIDE_ONLY: ReadonlySet<string> = new Set([".claude"]);

/** Whether a pattern names one path literally, so that what it excludes is that path and what lies below it. */
function isLiteral(pattern: string): boolean {
  return !/[*?[\]\\]/.test(pattern);
}

/**
 * Whether the file lists paths that `pattern` would cover one by one (`.env.local` and
 * `.env.test` for `.env.*`): a deliberate list, which a wildcard must not overrule, since it would
 * also take out the variants the build reads (`.env.production` for `next build`).
 */
function listsVariantsOneByOne(pattern: string, existing: readonly DockerPattern[]): boolean {
  if (isLiteral(pattern)) return false;
  const wildcard = compile([pattern]);
  const probes = probePaths(pattern);
  return existing.some(
    (line) => !line.exception && isLiteral(line.cleaned) && !probes.includes(line.cleaned) && matchPath(wildcard, line.cleaned).excluded,
  );
}

/**
 * Whether `pattern` only widens a path the file already excludes (`.env.*` where `.env` is out):
 * variants of a file the maintainer has thought about, which may not exist, and which alone are
 * not worth a report.
 */
function refinesExcludedPath(pattern: string, existing: readonly DockerPattern[]): boolean {
  const stem = pattern.split(/[*?]/, 1)[0]!.replace(/[._-]+$/, "");
  return !isLiteral(pattern) && stem !== "" && !stem.endsWith("/") && matchPath(existing, contextPath(stem) ?? stem).excluded;
}

/** Patterns for dotenv files (`.env`, `.env.*`), also under any directory. */
const ENV_FILE_PATTERN = /^(?:\*\*\/)?\.env(?:$|[.*])/;

function excludesGitAndVenv(existing: readonly DockerPattern[]): boolean {
  return [".git", ".venv"].every((path) => matchPath(existing, path).excluded);
}

/** Whether the repository shows that a `.env` is kept in `directory`: one is there, or Git is told to ignore one. */
function keepsEnvFile(repositoryRoot: string, directory: string): boolean {
  const envFile = join(directory, ".env");
  return existsSync(envFile) || isGitIgnored(repositoryRoot, envFile);
}

function listed(items: string[]): string {
  const quoted = items.map((item) => `\`${item}\``);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
}

export default createDockerignoreRule<Options, MessageIds>({
  name: "dockerignore-excludes-local-state",
  meta: {
    type: "problem",
    docs: {
      description: "Require `.dockerignore` to keep secrets and local state such as `.env`, `.venv`, `.git` and `.claude/` out of the build context",
      recommended: false,
      optIn: true,
    },
    fixable: "code",
    schema: [
      {
        type: "object",
        properties: {
          patterns: {
            type: "array",
            items: { type: "string", minLength: 1, pattern: "^[^!#\\s\\[\\]\\\\][^\\[\\]\\\\]*$" },
            uniqueItems: true,
            description:
              "Patterns the file must exclude, relative to the build context root (`*`, `?` and a leading `**/` allowed); the fix appends the missing ones as written.",
          },
          keep: {
            type: "array",
            items: { type: "string", minLength: 1 },
            uniqueItems: true,
            description:
              "Paths that must stay in the build context: when an added pattern would exclude one that the file keeps, the fix adds a `!` exception for it.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ patterns: [".env", ".env.*", ".venv", ".git", ".claude"], keep: [".env.example"] }],
    messages: {
      missingPatterns:
        "`{{file}}` lets {{missing}} into the Docker build context, and line {{line}} of `{{dockerfile}}` copies it into the image it ships (assuming it is built from this folder), so secrets and local state end up in that image. Add {{lines}} to the end of the file.",
    },
    languages: ["uv-ci/dockerignore"],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const text = sourceCode.text;

    return {
      DockerignoreFile(root: DockerignoreFile) {
        const existing = root.body.filter((node): node is PatternNode => node.type === "Pattern").map(dockerPatternOf);
        // A file Docker refuses is no build context at all; other checks say why.
        if (existing.some((pattern) => pattern.error !== null) || matchPath(existing, PROBE).error) return;
        const ignoreFile = resolve(context.cwd, context.filename);
        const repositoryRoot = repositoryRootOf(context);
        const buildContext = buildContextOf(ignoreFile, repositoryRoot);
        // An ignore file no build reads, or one that belongs to vendored code, is not the repository's to fix.
        if (buildContext.dockerfiles.length === 0 || isInVendoredTree(repositoryRoot, buildContext.directory)) return;
        const builds = buildContext.dockerfiles.map((file) => ({ file, use: readDockerfileContextUse(file) }));
        // What a build takes from the context by name stays in it: a file it copies, `.git` for a
        // build that runs git or bind-mounts the context, or whose project takes its version from Git.
        const needed = builds.flatMap(({ use }) => pathsNamedByDockerfile(use));
        if (versionComesFromGit(dirname(ignoreFile))) needed.push(".git");
        // Only a Python build from this folder that copies the context into the image it ships can
        // leak it; a Go or Node build, or one built from the repository root, is not this file's. Nor
        // is a sample's or a template's: its context is the maintainers' clean tree until a reader
        // copies it out, and reviewers split on whether that is worth a report; a dev container ships nothing.
        const shipping = builds.filter(
          ({ file, use }) =>
            use.usesPython &&
            !isExampleTemplateOrDevContainerDockerfile(file, repositoryRoot) &&
            !copiesFromRepositoryRoot(repositoryRoot, buildContext.directory, use.copiedSources),
        );
        // Git keeps `.git` at the repository's root: a context below it holds none (unless it is a repository itself).
        const gitInContext = buildContext.directory === repositoryRoot || existsSync(join(buildContext.directory, ".git"));
        const wanted = options.patterns.filter(
          (pattern) =>
            !(isLiteral(pattern) && needed.some((path) => matchPath(compile([pattern]), path).excluded)) &&
            !listsVariantsOneByOne(pattern, existing) &&
            (gitInContext || contextPath(pattern) !== ".git"),
        );
        const copies = wanted.flatMap((pattern) => {
          const copy = probePaths(pattern)
            .filter((path) => !matchPath(existing, path).excluded)
            .flatMap((path) => shipping.flatMap(({ file, use }) => {
              const found = shippingCopyOf(use, path);
              return found === null ? [] : [{ file, line: found.line }];
            }))[0];
          return copy === undefined ? [] : [{ pattern, copy }];
        });
        // A file that already keeps out `.git` and the virtual environment has been thought through: a
        // missing `.env` there is worth a report only where the repository shows it keeps one.
        const envFileUnknown = excludesGitAndVenv(existing) && !keepsEnvFile(repositoryRoot, buildContext.directory);
        const leaks = envFileUnknown ? copies.filter(({ pattern }) => !ENV_FILE_PATTERN.test(pattern)) : copies;
        // Variants of what is already out, and an agent's local state, are worth listing beside a real leak, not alone.
        if (leaks.length === 0 || leaks.every(({ pattern }) => refinesExcludedPath(pattern, existing) || ALONGSIDE_ONLY.has(pattern))) return;
        const missing = leaks.map(({ pattern }) => pattern);
        const { copy } = leaks[0]!;

        const after = [...existing, ...compile(missing)];
        const exceptions = [...new Set([...options.keep.flatMap((path) => contextPath(path) ?? []), ...needed])]
          .filter((path) => !matchPath(existing, path).excluded && matchPath(after, path).excluded)
          .map(exceptionLineFor);
        const lines = [LOCAL_STATE_HEADER, ...missing, ...exceptions];
        const firstLineEnd = text.search(/\r?\n|$/);
        context.report({
          loc: { start: { line: 1, column: 0 }, end: { line: 1, column: firstLineEnd } },
          messageId: "missingPatterns",
          data: {
            file: basename(context.filename),
            missing: listed(missing),
            dockerfile: relative(buildContext.directory, copy.file).split("\\").join("/"),
            line: String(copy.line),
            lines: listed([...missing, ...exceptions]),
          },
          fix: (fixer) => fixer.insertTextAfterRange([text.length, text.length], appendedBlock(text, lines)),
        });
      },
    };
  },
});

/**
 * `lines` as a block at the end of `text`, after one blank line, in the file's line ending; a file
 * that ends without a newline still does, and an empty file gets one.
 */
function appendedBlock(text: string, lines: string[]): string {
  const eol = detectEol(text);
  const block = lines.join(eol);
  if (text.trim() === "") return text.endsWith("\n") || text === "" ? `${block}${eol}` : `${eol}${block}`;
  if (text.endsWith("\n")) {
    const endsWithBlankLine = /\n[ \t]*\r?\n$/.test(text);
    return `${endsWithBlankLine ? "" : eol}${block}${eol}`;
  }
  return `${eol}${eol}${block}`;
}
