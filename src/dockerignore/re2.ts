/**
 * Runs the regular expressions that moby/patternmatcher builds for `.dockerignore` patterns.
 * patternmatcher hands Go's RE2 a string in which `[`, `]`, `^` and the escape after `\` come
 * straight from the user's pattern, so `\d`, `[[:alpha:]]` or `a^b` mean what RE2 says and
 * `[Local-Only]` is a compile error (moby/moby#52203). This module translates that RE2 subset to a
 * JavaScript `v`-flag RegExp with the same meaning, or throws where Go's `regexp.Compile` fails.
 * https://github.com/google/re2/wiki/Syntax, https://pkg.go.dev/regexp/syntax
 */

type Range = readonly [number, number];

const MAX_RUNE = 0x10ffff;
const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];

/** RE2's ASCII-only Perl classes (`\s` is not Unicode white space as in JavaScript). */
const PERL_CLASSES: Record<string, Range[]> = {
  d: DIGIT,
  s: [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]],
  w: WORD,
};

/** RE2's POSIX classes, valid only inside a bracket expression: `[[:alpha:]]`, `[[:^space:]]`. */
const POSIX_CLASSES: Record<string, Range[]> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: DIGIT,
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

/** Go's one-letter Unicode categories; Go's `C` has no unassigned code points, JavaScript's has. */
const UNICODE_CATEGORIES: Record<string, string> = {
  C: "\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}",
  L: "\\p{L}",
  M: "\\p{M}",
  N: "\\p{N}",
  P: "\\p{P}",
  S: "\\p{S}",
  Z: "\\p{Z}",
};

/** A pattern that Go's `regexp.Compile` rejects; patternmatcher turns it into `ErrBadPattern`. */
export class Re2SyntaxError extends Error {
  override name = "Re2SyntaxError";
}

const hex = (codePoint: number): string => `\\u{${codePoint.toString(16)}}`;
const isWordCode = (code: number): boolean =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
const literal = (codePoint: number): string => (isWordCode(codePoint) ? String.fromCharCode(codePoint) : hex(codePoint));
const rangesSource = (ranges: readonly Range[]): string =>
  ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join("");

