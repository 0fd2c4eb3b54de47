import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskAttachmentStorage, type StorageTarget } from './storage.js';

/**
 * The disk storage's stream read (`read`, what downloads use): the file comes in chunks, a missing
 * file is null before any byte (so the API can still answer 404), and the path guard holds. The
 * database and S3 storages are read over HTTP in attachments.int.test.ts and s3-storage.int.test.ts.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-disk-storage-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// The disk storage never touches the entity manager.
const target = (schemaName: string) => ({ schemaName, em: undefined }) as unknown as StorageTarget;

async function drain(stream: Readable): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return chunks;
}

describe('DiskAttachmentStorage', () => {
  it('reads a file back as a stream, in chunks, byte for byte; get still gives it whole', async () => {
    const storage = new DiskAttachmentStorage(dir);
    const id = randomUUID();
    const data = randomBytes(1024 * 1024 + 7);
    await storage.put(target('district_a'), id, data);
    const stream = await storage.read(target('district_a'), id);
    expect(stream).toBeInstanceOf(Readable);
    const chunks = await drain(stream!);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect((await storage.get(target('district_a'), id))?.equals(data)).toBe(true);
  });

  it('a missing file is null (another district, or deleted); the path guard refuses escapes', async () => {
    const storage = new DiskAttachmentStorage(dir);
    const id = randomUUID();
    await storage.put(target('district_a'), id, Buffer.from('x'));
    expect(await storage.read(target('district_b'), id)).toBeNull();
    await storage.delete(target('district_a'), id);
    expect(existsSync(path.join(dir, 'district_a', id))).toBe(false);
    expect(await storage.read(target('district_a'), id)).toBeNull();
    await expect(storage.read(target('../etc'), id)).rejects.toThrow(/invalid attachment path/);
    await expect(storage.read(target('district_a'), '../../passwd')).rejects.toThrow(/invalid attachment path/);
  });
});
