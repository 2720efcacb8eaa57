import type { DockerfileFile, InstructionNode } from "../languages/dockerfile/ast.js";
import { stageNameOf } from "../languages/dockerfile/scope.js";

/** uv commands that find or install the project's Python from `.python-version` (https://docs.astral.sh/uv/concepts/python-versions/#python-version-files). */
const UV_COMMAND_READING_PYTHON_VERSION = /(?:^|[\s;&|(/])uv\s+(?:sync|run|venv)\b/;

/**
 * Settings under which uv does not take the `.python-version` Python, or does not download it:
 * an explicit request (`UV_PYTHON`, `--python`, `-p`), or no managed Python
 * (https://docs.astral.sh/uv/reference/environment/).
 */
const OVERRIDING_VARIABLES: ReadonlySet<string> = new Set(["UV_PYTHON", "UV_PYTHON_DOWNLOADS", "UV_NO_MANAGED_PYTHON", "UV_PYTHON_PREFERENCE", "UV_MANAGED_PYTHON"]);
const OVERRIDING_OPTION = /(?:^|\s)(?:--python\b|-p\s|--no-python-downloads\b|--no-managed-python\b|--managed-python\b|--python-preference\b)|\bUV_PYTHON/;

const PYTHON_VERSION_SOURCE = /^(?:\.\/?|(?:\.\/)?\.python-version)$/;

/** Whether a COPY or ADD brings `.python-version` of the build context along: `COPY . /app`, `ADD .python-version ./`. */
function copiesPythonVersionFile(node: InstructionNode): boolean {
  if (node.keyword !== "COPY" && node.keyword !== "ADD") return false;
  if (node.flags.some((flag) => flag.name.toLowerCase() === "from")) return false;
  return node.arguments.slice(0, -1).some((argument) => PYTHON_VERSION_SOURCE.test(argument.value));
}

/** Whether a RUN bind-mounts `.python-version` from the build context. */
function mountsPythonVersionFile(node: InstructionNode): boolean {
  return node.flags.some(
    (flag) => flag.name.toLowerCase() === "mount" && flag.options.some((option) => option.name.toLowerCase() === "source" && PYTHON_VERSION_SOURCE.test(option.value ?? "")),
  );
}

/**
 * Whether uv picks the Python of the build from `.python-version`: a `uv sync`, `uv run` or
 * `uv venv` runs after the file is copied into the image (or with it bind-mounted), and nothing
 * asks uv for another Python or keeps it from downloading one. Then uv downloads the pinned Python
 * when the image lacks it and builds the environment on it, whatever the base image's Python.
 */
export function uvTakesPythonFromVersionFile(dockerfile: DockerfileFile, text: string): boolean {
  let copied = false;
  let found = false;
  for (const node of dockerfile.body) {
    if (node.type !== "Instruction") continue;
    if (node.properties.some((property) => OVERRIDING_VARIABLES.has(property.name))) return false;
    if (node.keyword === "FROM") copied = false;
    copied ||= copiesPythonVersionFile(node);
    if (node.keyword !== "RUN") continue;
    // Options are read per command: `mkdir -p /app && uv sync` asks uv for no Python.
    const commands = text.slice(...node.range).split(/&&|\|\||;|\|/).filter((command) => UV_COMMAND_READING_PYTHON_VERSION.test(command));
    if (commands.length === 0) continue;
    if (commands.some((command) => OVERRIDING_OPTION.test(command))) return false;
    found ||= copied || mountsPythonVersionFile(node);
  }
  return found;
}

/**
 * Whether a stage copies files out of another stage (`COPY --from=builder`, `COPY --from=0`): then
 * a virtual environment built in one stage may run in another, on the Python of that stage's base
 * image, and the stages' Pythons must change together.
 */
export function copiesBetweenStages(dockerfile: DockerfileFile): boolean {
  const stages: string[] = [];
  for (const node of dockerfile.body) {
    if (node.type !== "Instruction") continue;
    if (node.keyword === "FROM") stages.push(stageNameOf(node) ?? String(stages.length));
    if (node.keyword !== "COPY" && node.keyword !== "ADD") continue;
    const from = node.flags.find((flag) => flag.name.toLowerCase() === "from")?.value?.toLowerCase();
    if (from !== undefined && (stages.includes(from) || /^\d+$/.test(from))) return true;
  }
  return false;
}
