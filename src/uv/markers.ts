import { satisfies } from "./pep440.js";

/**
 * PEP 508 environment markers, as `uv.lock` writes them on dependencies and in `resolution-markers`
 * (https://packaging.python.org/en/latest/specifications/dependency-specifiers/#environment-markers),
 * evaluated for a GitHub-hosted Linux x86_64 runner with CPython.
 */

/** The markers that are the same on every Linux x86_64 runner with CPython. */
const LINUX_X86_64: Record<string, string> = {
  sys_platform: "linux",
  platform_system: "Linux",
  platform_machine: "x86_64",
  os_name: "posix",
  implementation_name: "cpython",
  platform_python_implementation: "CPython",
};

const TOKEN = /\s*(\(|\)|===|==|!=|~=|<=|>=|<|>|not\s+in\b|in\b|and\b|or\b|'[^']*'|"[^"]*"|[A-Za-z_][A-Za-z0-9_.]*)/y;

/** A marker's value on the runner: true, false, or null when it depends on what is not known (the patch release, an extra, a group). */
type Truth = boolean | null;

/**
 * Whether `marker` may hold on a Linux x86_64 runner with CPython `python` (`3.12`, `3.12.4`; null
 * when not known): false only when it surely does not. A marker that cannot be read may hold.
 */
export function markerMayHold(marker: string | null, python: string | null): boolean {
  if (marker === null || marker.trim() === "") return true;
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(marker); match; match = TOKEN.exec(marker)) tokens.push(match[1]!.replace(/\s+/g, " "));
  if (tokens.join("").replace(/\s/g, "") !== marker.replace(/\s/g, "")) return true;
  let at = 0;
  const orExpression = (): Truth => {
    let value = andExpression();
    while (tokens[at] === "or") {
      at++;
      const next = andExpression();
      value = value === true || next === true ? true : value === null || next === null ? null : false;
    }
    return value;
  };
  const andExpression = (): Truth => {
    let value = atom();
    while (tokens[at] === "and") {
      at++;
      const next = atom();
      value = value === false || next === false ? false : value === null || next === null ? null : true;
    }
    return value;
  };
  const atom = (): Truth => {
    if (tokens[at] === "(") {
      at++;
      const value = orExpression();
      if (tokens[at++] !== ")") throw new SyntaxError(marker);
      return value;
    }
    const [left, operator, right] = [tokens[at], tokens[at + 1], tokens[at + 2]];
    at += 3;
    if (left === undefined || operator === undefined || right === undefined) throw new SyntaxError(marker);
    return comparison(left, operator, right, python);
  };
  try {
    const value = orExpression();
    return at !== tokens.length || value !== false;
  } catch {
    return true;
  }
}

const FLIPPED: Record<string, string> = { "<": ">", ">": "<", "<=": ">=", ">=": "<=" };

function comparison(left: string, operator: string, right: string, python: string | null): Truth {
  const quoted = (token: string): boolean => /^['"]/.test(token);
  // `'3.10' <= python_version` is `python_version >= '3.10'`.
  if (quoted(left) && !quoted(right) && operator in FLIPPED) return comparison(right, FLIPPED[operator]!, left, python);
  if (quoted(left) === quoted(right)) return null;
  const [variable, literal] = quoted(left) ? [right, left.slice(1, -1)] : [left, right.slice(1, -1)];
  if (variable === "python_version" || variable === "python_full_version") return pythonComparison(variable, operator, literal, python);
  const value = LINUX_X86_64[variable];
  if (value === undefined) return null;
  if (operator === "in" || operator === "not in") {
    // `'linux' in sys_platform` asks whether the literal is part of the value, `sys_platform in 'linux darwin'` the other way.
    const contained = quoted(left) ? value.includes(literal) : literal.includes(value);
    return operator === "in" ? contained : !contained;
  }
  if (operator === "==" || operator === "===") return value === literal;
  if (operator === "!=") return value !== literal;
  return null;
}

/** A comparison of the Python version; with only `3.12` known, `python_full_version` holds when it does for every 3.12.x. */
function pythonComparison(variable: string, operator: string, literal: string, python: string | null): Truth {
  if (python === null || operator === "in" || operator === "not in") return null;
  const parts = python.split(".");
  const candidates = variable === "python_version" ? [parts.slice(0, 2).join(".")] : parts.length >= 3 ? [python] : [`${python}.0`, `${python}.999`];
  const results = candidates.map((version) => satisfies(version, `${operator === "===" ? "==" : operator}${literal}`));
  return results.every((result) => result === results[0]) ? (results[0] ?? null) : null;
}
