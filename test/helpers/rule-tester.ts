import { RuleTester } from "eslint";
import yml from "eslint-plugin-yml";
import { describe, it } from "vitest";

RuleTester.describe = describe;
RuleTester.it = it;

/** ESLint's own RuleTester on eslint-plugin-yml's YAML language, as configs.recommended sets it up for workflows. */
export function workflowRuleTester(): RuleTester {
  return new RuleTester({ plugins: { yml }, language: "yml/yaml" });
}

/** Joins lines with CRLF, for the line-ending cases. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}
