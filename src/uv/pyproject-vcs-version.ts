import { readPyproject } from "./pyproject.js";
import { tomlTable } from "./uv-required-version.js";

/** Build-system requirements that read the project's version from Git, so a build needs `.git`. */
const VCS_VERSION_PLUGINS = /^\s*(setuptools[-_.]scm|hatch[-_.]vcs|uv[-_.]dynamic[-_.]versioning|versioningit|dunamai|poetry[-_.]dynamic[-_.]versioning)(?![\w.-])/i;

/**
 * Whether the `pyproject.toml` in `directory` takes the project's version from Git: a VCS
 * versioning plugin in `[build-system] requires` (setuptools-scm, hatch-vcs,
 * uv-dynamic-versioning, versioningit, dunamai, poetry-dynamic-versioning), `[tool.setuptools_scm]`,
 * `[tool.hatch.version] source = "vcs"` or `[tool.pdm.version] source = "scm"`. Building such a
 * project inside an image needs `.git` in the build context. False when the file is missing or invalid.
 */
export function versionComesFromGit(directory: string): boolean {
  const document = readPyproject(directory);
  if (document === null) return false;
  const requires = tomlTable(document["build-system"])?.requires;
  if (Array.isArray(requires) && requires.some((item) => typeof item === "string" && VCS_VERSION_PLUGINS.test(item))) return true;
  const tool = tomlTable(document.tool);
  if (tomlTable(tool?.setuptools_scm)) return true;
  if (tomlTable(tomlTable(tool?.hatch)?.version)?.source === "vcs") return true;
  return tomlTable(tomlTable(tool?.pdm)?.version)?.source === "scm";
}
