import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { create as contentDisposition } from 'content-disposition';
import type { ApiConfig } from '../../engine/config.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import type { AttachmentStorage, DownloadUrlOptions, StorageTarget } from './storage-contract.js';

export type S3Settings = NonNullable<ApiConfig['attachments']['s3']>;

/** A failed S3 call: method, object and the server's code and message — never a credential. */
export class S3StorageError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'S3StorageError';
  }
}

/** What to look at for an S3 error code (the values are never printed). */
const HINTS: Record<string, string> = {
  SignatureDoesNotMatch: 'check S3_SECRET_ACCESS_KEY (and S3_REGION)',
  InvalidAccessKeyId: 'check S3_ACCESS_KEY_ID',
  AccessDenied: 'check the key’s rights on the bucket',
  NoSuchBucket: 'check S3_BUCKET (the bucket must exist)',
  AuthorizationHeaderMalformed: 'check S3_REGION',
  RequestTimeTooSkewed: 'the server clock is off',
};

/**
 * An S3-compatible object store (Yandex Object Storage, MinIO, AWS S3) through the AWS SDK: one
 * object per attachment under the key `<district schema>/<attachment id>`, so districts never share
 * keys. Path-style URLs `<endpoint>/<bucket>/<key>` by default, virtual-hosted
 * `<bucket>.<endpoint host>/<key>` with S3_FORCE_PATH_STYLE=false. Downloads are streamed
 * (`read`) or handed to the browser as a short-lived presigned URL (`downloadUrl`).
 */
export class S3AttachmentStorage implements AttachmentStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  /** Signs the URLs the browser gets: the signature covers the host, so it must be the public one. */
  private readonly presigner: S3Client;

  constructor(
    private readonly settings: S3Settings,
    options: { timeoutMs?: number } = {},
  ) {
    const clientOf = (endpoint: string) =>
      new S3Client({
        endpoint,
        region: settings.region,
        forcePathStyle: settings.forcePathStyle,
        credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
        // Checksums only where S3 requires them: the SDK's default CRC32 headers (and aws-chunked
        // uploads) are not understood by every S3-compatible store.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        // requestTimeout is the socket's idle time, so a long streamed download is not cut off.
        requestHandler: { connectionTimeout: Math.min(options.timeoutMs ?? 10_000, 10_000), requestTimeout: options.timeoutMs ?? 60_000 },
      });
    this.client = clientOf(settings.endpoint);
    this.presigner = settings.publicEndpoint ? clientOf(settings.publicEndpoint) : this.client;
  }

  /** `<schema>/<id>`: both parts are checked, so a key never escapes the district's prefix. */
  keyOf(target: Pick<StorageTarget, 'schemaName'>, id: string): string {
    if (!isUuid(id) || !/^[a-z0-9_]+$/.test(target.schemaName)) throw new Error(`invalid attachment key: ${target.schemaName}/${id}`);
    return `${target.schemaName}/${id}`;
  }

  /** The SDK's error as an S3StorageError naming the call, the S3 code and what to check (never a credential). */
  private failure(error: unknown, method: string, key: string): S3StorageError {
    const what = `S3 ${method} ${this.settings.bucket}/${key}`;
    if (error instanceof S3ServiceException) {
      const status = error.$metadata.httpStatusCode ?? 0;
      // A body-less answer leaves the SDK with no code ("UnknownError"/"NotFound"): the status speaks.
      const code = error.name && error.name !== 'UnknownError' && error.name !== 'Unknown' ? error.name : null;
      const hint = code && HINTS[code] ? HINTS[code] : status === 403 ? 'check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY' : undefined;
      const message = error.message && error.message !== code && error.message !== 'UnknownError' ? error.message : '';
      const detail = [code, message].filter(Boolean).join(': ') || 'no details';
      return new S3StorageError(`${what} failed: HTTP ${status} ${detail}${hint ? ` — ${hint}` : ''}`, status, code);
    }
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    const code = (error as NodeJS.ErrnoException | null)?.code;
    return new S3StorageError(`${what}: ${this.settings.endpoint} unreachable (${[code, cause].filter(Boolean).join(' ')})`, 0, null);
  }

  private missing(error: unknown): boolean {
    return error instanceof S3ServiceException && (error.name === 'NoSuchKey' || (error.$metadata.httpStatusCode === 404 && error.name !== 'NoSuchBucket'));
  }

  /**
   * The bytes arrive whole: the upload checks (type sniffing, the Office archive check) and the
   * SHA-256 of the card need them, and the size is bounded by ATTACHMENT_MAX_BYTES. ContentLength
   * spares the SDK a second look at the body.
   */
  async put(target: StorageTarget, id: string, data: Buffer): Promise<void> {
    const key = this.keyOf(target, id);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          Body: data,
          ContentLength: data.length,
          ContentType: 'application/octet-stream',
        }),
      );
    } catch (error) {
      throw this.failure(error, 'PUT', key);
    }
  }

  /** The object's body as a stream (not buffered by the API); null when there is no such object. */
  async read(target: StorageTarget, id: string): Promise<Readable | null> {
    const key = this.keyOf(target, id);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return (response.Body as Readable | undefined) ?? null;
    } catch (error) {
      if (this.missing(error)) return null;
      throw this.failure(error, 'GET', key);
    }
  }

  /** Whole, for the callers that parse the file (imports, agreement files); downloads use `read`. */
  async get(target: StorageTarget, id: string): Promise<Buffer | null> {
    const key = this.keyOf(target, id);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return response.Body ? Buffer.from(await response.Body.transformToByteArray()) : null;
    } catch (error) {
      if (this.missing(error)) return null;
      throw this.failure(error, 'GET', key);
    }
  }

  async delete(target: StorageTarget, id: string): Promise<void> {
    const key = this.keyOf(target, id);
    try {
      // S3 answers 204 for a key that is not there too.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
    } catch (error) {
      if (error instanceof S3ServiceException && error.name === 'NoSuchKey') return;
      throw this.failure(error, 'DELETE', key);
    }
  }

  /**
   * A presigned GET the browser follows (signed locally, no S3 round trip): S3 sends the file with
   * our name and type (response-content-disposition / -type are part of the signature) and refuses
   * the URL once it expires.
   */
  async downloadUrl(target: StorageTarget, id: string, options: DownloadUrlOptions): Promise<string> {
    const key = this.keyOf(target, id);
    try {
      return await getSignedUrl(
        this.presigner,
        new GetObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          ResponseContentDisposition: contentDisposition(options.fileName),
          ResponseContentType: options.contentType,
        }),
        { expiresIn: options.expiresInSeconds },
      );
    } catch (error) {
      throw this.failure(error, 'PRESIGN', key);
    }
  }
}
