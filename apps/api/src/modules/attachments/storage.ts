import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { AttachmentContent } from './attachment.entity.js';

/** Where a file's bytes go: the district's schema (for the database) and the request's tenant fork. */
export interface StorageTarget {
  schemaName: string;
  em: EntityManager;
}

/**
 * Keeps the bytes of attachments; the cards (name, type, size, owner) are rows of `attachment`.
 * Implementations: `database` (bytea in the district schema, the default) and `disk` (a directory
 * per district schema). An S3-compatible store is one more implementation of these three methods
 * (key `<schema>/<id>`), selected by ATTACHMENT_STORAGE.
 */
export interface AttachmentStorage {
  readonly kind: 'database' | 'disk';
  /** Called inside the transaction that inserts the card (`target.em` is that transaction's fork). */
  put(target: StorageTarget, id: string, data: Buffer): Promise<void>;
  get(target: StorageTarget, id: string): Promise<Buffer | null>;
  delete(target: StorageTarget, id: string): Promise<void>;
}

export class DatabaseAttachmentStorage implements AttachmentStorage {
  readonly kind = 'database' as const;

  async put(target: StorageTarget, id: string, data: Buffer): Promise<void> {
    await target.em.insert(AttachmentContent, { attachmentId: id, data });
  }

  async get(target: StorageTarget, id: string): Promise<Buffer | null> {
    const row = await target.em.findOne(AttachmentContent, { attachmentId: id });
    return row ? Buffer.from(row.data) : null;
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

  async delete(target: StorageTarget, id: string): Promise<void> {
    await rm(this.fileOf(target, id), { force: true });
  }
}

export function createAttachmentStorages(dir: string): Record<'database' | 'disk', AttachmentStorage> {
  return { database: new DatabaseAttachmentStorage(), disk: new DiskAttachmentStorage(dir) };
}
