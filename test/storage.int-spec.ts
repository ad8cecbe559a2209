import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Test } from '@nestjs/testing';
import { AppConfig, CoreModule, loadConfig } from '#app/core';
import { DiskObjectStore, InvalidObjectKeyError, isValidObjectKey, ObjectNotFoundError, ObjectStore, S3ObjectStore, StorageModule } from '#app/storage';

/** The parts of s3rver (a real S3 server over HTTP, objects in a folder) that this spec uses; it ships no types. */
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer: Server;
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverServer;
const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as S3rverClass;

const BUCKET = 'cppcc-attachments';
/** The one key pair s3rver knows; it checks every request's signature against it. */
const S3_KEY = 'S3RVER';

const committee = '6f1c2b9e-2f7a-4c1e-9a55-0d7c6a1e8b21';
let serial = 0;
/** A fresh key of the shape callers use, so the tests of one driver never see each other's objects. */
const newKey = (): string => `committees/${committee}/attachments/${String((serial += 1)).padStart(8, '0')}-${randomBytes(4).toString('hex')}`;

const REFUSED_KEYS = ['', '/etc/passwd', '../outside', 'committees/../../outside', 'a//b', 'a/', 'a/./b', '.hidden', 'a b', 'a\\b', '附件/提案.pdf', 'x'.repeat(1025)];

interface Driver {
  store: ObjectStore;
  /** Every entry the driver left behind, as it sees it: files under the root, objects in the bucket. */
  listAll(): Promise<string[]>;
  close(): Promise<void>;
}

