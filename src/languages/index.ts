import type { Language } from "@eslint/core";
import { dockerfileLanguage } from "./dockerfile/language.js";
import { dockerignoreLanguage } from "./dockerignore/language.js";

/** The languages this plugin defines; workflows use eslint-plugin-yml's `yml/yaml`. */
export const languages: Record<string, Language> = {
  dockerignore: dockerignoreLanguage,
  dockerfile: dockerfileLanguage,
};
