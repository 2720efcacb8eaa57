import type { AST } from "yaml-eslint-parser";
import type { Job, Step, Workflow } from "./model.js";
import { stepInput } from "./model.js";
import { asMapping, asScalar, pairsByKey, scalarText } from "./yaml-nodes.js";
import { conditionOnEvent } from "./expressions.js";

/**
 * Whether a workflow deploys or publishes something: a run of it that is cancelled half-way can leave
 * a release, a package index or a live site in between two versions.
 */

/** Permissions that only a deployment or a publication needs (OIDC tokens, Pages, GitHub Packages, deployments). */
const DEPLOYING_PERMISSIONS = ["id-token", "pages", "packages", "deployments"];

/** Actions that deploy or publish whenever they run, by `owner/repo` (lower case). */
const DEPLOYING_ACTIONS = new Set([
  "pypa/gh-action-pypi-publish",
  "actions/deploy-pages",
  "actions/upload-pages-artifact",
  "peaceiris/actions-gh-pages",
  "jamesives/github-pages-deploy-action",
  "softprops/action-gh-release",
  "ncipollo/release-action",
  "actions/create-release",
  "actions/upload-release-asset",
  "svenstaro/upload-release-action",
  "python-semantic-release/python-semantic-release",
  "relekang/python-semantic-release",
  "googleapis/release-please-action",
  "google-github-actions/release-please-action",
  "changesets/action",
  "goreleaser/goreleaser-action",
  "js-devtools/npm-publish",
  "redhat-actions/push-to-registry",
  "cloudflare/wrangler-action",
  "cloudflare/pages-action",
  "amondnet/vercel-action",
  "superfly/flyctl-actions",
  "akhileshns/heroku-deploy",
  "azure/webapps-deploy",
  "azure/static-web-apps-deploy",
  "aws-actions/amazon-ecs-deploy-task-definition",
  "google-github-actions/deploy-cloudrun",
  "google-github-actions/deploy-appengine",
  "netlify/actions",
  "nwtgck/actions-netlify",
  "peter-evans/create-pull-request",
  "stefanzweifel/git-auto-commit-action",
  "endbug/add-and-commit",
]);

/** Words in an action's name that say it sends a message to people or a service (Slack, Discord, a webhook). */
const NOTIFYING_ACTION_WORDS = /slack|discord|telegram|mattermost|notif|webhook/;

/** A secret whose name says it reaches a chat or a webhook: `secrets.SLACK_BOT_TOKEN`, `secrets.WEBHOOKURL`. */
const NOTIFYING_SECRET = /\bsecrets\.\w*(?:WEBHOOK|SLACK|DISCORD|TELEGRAM|MATTERMOST)/i;

/**
 * A secret whose name says it pushes, deploys, publishes, releases or starts another build
 * (`secrets.WHEELS_PUSH_TOKEN`, `secrets.PYPI_API_TOKEN`, `secrets.DISPATCH_TOKEN`): a step that
 * reads one hands this commit's work on, and cancelling it can drop that commit's build.
 */
const HANDING_ON_SECRET = /\bsecrets\.\w*(?:PUSH|DEPLOY|PUBLISH|RELEASE|PYPI|DISPATCH|TRIGGER)/i;

/**
 * The commit a push starts from: a step that reads it works on that push's own changes (which tests
 * to run), so a cancelled push run leaves those changes unchecked, and the next push does not cover them.
 */
const PUSH_OWN_DIFF = /\bgithub\.event\.before\b/;

