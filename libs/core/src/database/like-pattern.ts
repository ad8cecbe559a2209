/**
 * An ILIKE pattern matching text that contains `words` literally: `%` and `_` typed by the user match
 * themselves, not anything. Use with `ILIKE :pattern ESCAPE '\'`.
 */
export function containsPattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
