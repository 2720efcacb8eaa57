import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFiles } from "./cli.js";

/** A Dockerfile that installs a pinned uv, copies the whole build context and syncs with uv. */
export const UV_DOCKERFILE = "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.11.8 /uv /bin/\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen\n";

/**
 * A temporary Git repository (its `.git` folder makes it the root) where stripping
 * `.python-version` from the root build context matters: a committed `.python-version` and
 * {@link UV_DOCKERFILE}, plus `files`. Returns its directory.
 */
export function uvProjectWithPythonVersion(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-uv-project-"));
  mkdirSync(join(dir, ".git"), { recursive: true });
  writeFiles(dir, { ".python-version": "3.12\n", Dockerfile: UV_DOCKERFILE, ...files });
  return dir;
}

/**
 * A `uv.lock` excerpt of a project `x` that depends on `numpy`, whose wheels are built for one CPython
 * each and weigh 16 MB, and (through its `dev` group) on the smaller `markupsafe` and a pure-Python `click`.
 */
export const LOCK_WITH_PER_PYTHON_WHEELS = `version = 1
requires-python = ">=3.10"

[[package]]
name = "x"
version = "0"
source = { editable = "." }
dependencies = [
    { name = "numpy" },
]

[package.dev-dependencies]
dev = [
    { name = "click" },
    { name = "markupsafe" },
]

[[package]]
name = "click"
version = "8.1.7"
source = { registry = "https://pypi.org/simple" }
wheels = [
    { url = "https://files.pythonhosted.org/packages/00/2e/click-8.1.7-py3-none-any.whl", hash = "sha256:ae74", size = 97941 },
]

[[package]]
name = "markupsafe"
version = "2.1.5"
source = { registry = "https://pypi.org/simple" }
wheels = [
    { url = "https://files.pythonhosted.org/packages/0b/fe/MarkupSafe-2.1.5-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", hash = "sha256:8dec", size = 25962 },
    { url = "https://files.pythonhosted.org/packages/a0/02/MarkupSafe-2.1.5-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", hash = "sha256:1f67", size = 25963 },
]

[[package]]
name = "numpy"
version = "2.1.0"
source = { registry = "https://pypi.org/simple" }
wheels = [
    { url = "https://files.pythonhosted.org/packages/1a/2b/numpy-2.1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", hash = "sha256:aa01", size = 16300000 },
    { url = "https://files.pythonhosted.org/packages/3c/4d/numpy-2.1.0-cp310-cp310-win_amd64.whl", hash = "sha256:aa02", size = 12900000 },
    { url = "https://files.pythonhosted.org/packages/5e/6f/numpy-2.1.0-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", hash = "sha256:aa03", size = 16100000 },
]
`;

/**
 * The same project without `numpy`: its only per-Python wheels are `markupsafe`'s 26 kB, and
 * `numpy` is locked for an optional extra that `uv sync` does not install.
 */
export const LOCK_WITH_SMALL_PER_PYTHON_WHEELS = LOCK_WITH_PER_PYTHON_WHEELS.replace('dependencies = [\n    { name = "numpy" },\n]\n', "");

/** A `uv.lock` excerpt of pure-Python and stable-ABI wheels only, which serve every Python. */
export const LOCK_WITHOUT_PER_PYTHON_WHEELS = `version = 1
requires-python = ">=3.10"

[[package]]
name = "click"
version = "8.1.7"
source = { registry = "https://pypi.org/simple" }
wheels = [
    { url = "https://files.pythonhosted.org/packages/00/2e/click-8.1.7-py3-none-any.whl", hash = "sha256:ae74", size = 97941 },
]

[[package]]
name = "cryptography"
version = "43.0.0"
source = { registry = "https://pypi.org/simple" }
wheels = [
    { url = "https://files.pythonhosted.org/packages/77/d4/cryptography-43.0.0-cp39-abi3-manylinux_2_28_x86_64.whl", hash = "sha256:3a13", size = 3910000 },
]
`;

/** A `[[package]]` of a uv.lock with one Linux x86_64 wheel of `bytes`, depending on `dependencies`. */
export function lockedPackage(name: string, bytes: number, dependencies: string[] = [], version = "1.0.0"): string {
  const wheel = `https://files.pythonhosted.org/packages/${name}-${version}-cp312-cp312-manylinux_2_17_x86_64.whl`;
  return `[[package]]\nname = "${name}"\nversion = "${version}"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [${dependencies.map((dependency) => `{ name = "${dependency}" }`).join(", ")}]\nwheels = [{ url = "${wheel}", hash = "sha256:0", size = ${bytes} }]\n`;
}

export const MB = 1_000_000;

/**
 * The project every fixture repository holds, `app`, locked in `uv.lock`: httpx (small) as its
 * dependency, an `ml` extra with torch (50 MB), and the groups `dev` (pytest, and pandas: 12 MB),
 * `lint` (ruff, 12 MB), `docs` (mkdocs-material, 9 MB), `test` (numpy, 16 MB) and `typing`
 * (mypy-extensions, 50 kB); graphql-core (200 kB) is locked for no one. Beside it, under
 * docs/, a second project locked on its own, `site`, with mkdocs (small). Jobs that install
 * differently here lack 5 MB or more of each other's wheels.
 */
const APP_LOCK = [
  'version = 1\nrevision = 3\nrequires-python = ">=3.12"\n',
  '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\ndependencies = [{ name = "httpx" }]\n\n[package.optional-dependencies]\nml = [{ name = "torch" }]\n\n[package.dev-dependencies]\ndev = [{ name = "pytest" }, { name = "pandas" }]\nlint = [{ name = "ruff" }]\ndocs = [{ name = "mkdocs-material" }]\ntest = [{ name = "numpy" }]\ntyping = [{ name = "mypy-extensions" }]\n',
  lockedPackage("httpx", 0.1 * MB),
  lockedPackage("torch", 50 * MB),
  lockedPackage("pytest", 0.3 * MB),
  lockedPackage("pandas", 12 * MB, ["numpy"]),
  lockedPackage("numpy", 16 * MB),
  lockedPackage("ruff", 12 * MB),
  lockedPackage("mkdocs-material", 9 * MB),
  lockedPackage("mypy-extensions", 0.05 * MB),
  lockedPackage("graphql-core", 0.2 * MB),
].join("\n");
const SITE_LOCK = ['version = 1\nrevision = 3\nrequires-python = ">=3.12"\n', '[[package]]\nname = "site"\nversion = "0.1.0"\nsource = { virtual = "." }\ndependencies = [{ name = "mkdocs" }]\n', lockedPackage("mkdocs", 0.4 * MB)].join("\n");
/** The locked projects above as a repository's files, for the rules that weigh what jobs install. */
export const LOCKED_PROJECT_FILES = {
  "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n',
  "uv.lock": APP_LOCK,
  "docs/pyproject.toml": '[project]\nname = "site"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n',
  "docs/uv.lock": SITE_LOCK,
};

/** Where `.github/workflows/ci.yml` would be in a new temporary repository holding {@link LOCKED_PROJECT_FILES}. */
export function workflowInLockedProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "uv-ci-locked-project-"));
  mkdirSync(join(dir, ".git"), { recursive: true });
  writeFiles(dir, LOCKED_PROJECT_FILES);
  return join(dir, ".github", "workflows", "ci.yml");
}
