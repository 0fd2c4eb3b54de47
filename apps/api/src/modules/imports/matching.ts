import type { ImportPreview } from '@nastavnik/domain';

/**
 * Which school of the district a document belongs to (bulk import and the CLI): first by the file
 * name being the organisation's code (`gimnaziya.docx`, case aside), then by the organisation's name
 * found in the file name, the document's header (organisation, the «УТВЕРЖДАЮ» block, the title) or
 * the first paragraphs — fuzzy: case, «ё», quotes, punctuation, the legal form (МОБУ, МБОУ …) and the
 * spacing of «№ 21» do not matter, and «Гимназия» does not match «Гимназия № 2».
 */

export interface MatchCandidate {
  id: string;
  code: string;
  name: string;
  shortName: string;
}

export type MatchResult<T extends MatchCandidate> =
  { ok: true; organization: T; by: 'code' | 'name' } | { ok: false; reason: 'none' } | { ok: false; reason: 'ambiguous'; candidates: T[] };

/** Legal forms and other words that say nothing about which school it is. */
const NOISE = new Set([
  'мобу',
  'мбоу',
  'маоу',
  'моау',
  'мкоу',
  'моу',
  'мау',
  'мбу',
  'мку',
  'мбудо',
  'маудо',
  'мадоу',
  'мбдоу',
  'мкдоу',
  'мдоу',
  'гбоу',
  'гаоу',
  'гкоу',
  'гоу',
  'чоу',
  'ноу',
  'ано',
  'фгбоу',
  'гбпоу',
  'гапоу',
  'мбоуди',
  'до',
  'муниципальное',
  'муниципального',
  'государственное',
  'бюджетное',
  'автономное',
  'казенное',
  'казённое',
  'общеобразовательное',
  'образовательное',
  'учреждение',
  'учреждения',
  'дополнительного',
  'образования',
  'в',
  'и',
]);

/** Lower case, «ё» → «е», quotes and punctuation → spaces, «№ 21» / «N21» → «№21». */
export function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\b(?:n|no)\s*(?=\d)/g, '№')
    .replace(/№\s*/g, '№')
    .replace(/[^0-9a-zа-я№]+/g, ' ')
    .trim();
}

function tokens(text: string): string[] {
  return normalizeName(text)
    .split(' ')
    .filter(Boolean)
    .flatMap((token) => (/^№\d+$/.test(token) ? [token] : token.replace(/(\D)(№\d+)/, '$1 $2').split(' ')));
}

const isNumberToken = (token: string | undefined) => token !== undefined && /^№?\d+$/.test(token);

/** The distinguishing words of an organisation: its short name and the quoted part of its names, without the legal form. */
export function organizationCores(candidate: Pick<MatchCandidate, 'name' | 'shortName'>): string[][] {
  const quoted = (text: string) => [...text.matchAll(/[«"“„]([^»"”“]+)[»"”]/g)].map((m) => m[1]!);
  const sources = [candidate.shortName, ...quoted(candidate.shortName), ...quoted(candidate.name)];
  const cores = sources
    .map((source) => tokens(source).filter((token) => !NOISE.has(token)))
    .filter((core) => core.length > 0 && !(core.length === 1 && isNumberToken(core[0])));
  const seen = new Set<string>();
  return cores.filter((core) => {
    const key = core.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Does `core` occur in `text` as whole words, not followed by a number it does not have («Гимназия» in «Гимназия № 2»)? */
function occurs(text: readonly string[], core: readonly string[]): boolean {
  const endsWithNumber = isNumberToken(core[core.length - 1]);
  outer: for (let i = 0; i + core.length <= text.length; i++) {
    for (let j = 0; j < core.length; j++) if (text[i + j] !== core[j]) continue outer;
    const next = text[i + core.length];
    if (!endsWithNumber && isNumberToken(next)) continue;
    return true;
  }
  return false;
}

/** Best-matching organisations in one text: the longest core wins; equal lengths of different schools are ambiguous. */
function matchText<T extends MatchCandidate>(text: string, candidates: readonly T[]): T[] {
  const words = tokens(text);
  if (words.length === 0) return [];
  let best = 0;
  let found: T[] = [];
  for (const candidate of candidates) {
    const score = Math.max(
      0,
      ...organizationCores(candidate)
        .filter((core) => occurs(words, core))
        .map((core) => core.join(' ').length),
    );
    if (score === 0) continue;
    if (score > best) {
      best = score;
      found = [candidate];
    } else if (score === best) found.push(candidate);
  }
  return found;
}

const baseName = (fileName: string) => (fileName.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '').trim();

export function matchOrganization<T extends MatchCandidate>(
  fileName: string,
  preview: Pick<ImportPreview, 'header' | 'preamble'> | null,
  candidates: readonly T[],
): MatchResult<T> {
  const base = baseName(fileName).toLowerCase();
  const byCode = candidates.find((c) => c.code.toLowerCase() === base);
  if (byCode) return { ok: true, organization: byCode, by: 'code' };

  const header = preview?.header;
  const sources = [
    baseName(fileName).replace(/[_]+/g, ' '),
    header?.organization ?? '',
    header?.approval?.organization ?? '',
    header?.title ?? '',
    ...(header?.blocks ?? []).filter((b) => b.kind === 'approval').map((b) => b.text),
    (preview?.preamble ?? []).slice(0, 30).join('\n'),
  ];
  let ambiguous: T[] | null = null;
  for (const source of sources) {
    const found = matchText(source, candidates);
    if (found.length === 1) return { ok: true, organization: found[0]!, by: 'name' };
    if (found.length > 1 && !ambiguous) ambiguous = found;
  }
  return ambiguous ? { ok: false, reason: 'ambiguous', candidates: ambiguous } : { ok: false, reason: 'none' };
}
