import { Inflate } from 'fflate';
import { decodeUtf8, decoder } from './encoding.js';

/**
 * A bounded reader of ZIP containers (.docx, .xlsx). It reads the central directory itself and
 * inflates only the entries asked for, in small chunks, counting the bytes produced, so that a zip
 * bomb is refused early instead of filling memory: limits are checked against the sizes the archive
 * declares, against the compression ratio, and against what inflating really produces.
 *
 * Hand-written on purpose (the inflating itself is fflate's): the ZIP readers on npm (jszip, yauzl,
 * unzipper) either inflate whole entries into memory or trust the sizes an archive declares, and
 * uploads come from anyone. Only the container format is read here, and every limit is ours.
 */

export type ZipErrorKind = 'corrupt' | 'bomb';

export class ZipError extends Error {
  constructor(
    readonly kind: ZipErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipLimits {
  /** Sum of the uncompressed sizes of all entries (declared and real). */
  maxUnpackedBytes: number;
  /** An entry unpacking to more than `ratioFloor` bytes may not be compressed more than this. */
  maxRatio: number;
  ratioFloor: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUnpackedBytes: 50 * 1024 * 1024,
  maxRatio: 500,
  ratioFloor: 1024 * 1024,
  maxEntries: 5000,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const INFLATE_CHUNK = 16 * 1024;

const u16 = (b: Uint8Array, at: number) => (b[at] as number) | ((b[at + 1] as number) << 8);
const u32 = (b: Uint8Array, at: number) =>
  ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16)) + (b[at + 3] as number) * 0x1000000;

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7) && (bytes[3] === 4 || bytes[3] === 6 || bytes[3] === 8);
}

const ascii = (raw: Uint8Array) => String.fromCharCode(...raw);

/**
 * Entry names are UTF-8 when the archive says so; otherwise ASCII, UTF-8 if they decode, else
 * CP866 (the Windows «Send to → Compressed folder» default for Cyrillic names).
 */
function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return decodeUtf8(raw, false) ?? ascii(raw);
  if (raw.every((byte) => byte < 0x80)) return ascii(raw);
  return decodeUtf8(raw, true) ?? decoder('ibm866', false)?.decode(raw) ?? ascii(raw);
}

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();
  private unpacked = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.readDirectory();
  }

  private readDirectory(): void {
    const b = this.bytes;
    if (b.length < 22) throw new ZipError('corrupt', 'archive too short');
    // The end-of-central-directory record is within the last 22 + 65535 bytes.
    let eocd = -1;
    const stop = Math.max(0, b.length - 22 - 0xffff);
    for (let at = b.length - 22; at >= stop; at--) {
      if (b[at] === 0x50 && b[at + 1] === 0x4b && b[at + 2] === 5 && b[at + 3] === 6) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('corrupt', 'no end of central directory');
    const count = u16(b, eocd + 10);
    const dirSize = u32(b, eocd + 12);
    const dirOffset = u32(b, eocd + 16);
    if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipError('corrupt', 'zip64 is not supported');
    if (count > this.limits.maxEntries) throw new ZipError('bomb', 'too many entries');
    if (dirOffset + dirSize > eocd) throw new ZipError('corrupt', 'central directory out of bounds');

    let declared = 0;
    let at = dirOffset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > eocd || u32(b, at) !== 0x02014b50) throw new ZipError('corrupt', 'bad central directory entry');
      const flags = u16(b, at + 8);
      const method = u16(b, at + 10);
      const compressedSize = u32(b, at + 20);
      const size = u32(b, at + 24);
      const nameLength = u16(b, at + 28);
      const extraLength = u16(b, at + 30);
      const commentLength = u16(b, at + 32);
      const localOffset = u32(b, at + 42);
      if (at + 46 + nameLength > eocd) throw new ZipError('corrupt', 'bad entry name');
      const rawName = b.subarray(at + 46, at + 46 + nameLength);
      const name = decodeName(rawName, (flags & 0x800) !== 0);
      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
        throw new ZipError('corrupt', 'zip64 entries are not supported');
      }
      if (localOffset + 30 > b.length || localOffset + compressedSize > b.length) throw new ZipError('corrupt', 'entry out of bounds');
      declared += size;
      if (size > this.limits.maxUnpackedBytes || declared > this.limits.maxUnpackedBytes) {
        throw new ZipError('bomb', 'declared size over the limit');
      }
      if (size > this.limits.ratioFloor && size > compressedSize * this.limits.maxRatio) {
        throw new ZipError('bomb', 'compression ratio too high');
      }
      // Later duplicates of a name are ignored: the first entry of the directory wins.
      if (!this.entries.has(name)) this.entries.set(name, { name, method, compressedSize, size, localOffset });
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The entry's bytes, or null when there is no such entry. */
  read(name: string): Uint8Array | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const b = this.bytes;
    const at = entry.localOffset;
    if (u32(b, at) !== 0x04034b50) throw new ZipError('corrupt', 'bad local header');
    const start = at + 30 + u16(b, at + 26) + u16(b, at + 28);
    const end = start + entry.compressedSize;
    if (end > b.length) throw new ZipError('corrupt', 'entry data out of bounds');
    const data = b.subarray(start, end);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw new ZipError('corrupt', 'stored entry size mismatch');
      this.count(entry.size);
      return data;
    }
    if (entry.method !== 8) throw new ZipError('corrupt', `unsupported compression method ${entry.method}`);
    return this.inflate(data, entry);
  }

  private count(bytes: number): void {
    this.unpacked += bytes;
    if (this.unpacked > this.limits.maxUnpackedBytes) throw new ZipError('bomb', 'unpacked size over the limit');
  }

  private inflate(data: Uint8Array, entry: ZipEntry): Uint8Array {
    const chunks: Uint8Array[] = [];
    let produced = 0;
    let finished = false;
    const stream = new Inflate((chunk, final) => {
      produced += chunk.length;
      // An archive that lies about its sizes is refused as soon as it produces more than it declared.
      if (produced > entry.size) throw new ZipError('bomb', 'entry larger than declared');
      this.count(chunk.length);
      if (chunk.length) chunks.push(chunk);
      if (final) finished = true;
    });
    try {
      if (data.length === 0) stream.push(new Uint8Array(0), true);
      for (let i = 0; i < data.length; i += INFLATE_CHUNK) {
        const last = i + INFLATE_CHUNK >= data.length;
        stream.push(data.subarray(i, i + INFLATE_CHUNK), last);
      }
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new ZipError('corrupt', `inflate failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!finished && produced !== entry.size) throw new ZipError('corrupt', 'truncated entry');
    if (produced !== entry.size) throw new ZipError('corrupt', 'entry size mismatch');
    if (chunks.length === 1) return chunks[0] as Uint8Array;
    const out = new Uint8Array(produced);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}
