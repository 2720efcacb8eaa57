import type { Expr } from "@actions/expressions";
import { actionsExpressions } from "../lazy-modules.js";

/**
 * GitHub Actions `${{ }}` expressions, parsed with GitHub's own parser
 * (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions).
 */

/** Every context a workflow expression may name. */
const CONTEXTS = ["github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy", "matrix", "needs", "inputs"];

/** Functions the runner adds to the parser's own: the job status checks of `if:` and `hashFiles`. */
const RUNNER_FUNCTIONS = [
  ...["always", "success", "failure", "cancelled"].map((name) => ({ name, minArgs: 0, maxArgs: 0 })),
  { name: "hashFiles", minArgs: 1, maxArgs: 255 },
];

export type TemplatePart =
  | { kind: "text"; text: string }
  | { kind: "expression"; source: string; expression: Expr | null };

/**
 * Splits a string into literal text and `${{ }}` expressions. A `}}` inside a quoted
 * expression string (`'a}}b'`, with `''` as the escaped quote) does not close it.
 */
export function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf("${{", cursor);
    if (open < 0) break;
    const close = findClosingBraces(text, open + 3);
    if (close < 0) break;
    if (open > cursor) parts.push({ kind: "text", text: text.slice(cursor, open) });
    const source = text.slice(open + 3, close).trim();
    parts.push({ kind: "expression", source, expression: parseExpression(source) });
    cursor = close + 2;
  }
  if (cursor < text.length) parts.push({ kind: "text", text: text.slice(cursor) });
  return parts;
}

function findClosingBraces(text: string, from: number): number {
  let inString = false;
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (char === "'") inString = !inString;
    else if (!inString && char === "}" && text[index + 1] === "}") return index;
  }
  return -1;
}

/**
 * Parsed expressions by source: the same groups and versions recur in nearly every workflow
 * (see docs/performance.md). Bounded, so that a long editor session cannot grow it without end.
 */
const parsedExpressions = new Map<string, Expr | null>();
const MAX_PARSED_EXPRESSIONS = 10_000;

/** Parses one expression body (without `${{ }}`); null when GitHub would reject it. The result is shared: read it only. */
function parseExpression(source: string): Expr | null {
  let parsed = parsedExpressions.get(source);
  if (parsed === undefined) {
    const { Lexer, Parser } = actionsExpressions();
    try {
      parsed = new Parser(new Lexer(source).lex().tokens, CONTEXTS, RUNNER_FUNCTIONS).parse();
    } catch {
      parsed = null;
    }
    if (parsedExpressions.size >= MAX_PARSED_EXPRESSIONS) parsedExpressions.clear();
    parsedExpressions.set(source, parsed);
  }
  return parsed;
}

/** The single expression when the whole string is `${{ … }}`, else null. */
export function wholeExpression(text: string): TemplatePart & { kind: "expression" } | null {
  const parts = splitTemplate(text.trim());
  return parts.length === 1 && parts[0]?.kind === "expression" ? parts[0] : null;
}

export function containsExpression(text: string): boolean {
  return splitTemplate(text).some((part) => part.kind === "expression");
}

/**
 * The context properties an expression reads, as dotted paths: `github.workflow`,
 * `github.event.pull_request.number`, `env.UV_VERSION` (also from `github['ref']`).
 */
export function contextPaths(expression: Expr): string[] {
  const paths: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const path = propertyPath(node);
    if (path) {
      paths.push(path);
      return;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === "object" && ("accept" in value || "expr" in value)) visit(value);
    }
  };
  visit(expression);
  return paths;
}

/** The context paths that the `${{ }}` expressions of a text read, leaving out those that do not parse. */
export function templateContextPaths(text: string): string[] {
  return splitTemplate(text).flatMap((part) => (part.kind === "expression" && part.expression ? contextPaths(part.expression) : []));
}

/** Whether every `${{ }}` expression of a text parses. */
export function templateParses(text: string): boolean {
  return splitTemplate(text).every((part) => part.kind === "text" || part.expression !== null);
}

/** A comparison of a context property with a string literal: `github.ref != 'main'`. */
export interface LiteralComparison {
  path: string;
  operator: "==" | "!=";
  value: string;
  /** The literal as written, quotes included (`'main'`). */
  lexeme: string;
}

/** Every `==` / `!=` of a context property with a string literal in an expression, either way round. */
export function literalComparisons(expression: Expr): LiteralComparison[] {
  const found: LiteralComparison[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const { left, right, operator } = node as { left?: object; right?: object; operator?: { lexeme?: string } };
    if (left && right && (operator?.lexeme === "==" || operator?.lexeme === "!=")) {
      for (const [property, literal] of [[left, right], [right, left]] as const) {
        const path = propertyPath(property);
        const token = (literal as { token?: { lexeme?: string; value?: unknown } }).token;
        if (path && typeof token?.value === "string" && token.lexeme) found.push({ path, operator: operator.lexeme, value: token.value, lexeme: token.lexeme });
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === "object" && !("lexeme" in value)) visit(value);
    }
  };
  visit(expression);
  return found;
}