/** Files below a folder, as slash-separated paths relative to it. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describe('attachment storage', () => {
  const sandbox = mkdtempSync(path.join(tmpdir(), 'cppcc-storage-'));
  let s3: S3rverServer;
  let endpoint: string;
  let raw: S3Client;

  const s3Env = (): Record<string, string> => ({
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: endpoint,
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: S3_KEY,
    S3_SECRET_ACCESS_KEY: S3_KEY,
  });

  const drivers: Record<'disk' | 's3', () => Driver> = {
    disk: () => {
      const root = path.join(sandbox, 'disk', 'attachments');
      return {
        store: new DiskObjectStore(root),
        // Everything in the sandbox's disk folder, so a file written outside the root would show up too.
        listAll: async () => filesUnder(path.join(sandbox, 'disk')).map((file) => path.posix.relative('attachments', file)),
        close: async () => undefined,
      };
    },
    s3: () => {
      const store = S3ObjectStore.fromConfig(loadConfig(s3Env()));
      return {
        store,
        listAll: async () => {
          const listing = await raw.send(new ListObjectsV2Command({ Bucket: BUCKET }));
          expect(listing.IsTruncated).toBe(false);
          return (listing.Contents ?? []).map((object) => object.Key ?? '').sort();
        },
        close: async () => store.onModuleDestroy(),
      };
    },
  };

  beforeAll(async () => {
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(sandbox, 's3rver'), configureBuckets: [{ name: BUCKET }] });
    const { port } = await s3.run();
    endpoint = `http://127.0.0.1:${port}`;
    raw = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: S3_KEY, secretAccessKey: S3_KEY } });
    // For bucket-level requests (the listing below) the SDK signs the path `/bucket/`, s3rver checks `/bucket`;
    // S3 takes either. The stores make object-level requests only, which both sign alike.
    raw.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { path?: string };
        if (request.path) request.path = request.path.replace(/^(\/[^/]+)\/$/, '$1');
        return next(args);
      },
      { step: 'build', name: 'bucketPathWithoutSlash' },
    );
  });

  afterAll(async () => {
    raw?.destroy();
    s3?.httpServer.closeAllConnections();
    await s3?.close();
    rmSync(sandbox, { recursive: true, force: true });
  });

  describe.each(['disk', 's3'] as const)('the %s driver', (name) => {
    let driver: Driver;
    let store: ObjectStore;

    beforeAll(() => {
      driver = drivers[name]();
      store = driver.store;
    });

    afterAll(async () => {
      await driver?.close();
    });

    it('gives back exactly the bytes it was given: every byte value, a few megabytes, nothing at all', async () => {
      const everyByte = Buffer.from(Array.from({ length: 1024 }, (_, i) => i % 256));
      const large = randomBytes(3 * 1024 * 1024 + 17);
      const empty = Buffer.alloc(0);
      for (const bytes of [everyByte, large, empty]) {
        const key = newKey();
        await store.put(key, bytes, 'application/octet-stream');
        const back = await store.get(key);
        expect(back).toBeInstanceOf(Buffer);
        expect(back.length).toBe(bytes.length);
        expect(back.equals(bytes)).toBe(true);
      }
    });

    it('keeps Chinese text intact', async () => {
      const text = '关于加强社区居家养老服务体系建设的提案\r\n附件：调研报告（2021年3月）——安阳市政协提案委员会\u3000《办理意见》𠀋\n';
      const key = newKey();
      await store.put(key, Buffer.from(text, 'utf8'), 'text/plain; charset=utf-8');
      expect((await store.get(key)).toString('utf8')).toBe(text);
    });

    it('stores each object under its key as given, and leaves nothing else behind', async () => {
      const key = newKey();
      await store.put(key, Buffer.from('提案附件'), 'application/pdf');
      const entries = await driver.listAll();
      expect(entries).toContain(key);
      // No temporary file (their names start with a dot, which no key may) and nothing outside the root.
      expect(entries.filter((entry) => !isValidObjectKey(entry) || !entry.startsWith(`committees/${committee}/attachments/`))).toEqual([]);
    });

    it('replaces an object on a second put, longer or shorter', async () => {
      const key = newKey();
      await store.put(key, Buffer.from('第一版：较长的附件内容'), 'text/plain');
      await store.put(key, Buffer.from('第二版'), 'text/plain');
      expect((await store.get(key)).toString()).toBe('第二版');
      await store.put(key, Buffer.from('第三版：比第二版长得多的附件内容'), 'text/plain');
      expect((await store.get(key)).toString()).toBe('第三版：比第二版长得多的附件内容');
    });

    it('ends with one whole version when several puts of one key run at once', async () => {
      const key = newKey();
      const versions = Array.from({ length: 6 }, (_, i) => Buffer.alloc(256 * 1024 + i, i + 1));
      await Promise.all(versions.map((bytes) => store.put(key, bytes, 'application/octet-stream')));
      const back = await store.get(key);
      expect(versions.some((bytes) => bytes.equals(back))).toBe(true);
      expect((await driver.listAll()).filter((entry) => entry.startsWith(key) || !isValidObjectKey(entry))).toEqual([key]);
    });

    it('tells whether an object exists, and deletes it (twice is fine)', async () => {
      const key = newKey();
      expect(await store.exists(key)).toBe(false);
      await store.put(key, Buffer.from('待删除'), 'text/plain');
      expect(await store.exists(key)).toBe(true);
      await store.delete(key);
      expect(await store.exists(key)).toBe(false);
      await expect(store.get(key)).rejects.toThrow(ObjectNotFoundError);
      await store.delete(key);
      expect(await driver.listAll()).not.toContain(key);
    });

    it('throws ObjectNotFoundError, naming the key, for a key never written', async () => {
      const key = newKey();
      const error = await store.get(key).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ObjectNotFoundError);
      expect((error as ObjectNotFoundError).key).toBe(key);
      expect(await store.exists(key)).toBe(false);
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    it('does not take a prefix of a key, or a key beneath an object, for an object', async () => {
      const key = newKey();
      await store.put(key, Buffer.from('正文'), 'text/plain');
      for (const other of [path.posix.dirname(key), `${key}/more`]) {
        expect(await store.exists(other)).toBe(false);
        await expect(store.get(other)).rejects.toThrow(ObjectNotFoundError);
        await store.delete(other);
      }
      expect((await store.get(key)).toString()).toBe('正文');
    });

    it('refuses keys that could leave the root or are not plain ASCII paths, before reading or writing anything', async () => {
      const before = await driver.listAll();
      for (const key of REFUSED_KEYS) {
        await expect(store.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(InvalidObjectKeyError);
        await expect(store.get(key)).rejects.toThrow(InvalidObjectKeyError);
        await expect(store.exists(key)).rejects.toThrow(InvalidObjectKeyError);
        await expect(store.delete(key)).rejects.toThrow(InvalidObjectKeyError);
      }
      expect(await driver.listAll()).toEqual(before);
    });
  });

  describe('the disk driver in particular', () => {
    it('writes plain files at the key path, with no temporary file left', async () => {
      const root = path.join(sandbox, 'disk-layout');
      const store = new DiskObjectStore(root);
      const key = newKey();
      await store.put(key, Buffer.from('原文'), 'text/plain');
      await store.put(key, Buffer.from('修改后'), 'text/plain');
      expect(readFileSync(path.join(root, ...key.split('/')), 'utf8')).toBe('修改后');
      expect(filesUnder(root)).toEqual([key]);
    });

    it('cannot keep an object beneath another object (a bucket could), and says so', async () => {
      const store = new DiskObjectStore(path.join(sandbox, 'disk-nesting'));
      const key = newKey();
      await store.put(key, Buffer.from('a'), 'text/plain');
      await expect(store.put(`${key}/b`, Buffer.from('b'), 'text/plain')).rejects.toThrow(/a part of its path is already an object/);
      expect((await store.get(key)).toString()).toBe('a');
    });
  });

  describe('the s3 driver in particular', () => {
    it('keeps the content type with the object', async () => {
      const store = S3ObjectStore.fromConfig(loadConfig(s3Env()));
      const key = newKey();
      await store.put(key, Buffer.from('%PDF-1.7'), 'application/pdf');
      const object = await raw.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      expect(object.ContentType).toBe('application/pdf');
      expect(await object.Body?.transformToString()).toBe('%PDF-1.7');
      store.onModuleDestroy();
    });

    it('fails loudly, not as a missing object, when the server refuses the credentials or the bucket does not exist', async () => {
      const wrongSecret = S3ObjectStore.fromConfig(loadConfig({ ...s3Env(), S3_SECRET_ACCESS_KEY: 'not-the-secret' }));
      await expect(wrongSecret.put(newKey(), Buffer.from('x'), 'text/plain')).rejects.toThrow(/signature/i);
      const error = await wrongSecret.get(newKey()).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ObjectNotFoundError);
      wrongSecret.onModuleDestroy();

      const noBucket = S3ObjectStore.fromConfig(loadConfig({ ...s3Env(), S3_BUCKET: 'no-such-bucket' }));
      const missing = await noBucket.get(newKey()).catch((caught: unknown) => caught);
      expect(missing).toBeInstanceOf(Error);
      expect(missing).not.toBeInstanceOf(ObjectNotFoundError);
      expect((missing as Error).name).toBe('NoSuchBucket');
      noBucket.onModuleDestroy();
    });
  });

  describe('StorageModule', () => {
    const storeFor = async (env: Record<string, string>): Promise<{ store: ObjectStore; close(): Promise<void> }> => {
      const moduleRef = await Test.createTestingModule({ imports: [CoreModule, StorageModule] })
        .overrideProvider(AppConfig)
        .useValue(loadConfig(env))
        .compile();
      await moduleRef.init();
      return { store: moduleRef.get(ObjectStore), close: () => moduleRef.close() };
    };

    it('provides the disk driver at STORAGE_DIR by default', async () => {
      const root = path.join(sandbox, 'module-disk');
      const { store, close } = await storeFor({ STORAGE_DIR: root });
      expect(store).toBeInstanceOf(DiskObjectStore);
      expect((store as DiskObjectStore).root).toBe(root);
      const key = newKey();
      await store.put(key, Buffer.from('经模块写入'), 'text/plain');
      expect(readFileSync(path.join(root, ...key.split('/')), 'utf8')).toBe('经模块写入');
      await close();
    });

    it('provides the S3 driver, configured from S3_*, when STORAGE_DRIVER is s3', async () => {
      const { store, close } = await storeFor(s3Env());
      expect(store).toBeInstanceOf(S3ObjectStore);
      const key = newKey();
      await store.put(key, Buffer.from('经模块写入'), 'text/plain');
      const object = await raw.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      expect(await object.Body?.transformToString()).toBe('经模块写入');
      await close();
    });
  });
});
