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

/** The comment under which dockerignore-excludes-local-state appends its patterns. */
const LOCAL_STATE_HEADER = "# Local state and secrets (uv-ci/dockerignore-excludes-local-state)";

/**
 * Whether the patterns after --fix are the patterns before, less lines that excluded only
 * `.python-version`, plus appended `!` exceptions and the block appended under the local-state header.
 */
export function dockerignoreChangeIsIntended(before, after) {
  const headerAt = lines(after).indexOf(LOCAL_STATE_HEADER);
  const appendedBlock = new Set(headerAt < 0 ? [] : patterns(lines(after).slice(headerAt).join("\n")));
  const result = patterns(after);
  // The original patterns, in order, each kept or (only a line naming .python-version) removed.
  let next = 0;
  for (const pattern of patterns(before)) {
    if (result[next] === pattern) next++;
    else if (!ONLY_PYTHON_VERSION.test(pattern)) return false;
  }
  return result.slice(next).every((pattern) => pattern.startsWith("!") || appendedBlock.has(pattern));
}
