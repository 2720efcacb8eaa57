import { localActionReader, repositoryActionFiles } from "../repository/local-actions.js";
import { repositoryWorkflowFiles } from "../repository/workflows.js";
import type { Step, Workflow } from "../workflow/model.js";
import { usesAction } from "../workflow/uses.js";
import { scalarText } from "../workflow/yaml-nodes.js";

/** A `uses: ./…` step, whose composite action may pass the build argument. */
const LOCAL_USES = /uses:\s*["']?\.\.?\//;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether the repository's CI passes the Dockerfile build argument `name` to a build: a workflow
 * (or a composite action of the repository) names it in
 * - `build-args` of `docker/build-push-action` (`PYTHON_VERSION=${{ matrix.python }}`),
 * - `set` of `docker/bake-action` (`*.args.PYTHON_VERSION=3.13`),
 * - `--build-arg NAME=…`, `--build-arg=NAME=…` or `--build-arg NAME` of a command in a `run:` script.
 * Then the `ARG`'s default is a fallback for local builds, and the images are built for whatever
 * CI chooses. Which Dockerfile the build reads is not followed: a workflow that sets the argument
 * for one Dockerfile is taken to speak for all that declare it.
 */
export function ciPassesBuildArg(root: string, name: string): boolean {
  const named = new RegExp(`\\b${escapeRegExp(name)}\\b`);
  const passes = (step: Step): boolean => stepPassesBuildArg(step, name);
  const actionAt = localActionReader(root);
  const calledActions = (workflow: Workflow): Workflow[] =>
    workflow.steps.flatMap((step) => (step.uses?.kind === "local" ? [actionAt(step.uses.path)?.action ?? null] : [])).filter((action): action is Workflow => action !== null);
  const workflows = repositoryWorkflowFiles(root, named).map((file) => file.workflow);
  if (workflows.some((workflow) => workflow.steps.some(passes))) return true;
  if (repositoryActionFiles(root, named).some((action) => action.action.steps.some(passes))) return true;
  return repositoryWorkflowFiles(root, LOCAL_USES).some((file) => calledActions(file.workflow).some((action) => named.test(action.text) && action.steps.some(passes)));
}

function stepPassesBuildArg(step: Step, name: string): boolean {
  const quoted = escapeRegExp(name);
  const input = (input: string): string => scalarText(step.withInputs.get(input)?.value) ?? "";
  if (usesAction(step.uses, "docker", "build-push-action")) {
    return new RegExp(`(?:^|[\\n,])\\s*["']?${quoted}=`).test(input("build-args"));
  }
  if (usesAction(step.uses, "docker", "bake-action")) {
    return new RegExp(`\\.args\\.${quoted}=`).test(input("set"));
  }
  const run = scalarText(step.keys.get("run")?.value) ?? "";
  return new RegExp(`--build-arg(?:=|\\s+)["']?${quoted}(?:=|["'\\s]|$)`, "m").test(run);
}
