/** Stands for an interpolated value while the literal text is dedented; a private-use character no test writes. */
const VALUE = "\uE000";

/**
 * A template tag for test files (YAML, Dockerfiles) written indented like the code around them, as
 * eslint-plugin-yml's tests do with `unIndent`:
 *
 * - the text starts on the line after the opening backtick: that first line, when blank, is dropped;
 * - a closing backtick on a line of its own keeps the newline before it (the text ends with "\n");
 *   a closing backtick right after the last character gives a text without a final newline (and
 *   nothing but blank space between two lines of backticks gives "");
 * - the indentation common to the lines that hold anything (text or an interpolation) is removed
 *   from every line; blank lines lose as much of it as they have;
 * - only spaces indent: a tab within the common indentation throws (YAML forbids tabs there, and a
 *   tab has no width to compare with spaces); a tab further in is kept as text;
 * - interpolated values are inserted as they are, after the dedent: a multi-line value keeps its
 *   own indentation (write it absolute, as `steps(…)` bodies are), so `${}` stays a plain splice;
 * - escapes are read as in any template literal (`\${{ … }}` for a GitHub expression, `\\` for `\`).
 */
export function dedent(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  if (strings.some((part) => part.includes(VALUE))) throw new Error("dedent: the text holds U+E000, which stands for interpolated values");
  const isBlank = (line: string): boolean => line.trim() === "";
  let lines = strings.join(VALUE).split("\n");
  if (lines.length > 1 && isBlank(lines[0]!)) lines = lines.slice(1);
  if (lines.length > 1 && isBlank(lines.at(-1)!)) lines[lines.length - 1] = "";

  const filled = lines.filter((line) => !isBlank(line));
  const indentation = Math.min(...filled.map((line) => /^[ \t]*/.exec(line)![0].length));
  const dedented = lines.map((line, index) => {
    if (isBlank(line)) return line.slice(Math.min(indentation, line.length));
    if (/\t/.test(line.slice(0, indentation))) throw new Error(`dedent: line ${index + 1} of the text is indented with a tab; indent with spaces`);
    return line.slice(indentation);
  });

  const parts = dedented.join("\n").split(VALUE);
  return parts.reduce((text, part, index) => `${text}${String(values[index - 1])}${part}`);
}
