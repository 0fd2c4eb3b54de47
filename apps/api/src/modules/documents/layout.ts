import {
  isInForce,
  periodLabelRu,
  roadmapStateLabelRu,
  type AgreementBlock,
  type ApprovalBlock,
  type Item,
  type RoadmapLevel,
  type RoadmapState,
  type Section,
} from '@nastavnik/domain';

/**
 * The official layout of a roadmap document (the seeds' paper: «СОГЛАСОВАНО» top-left, «УТВЕРЖДАЮ»
 * top-right, the centred bold title, the table with sections as full-width rows), as plain data
 * that the DOCX and the PDF renderers draw the same way.
 */

/** What a revision document is made of (read by DocumentService within the actor's scope). */
export interface RevisionDocumentSource {
  level: RoadmapLevel;
  state: RoadmapState;
  number: number;
  title: string;
  programmeName: string;
  periodStart: string;
  periodEnd: string;
  approval: ApprovalBlock | null;
  agreement: AgreementBlock | null;
  /** The roadmap's owner: the school (short and full name) or, for a district roadmap, its education authority. */
  ownerShortName: string;
  ownerFullName: string;
  /** Who approves when the block is still blank: the school (short name) or the district's authority. */
  approverOrganization: string;
  /** Who agrees: the district's education authority (school roadmaps) or the region (district roadmaps). */
  agreeingAuthority: string;
  sections: Section[];
}

export interface SignatureBlock {
  heading: 'УТВЕРЖДАЮ' | 'СОГЛАСОВАНО';
  lines: string[];
}

export type ItemColumnKey = 'number' | 'activity' | 'content' | 'deadlineText' | 'responsible' | 'expectedResult' | 'indicator';

export interface DocumentColumn {
  key: ItemColumnKey;
  label: string;
  /** Share of the table's width (the shares of the columns shown add up to 1). */
  width: number;
}

export type DocumentRow = { kind: 'section'; title: string; lines: string[] } | { kind: 'item'; cells: string[] };

export interface RevisionDocument {
  /** «Дорожная карта — МОБУ «Гимназия» — редакция 2» (no extension; safe for a file system). */
  fileBaseName: string;
  /** Document properties: title, subject. */
  meta: { title: string; subject: string };
  /** Shown at the top of the body and of every page while the revision is not agreed; null once agreed. */
  mark: string | null;
  /** The large faint word across the PDF's pages («ПРОЕКТ»); null once agreed. */
  watermark: string | null;
  /** «Редакция № 2 · Черновик» (the page header). */
  revisionNote: string;
  agreement: SignatureBlock;
  approval: SignatureBlock;
  /** Bold centred lines: «Дорожная карта» and the rest of the title. */
  title: string[];
  /** What the title does not say itself: the programme, the organisation, the period; null when it says it all. */
  subtitle: string | null;
  columns: DocumentColumn[];
  rows: DocumentRow[];
}

// ————— dates and blanks —————

export const BLANK = '_______________';
const BLANK_LONG = '______________________________';
const BLANK_DATE = '«____» ______________ 20____ г.';
const BLANK_DATE_SHORT = '«___» __________ 20___ г.';

/** ГГГГ-ММ-ДД → ДД.ММ.ГГГГ (as typed when it is not a date). */
export function dateRu(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : iso;
}

/** «на 2025/2026 учебный год», «на 2021-2024 учебные годы», «на 2022-2025 гг.», «на 2025 год». */
export function periodRu(periodStart: string, periodEnd: string): string {
  return `на ${periodLabelRu(periodStart, periodEnd, '-')}`;
}

/** Characters a file name may not hold on Windows, macOS or Linux; long names are cut. */
export function safeFileName(name: string, max = 150): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > max ? cleaned.slice(0, max).trim() : cleaned;
}

// ————— the blocks —————

export function approvalBlock(block: ApprovalBlock | null, organization: string): SignatureBlock {
  if (!block) {
    return {
      heading: 'УТВЕРЖДАЮ',
      lines: [BLANK_LONG, organization || BLANK_LONG, `${BLANK}/${BLANK}`, BLANK_DATE, `Приказ № _______ от ${BLANK_DATE_SHORT}`],
    };
  }
  return {
    heading: 'УТВЕРЖДАЮ',
    lines: [
      block.position,
      ...(block.organization || organization ? [block.organization || organization] : []),
      `${BLANK}/${block.name}`,
      dateRu(block.date),
      `Приказ № ${block.orderNumber} от ${dateRu(block.orderDate)}`,
    ],
  };
}

export function agreementBlock(block: AgreementBlock | null, authority: string): SignatureBlock {
  if (!block) {
    return { heading: 'СОГЛАСОВАНО', lines: [BLANK_LONG, authority || BLANK_LONG, `${BLANK}/${BLANK}`, BLANK_DATE] };
  }
  return {
    heading: 'СОГЛАСОВАНО',
    lines: [block.position, block.authority || authority, `${BLANK}/${block.name}`, dateRu(block.date)].filter(Boolean),
  };
}

// ————— the marks —————

const NOT_APPROVED: ReadonlySet<RoadmapState> = new Set(['draft', 'withDirector', 'returnedByDirector']);

