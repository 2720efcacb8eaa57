import type { File, Language, OkParseResult, ParseResult } from "@eslint/core";
import { bodyText, validateObjectLanguageOptions } from "../comment-directives.js";
import { VISITOR_KEYS, type DockerignoreFile, type DockerignoreNode } from "./ast.js";
import { parseDockerignore } from "./parser.js";
import { DockerignoreSourceCode, type DockerignoreLanguageOptions } from "./source-code.js";

/** The ESLint language `uv-ci/dockerignore` for `.dockerignore` and `<Dockerfile>.dockerignore` files. */
class DockerignoreLanguage
  implements
    Language<{
      LangOptions: DockerignoreLanguageOptions;
      Code: DockerignoreSourceCode;
      RootNode: DockerignoreFile;
      Node: DockerignoreNode;
    }>
{
  readonly fileType = "text";
  readonly lineStart = 1;
  /** The root's `loc.start.column` is 0 too, so `getLocFromIndex` agrees with node locations. */
  readonly columnStart = 0;
  readonly nodeTypeKey = "type";
  readonly visitorKeys = VISITOR_KEYS;
  readonly defaultLanguageOptions: DockerignoreLanguageOptions = {};

  /** Rejects options that are not an object (a config may hold anything); there are none of our own, and keys set for other languages by a shared config are ignored. */
  validateLanguageOptions(languageOptions: unknown): void {
    validateObjectLanguageOptions(languageOptions);
  }

  /** Always succeeds: Docker reads any text; patterns it refuses carry an `error` in the AST. */
  parse(file: File): ParseResult<DockerignoreFile> {
    return { ok: true, ast: parseDockerignore(bodyText(file)) };
  }

  createSourceCode(file: File, parseResult: OkParseResult<DockerignoreFile>): DockerignoreSourceCode {
    return new DockerignoreSourceCode({ text: bodyText(file), ast: parseResult.ast });
  }
}

/** The instance registered as `languages.dockerignore`. */
export const dockerignoreLanguage = new DockerignoreLanguage();
