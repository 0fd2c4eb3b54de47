/**
 * Text encodings of uploaded .txt files: UTF-8 (with or without BOM), UTF-16 with a BOM, and the
 * Windows-1251 of old Russian Word exports. Uses the runtime's TextDecoder (browsers and Node have
 * it) without depending on DOM or Node typings; Windows-1251 has a built-in table as a fallback.
 */

interface Decoder {
  decode(bytes: Uint8Array): string;
}
type DecoderConstructor = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Decoder;

export function decoder(label: string, fatal: boolean): Decoder | null {
  const ctor = (globalThis as unknown as { TextDecoder?: DecoderConstructor }).TextDecoder;
  if (!ctor) return null;
  try {
    return new ctor(label, { fatal });
  } catch {
    return null; // the label is not supported by this runtime
  }
}

/** Windows-1251, bytes 0x80–0xFF. */
const CP1251_HIGH =
  'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\ufffd™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕї' + 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя';

function decodeCp1251(bytes: Uint8Array): string {
  const native = decoder('windows-1251', false);
  if (native) return native.decode(bytes);
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    let s = '';
    const end = Math.min(bytes.length, i + CHUNK);
    for (let j = i; j < end; j++) {
      const b = bytes[j] as number;
      s += b < 0x80 ? String.fromCharCode(b) : (CP1251_HIGH[b - 0x80] ?? '\ufffd');
    }
    parts.push(s);
  }
  return parts.join('');
}

export function decodeUtf8(bytes: Uint8Array, fatal: boolean): string | null {
  const d = decoder('utf-8', fatal);
  if (d) {
    try {
      return d.decode(bytes);
    } catch {
      return null;
    }
  }
  return utf8Fallback(bytes, fatal);
}

/** A strict UTF-8 decoder for runtimes without TextDecoder. */
function utf8Fallback(bytes: Uint8Array, fatal: boolean): string | null {
  const codes: number[] = [];
  const parts: string[] = [];
  const flush = () => {
    parts.push(String.fromCodePoint(...codes));
    codes.length = 0;
  };
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    let need = 0;
    let cp: number;
    if (b < 0x80) cp = b;
    else if (b >= 0xc2 && b < 0xe0) [need, cp] = [1, b & 0x1f];
    else if (b >= 0xe0 && b < 0xf0) [need, cp] = [2, b & 0x0f];
    else if (b >= 0xf0 && b < 0xf5) [need, cp] = [3, b & 0x07];
    else if (fatal) return null;
    else cp = 0xfffd;
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok) {
      if (fatal) return null;
      cp = 0xfffd;
      need = 0;
    }
    codes.push(cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000) ? 0xfffd : cp);
    if (codes.length >= 4096) flush();
    i += need + 1;
  }
  flush();
  return parts.join('');
}

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';
}

/** Decodes a text file: BOMs first, then strict UTF-8, else Windows-1251. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8(bytes.subarray(3), false) ?? '', encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decoder('utf-16le', false)?.decode(bytes.subarray(2)) ?? '', encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decoder('utf-16be', false)?.decode(bytes.subarray(2)) ?? '', encoding: 'utf-16be' };
  }
  const utf8 = decodeUtf8(bytes, true);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: decodeCp1251(bytes), encoding: 'windows-1251' };
}

/** UTF-8 for XML parts of .docx/.xlsx (a UTF-16 part declares itself with a BOM). */
export function decodeXml(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return decodeText(bytes).text;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return decodeUtf8(bytes.subarray(start), false) ?? '';
}

/** Encodes a string as Windows-1251 (used by tests and by exporters of legacy text). */
export function encodeCp1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out[n++] = code;
    else {
      const index = CP1251_HIGH.indexOf(ch);
      out[n++] = index >= 0 ? 0x80 + index : 0x3f;
    }
  }
  return out.subarray(0, n);
}
