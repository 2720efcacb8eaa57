/**
 * A step's or job's `uses:` value, split the way GitHub reads it
 * (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsuses).
 */
export type UsesReference =
  | { kind: "action"; owner: string; repo: string; path: string; ref: string }
  | { kind: "local"; path: string }
  | { kind: "docker"; image: string };

/** Parses `owner/repo[/path]@ref`, `./local/path` or `docker://image`; null when it is none of them. */
export function parseUses(value: string): UsesReference | null {
  const trimmed = value.trim();
  if (trimmed.startsWith("./") || trimmed.startsWith("../")) return { kind: "local", path: trimmed };
  if (trimmed.startsWith("docker://")) return { kind: "docker", image: trimmed.slice("docker://".length) };
  const at = trimmed.lastIndexOf("@");
  if (at <= 0) return null;
  const [owner, repo, ...path] = trimmed.slice(0, at).split("/");
  if (!owner || !repo) return null;
  return { kind: "action", owner, repo, path: path.join("/"), ref: trimmed.slice(at + 1) };
}

/** An action's `owner/repo` in lower case, as GitHub compares names (whatever path or ref follows); null for a local action, a Docker image or nothing. */
export function actionName(uses: UsesReference | null | undefined): string | null {
  return uses?.kind === "action" ? `${uses.owner}/${uses.repo}`.toLowerCase() : null;
}

/** Whether `uses` names the action `owner/repo` at its root, at any ref. GitHub compares names case-insensitively. */
export function usesAction(uses: UsesReference | null, owner: string, repo: string): boolean {
  return (
    uses?.kind === "action" &&
    uses.path === "" &&
    uses.owner.toLowerCase() === owner.toLowerCase() &&
    uses.repo.toLowerCase() === repo.toLowerCase()
  );
}
