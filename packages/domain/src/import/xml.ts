/**
 * A tiny, linear XML scanner for the parts of .docx and .xlsx files: start tags (with their
 * attribute text), end tags and text. No DTD or custom entities are expanded (so no «billion
 * laughs»); comments, processing instructions and DOCTYPE are skipped; CDATA is text.
 *
 * Hand-written on purpose: what the Office parts need is small (tags, attribute text, text), and what
 * must never happen with an uploaded file — a DTD entity expanded, a tree built of a 10 MB part — is
 * excluded by construction here, where a general XML library excludes it by options.
 */

export interface XmlHandlers {
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 && !(code >= 0xd800 && code < 0xe000) ? String.fromCodePoint(code) : whole;
  });
}

/** The value of one attribute in a start tag's attribute text («w:val="3"»), or null. */
export function attribute(attributes: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const at = attributes.indexOf(name, from);
    if (at < 0) return null;
    from = at + name.length;
    const before = at === 0 ? ' ' : attributes[at - 1];
    if (before !== ' ' && before !== '\t' && before !== '\n' && before !== '\r') continue;
    let i = from;
    while (attributes[i] === ' ') i++;
    if (attributes[i] !== '=') continue;
    i++;
    while (attributes[i] === ' ') i++;
    const quote = attributes[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = attributes.indexOf(quote, i + 1);
    if (end < 0) return null;
    return unescapeXml(attributes.slice(i + 1, end));
  }
}

export class XmlError extends Error {}

/** Scans the whole document once; throws XmlError on a truncated document (a tag or element never closed). */
export function scanXml(xml: string, handlers: XmlHandlers): void {
  const n = xml.length;
  let i = 0;
  let depth = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (i < n) handlers.text(unescapeXml(xml.slice(i)));
      break;
    }
    if (lt > i) handlers.text(unescapeXml(xml.slice(i, lt)));
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw new XmlError('unterminated comment');
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlError('unterminated CDATA');
        handlers.text(xml.slice(lt + 9, end));
        i = end + 3;
      } else {
        // <!DOCTYPE …> (internal subsets are not followed: nothing is expanded anyway).
        const end = xml.indexOf('>', lt + 2);
        if (end < 0) throw new XmlError('unterminated declaration');
        i = end + 1;
      }
      continue;
    }
    if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlError('unterminated processing instruction');
      i = end + 2;
      continue;
    }
    const gt = findTagEnd(xml, lt + 1);
    if (gt < 0) throw new XmlError('unterminated tag');
    if (next === 0x2f /* / */) {
      depth--;
      handlers.close(xml.slice(lt + 2, gt).trim());
    } else {
      const selfClosing = xml.charCodeAt(gt - 1) === 0x2f;
      const body = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
      let nameEnd = 0;
      while (nameEnd < body.length && !isSpace(body.charCodeAt(nameEnd))) nameEnd++;
      handlers.open(body.slice(0, nameEnd), body.slice(nameEnd), selfClosing);
      if (selfClosing) handlers.close(body.slice(0, nameEnd));
      else depth++;
    }
    i = gt + 1;
  }
  if (depth > 0) throw new XmlError('document ends inside an element');
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The «>» closing a tag, skipping quoted attribute values. */
function findTagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x3e) {
      return i;
    } else if (c === 0x3c) {
      return -1;
    }
  }
  return -1;
}
