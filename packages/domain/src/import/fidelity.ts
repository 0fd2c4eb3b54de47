import type { ImportPreview, ImportedItem, ImportedSection } from './types.js';

/**
 * How exactly an import reproduced a document that a person read and wrote down (the corpus in
 * `packages/domain/corpus`): the share of expected fields reproduced exactly, items found, and the
 * misses with what was expected and what came out. Text is compared with whitespace collapsed; nothing
 * else is forgiven.
 */

export interface ExpectedItem {
  number?: string;
  activity?: string;
  content?: string;
  deadline?: string;
  responsible?: string;
  expectedResult?: string;
  indicator?: string;
  document?: string;
  /** Columns the roadmap has no field for («Участники», «Примечание»): heading → text, kept with the item. */
  other?: Record<string, string>;
}

export interface ExpectedSection {
  number: string;
  title: string;
  /** «Задача этапа: …» and «Результат: …» of a stage, without their labels. */
  task?: string;
  result?: string;
  items: ExpectedItem[];
}

export interface ExpectedDocument {
  source: string;
  kind?: string;
  mentorship?: string;
  original?: string;
  /** A document kept elsewhere (the seeds), relative to the expected file. */
  document?: string;
  header: {
    title?: string;
    periodStart?: string | null;
    periodEnd?: string | null;
    approval?: { position?: string; name?: string; date?: string | null; orderNumber?: string; orderDate?: string | null };
    agreement?: { position?: string; name?: string; date?: string | null };
    order?: { number?: string; date?: string | null; annex?: string };
  };
  sections: ExpectedSection[];
}

export interface FieldMiss {
  where: string;
  field: string;
  expected: string;
  actual: string;
}

export interface FidelityScore {
  fields: number;
  exact: number;
  expectedItems: number;
  foundItems: number;
  /** Items the import made that match no expected one (a heading taken for an item, a split row). */
  extraItems: number;
  misses: FieldMiss[];
}

const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

const words = (text: string) =>
  new Set(
    norm(text)
      .toLowerCase()
      .split(/[^0-9a-zа-яё]+/i)
      .filter(Boolean),
  );

/** Word overlap of two texts, 0…1. */
function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (!x.size && !y.size) return 1;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / Math.max(x.size, y.size);
}

const itemText = (i: ExpectedItem) => [i.number, i.activity, i.content, i.deadline, i.responsible, i.expectedResult, i.indicator].filter(Boolean).join(' ');
const foundText = (i: ImportedItem) =>
  [i.number, i.activity, i.content, i.deadlineText, i.responsible, i.expectedResult, i.indicator].filter(Boolean).join(' ');

