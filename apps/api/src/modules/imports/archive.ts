import { ZipArchive, ZipError, isZip } from '@nastavnik/domain';

/**
 * The ZIP archive of a bulk import (one document per school), read with the domain's bounded ZIP
 * reader (the same one that opens .docx/.xlsx): the central directory is refused as a whole when it
 * declares too many unpacked bytes or a suspicious compression ratio, and each file is inflated on
 * its own and refused as soon as it produces more than it declared. On top of it this module adds
 * the bulk import's own bounds: the number of files and the size of one file. Names are UTF-8,
 * or CP866 for archives made by Windows without the UTF-8 flag (the domain reader decodes both).
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

export function isZipArchive(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && isZip(bytes);
}

function asArchiveError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ZipError) throw new ArchiveError(error.kind, error.message);
    throw error;
  }
}

/** The files of an archive (directories left out), after the whole directory passed the limits. */
export function readArchive(bytes: Uint8Array, limits: ArchiveLimits): ArchiveEntry[] {
  const archive = asArchiveError(
    () =>
      new ZipArchive(bytes, {
        maxUnpackedBytes: limits.maxTotalBytes,
        maxRatio: limits.maxRatio,
        ratioFloor: limits.ratioFloor,
        // The number of files (directories aside) is checked below, with its own error.
        maxEntries: Number.MAX_SAFE_INTEGER,
      }),
  );
  const entries: ArchiveEntry[] = [];
  for (const entry of archive.entries.values()) {
    if (entry.name.endsWith('/')) continue;
    if (entries.length >= limits.maxFiles) throw new ArchiveError('tooManyFiles', 'too many files');
    entries.push({
      name: entry.name.replace(/\\/g, '/'),
      size: entry.size,
      read: () => {
        if (entry.size > limits.maxFileBytes) throw new ArchiveError('fileTooLarge', 'file over the limit');
        // A copy: the domain reader may return a view into the archive for stored entries.
        return asArchiveError(() => archive.read(entry.name)!.slice());
      },
    });
  }
  return entries;
}
