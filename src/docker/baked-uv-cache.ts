import type { Arg, Env, From, Run } from "dockerfile-ast";
import { dockerfileAst } from "../lazy-modules.js";
import { BuildVariables } from "./build-variables.js";
import { rawWords, shellTokens } from "./uv-pin-sites.js";

/** uv subcommands that download into uv's cache (https://docs.astral.sh/uv/concepts/cache/). */
const CACHE_FILLING_SUBCOMMANDS: ReadonlySet<string> = new Set(["sync", "run", "add", "lock", "pip", "tool", "build"]);

/** `uv pip` subcommands that only read or remove what is installed: they download nothing. */
const NON_FILLING_PIP_SUBCOMMANDS: ReadonlySet<string> = new Set(["uninstall", "list", "show", "freeze", "check", "tree"]);

/** uv's `--no-cache`, with its short form and the pip-compatible spelling uv accepts (`--no-cache-dir`). */
const NO_CACHE_OPTIONS = ["--no-cache", "-n", "--no-cache-dir"];

/** `uv`, `/usr/local/bin/uv`, `$HOME/.local/bin/uv` once substituted. */
const UV_COMMAND = /^(?:.*\/)?uv$/;
const UVX_COMMAND = /^(?:.*\/)?uvx$/;

/** How uv reads a boolean environment variable such as `UV_NO_CACHE`. */
const TRUTHY = /^(?:1|true|yes|on|y|t)$/i;

/** What one RUN instruction does to uv's cache in the image. */
type CacheEvent = "fills" | "clears" | null;

/** Whether a `--mount=type=cache` target holds uv's cache, so that what uv writes there stays out of the image. */
function coversUvCache(target: string, uvCacheDir: string | null): boolean {
  const normalized = target.replace(/\/+$/, "");
  if (normalized === "") return false;
  if (uvCacheDir !== null && (uvCacheDir === normalized || uvCacheDir.startsWith(`${normalized}/`))) return true;
  return /(?:^|\/)uv$/.test(normalized) || normalized.endsWith("/.cache") || normalized.includes(".cache/uv");
}

/** Whether a path names uv's cache directory (`rm -rf /root/.cache/uv`, `rm -rf $UV_CACHE_DIR`). */
function namesUvCache(path: string, uvCacheDir: string | null): boolean {
  const normalized = path.replace(/\/+$/, "");
  return (uvCacheDir !== null && normalized === uvCacheDir) || normalized.includes(".cache/uv") || normalized.endsWith("/.cache");
}

/** The simple commands of a RUN instruction: its shell words split at `&&`, `;`, `|` and the like. */
function commandsOf(run: Run, variables: BuildVariables, sourceLines: readonly string[]): string[][] {
  const commands: string[][] = [[]];
  const heredocSourceLines = run.getHeredocs().length > 0 ? sourceLines : null;
  for (const token of shellTokens(rawWords(run, sourceLines), variables, heredocSourceLines)) {
    if ("separator" in token) commands.push([]);
    else commands.at(-1)!.push(token.word);
  }
  return commands.filter((command) => command.length > 0);
}

/** What one simple command does to uv's cache. */
function commandEvent(words: readonly string[], uvCacheDir: string | null, noCacheInScope: boolean): CacheEvent {
  let index = 0;
  let noCache = noCacheInScope;
  if (words[index] === "env") index++;
  // `VAR=value uv sync`: inline environment assignments.
  for (; index < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index]!); index++) {
    const [name, value] = words[index]!.split(/=(.*)/s);
    if (name === "UV_NO_CACHE") noCache = TRUTHY.test(value ?? "");
  }
  const [command, ...args] = words.slice(index);
  if (command === undefined) return null;
  if (command === "rm") return args.some((arg) => !arg.startsWith("-") && namesUvCache(arg, uvCacheDir)) ? "clears" : null;
  const isUvx = UVX_COMMAND.test(command);
  if (!isUvx && !UV_COMMAND.test(command)) return null;
  if (args.some((arg) => NO_CACHE_OPTIONS.includes(arg))) return null;
  const positional = args.filter((arg) => !arg.startsWith("-"));
  const subcommand = isUvx ? "tool" : positional[0];
  if (subcommand === "cache") return args.includes("clean") ? "clears" : null;
  if (subcommand === "pip" && NON_FILLING_PIP_SUBCOMMANDS.has(positional[1] ?? "")) return null;
  return !noCache && subcommand !== undefined && CACHE_FILLING_SUBCOMMANDS.has(subcommand) ? "fills" : null;
}

