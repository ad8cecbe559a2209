import { assertObjectKey, isValidObjectKey } from './object-key.js';
import { InvalidObjectKeyError } from './storage.errors.js';

describe('object keys', () => {
  it('accepts the keys callers build', () => {
    for (const key of [
      'committees/6f1c2b9e-2f7a-4c1e-9a55-0d7c6a1e8b21/attachments/0b8e5a52-34d1-4b8f-8f3e-5a9d2c1e7f60',
      'a',
      'reports/2024_Q1-final.v2.pdf',
      '_tmp/x',
      `${'a'.repeat(200)}/b`,
    ]) {
      expect(() => assertObjectKey(key)).not.toThrow();
    }
  });

  it('refuses paths that could leave the root, hidden names, odd characters and overlong keys', () => {
    const refused: [string, RegExp][] = [
      ['', /empty/],
      ['/etc/passwd', /starts with \//],
      ['../outside', /contains \.\./],
      ['committees/../../etc', /contains \.\./],
      ['a/..', /contains \.\./],
      ['a..b', /contains \.\./],
      ['a//b', /empty segment/],
      ['a/', /empty segment/],
      ['./a', /must not start with \./],
      ['a/./b', /must not start with \./],
      ['.hidden', /must not start with \./],
      ['a/.b.tmp', /must not start with \./],
      ['a b', /letters, digits/],
      ['a\\b', /letters, digits/],
      ['附件/提案.pdf', /letters, digits/],
      ['a%2Fb', /letters, digits/],
      ['a\nb', /letters, digits/],
      ['a\0b', /letters, digits/],
      ['C:/x', /letters, digits/],
      [`${'a'.repeat(201)}`, /segment is longer than 200/],
      [Array.from({ length: 206 }, () => 'abcd').join('/'), /longer than 1024/],
    ];
    for (const [key, reason] of refused) {
      expect(isValidObjectKey(key)).toBe(false);
      expect(() => assertObjectKey(key)).toThrow(InvalidObjectKeyError);
      expect(() => assertObjectKey(key)).toThrow(reason);
    }
  });

  it('names the refused key in the error', () => {
    try {
      assertObjectKey('../x');
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidObjectKeyError);
      expect((error as InvalidObjectKeyError).key).toBe('../x');
      expect((error as Error).message).toBe('invalid object key "../x": it contains ..');
    }
  });
});
