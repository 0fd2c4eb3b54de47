import type { Readable } from 'node:stream';
import type { EntityManager } from '../../engine/orm/create-orm.js';

/** The storages a file can be in (`attachment.storage`); ATTACHMENT_STORAGE picks the one for new files. */
export type AttachmentStorageKind = 'database' | 'disk' | 's3';

/** Where a file's bytes go: the district's schema (for the database) and the request's tenant fork. */
export interface StorageTarget {
  schemaName: string;
  em: EntityManager;
}

/** The presigned URL's answer: the file's name (Content-Disposition) and type, and how long it stays valid. */
export interface DownloadUrlOptions {
  fileName: string;
  contentType: string;
  expiresInSeconds: number;
}

/**
 * Keeps the bytes of attachments; the cards (name, type, size, owner) are rows of `attachment`.
 * Implementations: `database` (bytea in the district schema, the default), `disk` (a directory
 * per district schema) and `s3` (an S3-compatible bucket, key `<schema>/<id>`: ./s3-storage.ts),
 * selected by ATTACHMENT_STORAGE.
 */
export interface AttachmentStorage {
  readonly kind: AttachmentStorageKind;
  /** Called inside the transaction that inserts the card (`target.em` is that transaction's fork). */
  put(target: StorageTarget, id: string, data: Buffer): Promise<void>;
  /** The whole file, for the callers that parse it (imports, agreement files); null when it is gone. */
  get(target: StorageTarget, id: string): Promise<Buffer | null>;
  /** The file as a stream, for downloads (the API does not hold it whole); null when it is gone. */
  read(target: StorageTarget, id: string): Promise<Readable | null>;
  delete(target: StorageTarget, id: string): Promise<void>;
  /** A short-lived URL the browser can fetch the file from itself (S3 only). */
  downloadUrl?(target: StorageTarget, id: string, options: DownloadUrlOptions): Promise<string>;
}
