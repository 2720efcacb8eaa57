import type { File, Language, OkParseResult, ParseResult } from "@eslint/core";
import { bodyText, validateObjectLanguageOptions } from "../comment-directives.js";
import { VISITOR_KEYS, type DockerfileFile, type DockerfileNode } from "./ast.js";
import { parseDockerfile } from "./parser.js";
import { DockerfileSourceCode, type DockerfileLanguageOptions } from "./source-code.js";

/** The ESLint language `uv-ci/dockerfile` for `Dockerfile`, `*.Dockerfile`, `Dockerfile.*` and `Containerfile` files. */
class DockerfileLanguage
  implements
    Language<{
      LangOptions: DockerfileLanguageOptions;
      Code: DockerfileSourceCode;
      RootNode: DockerfileFile;
      Node: DockerfileNode;
    }>
{
  readonly fileType = "text";
  readonly lineStart = 1;
  /** The root's `loc.start.column` is 0 too, so `getLocFromIndex` agrees with node locations. */
  readonly columnStart = 0;
  readonly nodeTypeKey = "type";
  readonly visitorKeys = VISITOR_KEYS;
  readonly defaultLanguageOptions: DockerfileLanguageOptions = {};

  /** Rejects options that are not an object (a config may hold anything); there are none of our own, and keys set for other languages by a shared config are ignored. */
  validateLanguageOptions(languageOptions: unknown): void {
    validateObjectLanguageOptions(languageOptions);
  }

  /**
   * Succeeds for any text, as Docker's own parser accepts any line and leaves unknown instructions
   * to the build; a failure inside dockerfile-ast is returned as a parse error, never thrown.
   */
  parse(file: File): ParseResult<DockerfileFile> {
    try {
      return { ok: true, ast: parseDockerfile(bodyText(file)) };
    } catch (error) {
      return { ok: false, errors: [{ message: `Dockerfile could not be read: ${(error as Error).message}`, line: 1, column: 1 }] };
    }
  }

  createSourceCode(file: File, parseResult: OkParseResult<DockerfileFile>): DockerfileSourceCode {
    return new DockerfileSourceCode({ text: bodyText(file), ast: parseResult.ast });
  }
}

/** The instance registered as `languages.dockerfile`. */
export const dockerfileLanguage = new DockerfileLanguage();
