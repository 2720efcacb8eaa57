// levn ships no types; this is the one function `uv-ci-lint --rule` calls (https://github.com/gkz/levn#parsetype-input-options).
declare module "levn" {
  export function parse(type: string, input: string): unknown;
}
