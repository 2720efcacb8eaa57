import { describe, expect, it } from "vitest";
import { matchPath, matchPathInIgnoreFile } from "../../src/languages/dockerignore/matcher.js";
import { compilePattern, newPattern, readIgnoreFile, type DockerPattern } from "../../src/languages/dockerignore/pattern.js";

function patternsOf(lines: string[]): DockerPattern[] {
  return lines.flatMap((line) => newPattern(line) ?? []);
}

/** `patternmatcher.MatchesOrParentMatches(path, patterns)` without ReadAll. */
function excludes(lines: string[], path: string): boolean {
  return matchPath(patternsOf(lines), path).excluded;
}

// Port of moby/patternmatcher's TestMatches (patternmatcher_test.go): exact = the pattern itself
// matches the path, inexact = only a parent directory does, fail = neither.
const singlePatternCases: [string, string, "exact" | "inexact" | "fail"][] = [
  ["**", "file", "exact"],
  ["**", "file/", "exact"],
  ["**/", "file", "exact"],
  ["**/", "file/", "exact"],
  ["**", "/", "exact"],
  ["**/", "/", "exact"],
  ["**", "dir/file", "exact"],
  ["**/", "dir/file", "exact"],
  ["**", "dir/file/", "exact"],
  ["**/", "dir/file/", "exact"],
  ["**/**", "dir/file", "exact"],
  ["**/**", "dir/file/", "exact"],
  ["dir/**", "dir/file", "exact"],
  ["dir/**", "dir/file/", "exact"],
  ["dir/**", "dir/dir2/file", "exact"],
  ["dir/**", "dir/dir2/file/", "exact"],
  ["**/dir", "dir", "exact"],
  ["**/dir", "dir/file", "inexact"],
  ["**/dir2/*", "dir/dir2/file", "exact"],
  ["**/dir2/*", "dir/dir2/file/", "inexact"],
  ["**/dir2/**", "dir/dir2/dir3/file", "exact"],
  ["**/dir2/**", "dir/dir2/dir3/file/", "exact"],
  ["**file", "file", "exact"],
  ["**file", "dir/file", "exact"],
  ["**/file", "dir/file", "exact"],
  ["**file", "dir/dir/file", "exact"],
  ["**/file", "dir/dir/file", "exact"],
  ["**/file*", "dir/dir/file", "exact"],
  ["**/file*", "dir/dir/file.txt", "exact"],
  ["**/file*txt", "dir/dir/file.txt", "exact"],
  ["**/file*.txt", "dir/dir/file.txt", "exact"],
  ["**/file*.txt*", "dir/dir/file.txt", "exact"],
  ["**/**/*.txt", "dir/dir/file.txt", "exact"],
  ["**/**/*.txt2", "dir/dir/file.txt", "fail"],
  ["**/*.txt", "file.txt", "exact"],
  ["**/**/*.txt", "file.txt", "exact"],
  ["a**/*.txt", "a/file.txt", "exact"],
  ["a**/*.txt", "a/dir/file.txt", "exact"],
  ["a**/*.txt", "a/dir/dir/file.txt", "exact"],
  ["a/*.txt", "a/dir/file.txt", "fail"],
  ["a/*.txt", "a/file.txt", "exact"],
  ["a/*.txt**", "a/file.txt", "exact"],
  ["a[b-d]e", "ae", "fail"],
  ["a[b-d]e", "ace", "exact"],
  ["a[b-d]e", "aae", "fail"],
  ["a[^b-d]e", "aze", "exact"],
  [".*", ".foo", "exact"],
  [".*", "foo", "fail"],
  ["abc.def", "abcdef", "fail"],
  ["abc.def", "abc.def", "exact"],
  ["abc.def", "abcZdef", "fail"],
  ["abc?def", "abcZdef", "exact"],
  ["abc?def", "abcdef", "fail"],
  ["**/foo/bar", "foo/bar", "exact"],
  ["**/foo/bar", "dir/foo/bar", "exact"],
  ["**/foo/bar", "dir/dir2/foo/bar", "exact"],
  ["abc/**", "abc", "fail"],
  ["abc/**", "abc/def", "exact"],
  ["abc/**", "abc/def/ghi", "exact"],
  ["**/.foo", ".foo", "exact"],
  ["**/.foo", "bar.foo", "fail"],
  ["a(b)c/def", "a(b)c/def", "exact"],
  ["a(b)c/def", "a(b)c/xyz", "fail"],
  ["a.|)$(}+{bc", "a.|)$(}+{bc", "exact"],
  ["dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", "exact"],
  ["dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", "exact"],
  ["a\\\\", "a\\", "exact"],
  ["a\\*b", "a*b", "exact"],
];

