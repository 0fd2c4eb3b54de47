import { Inflate } from 'fflate';

/**
 * A bounded reader of the ZIP archive of a bulk import (one document per school). The central
 * directory is read first and refused as a whole when it declares too many files, too many unpacked
 * bytes, or a suspicious compression ratio; each file is then inflated on its own, in chunks, and
 * refused as soon as it produces more than it declared — so memory stays bounded by the limits,
 * whatever the archive claims. (The documents inside are checked again by the parser, which has its
 * own bounds for .docx/.xlsx.) Names are UTF-8 when the archive says so, else UTF-8 if they decode,
 * else CP866 (the Windows «Send to → Compressed folder» default for Cyrillic names).
 */

export interface ArchiveLimits {
  maxFiles: number;
  /** One file, unpacked. */
  maxFileBytes: number;
  /** All files, unpacked (declared and real). */
  maxTotalBytes: number;
  /** A file unpacking to more than `ratioFloor` bytes may not be compressed more than this. */
  maxRatio: number;
  ratioFloor: number;
}

export type ArchiveErrorKind = 'corrupt' | 'bomb' | 'tooManyFiles' | 'fileTooLarge';

export class ArchiveError extends Error {
  constructor(
    readonly kind: ArchiveErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

export interface ArchiveEntry {
  /** The path inside the archive, `/`-separated. */
  name: string;
  size: number;
  /** Inflates the file (bounded by its declared size); throws ArchiveError. */
  read(): Uint8Array;
}

const u16 = (b: Uint8Array, at: number) => (b[at] as number) | ((b[at + 1] as number) << 8);
const u32 = (b: Uint8Array, at: number) =>
  ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16)) + (b[at + 3] as number) * 0x1000000;

export function isZipArchive(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp866 = new TextDecoder('ibm866');

function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(raw);
  if (raw.every((b) => b < 0x80)) return String.fromCharCode(...raw);
  try {
    return utf8.decode(raw);
  } catch {
    return cp866.decode(raw);
  }
}

/** The files of an archive (directories left out), after the whole directory passed the limits. */
export function readArchive(bytes: Uint8Array, limits: ArchiveLimits): ArchiveEntry[] {
  if (bytes.length < 22) throw new ArchiveError('corrupt', 'archive too short');
  let eocd = -1;
  for (let at = bytes.length - 22, stop = Math.max(0, bytes.length - 22 - 0xffff); at >= stop; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 5 && bytes[at + 3] === 6) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ArchiveError('corrupt', 'no end of central directory');
  const count = u16(bytes, eocd + 10);
  const dirSize = u32(bytes, eocd + 12);
  const dirOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ArchiveError('corrupt', 'zip64 is not supported');
  if (dirOffset + dirSize > eocd) throw new ArchiveError('corrupt', 'central directory out of bounds');

  const entries: ArchiveEntry[] = [];
  let declared = 0;
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(bytes, at) !== 0x02014b50) throw new ArchiveError('corrupt', 'bad central directory entry');
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    if (at + 46 + nameLength > eocd) throw new ArchiveError('corrupt', 'bad entry name');
    const name = decodeName(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0).replace(/\\/g, '/');
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new ArchiveError('corrupt', 'zip64 entries are not supported');
    if (localOffset + 30 > bytes.length || localOffset + compressedSize > bytes.length) throw new ArchiveError('corrupt', 'entry out of bounds');
    if (entries.length >= limits.maxFiles) throw new ArchiveError('tooManyFiles', 'too many files');
    declared += size;
    if (declared > limits.maxTotalBytes) throw new ArchiveError('bomb', 'declared size over the limit');
    if (size > limits.ratioFloor && size > compressedSize * limits.maxRatio) throw new ArchiveError('bomb', 'compression ratio too high');
    entries.push({ name, size, read: () => readEntry(bytes, { method, compressedSize, size, localOffset }, limits) });
  }
  return entries;
}

function readEntry(
  bytes: Uint8Array,
  entry: { method: number; compressedSize: number; size: number; localOffset: number },
  limits: ArchiveLimits,
): Uint8Array {
  if (entry.size > limits.maxFileBytes) throw new ArchiveError('fileTooLarge', 'file over the limit');
  const at = entry.localOffset;
  if (u32(bytes, at) !== 0x04034b50) throw new ArchiveError('corrupt', 'bad local header');
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ArchiveError('corrupt', 'entry data out of bounds');
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ArchiveError('corrupt', 'stored entry size mismatch');
    return data.slice();
  }
  if (entry.method !== 8) throw new ArchiveError('corrupt', `unsupported compression method ${entry.method}`);
  const out = new Uint8Array(entry.size);
  let produced = 0;
  let finished = false;
  const stream = new Inflate((chunk, final) => {
    if (produced + chunk.length > entry.size) throw new ArchiveError('bomb', 'entry larger than declared');
    out.set(chunk, produced);
    produced += chunk.length;
    if (final) finished = true;
  });
  try {
    if (data.length === 0) stream.push(new Uint8Array(0), true);
    for (let i = 0; i < data.length; i += 16 * 1024) stream.push(data.subarray(i, i + 16 * 1024), i + 16 * 1024 >= data.length);
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError('corrupt', `inflate failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!finished || produced !== entry.size) throw new ArchiveError('corrupt', 'entry size mismatch');
  return out;
}
