import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePattern } from "../../src/languages/dockerignore/pattern.js";
import { RE2JS } from "re2js";

/**
 * The regexps moby/patternmatcher builds from `.dockerignore` patterns run in Go's RE2; we run them
 * in re2js, a JavaScript port of RE2. These cases (what Go's regexp package does with each) hold the
 * library to Go's behaviour where patterns can reach it. The one known difference: Go's `\pC` leaves
 * out unassigned code points, re2js's takes them in; no `.dockerignore` pattern writes `\pC` to mean them.
 */
const compileRe2 = (source: string): RE2JS => RE2JS.compile(source);

describe("re2js on the regexps patternmatcher builds", () => {
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
    ["^\\pC$", "\u0378", true], // Go: false (see above)
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
    expect(() => compileRe2(source)).toThrow();
  });
});

describe("patterns through re2js", () => {
  it("either compile or fail with re2js's syntax error, for any pattern", () => {
    const unit = fc.constantFrom("*", "?", "[", "]", "^", "-", ":", "\\", "/", ".", "a", "z", "0", "7", "d", "p", "P", "L", "C", "Q", "E", "x", "A", "b", "(", "{", "é", "😀");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (pattern) => {
        const { re2 } = compilePattern(pattern);
        if (re2 === undefined) return;
        try {
          compileRe2(re2);
        } catch (error) {
          expect((error as Error).name).toBe("RE2JSSyntaxException");
        }
      }),
      { numRuns: 3000 },
    );
  });
});