/** Parses a whole `if:` condition, written with or without `${{ }}`; null when GitHub would reject it. */
export function parseCondition(text: string): Expr | null {
  const whole = wholeExpression(text);
  if (whole) return whole.expression;
  return containsExpression(text) ? null : parseExpression(text.trim());
}

/** A value a partial evaluation knows; `undefined` stands for one it does not. */
type KnownValue = string | number | boolean | null | undefined;

/**
 * What a condition comes to when some context properties are known (`github.event_name` is
 * `pull_request`): true or false when that decides it, null when it depends on anything else.
 * Follows GitHub's rules for `!`, `&&`, `||`, `==` and `!=` (strings compare ignoring case);
 * functions and other properties are unknown.
 */
export function conditionWhen(expression: Expr, known: Readonly<Record<string, string>>): boolean | null {
  const value = partialValue(expression, known);
  return value === undefined ? null : isTruthy(value);
}

/**
 * What an expression's value comes to when some context properties are known, as `conditionWhen`
 * evaluates it: the value (for `a && b || c`, the operand that decides), or undefined when it depends
 * on anything else.
 */
export function valueWhen(expression: Expr, known: Readonly<Record<string, string>>): string | number | boolean | null | undefined {
  return partialValue(expression, known);
}

/**
 * What a job's or step's `if:` comes to on `event`, with `github.event_name` known and everything else
 * unknown (`conditionWhen`); null when there is no `if:`, it does not parse, or it depends on more.
 */
export function conditionOnEvent(condition: string | null, event: string): boolean | null {
  const expression = condition === null ? null : parseCondition(condition);
  return expression === null ? null : conditionWhen(expression, { "github.event_name": event });
}

function partialValue(node: object, known: Readonly<Record<string, string>>): KnownValue {
  const path = propertyPath(node);
  if (path !== null) return Object.hasOwn(known, path) ? known[path] : undefined;
  if ("literal" in node && "token" in node) return (node.literal as { value?: string | number | boolean }).value ?? null;
  if ("group" in node) return partialValue(node.group as object, known);
  const { operator } = node as { operator?: { lexeme?: string } };
  if (operator?.lexeme === "!" && "expr" in node) {
    const value = partialValue(node.expr as object, known);
    return value === undefined ? undefined : !isTruthy(value);
  }
  if ((operator?.lexeme === "&&" || operator?.lexeme === "||") && "args" in node) {
    // For truthiness, a falsy operand decides `&&` and a truthy one decides `||`, wherever it stands.
    const values = (node.args as object[]).map((argument) => partialValue(argument, known));
    const decidingValue = values.find((value) => value !== undefined && isTruthy(value) === (operator.lexeme === "||"));
    if (decidingValue !== undefined) return decidingValue;
    return values.includes(undefined) ? undefined : values.at(-1);
  }
  if ((operator?.lexeme === "==" || operator?.lexeme === "!=") && "left" in node && "right" in node) {
    const left = partialValue(node.left as object, known);
    const right = partialValue(node.right as object, known);
    if (left === undefined || right === undefined) return undefined;
    return looselyEqual(left, right) === (operator.lexeme === "==");
  }
  return undefined;
}

function isTruthy(value: Exclude<KnownValue, undefined>): boolean {
  return value !== null && value !== false && value !== 0 && value !== "" && !Number.isNaN(value);
}

/** GitHub's `==` on primitives: strings ignoring case, other kinds as numbers. */
function looselyEqual(left: Exclude<KnownValue, undefined>, right: Exclude<KnownValue, undefined>): boolean {
  if (typeof left === "string" && typeof right === "string") return left.toLowerCase() === right.toLowerCase();
  const asNumber = (value: Exclude<KnownValue, undefined>): number => (value === null ? 0 : typeof value === "boolean" ? Number(value) : value === "" ? 0 : Number(value));
  return asNumber(left) === asNumber(right);
}

/** `github.event.number` for an access chain of literal names, else null. */
function propertyPath(node: object): string | null {
  if ("name" in node && isToken(node.name) && !("args" in node)) return node.name.lexeme;
  if ("expr" in node && "index" in node && node.expr && typeof node.expr === "object") {
    const base = propertyPath(node.expr);
    const index = node.index as { literal?: { value?: unknown } } | null;
    const name = index?.literal?.value;
    return base && typeof name === "string" ? `${base}.${name}` : null;
  }
  return null;
}

function isToken(value: unknown): value is { lexeme: string } {
  return typeof value === "object" && value !== null && "lexeme" in value;
}
