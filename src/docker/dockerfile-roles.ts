import path from "node:path";

/** Folders whose Dockerfiles are written for readers, not built as the project: `examples/`, `docker-example/`, `samples/`, `templates/`, `my-template/`. */
const EXAMPLE_OR_TEMPLATE_FOLDER = /^(?:.+[-_.])?(?:examples?|samples?|templates?)$/i;

/** Documentation folders, whose Dockerfiles illustrate a page. */
const DOCUMENTATION_FOLDERS: ReadonlySet<string> = new Set(["docs", "doc"]);

/**
 * A dev container is the developer's machine (https://containers.dev/), and a Binder environment the
 * visitor's (repo2docker builds `binder/` or `.binder/` from a fresh clone on mybinder.org): neither
 * is an image the project ships or CI runs.
 */
const DEV_ENVIRONMENT_FOLDERS: ReadonlySet<string> = new Set([".devcontainer", "binder", ".binder"]);

/** A repository that is itself an example: `uv-docker-example`, `fastapi-examples`. */
const EXAMPLE_REPOSITORY = /^(?:.+[-_.])?examples?$/i;

/** A file name that marks a template or an example: `Dockerfile.example`, `Dockerfile.j2`, `template.Dockerfile`. */
const EXAMPLE_OR_TEMPLATE_NAME_PART = /^(?:examples?|samples?|templates?|tmpl|tpl|j2|jinja2?)$/i;

/**
 * Whether a Dockerfile is written for users to copy or fill in, or is a developer's dev container,
 * rather than an image the project itself builds: it lies in an example or template folder
 * (`examples/`, `example/`, `docker-example/`, `*-examples/`, `samples/`, `templates/`, `template/`), a
 * documentation folder (`docs/`, `doc/`), a cookiecutter-style `{{cookiecutter.name}}` folder,
 * `.devcontainer/` or a Binder folder (`binder/`, `.binder/`), or its name says so (`Dockerfile.example`, `Dockerfile.template`, `Dockerfile.j2`).
 *
 * A repository that is itself an example (its root folder is named like `uv-docker-example`)
 * counts as one too: its Dockerfiles are what readers copy, and they are kept free of pins on
 * purpose so that they do not age. The root's own name is read because that is all the files say
 * about the repository; a clone under another name is not recognised. A template repository
 * (`full-stack-fastapi-template`) does not count: it is a project that its users deploy as it is,
 * with its own `.python-version`, unlike a `templates/` folder rendered into other projects.
 *
 * Rules that judge the project's own images skip these files: an example pins what its readers
 * should pick, not what the project runs.
 */
export function isExampleTemplateOrDevContainerDockerfile(file: string, root: string): boolean {
  const absoluteRoot = path.resolve(root);
  const relative = path.relative(absoluteRoot, path.resolve(file));
  if (relative.startsWith("..") || path.isAbsolute(relative)) return false;
  const parts = relative.split(path.sep);
  const name = parts.pop() ?? "";
  if (EXAMPLE_REPOSITORY.test(path.basename(absoluteRoot)) || parts.some(isExampleOrTemplateFolder)) return true;
  if (parts.some((folder) => DOCUMENTATION_FOLDERS.has(folder.toLowerCase()) || DEV_ENVIRONMENT_FOLDERS.has(folder))) return true;
  return name.split(".").some((part) => EXAMPLE_OR_TEMPLATE_NAME_PART.test(part));
}

function isExampleOrTemplateFolder(folder: string): boolean {
  return EXAMPLE_OR_TEMPLATE_FOLDER.test(folder) || /\{\{.*\}\}/.test(folder);
}
