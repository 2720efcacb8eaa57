// What makes a fix harmful even when the file still parses: the corpus check's own reading of a
// workflow, written apart from the rules so that it can catch them out.

/** Actions that deploy or publish: cancelling their run half-way leaves a release or a site half done. */
const DEPLOY_ACTIONS =
  /^(pypa\/gh-action-pypi-publish|actions\/deploy-pages|peaceiris\/actions-gh-pages|JamesIves\/github-pages-deploy-action|softprops\/action-gh-release|ncipollo\/release-action|docker\/build-push-action|aws-actions\/|azure\/webapps-deploy|google-github-actions\/deploy|cloudflare\/(wrangler-action|pages-action)|amondnet\/vercel-action|changesets\/action)/i;

/** Shell commands that publish or deploy. */
const DEPLOY_COMMANDS =
  /\b(uv publish|twine upload|docker (image )?push|npm publish|pnpm publish|yarn (npm )?publish|poetry publish|flit publish|hatch publish|cargo publish|gh release (create|upload)|mkdocs gh-deploy|gh-pages\b|ghp-import|helm push|kubectl apply|terraform apply|wrangler (deploy|publish))/i;

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** Whether a permissions value grants `id-token: write` or `pages: write` (or everything). */
function grantsDeployment(permissions) {
  if (permissions === "write-all") return true;
  return isObject(permissions) && (permissions["id-token"] === "write" || permissions.pages === "write");
}

/** Whether a parsed workflow deploys or publishes: an environment, deployment permissions, or a deploy action or command. */
export function workflowDeploys(workflow) {
  if (!isObject(workflow)) return false;
  if (grantsDeployment(workflow.permissions)) return true;
  const jobs = isObject(workflow.jobs) ? Object.values(workflow.jobs).filter(isObject) : [];
  return jobs.some((job) => {
    if (runsForPullRequestsOnly(job.if)) return false;
    if (job.environment !== undefined && job.environment !== null) return true;
    if (grantsDeployment(job.permissions)) return true;
    const steps = Array.isArray(job.steps) ? job.steps.filter(isObject) : [];
    return steps.some(
      (step) =>
        (typeof step.uses === "string" && DEPLOY_ACTIONS.test(step.uses) && !(/build-push-action/i.test(step.uses) && !isPushing(step.with))) ||
        (typeof step.run === "string" && DEPLOY_COMMANDS.test(step.run)),
    );
  });
}

/** A job `if:` that is a conjunction starting with `github.event_name == 'pull_request'`: a preview, superseded with its commit. */
function runsForPullRequestsOnly(condition) {
  return typeof condition === "string" && /^\s*(?:\$\{\{\s*)?github\.event_name\s*==\s*'pull_request'\s*(?:&&|\}\}\s*$|$)/.test(condition) && !condition.includes("||");
}

function isPushing(inputs) {
  return isObject(inputs) && (inputs.push === true || inputs.push === "true" || (typeof inputs.push === "string" && inputs.push.includes("${{")));
}

/**
 * Whether a newer commit on the same ref can supersede a run: a push to branches (not only tags),
 * or a pull_request whose activity types include `synchronize` (the default ones do).
 */
export function workflowCanBeSuperseded(workflow) {
  if (!isObject(workflow)) return false;
  const on = workflow.on ?? workflow.true; // a YAML 1.1 reader may have turned `on` into true
  const events = typeof on === "string" ? { [on]: null } : Array.isArray(on) ? Object.fromEntries(on.map((event) => [event, null])) : isObject(on) ? on : {};
  if ("push" in events) {
    const push = events.push;
    const tagsOnly = isObject(push) && (push.tags !== undefined || push["tags-ignore"] !== undefined) && push.branches === undefined && push["branches-ignore"] === undefined;
    if (!tagsOnly) return true;
  }
  if ("pull_request" in events) {
    const types = isObject(events.pull_request) ? events.pull_request.types : undefined;
    const list = typeof types === "string" ? [types] : Array.isArray(types) ? types : null;
    if (list === null || list.includes("synchronize")) return true;
  }
  return false;
}

/** Whether the file says it is generated: a comment in its first lines, or a `.lock.yml` name. */
export function isGeneratedWorkflow(file, text) {
  if (/\.lock\.ya?ml$/.test(file)) return true;
  const head = text.split(/\r?\n/, 12).filter((line) => line.trimStart().startsWith("#"));
  return head.some((line) => /\b(auto-?generated|generated (by|from|with|file)|do not edit|@generated)\b/i.test(line));
}

const EXACT_VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/** -1, 0 or 1 for two exact `X.Y.Z` versions. */
function compareVersions(a, b) {
  const [, ...x] = EXACT_VERSION.exec(a).map(Number);
  const [, ...y] = EXACT_VERSION.exec(b).map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return Math.sign(x[i] - y[i]);
  return 0;
}

/** Whether a changed value is an exact version moved to an older one. */
export function movedToOlderVersion(before, after) {
  return typeof before === "string" && typeof after === "string" && EXACT_VERSION.test(before.trim()) && EXACT_VERSION.test(after.trim()) && compareVersions(after.trim(), before.trim()) < 0;
}
