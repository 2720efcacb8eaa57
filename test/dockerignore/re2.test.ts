import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePattern } from "../../src/dockerignore/pattern.js";
import { compileRe2, Re2SyntaxError } from "../../src/dockerignore/re2.js";

// RE2 source text as moby/patternmatcher builds it, and what Go's regexp package does with it.
describe("compileRe2", () => {
  it.each([
    ["^[^/]*$", "abc", true],
    ["^[^/]*$", "a/b", false],
    ["^(.*/)?dir2/[^/]*$", "a/b/dir2/file", true],
    ["^(.*/)?dir2/[^/]*$", "dir2/file", true],
    ["^\\.[^/]*$", ".python-version", true],
    ["^a\\.b$", "aXb", false],
    // `.` stops at a newline; negated classes do not (Go's ClassNL).
    ["^a.*$", "a\nb", false],
    ["^a[^/]*$", "a\nb", true],
    // RE2's Perl classes are ASCII-only.
    ["^\\d$", "7", true],
    ["^\\d$", "٧", false],
    ["^\\s$", "\u00a0", false],
    ["^\\s$", "\t", true],
    ["^\\w+$", "snake_case9", true],
    ["^\\W$", "-", true],
    ["^[\\D]$", "x", true],
    // POSIX classes exist only inside brackets.
    ["^[[:alpha:]]$", "q", true],
    ["^[[:^alpha:]]$", "q", false],
    ["^[[:^alpha:]]$", "1", true],
    ["^[[:xdigit:][:space:]]$", " ", true],
    // One-letter Unicode classes; Go's C has no unassigned code points.
    ["^\\pL$", "ж", true],
    ["^\\PL$", "ж", false],
    ["^\\pC$", "\u0000", true],
    ["^\\pC$", "\u0378", false],
    ["^[^\\PN]$", "5", true],
    // Single-character escapes.
    ["^\\101$", "A", true],
    ["^\\0$", "\u0000", true],
    ["^\\x41$", "A", true],
    ["^\\t$", "\t", true],
    ["^\\a$", "\u0007", true],
    ["^\\-\\!\\_$", "-!_", true],
    ["^\\Qa.b*\\E$", "a.b*", true],
    ["^\\Qa.b*\\E$", "aXbb", false],
    ["^\\Qa.b", "a.b", true],
    // Anchors and word boundaries.
    ["^a^b$", "ab", false],
    ["^^a$", "a", true],
    ["^\\Aa\\z$", "a", true],
    ["^a\\b$", "a", true],
    // A class may start with `]`, holds `[` literally, and takes ranges of any code points.
    ["^[]a]$", "]", true],
    ["^[a[^/]*]$", "[^]", true],
    ["^[a-ζ]$", "α", true],
    ["^[\\]a]$", "]", true],
    ["^[x\\-]$", "-", true],
  ])("%j on %j: %s", (source, text, expected) => {
    expect(compileRe2(source).test(text)).toBe(expected);
  });

  it.each([
    "^[Local-Only]$",
    "^[z-a]$",
    "^[[:foo:]]$",
    "^\\é$",
    "^\\8$",
    "^\\1$",
    "^\\C$",
    "^\\E$",
    "^\\x4$",
    "^\\pX$",
    "^\\p\\{Greek\\}$",
    "^[a$",
    "^a\\",
    "^(a$",
    "^a)$",
    "*a",
  ])("rejects %j like Go's regexp.Compile", (source) => {
    expect(() => compileRe2(source)).toThrow(Re2SyntaxError);
  });
});

describe("patterns through compileRe2", () => {
  it("either translate to a valid JavaScript RegExp or fail as Go would, for any pattern", () => {
    const unit = fc.constantFrom("*", "?", "[", "]", "^", "-", ":", "\\", "/", ".", "a", "z", "0", "7", "d", "p", "P", "L", "C", "Q", "E", "x", "A", "b", "(", "{", "é", "😀");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (pattern) => {
        const { re2 } = compilePattern(pattern);
        if (re2 === undefined) return;
        try {
          compileRe2(re2);
        } catch (error) {
          expect(error).toBeInstanceOf(Re2SyntaxError);
          expect((error as Error).message).not.toMatch(/^cannot translate/);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
