/**
 * Identifiers of a person whose consent is withdrawn, as regular expressions over free text
 * (meeting notes, comments, audit summaries…): the erasure finds and redacts every form in which
 * the person can be written — names in Russian declension, initials, phone, e-mail.
 *
 * One pattern string serves PostgreSQL (ARE, `regexp_replace(…, 'g')`, `~`) and JavaScript
 * (`new RegExp(p, 'g')`) alike: only syntax both read the same way — explicit letter classes for
 * case (`[Аа]`, no `i` flag: PostgreSQL folds Cyrillic case only under some locales), lookbehind and
 * lookahead for word edges (`\m`/`\M` and JS `\b` disagree about Cyrillic). No library declines
 * Russian names on npm in a maintained form, hence the stems below.
 */

export interface PersonIdentifiers {
  lastName: string | null;
  firstName: string | null;
  middleName?: string | null;
  email?: string | null;
  phone?: string | null;
  /** Other full names that identify the person: the legal representatives of their consents («Фамилия Имя Отчество»). */
  relatedNames?: readonly string[];
}

export interface RedactionPatterns {
  /** Name combinations (Фамилия Имя, Фамилия И. О., И. О. Фамилия, Имя Ф., Имя Отчество), phone, e-mail, representatives: safe anywhere. */
  strong: string | null;
  /** `strong` plus the bare last name in any case: for the records of the person's own school. */
  withLastName: string | null;
  /** `withLastName` plus bare first and middle names, any phone and e-mail: for texts of the person's own pairs. */
  all: string;
  /** Only the name combinations (no contacts): is this actor name the person's? */
  fullName: string | null;
}

const LETTER = 'А-Яа-яЁёA-Za-z';
// No underscore: file names join words with it («Согласие_Эрейзерова.pdf»).
const WORD_CHAR = `0-9${LETTER}`;
/** Word edges that read the same in PostgreSQL ARE and JavaScript. */
export const WORD_START = `(?<![${WORD_CHAR}])`;
export const WORD_END = `(?![${WORD_CHAR}])`;
/** Any phone number: 10–12 digits with the usual separators, not inside a longer digit run. */
export const ANY_PHONE = '(?<![0-9])[+]?[0-9](?:[ ().-]*[0-9]){9,11}(?![0-9])';
/** Any e-mail address. */
export const ANY_EMAIL = `${WORD_START}[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:[.][A-Za-z0-9-]+)*[.][A-Za-z]{2,}${WORD_END}`;

const ENDINGS = ['ая', 'яя', 'ий', 'ый', 'ой', 'а', 'я', 'ь', 'й'];
const MIN_STEM = 3;
const DECLENSION = '[А-Яа-яЁё]{0,3}';

/** One character, case-insensitive and literal; е and ё are the same letter in names. */
function charClass(ch: string): string {
  if (/[её]/i.test(ch)) return '[ЕеЁё]';
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower !== upper) return `[${upper}${lower}]`;
  if (/[0-9A-Za-zА-Яа-я_@]/.test(ch)) return ch;
  if (ch === ' ') return '[ ]+';
  // A bracket of one character is literal in both dialects; these four need a backslash there.
  return `[${ch === '\\' || ch === ']' || ch === '^' || ch === '-' ? `\\${ch}` : ch}]`;
}

export function literal(text: string): string {
  return [...text].map(charClass).join('');
}

/** A name in any case: the stem (a final ending stripped) and up to 3 letters; short stems: the word as written. */
export function declined(name: string): string {
  const word = name.trim();
  const lower = word.toLowerCase();
  const ending = ENDINGS.find((e) => lower.endsWith(e) && word.length - e.length >= MIN_STEM);
  const stem = ending ? word.slice(0, word.length - ending.length) : word;
  if (stem.length < MIN_STEM) return literal(word);
  return `${literal(stem)}${DECLENSION}`;
}

/** The name's parts of a hyphenated double name are each a name (Римская-Корсакова). */
function nameForms(name: string | null | undefined): string[] {
  const parts = (name ?? '')
    .trim()
    .split(/[\s-]+/)
    .filter((p) => /[А-Яа-яЁёA-Za-z]/.test(p));
  return parts.map(declined);
}

const initial = (name: string | null | undefined) => {
  const first = (name ?? '').trim().charAt(0);
  return first ? `${charClass(first)}[.]` : null;
};

