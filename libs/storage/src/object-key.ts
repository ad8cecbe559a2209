import { InvalidObjectKeyError } from './storage.errors.js';

/** S3 allows 1024 bytes; our keys are ASCII, so characters and bytes are the same. */
export const MAX_OBJECT_KEY_LENGTH = 1024;

/** File names may have 255 bytes; the disk driver's temporary file adds a dot, a UUID and `.tmp`. */
export const MAX_OBJECT_KEY_SEGMENT_LENGTH = 200;

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Refuses any key that is not slash-separated segments of letters, digits, `_`, `-` and `.`, where no
 * segment is empty or starts with a dot (so no `.`, `..`, hidden files, leading, trailing or double
 * slashes), with at most 1024 characters in all and 200 in a segment. Such a key is the same path on disk and the same name in a bucket, and can never leave the
 * storage root. Callers build keys like `committees/<uuid>/attachments/<uuid>`.
 */
export function assertObjectKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidObjectKeyError(String(key), 'it is empty');
  if (key.length > MAX_OBJECT_KEY_LENGTH) throw new InvalidObjectKeyError(key, `it is longer than ${MAX_OBJECT_KEY_LENGTH} characters`);
  if (key.startsWith('/')) throw new InvalidObjectKeyError(key, 'it starts with /');
  if (key.includes('..')) throw new InvalidObjectKeyError(key, 'it contains ..');
  for (const segment of key.split('/')) {
    if (segment.length > MAX_OBJECT_KEY_SEGMENT_LENGTH) {
      throw new InvalidObjectKeyError(key, `a segment is longer than ${MAX_OBJECT_KEY_SEGMENT_LENGTH} characters`);
    }
    if (!SEGMENT.test(segment)) {
      throw new InvalidObjectKeyError(
        key,
        segment === '' ? 'it has an empty segment (// or a trailing /)' : 'each segment must be letters, digits, _, - or . and must not start with .',
      );
    }
  }
}

/** Whether `assertObjectKey` accepts the key. */
export function isValidObjectKey(key: string): boolean {
  try {
    assertObjectKey(key);
    return true;
  } catch {
    return false;
  }
}
