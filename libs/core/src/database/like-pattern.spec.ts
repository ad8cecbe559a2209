import { containsPattern } from './like-pattern.js';

describe('a contains-pattern for ILIKE', () => {
  it('wraps the words and escapes the wildcards and the escape character', () => {
    expect(containsPattern('诈骗')).toBe('%诈骗%');
    expect(containsPattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});