/** The draft mark: none for the agreed revision in force, else what the revision is still missing. */
export function draftMark(state: RoadmapState, level: RoadmapLevel): { mark: string | null; watermark: string | null } {
  if (isInForce(state)) return { mark: null, watermark: null };
  if (state === 'superseded') return { mark: 'НЕ ДЕЙСТВУЕТ — редакция заменена новой', watermark: 'НЕ ДЕЙСТВУЕТ' };
  if (NOT_APPROVED.has(state)) return { mark: 'ПРОЕКТ · Черновик — не утверждено', watermark: 'ПРОЕКТ' };
  const approver = level === 'school' ? 'директором' : 'руководителем';
  return { mark: `ПРОЕКТ · Утверждено ${approver}, не согласовано (${roadmapStateLabelRu(state, level)})`, watermark: 'ПРОЕКТ' };
}

// ————— the title —————

const normalize = (value: string) =>
  value
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s«»"“”„]+/g, ' ')
    .trim();

/** «Дорожная карта» on its own line, as on paper; the rest of the title below it. */
export function titleLines(title: string): string[] {
  const match = /^(дорожная карта)\s+(.+)$/isu.exec(title.trim());
  return match ? [match[1]!.replace(/^./, (c) => c.toUpperCase()), match[2]!] : [title.trim()];
}

/** The programme, the organisation and the period, where the title does not name them itself. */
export function subtitleOf(
  source: Pick<RevisionDocumentSource, 'title' | 'programmeName' | 'ownerShortName' | 'ownerFullName' | 'periodStart' | 'periodEnd'>,
): string | null {
  const title = normalize(source.title);
  const parts: string[] = [];
  if (source.programmeName && !title.includes(normalize(source.programmeName))) parts.push(`Программа наставничества «${source.programmeName}»`);
  const owner = [source.ownerShortName, source.ownerFullName].filter(Boolean);
  if (owner.length && !owner.some((name) => title.includes(normalize(name)))) parts.push(source.ownerFullName || source.ownerShortName);
  const from = source.periodStart.slice(0, 4);
  const to = source.periodEnd.slice(0, 4);
  if (!(title.includes(from) && title.includes(to))) parts.push(periodRu(source.periodStart, source.periodEnd));
  return parts.length ? parts.join(' · ') : null;
}

// ————— the table —————

/** The columns of the paper, with their shares of the width; a column empty in every item is left out. */
const COLUMNS: ReadonlyArray<{ key: ItemColumnKey; label: string; weight: number }> = [
  { key: 'number', label: '№', weight: 5 },
  { key: 'activity', label: 'Мероприятие', weight: 24 },
  { key: 'content', label: 'Содержание', weight: 24 },
  { key: 'deadlineText', label: 'Срок', weight: 11 },
  { key: 'responsible', label: 'Ответственный', weight: 15 },
  { key: 'expectedResult', label: 'Результат, вид документа', weight: 15 },
  { key: 'indicator', label: 'Показатель', weight: 12 },
];

export function columnsOf(sections: readonly Section[]): DocumentColumn[] {
  const items = sections.flatMap((section) => section.items);
  const shown = COLUMNS.filter((column) => column.key === 'activity' || items.some((item) => item[column.key].trim() !== ''));
  const total = shown.reduce((sum, column) => sum + column.weight, 0);
  return shown.map((column) => ({ key: column.key, label: column.label, width: column.weight / total }));
}

export function rowsOf(sections: readonly Section[], columns: readonly DocumentColumn[]): DocumentRow[] {
  const rows: DocumentRow[] = [];
  for (const section of sections) {
    const lines = [labelled('Задача', section.task), labelled('Результат', section.result)].filter(Boolean);
    rows.push({ kind: 'section', title: section.title, lines });
    for (const item of section.items) rows.push({ kind: 'item', cells: columns.map((column) => cellText(item, column.key)) });
  }
  return rows;
}

/** «Задача: …» — unless the text already starts with the word («Задача этапа: …», as in the template). */
export function labelled(label: string, text: string): string {
  const value = text.trim();
  if (!value) return '';
  return value.toLowerCase().startsWith(label.toLowerCase()) ? value : `${label}: ${value}`;
}

function cellText(item: Item, key: ItemColumnKey): string {
  return item[key].replace(/\r\n?/g, '\n').trim();
}

// ————— the whole —————

export function revisionDocument(source: RevisionDocumentSource): RevisionDocument {
  const { mark, watermark } = draftMark(source.state, source.level);
  const columns = columnsOf(source.sections);
  const stateLabel = roadmapStateLabelRu(source.state, source.level);
  return {
    fileBaseName: safeFileName(`Дорожная карта — ${source.ownerShortName || source.ownerFullName} — редакция ${source.number}`),
    meta: { title: source.title, subject: `Редакция № ${source.number} · ${stateLabel}` },
    mark,
    watermark,
    revisionNote: `Редакция № ${source.number} · ${stateLabel}`,
    agreement: agreementBlock(source.agreement, source.agreeingAuthority),
    approval: approvalBlock(source.approval, source.approverOrganization),
    title: titleLines(source.title),
    subtitle: subtitleOf(source),
    columns,
    rows: rowsOf(source.sections, columns),
  };
}