/** What a RUN instruction leaves in the image's uv cache: the last cache event of its commands. */
function runEvent(run: Run, variables: BuildVariables, sourceLines: readonly string[]): CacheEvent {
  const uvCacheDir = variables.lookup("UV_CACHE_DIR") ?? null;
  const mountsUvCache = run.getFlags().some((flag) => {
    if (flag.getName().toLowerCase() !== "mount") return false;
    const options = new Map(flag.getOptions().map((option) => [option.getName().toLowerCase(), variables.substitute(option.getValue() ?? "")]));
    const target = options.get("target") ?? options.get("dst") ?? options.get("destination");
    return options.get("type") === "cache" && target !== undefined && coversUvCache(target, uvCacheDir);
  });
  const noCacheInScope = TRUTHY.test(variables.lookup("UV_NO_CACHE") ?? "");
  let event: CacheEvent = null;
  for (const command of commandsOf(run, variables, sourceLines)) {
    const next = commandEvent(command, uvCacheDir, noCacheInScope);
    // What uv writes into a cache mount is not part of the image.
    if (next === "fills" && mountsUvCache) continue;
    event = next ?? event;
  }
  return event;
}

/**
 * Whether the image a Dockerfile builds keeps a uv cache written at build time: a RUN of the final
 * stage (or of an earlier stage it is built `FROM`) runs a uv command that fills the cache
 * (`uv sync`, `uv pip install`, `uv tool install`, `uvx`, …), and no later RUN clears it.
 *
 * Not baked: a cache in a `RUN --mount=type=cache` whose target holds uv's cache (BuildKit keeps it
 * outside the image), `--no-cache` / `-n`, `UV_NO_CACHE` set by `ENV`, `ARG` or inline, and
 * `uv cache clean` or `rm` of the cache directory afterwards
 * (https://docs.astral.sh/uv/guides/integration/docker/#caching). A cache written in a builder stage
 * that the final stage only copies files from is not in the image either.
 *
 * Never throws: text that does not parse bakes nothing.
 */
export function bakesUvCache(content: string): boolean {
  try {
    return lastCacheEvent(content) === "fills";
  } catch {
    return false;
  }
}

function lastCacheEvent(content: string): CacheEvent {
  const dockerfile = dockerfileAst().DockerfileParser.parse(content);
  const sourceLines = content.split(/\r\n|\r|\n/);
  const variables = new BuildVariables(dockerfile.getEscapeCharacter());
  const stages: { name: string | null; base: string | null; events: CacheEvent[] }[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === "FROM") {
      const from = instruction as From;
      const raw = from.getImage();
      const image = raw === null ? null : variables.substituteInFrom(raw);
      variables.enterStage(from, image);
      stages.push({ name: from.getBuildStage()?.toLowerCase() ?? null, base: image?.toLowerCase() ?? null, events: [] });
    } else if (keyword === "ARG") variables.declareArg(instruction as Arg);
    else if (keyword === "ENV") variables.declareEnv(instruction as Env);
    else if (keyword === "RUN" && stages.length > 0) stages.at(-1)!.events.push(runEvent(instruction as Run, variables, sourceLines));
  }
  // The final stage and the stages it is built FROM, base first.
  const lineage: typeof stages = [];
  for (let index = stages.length - 1; index >= 0; ) {
    const stage = stages[index]!;
    lineage.unshift(stage);
    let parent = index - 1;
    while (parent >= 0 && (stage.base === null || stages[parent]!.name !== stage.base)) parent--;
    index = parent;
  }
  return lineage.flatMap((stage) => stage.events).reduce<CacheEvent>((last, event) => event ?? last, null);
}
