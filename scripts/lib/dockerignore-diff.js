// Textual comparison of .dockerignore files before and after --fix, for the corpus check.

const lines = (text) => text.replace(/^\uFEFF/, "").split(/\r?\n/);

/** The comment lines: `#` in column 1, as Docker reads them. */
export function dockerignoreComments(text) {
  return lines(text).filter((line) => line.startsWith("#"));
}

/** Pattern lines, trimmed, blank lines and comments left out. */
function patterns(text) {
  return lines(text)
    .filter((line) => !line.startsWith("#"))
    .map((line) => line.trim())
    .filter(Boolean);
}

const ONLY_PYTHON_VERSION = /^(?:\.?\/|\*\*\/)?\.python-version\/?$/;

/**
 * Whether the patterns after --fix are the patterns before, less lines that excluded only
 * `.python-version` and plus `!` exceptions appended at the end.
 */
export function dockerignoreChangeIsIntended(before, after) {
  const kept = patterns(before).filter((pattern) => !ONLY_PYTHON_VERSION.test(pattern));
  const result = patterns(after);
  const appended = result.slice(kept.length);
  return kept.every((pattern, index) => result[index] === pattern) && appended.every((pattern) => pattern.startsWith("!"));
}
