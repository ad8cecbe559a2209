/**
 * Where attachment bytes live, behind one contract whichever driver is configured (`STORAGE_DRIVER`):
 * - keys are checked with `assertObjectKey`; a refused key throws `InvalidObjectKeyError` before any I/O;
 * - `put` replaces any object under the key, all at once: a reader sees the old bytes or the new, never a
 *   mix or a partial file;
 * - `get` of a key with no object throws `ObjectNotFoundError`;
 * - `delete` of a key with no object does nothing.
 *
 * An abstract class rather than an interface, so Nest injects it by class (`constructor(store: ObjectStore)`).
 * The content type is kept where the driver can keep it (S3 metadata); callers keep it with their own row too.
 */
export abstract class ObjectStore {
  abstract put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  abstract get(key: string): Promise<Buffer>;
  abstract delete(key: string): Promise<void>;
  abstract exists(key: string): Promise<boolean>;
}