/** Order-keeping alignment (Needleman–Wunsch on similarity): pairs of indices whose texts are alike. */
function align<A, B>(as: readonly A[], bs: readonly B[], sim: (a: A, b: B) => number, threshold = 0.4): Array<[number, number]> {
  const n = as.length;
  const m = bs.length;
  const score: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const s: number[][] = Array.from({ length: n }, (_, i) => bs.map((b) => sim(as[i] as A, b)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const here = s[i - 1]![j - 1]!;
      const diag = here >= threshold ? score[i - 1]![j - 1]! + here : -Infinity;
      score[i]![j] = Math.max(diag, score[i - 1]![j]!, score[i]![j - 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = n, j = m; i > 0 && j > 0;) {
    const here = s[i - 1]![j - 1]!;
    if (here >= threshold && score[i]![j] === score[i - 1]![j - 1]! + here) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (score[i]![j] === score[i - 1]![j]) i--;
    else j--;
  }
  return pairs.reverse();
}

export function scoreImport(preview: ImportPreview, expected: ExpectedDocument): FidelityScore {
  const score: FidelityScore = { fields: 0, exact: 0, expectedItems: 0, foundItems: 0, extraItems: 0, misses: [] };
  const check = (where: string, field: string, want: string | null | undefined, got: string | null | undefined) => {
    score.fields++;
    if (norm(want) === norm(got)) score.exact++;
    else score.misses.push({ where, field, expected: norm(want), actual: norm(got) });
  };

  // The header.
  const h = expected.header;
  const header = preview.header;
  if (h.title !== undefined) check('шапка', 'title', h.title, header.title);
  if (h.periodStart !== undefined) check('шапка', 'periodStart', h.periodStart, header.period?.source === 'document' ? header.period.periodStart : null);
  if (h.periodEnd !== undefined) check('шапка', 'periodEnd', h.periodEnd, header.period?.source === 'document' ? header.period.periodEnd : null);
  if (h.approval) {
    const a = header.approval;
    for (const key of ['position', 'name', 'date', 'orderNumber', 'orderDate'] as const) {
      // The position as written is the model's position and organisation together («Директор МБОУ …»).
      const got = a ? (key === 'position' ? [a.position, a.organization].filter(Boolean).join(' ') : a[key]) : null;
      if (h.approval[key] !== undefined) check('гриф утверждения', key, h.approval[key], got);
    }
  }
  if (h.agreement) {
    const a = header.agreement;
    for (const key of ['position', 'name', 'date'] as const) {
      const got = a ? (key === 'position' ? [a.position, a.authority].filter(Boolean).join(' ') : a[key]) : null;
      if (h.agreement[key] !== undefined) check('гриф согласования', key, h.agreement[key], got);
    }
  }
  if (h.order) {
    const o = header.order;
    for (const key of ['number', 'date', 'annex'] as const) {
      if (h.order[key] !== undefined) check('приказ', key, h.order[key], o ? o[key] : null);
    }
  }

  // Sections, aligned by their titles (an implicit first section has none).
  const sections = preview.sections;
  const sectionPairs = align(expected.sections, sections, (e, s: ImportedSection) =>
    !norm(e.title) && !norm(s.title) ? 1 : !norm(e.title) || !norm(s.title) ? 0 : similarity(e.title, s.title),
  );
  const matchedSection = new Map(sectionPairs);
  for (const [i, e] of expected.sections.entries()) {
    const s = matchedSection.has(i) ? sections[matchedSection.get(i)!] : undefined;
    check(`раздел ${i + 1}`, 'number', e.number, s?.number ?? null);
    check(`раздел ${i + 1}`, 'title', e.title, s?.title ?? null);
    if (e.task !== undefined) check(`раздел ${i + 1}`, 'task', e.task, s?.task ?? null);
    if (e.result !== undefined) check(`раздел ${i + 1}`, 'result', e.result, s?.result ?? null);
  }

  // Items over the whole document, aligned by their text.
  const wanted = expected.sections.flatMap((s, si) => s.items.map((item, ii) => ({ item, where: `раздел ${si + 1}, пункт ${ii + 1}` })));
  const found = sections.flatMap((s) => s.items);
  score.expectedItems = wanted.length;
  const pairs = align(wanted, found, (w, f) => similarity(itemText(w.item), foundText(f)));
  const matched = new Map(pairs);
  score.foundItems = pairs.length;
  score.extraItems = found.length - pairs.length;
  for (const [i, { item, where }] of wanted.entries()) {
    const f = matched.has(i) ? found[matched.get(i)!] : undefined;
    const pairsOf: Array<[string, string | undefined, string | undefined]> = [
      ['number', item.number, f?.number],
      ['activity', item.activity, f?.activity],
      ['content', item.content, f?.content],
      ['deadline', item.deadline, f?.deadlineText],
      ['responsible', item.responsible, f?.responsible],
      ['expectedResult', item.expectedResult, f?.expectedResult],
      ['indicator', item.indicator, f?.indicator],
      ['document', item.document, f?.document],
    ];
    for (const [field, want, got] of pairsOf) if (want !== undefined) check(where, field, want, f ? got : null);
    for (const [heading, text] of Object.entries(item.other ?? {}).filter(([, t]) => norm(t))) {
      const kept = f?.unmapped.find((u) => norm(u.text) === norm(text));
      check(where, `«${heading}»`, text, kept ? kept.text : (f?.unmapped.map((u) => u.text).join(' | ') ?? null));
    }
  }
  return score;
}
