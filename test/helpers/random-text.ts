/** A small deterministic generator, so that failures reproduce. */
function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    bytes[i] = state >> 23;
  }
  return bytes;
}

/**
 * Texts from random bytes (NUL, lone `\r`, invalid UTF-8 and all): each of `count` seeded inputs
 * read as ESLint reads a file from disk (UTF-8, invalid bytes become U+FFFD) and byte by byte.
 */
export function randomTexts(count = 40, length = 2000): string[] {
  const decoder = new TextDecoder();
  return Array.from({ length: count }, (_, index) => randomBytes(length, index + 1)).flatMap((bytes) => [
    decoder.decode(bytes),
    String.fromCharCode(...bytes),
  ]);
}