function complement(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

/** Class content (inside `[...]`) for a set of ranges, complemented for `\D` or `[:^digit:]`. */
const groupSource = (ranges: readonly Range[], negated: boolean): string =>
  rangesSource(negated ? complement(ranges) : ranges);

/** Class content for `\pL` / `\PL`, or null when RE2 does not know the name. */
function unicodeClassSource(sign: string, name: string | undefined): string | null {
  const positive = name === undefined ? undefined : UNICODE_CATEGORIES[name];
  if (positive === undefined) return null;
  return sign === "p" ? positive : `[^${positive}]`;
}

const isOctal = (ch: string | undefined): boolean => ch !== undefined && ch >= "0" && ch <= "7";
const hexValue = (ch: string | undefined): number => (ch !== undefined && /^[0-9A-Fa-f]$/u.test(ch) ? parseInt(ch, 16) : -1);

/** Translates RE2 source text into a JavaScript RegExp source with the `v` flag. */
class Translator {
  private readonly chars: string[];
  private at = 0;

  constructor(source: string) {
    this.chars = Array.from(source);
  }

  /** RE2's `parseEscape`: the code point of a single-character escape at `\`. */
  private escape(): number {
    const ch = this.chars[this.at + 1];
    if (ch === undefined) throw new Re2SyntaxError("trailing backslash at end of expression");
    this.at += 2;
    const code = ch.codePointAt(0)!;
    if (code < 0x80 && !/^[0-9A-Za-z]$/u.test(ch)) return code;
    if (ch >= "1" && ch <= "7" && !isOctal(this.chars[this.at])) throw new Re2SyntaxError(`invalid escape sequence: \\${ch}`);
    if (ch >= "0" && ch <= "7") {
      let value = code - 0x30;
      for (let digits = 1; digits < 3 && isOctal(this.chars[this.at]); digits++) {
        value = value * 8 + this.chars[this.at++]!.charCodeAt(0) - 0x30;
      }
      return value;
    }
    if (ch === "x") {
      // `\x{...}` cannot occur: patternmatcher always escapes `{`.
      const high = hexValue(this.chars[this.at]);
      const low = hexValue(this.chars[this.at + 1]);
      if (high < 0 || low < 0) throw new Re2SyntaxError("invalid escape sequence: \\x");
      this.at += 2;
      return high * 16 + low;
    }
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (ch in simple) return simple[ch]!;
    throw new Re2SyntaxError(`invalid escape sequence: \\${ch}`);
  }

  /** `\pL`, `\PL`, `\d`, `\W`, ...: class content, or null when the escape is not a class. */
  private classEscape(): string | null {
    if (this.chars[this.at] !== "\\") return null;
    const kind = this.chars[this.at + 1] ?? "";
    if (kind === "p" || kind === "P") {
      // patternmatcher escapes `{`, so only one-letter names such as `\pL` can reach RE2.
      const source = unicodeClassSource(kind, this.chars[this.at + 2]);
      if (source === null) throw new Re2SyntaxError(`invalid character class range: \\${kind}${this.chars[this.at + 2] ?? ""}`);
      this.at += 3;
      return source;
    }
    const perl = PERL_CLASSES[kind.toLowerCase()];
    if (!perl) return null;
    this.at += 2;
    return groupSource(perl, kind !== kind.toLowerCase());
  }

  /** RE2's `parseClass`, starting after `[`. */
  private bracket(): string {
    let negated = false;
    if (this.chars[this.at] === "^") {
      negated = true;
      this.at++;
    }
    let content = "";
    for (let first = true; ; first = false) {
      const ch = this.chars[this.at];
      if (ch === undefined) throw new Re2SyntaxError("missing closing ]");
      if (ch === "]" && !first) {
        this.at++;
        break;
      }
      if (ch === "[" && this.chars[this.at + 1] === ":") {
        const rest = this.chars.slice(this.at + 2).join("");
        const end = rest.indexOf(":]");
        if (end >= 0) {
          const name = rest.slice(0, end);
          const ranges = POSIX_CLASSES[name.replace(/^\^/u, "")];
          if (!ranges) throw new Re2SyntaxError(`invalid character class range: [:${name}:]`);
          content += groupSource(ranges, name.startsWith("^"));
          this.at += 2 + Array.from(name).length + 2;
          continue;
        }
      }
      const escaped = this.classEscape();
      if (escaped !== null) {
        content += escaped;
        continue;
      }
      const lo = this.classChar();
      let hi = lo;
      if (this.chars[this.at] === "-" && this.chars[this.at + 1] !== undefined && this.chars[this.at + 1] !== "]") {
        this.at++;
        hi = this.classChar();
        if (hi < lo) throw new Re2SyntaxError("invalid character class range");
      }
      content += rangesSource([[lo, hi]]);
    }
    return `[${negated ? "^" : ""}${content}]`;
  }

  private classChar(): number {
    if (this.chars[this.at] === "\\") return this.escape();
    return this.chars[this.at++]!.codePointAt(0)!;
  }

  /** The whole expression: the operators patternmatcher emits, literals, escapes and classes. */
  translate(): string {
    let out = "";
    let depth = 0;
    let last: "none" | "atom" | "repeated" = "none";
    while (this.at < this.chars.length) {
      const ch = this.chars[this.at]!;
      if (ch === "*" || ch === "?" || ch === "+") {
        if (last === "none") throw new Re2SyntaxError(`missing argument to repetition operator: ${ch}`);
        if (last === "repeated" && ch !== "?") throw new Re2SyntaxError(`invalid nested repetition operator: ${ch}`);
        out += ch;
        this.at++;
        last = last === "repeated" ? "none" : "repeated";
        continue;
      }
      last = "atom";
      if (ch === "(") {
        depth++;
        out += "(?:";
        this.at++;
        last = "none";
      } else if (ch === ")") {
        if (--depth < 0) throw new Re2SyntaxError("unexpected )");
        out += ")";
        this.at++;
      } else if (ch === "^" || ch === "$") {
        // Wrapped so that RE2's legal `^*` stays legal in JavaScript.
        out += `(?:${ch})`;
        this.at++;
      } else if (ch === ".") {
        out += "[^\\n]";
        this.at++;
      } else if (ch === "[") {
        this.at++;
        out += this.bracket();
      } else if (ch === "\\") {
        out += this.backslash();
      } else {
        out += literal(ch.codePointAt(0)!);
        this.at++;
      }
    }
    if (depth > 0) throw new Re2SyntaxError("missing closing )");
    return out;
  }

  /** A `\` outside brackets: assertions, `\Q...\E`, classes, then single-character escapes. */
  private backslash(): string {
    const next = this.chars[this.at + 1];
    const assertions: Record<string, string> = { A: "(?:^)", z: "(?:$)", b: "(?:\\b)", B: "(?:\\B)" };
    if (next !== undefined && next in assertions) {
      this.at += 2;
      return assertions[next]!;
    }
    if (next === "C") throw new Re2SyntaxError("invalid escape sequence: \\C");
    if (next === "Q") {
      const rest = this.chars.slice(this.at + 2).join("");
      const end = rest.indexOf("\\E");
      const quoted = end < 0 ? rest : rest.slice(0, end);
      this.at += 2 + Array.from(quoted).length + (end < 0 ? 0 : 2);
      return Array.from(quoted, (c) => literal(c.codePointAt(0)!)).join("");
    }
    const escaped = this.classEscape();
    if (escaped !== null) return `[${escaped}]`;
    return literal(this.escape());
  }
}

/**
 * Translates RE2 source text as Go's `regexp.Compile` would read it (Perl flags: `.` stops at
 * `\n`, `^`/`$` anchor the whole text, negated classes match `\n`) into the source of a
 * JavaScript RegExp with the `v` flag.
 * @throws {Re2SyntaxError} where Go reports a syntax error.
 */
export function translateRe2(source: string): string {
  return new Translator(source).translate();
}

/**
 * Compiles RE2 source text into an equivalent JavaScript RegExp.
 * @throws {Re2SyntaxError} where Go reports a syntax error.
 */
export function compileRe2(source: string): RegExp {
  const translated = translateRe2(source);
  try {
    return new RegExp(translated, "v");
  } catch (error) {
    throw new Re2SyntaxError(`cannot translate ${JSON.stringify(source)}: ${(error as Error).message}`);
  }
}
