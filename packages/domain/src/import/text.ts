/**
 * Text clean-up for imported documents: HTML remnants of converted documents («<p>», «<ul>», «<li>»,
 * «<br>», entities), odd spaces, and the joining of cells broken over several rows. Every function
 * here is linear in the length of its input.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  lsquo: '‘',
  rsquo: '’',
  ndash: '–',
  mdash: '—',
  minus: '−',
  hellip: '…',
  shy: '',
  bull: '•',
  middot: '·',
  numero: '№',
  deg: '°',
  times: '×',
  copy: '©',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 && !(code >= 0xd800 && code < 0xe000) ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Tags that end a line (paragraphs, list items, breaks …); other known tags are dropped. */
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'tbody',
  'thead',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'hr',
  'pre',
  'dd',
  'dt',
  'dl',
]);
const INLINE_TAGS = new Set([
  'span',
  'b',
  'i',
  'u',
  'strong',
  'em',
  'a',
  'font',
  'sup',
  'sub',
  's',
  'strike',
  'small',
  'big',
  'center',
  'td',
  'th',
  'code',
  'mark',
  'o:p',
  'w:p',
  'col',
  'colgroup',
  'img',
  'meta',
  'link',
  'style',
  'body',
  'html',
  'head',
  'nobr',
  'wbr',
  'ins',
  'del',
  'abbr',
  'label',
]);
const TAG = /<(\/?)([a-z][a-z0-9]*(?::[a-z0-9]+)?)\b[^<>]*?(\/?)>/gi;

/** Drops «<!-- … -->» comments in one pass; an unclosed one is left as text. */
function removeComments(text: string): string {
  let at = text.indexOf('<!--');
  if (at < 0) return text;
  const parts: string[] = [];
  let from = 0;
  while (at >= 0) {
    const end = text.indexOf('-->', at + 4);
    if (end < 0) break;
    parts.push(text.slice(from, at), ' ');
    from = end + 3;
    at = text.indexOf('<!--', from);
  }
  parts.push(text.slice(from));
  return parts.join('');
}

function stripTags(input: string): { text: string; list: boolean } {
  let list = false;
  const text = removeComments(input);
  const out = text.replace(TAG, (whole, _slash: string, rawName: string) => {
    const name = rawName.toLowerCase();
    if (BLOCK_TAGS.has(name)) {
      if (name === 'ul' || name === 'ol' || name === 'li') list = true;
      return '\n';
    }
    if (INLINE_TAGS.has(name)) return name === 'td' || name === 'th' ? ' ' : '';
    return whole; // «<5 лет»-like text is not a tag
  });
  return { text: out, list };
}

/** Collapses spaces inside lines, trims them and drops empty lines. */
export function tidyLines(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g, ' ')
    .replace(/\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad/g, '')
    .replace(/\t/g, ' ')
    .split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const t = line.replace(/ {2,}/g, ' ').trim();
    if (t) kept.push(t);
  }
  return kept.join('\n');
}

/**
 * A cell's text as the curator should see it: HTML remnants turned into lines (each list item on a
 * line of its own), entities decoded, spaces tidied. Plain text passes through tidied only.
 */
export function cleanCellText(raw: string): string {
  let text = raw;
  let list = false;
  if (text.includes('<')) {
    const stripped = stripTags(text);
    text = stripped.text;
    list = stripped.list;
  }
  if (text.includes('&')) {
    text = decodeEntities(text);
    // Double-escaped markup («&lt;p&gt;») shows up as tags only now.
    if (text.includes('<')) {
      const again = stripTags(text);
      text = again.text;
      list ||= again.list;
    }
  }
  if (list) {
    // «<ul> –приказ …; –протокол …» without <li>: one dash item per line.
    text = text.replace(/([;.:])[ \t]+(?=[–—-] ?[«"a-zа-яё])/gi, '$1\n');
  }
  return tidyLines(text);
}

/** A paragraph outside the table: HTML remnants and markdown bold markers («**Дорожная карта») removed. */
export function cleanParagraph(raw: string): string {
  return cleanCellText(raw.replace(/\*{2,}/g, ''));
}

/** Lower case, «ё» → «е», punctuation → spaces: for comparing headings and labels. */
export function normalizeLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^a-zа-я0-9№]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const TERMINAL = /[.;:!?…]$/;
const STARTS_LOWER = /^[a-zа-яё]/;

/**
 * Joins the text of a cell broken over two rows: a hyphenated word is glued back («экспертно-» +
 * «консультационной»), a sentence that goes on (lower case, digits, quotes) is joined with a space,
 * a new sentence, a capitalised word or a list item starts a new line.
 */
export function joinBroken(previous: string, next: string): string {
  if (!previous) return next;
  if (!next) return previous;
  if (/[a-zа-яё]-$/i.test(previous) && STARTS_LOWER.test(next)) return previous + next;
  if (TERMINAL.test(previous)) return `${previous}\n${next}`;
  // A list item or a capitalised word starts a new line; a sentence going on starts in lower case.
  if (/^[–—•-]/.test(next) || /^[А-ЯЁA-Z][а-яёa-z]/.test(next)) return `${previous}\n${next}`;
  return `${previous} ${next}`;
}

/** Whitespace-insensitive form used to prove that no text was dropped. */
export function compactForCompare(text: string): string {
  return cleanParagraph(text).replace(/\s+/g, ' ').trim();
}