const SPACE = '[ \u00a0_]*';
const GAP = '[ \u00a0_]+';
const alt = (forms: readonly string[]) => (forms.length === 1 ? forms[0]! : `(?:${forms.join('|')})`);
const word = (body: string) => `${WORD_START}${body}${WORD_END}`;

/** «Фамилия Имя Отчество» forms of one person: full names, initials before or after, «Имя Ф.», «Имя Отчество». */
function combinations(lastName: string | null | undefined, firstName: string | null | undefined, middleName: string | null | undefined): string[] {
  const lasts = nameForms(lastName);
  const firsts = nameForms(firstName);
  const middles = nameForms(middleName);
  const out: string[] = [];
  const last = lasts.length > 0 ? lasts.join('[ -]?') : null;
  const first = firsts.length > 0 ? alt(firsts) : null;
  const middle = middles.length > 0 ? alt(middles) : null;
  const i = initial(firstName);
  const o = initial(middleName);
  const io = i ? (o ? `${i}${SPACE}(?:${o})?` : i) : null;
  if (last && first) {
    if (middle) out.push(`${last}${GAP}${first}${GAP}${middle}`, `${first}${GAP}${middle}${GAP}${last}`);
    out.push(`${last}${GAP}${first}`, `${first}${GAP}${last}`);
  }
  if (last && io) out.push(`${last}${GAP}${io}`, `${io}${SPACE}${last}`);
  if (first && middle) out.push(`${first}${GAP}${middle}`);
  const f = initial(lastName);
  if (first && f) out.push(`${first}${GAP}${f}`);
  // Word edges around each form; initials end with a dot, so no end edge there.
  return out.map((form) => `${WORD_START}${form}${form.endsWith('[.]') || form.endsWith('[.])?') ? '' : WORD_END}`);
}

/** The person's phone as written with any separators and with +7 / 8 / nothing before a Russian number. */
export function phonePattern(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length < 5) return null;
  const russian = digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'));
  const national = russian ? digits.slice(1) : digits;
  const body = [...national].join('[ ().-]*');
  const prefix = russian || digits.length === 10 ? '(?:(?:[+]?7|8)[ ().-]*)?' : '[+]?';
  return `(?<![0-9])${prefix}${body}(?![0-9])`;
}

export function emailPattern(email: string | null | undefined): string | null {
  const value = (email ?? '').trim();
  if (!value.includes('@')) return null;
  return `${WORD_START}${literal(value)}${WORD_END}`;
}

/** The person's patterns, from their data before it is erased. */
export function redactionPatterns(person: PersonIdentifiers): RedactionPatterns {
  const full = combinations(person.lastName, person.firstName, person.middleName);
  for (const name of person.relatedNames ?? []) {
    const [last, first, middle] = name.trim().split(/\s+/);
    if (last && first) full.push(...combinations(last, first, middle));
  }
  const contacts = [phonePattern(person.phone), emailPattern(person.email)].filter((p): p is string => p !== null);
  const strongForms = [...full, ...contacts];
  const lastForms = nameForms(person.lastName).map(word);
  const ownForms = [...nameForms(person.firstName), ...nameForms(person.middleName)].map(word);
  const join = (forms: readonly string[]) => (forms.length > 0 ? forms.join('|') : null);
  return {
    strong: join(strongForms),
    withLastName: join([...strongForms, ...lastForms]),
    all: [...strongForms, ...lastForms, ...ownForms, ANY_PHONE, ANY_EMAIL].join('|'),
    fullName: join(full),
  };
}

/** The marker that takes the place of a redacted fragment. */
export const REDACTED_RU = '[данные удалены]';

/** The marker of a text that was wholly about the person (the only mentee of a pair). */
export function erasedTextRu(on: string): string {
  const [y, m, d] = on.split('-');
  return `[удалено: отзыв согласия ${d}.${m}.${y}]`;
}

/** An actor's name (who recorded, who viewed) once the person is erased. */
export const ERASED_ACTOR_RU = 'Участник (данные удалены)';

/** The JavaScript twin of the SQL `regexp_replace(text, pattern, marker, 'g')` (for tests and previews). */
export function redact(text: string, pattern: string | null, marker = REDACTED_RU): string {
  return pattern ? text.replace(new RegExp(pattern, 'g'), marker) : text;
}
