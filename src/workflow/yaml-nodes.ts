import type { AST } from "yaml-eslint-parser";
import { cachePerObject } from "../repository/file-cache.js";

/** A node as written, without anchors, tags or aliases in the way. */
export type YAMLValue = AST.YAMLContent | AST.YAMLWithMeta | null | undefined;

/**
 * Unwraps `&anchor`/`!tag` wrappers and follows `*alias` to the anchored node,
 * so that readers see the value GitHub sees.
 */
export function unwrap(node: YAMLValue): Exclude<AST.YAMLContent, AST.YAMLAlias> | null {
  let current: YAMLValue = node;
  for (let hops = 0; current && hops < 32; hops++) {
    if (current.type === "YAMLWithMeta") {
      current = current.value;
    } else if (current.type === "YAMLAlias") {
      current = findAnchoredValue(current);
    } else {
      return current;
    }
  }
  return null;
}

function findAnchoredValue(alias: AST.YAMLAlias): YAMLValue {
  let node: AST.YAMLNode | null = alias;
  while (node && node.type !== "YAMLDocument") node = node.parent as AST.YAMLNode | null;
  const anchors = node?.type === "YAMLDocument" ? node.anchors[alias.name] : undefined;
  // YAML binds an alias to the nearest preceding anchor of that name.
  const preceding = anchors?.filter((anchor) => anchor.range[0] < alias.range[0]).at(-1);
  return preceding?.parent ?? null;
}

export function asMapping(node: YAMLValue): AST.YAMLMapping | null {
  const value = unwrap(node);
  return value?.type === "YAMLMapping" ? value : null;
}

export function asSequence(node: YAMLValue): AST.YAMLSequence | null {
  const value = unwrap(node);
  return value?.type === "YAMLSequence" ? value : null;
}

export function asScalar(node: YAMLValue): AST.YAMLScalar | null {
  const value = unwrap(node);
  return value?.type === "YAMLScalar" ? value : null;
}

/** The key of a pair as a string (`on`, `"on"` and `'on'` alike), or null for a non-scalar key. */
export function keyName(pair: AST.YAMLPair): string | null {
  const key = asScalar(pair.key);
  if (!key || key.value === null) return null;
  // YAML 1.1 readers turn a bare `on` into `true`; GitHub reads it as the string.
  return key.style === "plain" ? key.raw : String(key.value);
}

/** The pairs of a mapping by key; a duplicate key keeps its last occurrence, as GitHub does. */
export function pairsByKey(mapping: AST.YAMLMapping | null): Map<string, AST.YAMLPair> {
  const pairs = new Map<string, AST.YAMLPair>();
  for (const pair of mapping?.pairs ?? []) {
    const name = keyName(pair);
    if (name !== null) pairs.set(name, pair);
  }
  return pairs;
}

/** The pair named `name` (the last one, as in `pairsByKey`), or null; for one key without building the map. */
export function lastPairNamed(mapping: AST.YAMLMapping | null, name: string): AST.YAMLPair | null {
  let found: AST.YAMLPair | null = null;
  for (const pair of mapping?.pairs ?? []) {
    if (keyName(pair) === name) found = pair;
  }
  return found;
}

/** A scalar's value as GitHub reads it (strings, numbers and booleans alike), or null. */
export function scalarText(node: YAMLValue): string | null {
  const scalar = asScalar(node);
  if (!scalar || scalar.value === null) return null;
  return typeof scalar.value === "string" ? scalar.value : String(scalar.value);
}

/**
 * Whether editing `node` in place would change more than the place it is written: `node` or one of
 * its ancestors carries an `&anchor` that an `*alias` elsewhere repeats (YAML binds an alias to the
 * nearest preceding anchor of its name), so the edit would show up there too.
 */
export function isSharedThroughAnchor(node: AST.YAMLNode): boolean {
  for (let current: AST.YAMLNode | null = node; current && current.type !== "YAMLDocument"; current = current.parent as AST.YAMLNode | null) {
    if (current.type === "YAMLWithMeta" && current.anchor && aliasesOf(current.anchor).length > 0) return true;
  }
  return false;
}

/** The aliases that repeat `anchor`'s node. */
function aliasesOf(anchor: AST.YAMLAnchor): AST.YAMLAlias[] {
  let document: AST.YAMLNode | null = anchor;
  while (document && document.type !== "YAMLDocument") document = document.parent as AST.YAMLNode | null;
  if (document?.type !== "YAMLDocument") return [];
  const sameName = document.anchors[anchor.name] ?? [];
  const next = sameName.find((other) => other.range[0] > anchor.range[0]);
  return aliasesIn(document).filter(
    (alias) => alias.name === anchor.name && alias.range[0] > anchor.range[0] && (!next || alias.range[0] < next.range[0]),
  );
}

/** Every alias of a document, collected once. */
const aliasesIn = cachePerObject((document: AST.YAMLDocument): AST.YAMLAlias[] => {
  const found: AST.YAMLAlias[] = [];
  const visit = (node: AST.YAMLNode | null | undefined): void => {
    if (!node) return;
    if (node.type === "YAMLAlias") found.push(node);
    else if (node.type === "YAMLWithMeta") visit(node.value);
    else if (node.type === "YAMLMapping") {
      for (const pair of node.pairs) {
        visit(pair.key);
        visit(pair.value);
      }
    }
    else if (node.type === "YAMLSequence") node.entries.forEach(visit);
  };
  visit(document.content);
  return found;
});

/** Whether `node` lies inside a flow collection (`[...]` or `{...}`), where block lines cannot be inserted. */
export function isInsideFlowCollection(node: AST.YAMLNode): boolean {
  for (let current = node.parent as AST.YAMLNode | null; current && current.type !== "YAMLDocument"; current = current.parent as AST.YAMLNode | null) {
    if ((current.type === "YAMLMapping" || current.type === "YAMLSequence") && current.style === "flow") return true;
  }
  return false;
}

/**
 * The scalar written as `pair`'s value, to be replaced in place: directly, or behind a tag or an
 * anchor that nothing repeats. Null when the value is an alias (the scalar lives elsewhere), not a
 * scalar, or shared through an anchor on it or an ancestor: an edit would then change other places.
 */
export function scalarEditableAt(pair: AST.YAMLPair | null | undefined): AST.YAMLScalar | null {
  let value: YAMLValue = pair?.value;
  if (value?.type === "YAMLWithMeta") value = value.value;
  if (value?.type !== "YAMLScalar" || isSharedThroughAnchor(value)) return null;
  return value;
}

/**
 * Whether `pattern` can match what a YAML text says, without parsing it: the text as written, or
 * as a double-quoted scalar reads it across an escaped line break (`"astral-sh/setup-\` then
 * `uv@v7"` on the next line says `setup-uv`). The escapes that can spell any letter (`\x`, `\u`,
 * `\U`) are left to the pattern to match.
 */
export function yamlTextMayMatch(text: string, pattern: RegExp): boolean {
  return pattern.test(text) || (text.includes("\\") && pattern.test(text.replace(/\\\r?\n[ \t]*/g, "")));
}
