import type { LanguageOptions, RuleDefinition, RulesMeta, RuleVisitor, SourceCode } from "@eslint/core";
import { yamlFilesOf, type YamlFileKind } from "./languages/files.js";
import type { DockerfileLanguageTypes, DockerignoreLanguageTypes, WorkflowLanguageTypes } from "./languages/types.js";
import { isYamlProgram, yamlFileKindOf } from "./workflow/file-kind.js";

/** Where the rule pages live; `meta.docs.url` of every rule points here. */
const RULE_DOCS_BASE_URL = "https://github.com/uv-ci/eslint-plugin-uv-ci/blob/main/docs/rules/";

/**
 * Extra `meta.docs` fields this plugin sets on every rule (exported for the rules' declaration files).
 * @public
 */
export interface UvCiRuleDocs {
  description: string;
  /** Whether `configs.recommended` turns the rule on. */
  recommended?: boolean;
  /**
   * Whether the rule is on in no config, `configs.strict` included: its findings are right only in
   * repositories with a policy their files do not show, so users turn it on where they have it.
   */
  optIn?: boolean;
  /**
   * For a `yml/yaml` rule, which kinds of YAML file it lints (workflows when it does not say): the
   * config entries of those kinds turn it on (src/index.ts), and on a YAML file of another kind it
   * reports nothing, whatever config enables it.
   */
  yamlFiles?: readonly YamlFileKind[];
}

/** The types of the languages a rule runs on (src/languages/types.ts); a union for a rule on several. */
interface LanguageTypes {
  LangOptions: LanguageOptions;
  Code: SourceCode;
  Visitor: RuleVisitor;
  Node: unknown;
}

/**
 * A rule of this plugin as ESLint's `RuleDefinition` types it for `Language`: its source code,
 * listeners by node type, options, message ids and our `meta.docs`.
 */
export type UvCiRuleDefinition<Language extends LanguageTypes, Options extends unknown[], MessageIds extends string> = RuleDefinition<{
  LangOptions: Language["LangOptions"];
  Code: Language["Code"];
  Visitor: Language["Visitor"];
  Node: Language["Node"];
  RuleOptions: Options;
  MessageIds: MessageIds;
  ExtRuleDocs: UvCiRuleDocs;
}>;

/** The context a rule of `Language` receives. */
type UvCiRuleContext<Language extends LanguageTypes, Options extends unknown[], MessageIds extends string> = Parameters<
  UvCiRuleDefinition<Language, Options, MessageIds>["create"]
>[0];

/** What a rule file writes: `meta` without `docs.url`, and `create` given the options as its second argument. */
interface UvCiRule<Language extends LanguageTypes, Options extends unknown[], MessageIds extends string> {
  /** The rule's name, which is its file's and its page's. */
  name: string;
  meta: Omit<RulesMeta<MessageIds, Options>, "docs" | "messages" | "languages"> & {
    docs: UvCiRuleDocs;
    messages: Record<MessageIds, string>;
    languages: string[];
  };
  create(context: UvCiRuleContext<Language, Options, MessageIds>, options: Options): Language["Visitor"];
}

/**
 * The creator of rules on `Language`: it adds `meta.docs.url` from the rule's name. ESLint merges
 * `meta.defaultOptions` into `context.options` once per config, so `create` receives
 * `context.options` as is. On a YAML file whose kind is not among `meta.docs.yamlFiles`, the rule
 * listens to nothing.
 */
function ruleCreator<Language extends LanguageTypes>() {
  return <Options extends unknown[], MessageIds extends string>({
    name,
    meta,
    create,
  }: UvCiRule<Language, Options, MessageIds>): UvCiRuleDefinition<Language, Options, MessageIds> => {
    const yamlFiles = yamlFilesOf({ meta });
    return {
      meta: { ...meta, docs: { ...meta.docs, url: `${RULE_DOCS_BASE_URL}${name}.md` } },
      create: (context) => {
        const { sourceCode } = context as { sourceCode: { ast: unknown; text: string } };
        if (isYamlProgram(sourceCode.ast)) {
          // The source code object itself is the key of the workflow model's per-lint cache.
          const kind = yamlFileKindOf(context.filename, sourceCode as Parameters<typeof yamlFileKindOf>[1]);
          if (kind === null || !yamlFiles.includes(kind)) return {};
        }
        return create(context, context.options);
      },
    };
  };
}

/** Defines a rule on workflows (`yml/yaml`). */
export const createWorkflowRule = ruleCreator<WorkflowLanguageTypes>();

/** Defines a rule on Dockerfiles (`uv-ci/dockerfile`). */
export const createDockerfileRule = ruleCreator<DockerfileLanguageTypes>();

/** Defines a rule on `.dockerignore` files (`uv-ci/dockerignore`). */
export const createDockerignoreRule = ruleCreator<DockerignoreLanguageTypes>();

/** Defines a rule on workflows and Dockerfiles alike: its context holds either language's source code. */
export const createWorkflowAndDockerfileRule = ruleCreator<WorkflowLanguageTypes | DockerfileLanguageTypes>();
