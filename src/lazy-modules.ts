/**
 * Packages that only some lints need, loaded on first use: a run over workflows alone never reads
 * a Dockerfile or a TOML file, and loading dockerfile-ast and smol-toml cost it about 50 and 15 ms
 * (docs/performance.md#the-whole-process). Rules run synchronously, so they are loaded with
 * `require`: dockerfile-ast is CommonJS and smol-toml ships a CommonJS build. `@actions/expressions`
 * ships only ES modules, which `require` loads only as an experimental feature at our Node floor, so
 * it stays a static import.
 */
import { createRequire } from "node:module";
import type * as DockerfileAstModule from "dockerfile-ast";
import type * as DockerfileModule from "dockerfile-ast/lib/dockerfile.js";
import type * as SmolTomlModule from "smol-toml";

const require = createRequire(import.meta.url);

let dockerfileAstModule: typeof DockerfileAstModule | undefined;
let dockerfileModule: typeof DockerfileModule | undefined;
let smolTomlModule: typeof SmolTomlModule | undefined;

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