/** A `curl` or `wget` command line (continuation lines joined) that sends a secret somewhere. */
const SENDING_COMMAND = /\b(?:curl|wget)\b[^\n]*\$\{\{\s*secrets\./;

/**
 * Job ids that say the job deploys, publishes or releases, as a word of the id (`deploy-docs`,
 * `pypi_publish`, `release`), not inside another (`list_lts_releases`) or before notes (`release-notes`).
 */
const DEPLOYING_JOB_NAMES = /(?:^|[-_ ])(?:deploy(?:ment|ing)?|publish(?:ing)?|releas(?:e|ing))(?![-_ ]?notes?)(?:$|[-_ ])/i;

/** Actions that publish only when their `push` input is not false. */
const PUSHING_ACTIONS = new Set(["docker/build-push-action", "docker/bake-action"]);

/**
 * Commands in a `run` script that publish, deploy or push: any `deploy` or `publish` word (`uv publish`,
 * `npm publish`, `mkdocs gh-deploy`, `make deploy-docs`, `mvn …:deploy`; not a `--publish` option), uploads and pushes.
 */
const DEPLOYING_COMMANDS =
  /(?<!--)\b(?:deploy|publish|twine upload|gh workflow run|docker (?:image )?push|docker buildx build\b[^\n]*--push|gh release (?:create|upload|edit|delete)|git push|ghp-import|semantic-release|aws s3 (?:sync|cp)|gsutil (?:-m )?(?:cp|rsync)|az storage blob upload)\b/;

/** Words in an action's `owner/repo/path` that say it deploys, publishes, releases or pushes. */
const DEPLOYING_ACTION_WORDS = /deploy|publish|release|push|pages|dispatch/;

/** What makes a workflow a deployment, in words for a message: "job `publish` has `environment`". */
export interface DeploymentSign {
  readonly job: string | null;
  readonly description: string;
}

/**
 * The first sign that runs of `workflow` must not be cancelled half-way, or null when it shows none.
 * Deploying or publishing: a job with an `environment` or an id that says so (`deploy-docs`,
 * `publish`, `release`), a deploying permission (`id-token`, `pages`, `packages` or `deployments`
 * set to `write`, at workflow or job level, or `write-all`), a known publish, deploy or commit-back
 * action (`peter-evans/create-pull-request`; docker's build-push and bake actions only when `push`
 * is not false) or one whose name says it deploys, publishes, releases or pushes, or a `run` script
 * with a `deploy` or `publish` command or that uploads or pushes (`twine upload`, `docker push`,
 * `gh release`, `git push`, `gh workflow run`, `aws s3 sync`, …), or a step that reads a secret named
 * to push, deploy, publish, release or trigger (`secrets.WHEELS_PUSH_TOKEN`). Notifying: an action whose name says Slack, Discord,
 * Telegram, Mattermost, notify or webhook, a step that reads a secret named so, or a `curl`/`wget`
 * that sends a secret. Work of its own per commit: a job or step whose `if:` runs it only outside
 * pull requests (`github.event_name != 'pull_request'`, `== 'push'`).
 * The signs are generous on purpose: a false sign only costs an autofix, a missed one can cancel a deployment.
 * A job that calls a reusable workflow of the same repository counts when `localWorkflow` returns a
 * workflow for its path that shows a sign (the description then names it); without `localWorkflow`,
 * or when it returns null, such a job and one that calls another repository's workflow count too,
 * since nothing says otherwise, and the description says that the workflow could not be read.
 */
export function deploymentSign(workflow: Workflow, localWorkflow?: (path: string) => Workflow | null, seen = new Set<Workflow>()): DeploymentSign | null {
  seen.add(workflow);
  const permission = deployingPermission(workflow.topLevel.get("permissions"));
  if (permission) return { job: null, description: `the workflow grants \`${permission}\`` };
  for (const job of workflow.jobs) {
    const sign = jobDeploymentSign(workflow, job, localWorkflow, seen);
    if (sign) return { job: job.id, description: `job \`${job.id}\` ${sign}` };
  }
  return null;
}

function jobDeploymentSign(workflow: Workflow, job: Job, localWorkflow: ((path: string) => Workflow | null) | undefined, seen: Set<Workflow>): string | null {
  // A preview deployment per pull request is superseded with its commit: cancelling it loses nothing.
  if (runsOnPullRequestsOnly(job.keys.get("if"))) return null;
  if (job.keys.has("environment")) return "has an `environment`";
  if (DEPLOYING_JOB_NAMES.test(job.id) && !runsOnEveryPullRequest(workflow, job)) return "is named for a deployment";
  if (runsOutsidePullRequestsOnly(job.keys.get("if"))) return "runs only outside pull requests";
  const permission = deployingPermission(job.keys.get("permissions"));
  if (permission) return `grants \`${permission}\``;
  const called = scalarText(job.keys.get("uses")?.value);
  if (called !== null) return calledWorkflowSign(called, localWorkflow, seen);
  for (const step of job.steps) {
    const sign = stepDeploymentSign(step, workflow.text);
    if (sign) return sign;
  }
  return null;
}

/** What is known of a called reusable workflow: its own sign, or that this rule cannot read it. */
function calledWorkflowSign(called: string, localWorkflow: ((path: string) => Workflow | null) | undefined, seen: Set<Workflow>): string | null {
  if (!called.startsWith("./")) return `calls \`${called}\`, another repository's workflow that this plugin cannot read`;
  const target = localWorkflow?.(called.slice(2));
  if (!target) return `calls \`${called}\`, which this plugin cannot read`;
  if (seen.has(target)) return null;
  const sign = deploymentSign(target, localWorkflow, seen);
  return sign ? `calls \`${called}\`, where ${sign.description}` : null;
}

function stepDeploymentSign(step: Step, text: string): string | null {
  if (runsOutsidePullRequestsOnly(step.keys.get("if"))) return "has a step that runs only outside pull requests";
  const stepText = text.slice(...step.node.range);
  if (NOTIFYING_SECRET.test(stepText)) return "sends a message with a chat or webhook secret";
  const handingOn = HANDING_ON_SECRET.exec(stepText);
  if (handingOn) return `hands its work on with \`${handingOn[0]}\``;
  if (PUSH_OWN_DIFF.test(stepText)) return "works on the push's own changes (`github.event.before`)";
  const uses = step.uses;
  if (uses?.kind === "action") {
    const name = `${uses.owner}/${uses.repo}`.toLowerCase();
    if (PUSHING_ACTIONS.has(name)) {
      if (mayBeTrue(stepInput(step, "push"))) return `pushes an image with \`${uses.owner}/${uses.repo}\``;
    } else if (DEPLOYING_ACTIONS.has(name) || DEPLOYING_ACTION_WORDS.test(`${name}/${uses.path}`.toLowerCase())) {
      return `uses \`${[uses.owner, uses.repo, uses.path].filter(Boolean).join("/")}\``;
    } else if (NOTIFYING_ACTION_WORDS.test(`${name}/${uses.path}`.toLowerCase())) {
      return `sends a message with \`${uses.owner}/${uses.repo}\``;
    }
  }
  const script = scalarText(step.keys.get("run")?.value);
  if (script === null) return null;
  const command = DEPLOYING_COMMANDS.exec(script);
  if (command) return `runs \`${command[0]}\``;
  const sending = SENDING_COMMAND.exec(script.replace(/\\\r?\n/g, " "));
  return sending ? "sends a secret to a service with `curl` or `wget`" : null;
}

/** A job that runs unguarded on every pull request does not deploy, whatever its name (a test job named `release`). */
function runsOnEveryPullRequest(workflow: Workflow, job: Job): boolean {
  return workflow.triggers.includes("pull_request") && !job.keys.has("if");
}

/** Events other than a pull request's under which a deployment's run must finish. */
const OTHER_EVENTS = ["push", "workflow_dispatch", "release", "schedule", "merge_group", "repository_dispatch", "workflow_run"];

/** Whether an `if:` lets its job run on pull requests only (`github.event_name == 'pull_request' && …`). */
function runsOnPullRequestsOnly(pair: AST.YAMLPair | undefined): boolean {
  const condition = scalarText(pair?.value);
  return OTHER_EVENTS.every((event) => conditionOnEvent(condition, event) === false);
}

/**
 * Whether an `if:` never lets its job or step run on a pull request (`github.event_name != 'pull_request'`,
 * `== 'push'`, negations and groupings of these) but may on a push: that work has its own purpose per commit.
 */
function runsOutsidePullRequestsOnly(pair: AST.YAMLPair | undefined): boolean {
  const condition = scalarText(pair?.value);
  // A step for manual runs only (a debugging session on `workflow_dispatch`) is no work of its own on pushes.
  return conditionOnEvent(condition, "pull_request") === false && conditionOnEvent(condition, "push") !== false;
}

/** Whether an input is `true` or an expression that may be (absent means the action's default, false). */
function mayBeTrue(node: AST.YAMLScalar | null): boolean {
  const text = scalarText(node)?.trim();
  return text !== undefined && text !== "false" && text !== "";
}

function deployingPermission(pair: AST.YAMLPair | undefined): string | null {
  const scalar = scalarText(asScalar(pair?.value));
  if (scalar === "write-all") return "permissions: write-all";
  for (const [scope, value] of pairsByKey(asMapping(pair?.value))) {
    if (DEPLOYING_PERMISSIONS.includes(scope) && scalarText(value.value) === "write") return `${scope}: write`;
  }
  return null;
}
