import { createHash } from 'node:crypto';
import type { OnModuleDestroy } from '@nestjs/common';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AppConfig } from '#app/core';
import { assertObjectKey } from './object-key.js';
import { ObjectStore } from './object-store.js';
import { ObjectNotFoundError } from './storage.errors.js';

export interface S3ObjectStoreOptions {
  /** An S3-compatible server (MinIO, Ceph, …); undefined = AWS S3 itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key`. */
  forcePathStyle: boolean;
}

/**
 * Objects in one bucket of S3 or an S3-compatible server, under the key as given. The bucket must exist.
 * Each `put` carries a Content-MD5, which every S3-compatible server checks, so bytes damaged on the way are
 * refused rather than stored.
 */
export class S3ObjectStore extends ObjectStore implements OnModuleDestroy {
  private readonly client: S3Client;
  readonly bucket: string;

  constructor(options: S3ObjectStoreOptions) {
    super();
    this.bucket = options.bucket;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // The endpoint comes from S3_ENDPOINT only, never from AWS_ENDPOINT_URL* or ~/.aws/config.
      ignoreConfiguredEndpointUrls: true,
      // The SDK's default CRC checksums are not understood by every S3-compatible server; those get the
      // checksums the protocol requires (and the Content-MD5 above), AWS gets the SDK's defaults.
      ...(options.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
      // A server that stops answering must not hold a request (and whatever it holds) for long; a slow but
      // moving transfer of a large attachment is fine.
      requestHandler: { connectionTimeout: 5_000, socketTimeout: 30_000 },
      maxAttempts: 3,
    });
  }

  static fromConfig(config: AppConfig): S3ObjectStore {
    return new S3ObjectStore({
      endpoint: config.S3_ENDPOINT || undefined,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    assertObjectKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.length,
        ContentMD5: createHash('md5').update(bytes).digest('base64'),
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    assertObjectKey(key);
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!answer.Body) throw new Error(`S3 answered GET ${key} without a body`);
      const bytes = await answer.Body.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (error instanceof NoSuchKey) throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    // S3 answers 204 whether or not the object existed.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async exists(key: string): Promise<boolean> {
    assertObjectKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      // A HEAD answer has no body, so a missing object is known by its status alone.
      if (error instanceof NotFound || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw error;
    }
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}