describe("patternmatcher TestMatches", () => {
  it.each(singlePatternCases)("pattern %j against %j is %s", (pattern, path, kind) => {
    const compiled = compilePattern(newPattern(pattern)!.cleaned);
    // MatchesExact: the pattern alone, without parent directories.
    expect(compiled.test!(path)).toBe(kind === "exact");
    // MatchesOrParentMatches. Our matcher cleans the path first (as fsutil's walk produces clean
    // paths), so "/" — the context root, never a file — matches nothing.
    if (path !== "/") expect(excludes([pattern], path)).toBe(kind !== "fail");
  });

  it.each([
    [["**", "!util/docker/web"], "util/docker/web/foo", false],
    [["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo", true],
    [["**", "!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"], "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false],
    [["**", "!dist/*.whl"], "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false],
  ] as const)("patterns %j against %j: excluded = %s", (patterns, path, excluded) => {
    expect(excludes([...patterns], path)).toBe(excluded);
  });
});

// Port of patternmatcher's TestMatch, itself Go's filepath.Match tests, through `Matches(s, [pattern])`.
describe("patternmatcher TestMatch (Go's filepath.Match cases)", () => {
  const cases: [string, string, boolean, boolean][] = [
    ["abc", "abc", true, false],
    ["*", "abc", true, false],
    ["*c", "abc", true, false],
    ["a*", "a", true, false],
    ["a*", "abc", true, false],
    ["a*", "ab/c", true, false],
    ["a*/b", "abc/b", true, false],
    ["a*/b", "a/c/b", false, false],
    ["a*b*c*d*e*/f", "axbxcxdxe/f", true, false],
    ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true, false],
    ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false, false],
    ["a*b*c*d*e*/f", "axbxcxdxexxx/fff", false, false],
    ["a*b?c*x", "abxbbxdbxebxczzx", true, false],
    ["a*b?c*x", "abxbbxdbxebxczzy", false, false],
    ["ab[c]", "abc", true, false],
    ["ab[b-d]", "abc", true, false],
    ["ab[e-g]", "abc", false, false],
    ["ab[^c]", "abc", false, false],
    ["ab[^b-d]", "abc", false, false],
    ["ab[^e-g]", "abc", true, false],
    ["a\\*b", "a*b", true, false],
    ["a\\*b", "ab", false, false],
    ["a?b", "a☺b", true, false],
    ["a[^a]b", "a☺b", true, false],
    ["a???b", "a☺b", false, false],
    ["a[^a][^a][^a]b", "a☺b", false, false],
    ["[a-ζ]*", "α", true, false],
    ["*[a-ζ]", "A", false, false],
    ["a?b", "a/b", false, false],
    ["a*b", "a/b", false, false],
    ["[\\]a]", "]", true, false],
    ["[\\-]", "-", true, false],
    ["[x\\-]", "x", true, false],
    ["[x\\-]", "-", true, false],
    ["[x\\-]", "z", false, false],
    ["[\\-x]", "x", true, false],
    ["[\\-x]", "-", true, false],
    ["[\\-x]", "a", false, false],
    ["[]a]", "]", false, true],
    ["[-]", "-", false, true],
    ["[x-]", "x", false, true],
    ["[x-]", "-", false, true],
    ["[x-]", "z", false, true],
    ["[-x]", "x", false, true],
    ["[-x]", "-", false, true],
    ["[-x]", "a", false, true],
    ["\\", "a", false, true],
    ["[a-b-c]", "a", false, true],
    ["[", "a", false, true],
    ["[^", "a", false, true],
    ["[^bc", "a", false, true],
    ["a[", "a", false, true],
    ["a[", "ab", false, true],
    ["*x", "xxx", true, false],
  ];
  it.each(cases)("%j against %j: match %s, error %s", (pattern, path, match, error) => {
    const verdict = matchPath(patternsOf([pattern]), path);
    expect(verdict.error !== null).toBe(error);
    if (!error) expect(verdict.excluded).toBe(match);
  });

  it("rejects a lone `!`, like patternmatcher's TestSingleExclamationError", () => {
    expect(matchPath(patternsOf(["!"]), "fileutils.go").error).toBe('illegal exclusion pattern: "!"');
    expect(matchPathInIgnoreFile("! \n", "a").error).toBe('illegal exclusion pattern: "!"');
  });

  it("fails on a pattern whose regexp Go cannot compile, when Docker evaluates it (moby/moby#52203)", () => {
    const patterns = patternsOf(["[Local-Only]/"]);
    expect(patterns[0]!.error).toBe("syntax error in pattern");
    expect(matchPath(patterns, "x").error).toBe("syntax error in pattern");
    // An exception is only evaluated once something matched, so there it goes unnoticed.
    expect(matchPath(patternsOf(["!\\é"]), "x").error).toBeNull();
    expect(matchPath(patternsOf(["*", "!\\é"]), "x").error).toBe("syntax error in pattern");
  });
});

// Port of patternmatcher's TestCompile (slash separator).
describe("patternmatcher TestCompile", () => {
  it.each([
    ["*", "regexp", "^[^/]*$"],
    ["file*", "regexp", "^file[^/]*$"],
    ["*file", "regexp", "^[^/]*file$"],
    ["a*/b", "regexp", "^a[^/]*/b$"],
    ["**", "suffix", undefined],
    ["**/**", "regexp", "^(.*/)?.*$"],
    ["dir/**", "prefix", undefined],
    ["**/dir", "suffix", undefined],
    ["**/dir2/*", "regexp", "^(.*/)?dir2/[^/]*$"],
    ["**/dir2/**", "regexp", "^(.*/)?dir2/.*$"],
    ["**file", "suffix", undefined],
    ["**/file*txt", "regexp", "^(.*/)?file[^/]*txt$"],
    ["**/**/*.txt", "regexp", "^(.*/)?(.*/)?[^/]*\\.txt$"],
    ["a[b-d]e", "regexp", "^a[b-d]e$"],
    [".*", "regexp", "^\\.[^/]*$"],
    ["abc.def", "exact", undefined],
    ["abc?def", "regexp", "^abc[^/]def$"],
    ["**/foo/bar", "suffix", undefined],
    ["a(b)c/def", "exact", undefined],
    ["a.|)$(}+{bc", "exact", undefined],
    ["dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", "exact", undefined],
  ])("%j compiles to %s %s", (pattern, matchType, re2) => {
    const compiled = compilePattern(pattern);
    expect(compiled.matchType).toBe(matchType);
    expect(compiled.re2).toBe(re2);
  });
});

describe("ignorefile.ReadAll", () => {
  it("matches patternmatcher's TestReadAll", () => {
    const content = "test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! ";
    expect(readIgnoreFile(content)).toEqual(["test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path", "!", "!"]);
  });

  it("strips a BOM on the first line only, drops one \\r per line and keeps a lone \\r inside a line", () => {
    expect(readIgnoreFile("\uFEFFa\r\n\uFEFFb\r\nc\rd\n#x\r\n #y")).toEqual(["a", "\uFEFFb", "c\rd", "#y"]);
  });

  it("trims Go white space (U+00A0, U+0085) but not U+FEFF, and cleans paths", () => {
    expect(readIgnoreFile("\u00a0a\u0085\n./b/../c/\n//d\n!  ./e\n\t")).toEqual(["a", "c", "d", "!e"]);
  });
});

describe("Docker's documented examples (docs.docker.com/build/concepts/context/#dockerignore-files)", () => {
  it.each([
    [["*/temp*"], "somedir/temporary.txt", true],
    [["*/temp*"], "somedir/temp", true],
    [["*/temp*"], "somedir/temp/inner.txt", true],
    [["*/temp*"], "temp", false],
    [["*/temp*"], "a/b/temporary.txt", false],
    [["*/*/temp*"], "somedir/subdir/temporary.txt", true],
    [["*/*/temp*"], "somedir/temporary.txt", false],
    [["temp?"], "tempa", true],
    [["temp?"], "tempb", true],
    [["temp?"], "temp", false],
    [["temp?"], "tempab", false],
    [["temp?"], "dir/tempa", false],
    [["**/*.go"], "main.go", true],
    [["**/*.go"], "a/b/c.go", true],
    [["*.md", "!README.md"], "README.md", false],
    [["*.md", "!README.md"], "CHANGES.md", true],
    [["*.md", "!README*.md", "README-secret.md"], "README-secret.md", true],
    [["*.md", "!README*.md", "README-secret.md"], "README-public.md", false],
    [["*.md", "README-secret.md", "!README*.md"], "README-secret.md", false],
    [["/foo/bar"], "foo/bar", true],
    [["foo/bar"], "foo/bar", true],
    [["foo/bar"], "bar", false],
    [["foo/bar"], "x/foo/bar", false],
    [["*", "!src"], "src/main.py", false],
    [["*", "!src"], "tests/test_main.py", true],
    [["docs", "!docs/README.md"], "docs/README.md", false],
    [["docs/", "!docs/README.md"], "docs/guide.md", true],
  ] as const)("%j against %j: excluded = %s", (patterns, path, excluded) => {
    expect(matchPathInIgnoreFile(patterns.join("\n"), path).excluded).toBe(excluded);
  });
});

describe("the routes by which .python-version leaves the build context", () => {
  it.each([
    [".python-version", true],
    ["/.python-version", true],
    ["./.python-version", true],
    ["**/.python-version", true],
    [".python-version/", true],
    ["  .python-version\t", true],
    [".python-version\r\n", true],
    ["\uFEFF.python-version", true],
    [".*", true],
    [".python*", true],
    ["*version", true],
    [".python-versio?", true],
    [".[p]ython-version", true],
    ["\\.python-version", true],
    ["*", true],
    ["**", true],
    ["**/*", true],
    ["**/.*", true],
    [".*\n!.python-version", false],
    [".*\n!  /.python-version", false],
    [".*\n! ./.python-version", false],
    ["!.python-version\n.*", true],
    [".python-version\n!.python*\n.py*", true],
    ["*\n!.python-version\n.python-version", true],
    ["!.python-version", false],
    [".Python-version", false],
    [".PYTHON-VERSION", false],
    ["*/.python-version", false],
    ["src/.python-version", false],
    [".python-version.txt", false],
    [".python-version-*", false],
    ["# .python-version", false],
    ["#.python-version", false],
    [" # .python-version", false],
    [".python-version # pinned", false],
    ["a\n\uFEFF.python-version", false],
    [".venv", false],
    ["../.python-version", false],
  ])("%j: excluded = %s", (text, excluded) => {
    expect(matchPathInIgnoreFile(text, ".python-version").excluded).toBe(excluded);
  });

  it("reports every exclusion after the last exception that brought the file back", () => {
    const patterns = patternsOf(readIgnoreFile(".python-version\n!.python-version\n.*\n.python-version\nfoo"));
    expect(matchPath(patterns, ".python-version")).toEqual({ excluded: true, excludedBy: [2, 3], error: null });
  });

  it("excludes files below an excluded directory unless an exception names them", () => {
    expect(matchPathInIgnoreFile("config", "config/uv.toml").excluded).toBe(true);
    expect(matchPathInIgnoreFile("config\n!config/uv.toml", "config/uv.toml").excluded).toBe(false);
  });
});

describe("differences from @balena/dockerignore", () => {
  it("is case-sensitive", () => {
    expect(matchPathInIgnoreFile("README.MD", "README.md").excluded).toBe(false);
  });

  it("treats a leading `**` without `/` as a plain suffix, like patternmatcher's fast path", () => {
    expect(matchPathInIgnoreFile("**file", "dir/myfile").excluded).toBe(true);
    expect(matchPathInIgnoreFile("**/file", "dir/myfile").excluded).toBe(false);
  });

  it("hands escapes and brackets to RE2, as patternmatcher does", () => {
    expect(matchPathInIgnoreFile("\\d.txt", "5.txt").excluded).toBe(true);
    expect(matchPathInIgnoreFile("[[:digit:]].txt", "7.txt").excluded).toBe(true);
    // Without a glob character the pattern is compared as a string; with one, `^` is RE2's anchor.
    expect(matchPathInIgnoreFile("a^b", "a^b").excluded).toBe(true);
    expect(matchPathInIgnoreFile("a^b?", "a^bc").excluded).toBe(false);
    expect(matchPathInIgnoreFile("*$py.class", "mod$py.class").excluded).toBe(true);
  });
});

// Our own file in the style of the seed PR's .dockerignore: Python leftovers, then virtual
// environments with `.python-version` among them (the line that broke the build).
const SEED_LIKE = `# Python
__pycache__/
*.py[cod]
*$py.class
.Python
build/
*.egg-info/

# Virtual environments
.venv
venv/
.python-version

# Editors
*.swp
*~

# Docker
Dockerfile*
.dockerignore
`;

describe("a .dockerignore shaped like the seed PR's", () => {
  it.each([
    [".python-version", true],
    ["pyproject.toml", false],
    ["uv.lock", false],
    ["src/app/__init__.py", false],
    ["__pycache__/mod.cpython-312.pyc", true],
    ["mod.pyc", true],
    // Unlike .gitignore, Docker patterns are anchored at the context root.
    ["src/app/__pycache__/mod.cpython-312.pyc", false],
    ["src/app/mod.pyc", false],
    ["mod$py.class", true],
    [".Python", true],
    ["pkg.egg-info/PKG-INFO", true],
    [".venv/bin/python", true],
    ["notes.txt~", true],
    ["Dockerfile.dev", true],
  ])("%j: excluded = %s", (path, excluded) => {
    expect(matchPathInIgnoreFile(SEED_LIKE, path).excluded).toBe(excluded);
  });

  it("names the `.python-version` line as the only one that excludes it", () => {
    const patterns = patternsOf(readIgnoreFile(SEED_LIKE));
    const verdict = matchPath(patterns, ".python-version");
    expect(verdict.excludedBy.map((index) => patterns[index]!.cleaned)).toEqual([".python-version"]);
  });
});
