import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ApiConfig } from '../../engine/config.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { AttachmentContent } from './attachment.entity.js';
import { S3AttachmentStorage, S3StorageError } from './s3-storage.js';
import type { AttachmentStorage, AttachmentStorageKind, StorageTarget } from './storage-contract.js';

// The contract (AttachmentStorage, StorageTarget, …) is in ./storage-contract.ts, which the S3
// storage implements without importing this file (the factory below imports it).
export type { AttachmentStorage, AttachmentStorageKind, DownloadUrlOptions, StorageTarget } from './storage-contract.js';

export class DatabaseAttachmentStorage implements AttachmentStorage {
  readonly kind = 'database' as const;

  async put(target: StorageTarget, id: string, data: Buffer): Promise<void> {
    await target.em.insert(AttachmentContent, { attachmentId: id, data });
  }

  async get(target: StorageTarget, id: string): Promise<Buffer | null> {
    const row = await target.em.findOne(AttachmentContent, { attachmentId: id });
    return row ? Buffer.from(row.data) : null;
  }

  /** bytea comes back from PostgreSQL as one value, so the row is in memory anyway; it is streamed from there. */
  async read(target: StorageTarget, id: string): Promise<Readable | null> {
    const data = await this.get(target, id);
    return data ? Readable.from([data]) : null;
  }

  async delete(target: StorageTarget, id: string): Promise<void> {
    await target.em.nativeDelete(AttachmentContent, { attachmentId: id });
  }
}

export class DiskAttachmentStorage implements AttachmentStorage {
  readonly kind = 'disk' as const;

  constructor(private readonly dir: string) {}

  /** `<dir>/<schema>/<id>`: both parts are checked, so a path can never leave the directory. */
  private fileOf(target: StorageTarget, id: string): string {
    if (!isUuid(id) || !/^[a-z0-9_]+$/.test(target.schemaName)) throw new Error(`invalid attachment path: ${target.schemaName}/${id}`);
    return path.join(this.dir, target.schemaName, id);
  }

  async put(target: StorageTarget, id: string, data: Buffer): Promise<void> {
    const file = this.fileOf(target, id);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data, { flag: 'wx' });
  }

  async get(target: StorageTarget, id: string): Promise<Buffer | null> {
    try {
      return await readFile(this.fileOf(target, id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async read(target: StorageTarget, id: string): Promise<Readable | null> {
    // Opened here, so a missing file is a null before any byte is answered.
    let handle;
    try {
      handle = await open(this.fileOf(target, id), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return handle.createReadStream(); // closes the handle at the end or on error
  }

  async delete(target: StorageTarget, id: string): Promise<void> {
    await rm(this.fileOf(target, id), { force: true });
  }
}

/** Stands in for S3 when S3_* is not set: files an earlier S3 configuration wrote cannot be reached. */
class UnconfiguredS3Storage implements AttachmentStorage {
  readonly kind = 's3' as const;
  private fail(): never {
    throw new S3StorageError(
      'the file is kept in S3 storage, but S3 is not configured (set S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)',
      0,
      null,
    );
  }
  async put(): Promise<void> {
    return this.fail();
  }
  async get(): Promise<Buffer | null> {
    return this.fail();
  }
  async read(): Promise<Readable | null> {
    return this.fail();
  }
  async delete(): Promise<void> {
    return this.fail();
  }
}

export type AttachmentStorages = Record<AttachmentStorageKind, AttachmentStorage>;

/** Every storage, so that files are read from the one that wrote them whatever ATTACHMENT_STORAGE now says. */
export function createAttachmentStorages(config: Pick<ApiConfig['attachments'], 'dir' | 's3'>): AttachmentStorages {
  return {
    database: new DatabaseAttachmentStorage(),
    disk: new DiskAttachmentStorage(config.dir),
    s3: config.s3 ? new S3AttachmentStorage(config.s3) : new UnconfiguredS3Storage(),
  };
}
