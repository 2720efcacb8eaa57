/**
 * Which files each language lints: the one definition that the plugin's configs, `uv-ci-lint`'s
 * default targets and the rules' own Dockerfile search all read.
 */

/**
 * The names Docker and Podman build from: `Dockerfile` and `Containerfile`, each also with a
 * `.<suffix>` (`Dockerfile.dev`), and `<prefix>.Dockerfile` (`api.Dockerfile`).
 */
const DOCKERFILE_NAMES: readonly { name: string; prefixed: boolean }[] = [
  { name: "Dockerfile", prefixed: true },
  { name: "Containerfile", prefixed: false },
];

/** Dockerfiles as globs, relative to any directory. ESLint matches them case-sensitively. */
export const DOCKERFILE_GLOBS: readonly string[] = DOCKERFILE_NAMES.flatMap(({ name, prefixed }) => [
  `**/${name}`,
  ...(prefixed ? [`**/*.${name}`] : []),
  `**/${name}.*`,
]);

/** `.dockerignore` files, also `<Dockerfile name>.dockerignore` beside a Dockerfile. */
export const DOCKERIGNORE_GLOBS: readonly string[] = ["**/.dockerignore", "**/*.dockerignore"];

/** What DOCKERFILE_GLOBS match but is not a Dockerfile: `Dockerfile.dockerignore` is an ignore file. */
export const NOT_DOCKERFILE_GLOBS: readonly string[] = ["**/*.dockerignore"];

/** GitHub workflows, relative to the repository root: GitHub runs no other. */
export const WORKFLOW_GLOBS: readonly string[] = [".github/workflows/*.yml", ".github/workflows/*.yaml"];

/**
 * The metadata files of actions, relative to any directory: a workflow's `uses: ./path` runs the
 * `action.yml` (or `action.yaml`) in that folder, wherever it is
 * (https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions).
 * Only composite actions (`runs.using: composite`) have steps for the rules to read.
 */
export const COMPOSITE_ACTION_GLOBS: readonly string[] = ["**/action.yml", "**/action.yaml"];

/**
 * The kinds of YAML file the rules read, by what GitHub does with them. A rule says which kinds it
 * lints in `meta.docs.yamlFiles` (src/create-rule.ts) and stays silent on the others.
 */
export type YamlFileKind = "workflow" | "composite-action" | "pre-commit-config";

/** Whether a path names an action's metadata file (`action.yml`, `action.yaml`), as COMPOSITE_ACTION_GLOBS match it. */
export function isActionMetadataFileName(filePath: string): boolean {
  return /(?:^|[\\/])action\.ya?ml$/.test(filePath);
}

/**
 * Whether a file name is a Dockerfile by DOCKERFILE_GLOBS, less NOT_DOCKERFILE_GLOBS
 * (https://docs.docker.com/build/concepts/context/#filename-and-location): what the rules' own
 * Dockerfile search reads. Two differences from the globs, on purpose: it matches case-insensitively,
 * as `docker build` also accepts `dockerfile`; and a prefix or suffix must not be empty, so the search
 * skips `.Dockerfile` and `Dockerfile.`, which a config still lints when ESLint is given them.
 */
export function isDockerfileName(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".dockerignore")) return false;
  return DOCKERFILE_NAMES.some(({ name, prefixed }) => {
    const base = name.toLowerCase();
    return (
      lower === base ||
      (prefixed && lower.endsWith(`.${base}`) && lower.length > base.length + 1) ||
      (lower.startsWith(`${base}.`) && lower.length > base.length + 1)
    );
  });
}
