import type { ApiConfig } from '../../engine/config.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { EMPTY_PAYLOAD_HASH, sha256Hex, signRequest, uriEncode, type SigV4Credentials } from './sigv4.js';
import type { AttachmentStorage, StorageTarget } from './storage.js';

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

const tagOf = (xml: string, tag: string): string | null => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1]?.trim() || null;

/**
 * An S3-compatible object store (Yandex Object Storage, MinIO, AWS S3): one object per attachment
 * under the key `<district schema>/<attachment id>`, so districts never share keys. Plain fetch
 * with a hand-written SigV4 signature (`./sigv4.ts`); path-style URLs `<endpoint>/<bucket>/<key>`
 * by default, virtual-hosted `<bucket>.<endpoint host>/<key>` with S3_FORCE_PATH_STYLE=false.
 */
export class S3AttachmentStorage implements AttachmentStorage {
  readonly kind = 's3' as const;
  private readonly credentials: SigV4Credentials;
  private readonly base: URL;

  constructor(
    private readonly settings: S3Settings,
    private readonly options: { timeoutMs?: number; now?: () => Date } = {},
  ) {
    this.credentials = { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey, region: settings.region, service: 's3' };
    this.base = new URL(settings.endpoint);
  }

  /** `<schema>/<id>`: both parts are checked, so a key never escapes the district's prefix. */
  keyOf(target: Pick<StorageTarget, 'schemaName'>, id: string): string {
    if (!isUuid(id) || !/^[a-z0-9_]+$/.test(target.schemaName)) throw new Error(`invalid attachment key: ${target.schemaName}/${id}`);
    return `${target.schemaName}/${id}`;
  }

  private urlOf(key: string): URL {
    const url = new URL(this.base);
    const prefix = url.pathname.replace(/\/+$/, '');
    if (this.settings.forcePathStyle) {
      url.pathname = `${prefix}/${uriEncode(this.settings.bucket)}/${uriEncode(key, true)}`;
    } else {
      url.hostname = `${this.settings.bucket}.${url.hostname}`;
      url.pathname = `${prefix}/${uriEncode(key, true)}`;
    }
    return url;
  }

  private async call(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Response> {
    const url = this.urlOf(key);
    const signed = signRequest(
      { method, url, headers, payloadHash: body ? sha256Hex(body) : EMPTY_PAYLOAD_HASH },
      this.credentials,
      this.options.now?.() ?? new Date(),
    );
    const what = `S3 ${method} ${this.settings.bucket}/${key}`;
    try {
      return await fetch(url, {
        method,
        headers: signed.headers,
        body: body ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new S3StorageError(`${what}: ${this.settings.endpoint} unreachable (${cause})`, 0, null);
    }
  }

  private async failure(response: Response, method: string, key: string): Promise<S3StorageError> {
    const text = await response.text().catch(() => '');
    const code = tagOf(text, 'Code');
    const message = tagOf(text, 'Message');
    const hint = code ? HINTS[code] : response.status === 403 ? 'check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY' : undefined;
    const detail = [code, message].filter(Boolean).join(': ') || response.statusText;
    return new S3StorageError(
      `S3 ${method} ${this.settings.bucket}/${key} failed: HTTP ${response.status} ${detail}${hint ? ` — ${hint}` : ''}`,
      response.status,
      code,
    );
  }

  async put(target: StorageTarget, id: string, data: Buffer): Promise<void> {
    const key = this.keyOf(target, id);
    const response = await this.call('PUT', key, data, { 'content-type': 'application/octet-stream' });
    if (!response.ok) throw await this.failure(response, 'PUT', key);
    await response.body?.cancel();
  }

  async get(target: StorageTarget, id: string): Promise<Buffer | null> {
    const key = this.keyOf(target, id);
    const response = await this.call('GET', key);
    if (response.status === 404) {
      const failure = await this.failure(response, 'GET', key);
      if (failure.code === 'NoSuchKey' || failure.code === null) return null;
      throw failure;
    }
    if (!response.ok) throw await this.failure(response, 'GET', key);
    return Buffer.from(await response.arrayBuffer());
  }

  async delete(target: StorageTarget, id: string): Promise<void> {
    const key = this.keyOf(target, id);
    const response = await this.call('DELETE', key);
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const failure = await this.failure(response, 'DELETE', key);
    if (response.status !== 404 || failure.code !== 'NoSuchKey') throw failure;
  }
}
