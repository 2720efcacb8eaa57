/**
 * Packages that only some lints need, loaded on first use: a run over workflows alone never reads
 * a Dockerfile, a TOML file or an ignore file, and loading dockerfile-ast and smol-toml cost it about
 * 50 and 15 ms (docs/performance.md#the-whole-process), re2js and ignore about 9 and 4 ms; many
 * workflows hold no `${{ }}` expression that a rule reads, and `@actions/expressions` (31 modules)
 * costs about 25 ms. Rules run synchronously, so they are loaded with `require`: dockerfile-ast and
 * ignore are CommonJS, smol-toml and re2js ship a CommonJS build, and `@actions/expressions` ships
 * only ES modules, which `require` loads at our Node floor (require(esm), unflagged and without a
 * warning since Node 20.19 and 22.12; test/lazy-modules.test.ts).
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as ActionsExpressionsModule from "@actions/expressions";
import type * as DockerfileAstModule from "dockerfile-ast";
import type * as DockerfileModule from "dockerfile-ast/lib/dockerfile.js";
import type { Ignore } from "ignore";
import type * as Re2jsModule from "re2js";
import type * as SmolTomlModule from "smol-toml";

const require = createRequire(import.meta.url);

let dockerfileAstModule: typeof DockerfileAstModule | undefined;
let dockerfileModule: typeof DockerfileModule | undefined;
let smolTomlModule: typeof SmolTomlModule | undefined;
let re2jsModule: typeof Re2jsModule | undefined;
let ignoreModule: { default: () => Ignore } | undefined;
let actionsExpressionsModule: typeof ActionsExpressionsModule | undefined;

/** dockerfile-ast's main module. */
export function dockerfileAst(): typeof DockerfileAstModule {
  return (dockerfileAstModule ??= require("dockerfile-ast") as typeof DockerfileAstModule);
}

/** dockerfile-ast's `Dockerfile` class, which its main module does not export. */
export function dockerfileClass(): typeof DockerfileModule.Dockerfile {
  return (dockerfileModule ??= require("dockerfile-ast/lib/dockerfile.js") as typeof DockerfileModule).Dockerfile;
}

/** smol-toml's `parse`: TOML 1.0 text to a table; throws on invalid TOML. */
export function parseToml(text: string): Record<string, unknown> {
  return (smolTomlModule ??= require("smol-toml") as typeof SmolTomlModule).parse(text);
}

/** re2js's `RE2JS`: Go's regular expressions, for `.dockerignore` patterns. */
export function re2js(): typeof Re2jsModule.RE2JS {
  return (re2jsModule ??= require("re2js") as typeof Re2jsModule).RE2JS;
}

/**
 * ignore's factory, which reads `.gitignore` files. Its typings describe it as `module.exports.default`,
 * which the package also sets (module.exports is the factory, and its `default` the same function).
 */
export function gitIgnoreRules(): Ignore {
  return (ignoreModule ??= require("ignore") as { default: () => Ignore }).default();
}

/**
 * GitHub's expression parser. Its package exports only an `import` condition, which `require`
 * does not match, so the file is resolved as `import` would resolve it and then required by path.
 */
export function actionsExpressions(): typeof ActionsExpressionsModule {
  return (actionsExpressionsModule ??= require(fileURLToPath(import.meta.resolve("@actions/expressions"))) as typeof ActionsExpressionsModule);
}
