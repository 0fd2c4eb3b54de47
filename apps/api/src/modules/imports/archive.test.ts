import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ArchiveError, readArchive, type ArchiveLimits } from './archive.js';

const LIMITS: ArchiveLimits = { maxFiles: 3, maxFileBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024, maxRatio: 500, ratioFloor: 64 * 1024 };
const kind = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof ArchiveError ? error.kind : String(error);
  }
  return null;
};

describe('the bulk archive reader', () => {
  it('lists files (not directories) and inflates them on demand', () => {
    const zip = zipSync({ 'a.txt': strToU8('первый'), 'папка/б.txt': strToU8('второй'), 'пусто/': new Uint8Array(0) });
    const entries = readArchive(zip, LIMITS);
    expect(entries.map((e) => e.name)).toEqual(['a.txt', 'папка/б.txt']);
    expect(new TextDecoder().decode(entries[1]!.read())).toBe('второй');
  });

  it('reads Cyrillic names written in CP866 without the UTF-8 flag', () => {
    const zip = zipSync({ 'abcdef.txt': strToU8('текст') }, { level: 0 });
    const cp866 = [0x8f, 0xe0, 0xa8, 0xa2, 0xa5, 0xe2]; // «Привет»
    const name = strToU8('abcdef');
    for (let i = 0; i + 6 <= zip.length; i++) {
      if (name.every((b, k) => zip[i + k] === b)) cp866.forEach((b, k) => (zip[i + k] = b));
    }
    expect(readArchive(zip, LIMITS).map((e) => e.name)).toEqual(['Привет.txt']);
  });

  it('refuses too many files, a suspicious ratio, and a file that inflates beyond its declared size', () => {
    const files = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`${i}.txt`, strToU8('x')]));
    expect(kind(() => readArchive(zipSync(files), LIMITS))).toBe('tooManyFiles');
    expect(kind(() => readArchive(zipSync({ 'zeros.txt': new Uint8Array(2 * 1024 * 1024) }), LIMITS))).toBe('bomb');
    const big = readArchive(zipSync({ 'big.txt': new Uint8Array(2 * 1024 * 1024).fill(1) }, { level: 0 }), { ...LIMITS, maxRatio: Infinity });
    expect(kind(() => big[0]!.read())).toBe('fileTooLarge');
    // An archive that lies: the directory says 10 bytes, the data inflates to 100 000.
    const lying = zipSync({ 'lie.txt': new Uint8Array(100_000).fill(65) });
    const view = new DataView(lying.buffer);
    for (let i = 0; i + 4 <= lying.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 10, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 10, true);
    }
    expect(kind(() => readArchive(lying, LIMITS)[0]!.read())).toBe('bomb');
  });

  it('refuses what is not an archive', () => {
    expect(kind(() => readArchive(strToU8('просто текст, не архив'), LIMITS))).toBe('corrupt');
  });
});
