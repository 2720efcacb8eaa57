import type { Language } from "@eslint/core";

/** The languages this plugin defines; workflows use eslint-plugin-yml's `yml/yaml`. */
export const languages: Record<string, Language> = {};
