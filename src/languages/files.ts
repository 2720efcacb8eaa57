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
 * pre-commit's configuration: `.pre-commit-config.yaml`, the one it reads by default
 * (https://pre-commit.com/#2-add-a-pre-commit-configuration), and the `.yml` spelling, which
 * projects pass with `--config`.
 */
const PRE_COMMIT_CONFIG_NAMES: readonly string[] = [".pre-commit-config.yaml", ".pre-commit-config.yml"];

/** pre-commit configurations, in any directory (a subproject may have its own, run with `--config`). */
export const PRE_COMMIT_CONFIG_GLOBS: readonly string[] = PRE_COMMIT_CONFIG_NAMES.map((name) => `**/${name}`);

/**
 * The kinds of YAML file the plugin's `yml/yaml` config entries lint, one entry each: a rule's
 * `meta.docs.yamlFiles` says which of them it lints (workflows when it does not say).
 */
export type YamlFileKind = "workflow" | "composite-action" | "pre-commit-config";

/**
 * The files of each kind of YAML file, as the configs' `yml/yaml` entries cover them: workflows
 * wherever their `.github/workflows` is, as ESLint may run from above the repository root.
 */
export const YAML_FILE_GLOBS: Readonly<Record<YamlFileKind, readonly string[]>> = {
  workflow: WORKFLOW_GLOBS.map((glob) => `**/${glob}`),
  "composite-action": COMPOSITE_ACTION_GLOBS,
  "pre-commit-config": PRE_COMMIT_CONFIG_GLOBS,
};

/** The kind of YAML file a config entry covers, by its `files` (one of YAML_FILE_GLOBS); null for another. */
export function yamlFileKindOfGlobs(files: readonly unknown[]): YamlFileKind | null {
  for (const [kind, globs] of Object.entries(YAML_FILE_GLOBS)) {
    if (globs.length === files.length && globs.every((glob, index) => files[index] === glob)) return kind as YamlFileKind;
  }
  return null;
}

/** Which kinds of YAML file a rule lints: its `meta.docs.yamlFiles`, workflows when it names none. */
export function yamlFilesOf(rule: { meta?: unknown }): readonly YamlFileKind[] {
  return (rule.meta as { docs?: { yamlFiles?: readonly YamlFileKind[] } } | undefined)?.docs?.yamlFiles ?? ["workflow"];
}

/** Whether a path names a pre-commit configuration by PRE_COMMIT_CONFIG_GLOBS. */
export function isPreCommitConfigFile(filePath: string): boolean {
  const name = filePath.split(/[\\/]/).at(-1) ?? "";
  return PRE_COMMIT_CONFIG_NAMES.includes(name);
}

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
