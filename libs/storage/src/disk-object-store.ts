import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { assertObjectKey } from './object-key.js';
import { ObjectStore } from './object-store.js';
import { InvalidObjectKeyError, ObjectNotFoundError } from './storage.errors.js';

/** What the file system answers when a key's path is missing, or runs through a file, or is a folder. */
const NO_OBJECT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * Objects as files under one root folder (`STORAGE_DIR`), at the key's path: `committees/<id>/attachments/<id>`
 * is the file `<root>/committees/<id>/attachments/<id>`, so the folder can be copied into a bucket as it is.
 * A write goes to a temporary file beside the target (a name no key can have: it starts with a dot), is
 * flushed to disk, then renamed over the target, so readers and a crash never see a partial object.
 * The content type is not kept on disk.
 *
 * Unlike a bucket, a folder cannot hold both an object `a/b` and an object `a/b/c`; `put` refuses the second.
 */
export class DiskObjectStore extends ObjectStore {
  readonly root: string;

  constructor(rootDir: string) {
    super();
    this.root = path.resolve(rootDir);
  }

  async put(key: string, bytes: Buffer, _contentType: string): Promise<void> {
    const file = this.pathOf(key);
    const folder = path.dirname(file);
    const temp = path.join(folder, `.${path.basename(file)}.${randomUUID()}.tmp`);
    try {
      await mkdir(folder, { recursive: true });
      const handle = await open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined); // often there is none (the folder could not be made)
      if (codeOf(error) === 'ENOTDIR' || codeOf(error) === 'EEXIST' || codeOf(error) === 'EISDIR') {
        throw new Error(`cannot store ${key}: a part of its path is already an object, or it is a folder of other objects`, { cause: error });
      }
      throw error;
    }
    await syncFolder(folder);
  }

  async get(key: string): Promise<Buffer> {
    const file = this.pathOf(key);
    try {
      return await readFile(file);
    } catch (error) {
      if (NO_OBJECT.has(codeOf(error) ?? '')) throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    try {
      await unlink(file);
    } catch (error) {
      if (!NO_OBJECT.has(codeOf(error) ?? '')) throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    const file = this.pathOf(key);
    try {
      return (await stat(file)).isFile();
    } catch (error) {
      if (NO_OBJECT.has(codeOf(error) ?? '')) return false;
      throw error;
    }
  }

  /** The file of a key; the key check already keeps it inside the root, the prefix check makes sure. */
  private pathOf(key: string): string {
    assertObjectKey(key);
    const file = path.resolve(this.root, ...key.split('/'));
    if (!file.startsWith(this.root + path.sep)) throw new InvalidObjectKeyError(key, 'it leads outside the storage folder');
    return file;
  }
}

/** Makes the rename itself durable: a crash right after `put` returns must not lose the new entry. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
