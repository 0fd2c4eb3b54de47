import {
  canStore,
  CsvFormatError,
  isSpreadsheetZip,
  looksBinary,
  normalizeCell,
  normalizeTags,
  parseCsv as parseCsvText,
  parseImportDate,
  participantImportTemplate,
  readFirstSheetRows,
  resolveImportColumns,
  validateConsent,
  validateImportRows,
  writeCsv,
  writeWorkbook,
  type ConsentRecord,
  type ImportCell,
  type ParticipantRole,
} from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { AppError, badUserInput } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { logAccess } from './access-log.js';
import { PROGRAMME_MESSAGES_RU as M } from '../programmes/messages.js';
import type { ProgrammeService } from '../programmes/programme.service.js';
import { Participant, ParticipantConsent } from './participant.entity.js';
import { toConsentRecord, toDomainParticipant } from './participant.service.js';
import { participantHintRows } from './template-xlsx.js';
import { forgetTenantReads } from '../../engine/tenancy/tenant.js';

/** The consent columns the platform adds to the domain's template (a person is stored only with a consent). */
const CONSENT_COLUMNS = {
  signedOn: { header: 'Дата согласия', aliases: ['дата согласия', 'согласие от', 'дата подписания согласия'] },
  givenBy: { header: 'Согласие дал', aliases: ['согласие дал', 'кто дал согласие', 'согласие дано'] },
  representativeName: {
    header: 'Законный представитель (ФИО)',
    aliases: ['законный представитель (фио)', 'фио представителя', 'законный представитель', 'представитель'],
  },
  relation: { header: 'Кем приходится', aliases: ['кем приходится', 'степень родства', 'родство'] },
  document: { header: 'Документ представителя', aliases: ['документ представителя', 'документ, подтверждающий полномочия'] },
  textVersion: { header: 'Версия текста согласия', aliases: ['версия текста согласия', 'версия согласия'] },
} as const;
type ConsentColumn = keyof typeof CONSENT_COLUMNS;

const RELATIONS: Record<string, string> = {
  мать: 'mother',
  мама: 'mother',
  отец: 'father',
  папа: 'father',
  усыновитель: 'adoptive-parent',
  опекун: 'guardian',
  попечитель: 'trustee',
  'представитель организации для детей-сирот': 'institution',
};

export interface ParticipantImportRowReport {
  rowNumber: number;
  status: 'ok' | 'warning' | 'error' | 'empty';
  participantId: string | null;
  name: string | null;
  issues: Array<{ field: string; column: string | null; message: string; severity: 'error' | 'warning' }>;
}

export interface ParticipantImportReport {
  programmeId: string;
  role: ParticipantRole;
  fileIssues: Array<{ field: string; message: string; severity: string }>;
  summary: { total: number; imported: number; error: number; warning: number; empty: number };
  rows: ParticipantImportRowReport[];
}

/** CSV as Excel writes it in a Russian locale (the domain's `parseCsv`, csv-parse); an unreadable file is the user's error. */
export function parseCsv(text: string): string[][] {
  try {
    return parseCsvText(text);
  } catch (error) {
    if (error instanceof CsvFormatError) throw badUserInput('file', error.message);
    throw error;
  }
}

/** The domain's template plus the consent columns, as CSV (BOM, «;», CRLF). */
export function participantTemplateCsv(role: ParticipantRole): string {
  const { headers, example } = participantImportTemplate(role);
  const consentHeaders = Object.values(CONSENT_COLUMNS).map((c) => c.header);
  const consentExample =
    role === 'mentee'
      ? ['01.09.2025', 'Законный представитель', 'Иванова Елена Петровна', 'Мать', 'Свидетельство о рождении II-АР № 123456', 'Согласие v1']
      : ['01.09.2025', 'Участник', '', '', '', 'Согласие v1'];
  return writeCsv([
    [...headers, ...consentHeaders],
    [...example, ...consentExample],
  ]);
}

/** The template as an XLSX book: sheet «Участники» (headers and an example row), sheet «Подсказки» (allowed values). */
export function participantTemplateXlsx(role: ParticipantRole): Buffer {
  const { headers, example } = participantImportTemplate(role);
  const consentHeaders = Object.values(CONSENT_COLUMNS).map((c) => c.header);
  const consentExample =
    role === 'mentee'
      ? ['01.09.2025', 'Законный представитель', 'Иванова Елена Петровна', 'Мать', 'Свидетельство о рождении II-АР № 123456', 'Согласие v1']
      : ['01.09.2025', 'Участник', '', '', '', 'Согласие v1'];
  const all = [...headers, ...consentHeaders];
  const [hintHeader, ...hints] = participantHintRows(role);
  // Text-only sheets: Excel keeps «14.03.2012» and «+7 900…» as typed.
  const book = writeWorkbook({
    title: role === 'mentee' ? 'Шаблон базы наставляемых' : 'Шаблон базы наставников',
    createdAt: new Date(),
    sheets: [
      {
        name: 'Участники',
        columns: all.map((label) => ({ label, width: Math.min(40, Math.max(14, label.length + 4)) })),
        rows: [[...example, ...consentExample]],
        textOnly: true,
      },
      { name: 'Подсказки', columns: hintHeader!.map((label, i) => ({ label, width: i === 0 ? 32 : 100 })), rows: hints, textOnly: true },
    ],
  });
  return Buffer.from(book.buffer, book.byteOffset, book.byteLength);
}

/**
 * The table of an uploaded base: an .xlsx book (recognised by its content — a ZIP — whatever the
 * name) or CSV text; the header row first. `firstRowNumber`: the file's row number of the first data row.
 */
export function readBaseTable(data: Buffer): { header: string[]; rows: string[][]; firstRowNumber: number } {
  if (isSpreadsheetZip(data)) {
    const book = readFirstSheetRows(data);
    if (!book.ok) throw new AppError('BAD_USER_INPUT', book.message, { field: 'file', httpStatus: 415 });
    // Trailing empty rows are dropped; empty rows inside the table keep their place (reported as empty).
    const rows = [...book.rows];
    while (rows.length > 0 && !rows[rows.length - 1]!.some((c) => c.trim() !== '')) rows.pop();
    if (rows.length < 2) throw new AppError('BAD_USER_INPUT', M.importEmpty, { field: 'file' });
    return { header: rows[0]!, rows: rows.slice(1), firstRowNumber: book.headerRowNumber + 1 };
  }
  if (looksBinary(data)) throw new AppError('BAD_USER_INPUT', M.importFormat, { field: 'file', httpStatus: 415 });
  const table = parseCsv(data.toString('utf8')).filter((r) => r.some((c) => c.trim() !== ''));
  if (table.length < 2) throw new AppError('BAD_USER_INPUT', M.importEmpty, { field: 'file' });
  return { header: table[0]!, rows: table.slice(1), firstRowNumber: 2 };
}

/**
 * Bulk import of a base from XLSX or CSV: each row read by the domain (`validateImportRows`), then its consent
 * columns checked (`validateConsent`, `canStore`); a row without a valid consent is refused with the
 * reason, a bad row never blocks the good ones; the good ones are saved together in one transaction.
 */
export async function importParticipants(
  ctx: TenantServiceContext,
  deps: { clock: Clock; programmes: ProgrammeService },
  request: { programmeId: string; role: string; fileName: string; data: Buffer },
): Promise<ParticipantImportReport> {
  const programme = await deps.programmes.getManaged(ctx, request.programmeId, 'programmeId');
  if (request.role !== 'mentor' && request.role !== 'mentee') throw badUserInput('role', M.importRole);
  const role = request.role as ParticipantRole;
  const { header: headerRow, rows: dataRows, firstRowNumber } = readBaseTable(request.data);

  // Consent columns are the platform's; the remaining ones go to the domain's reader.
  const consentIndex = new Map<ConsentColumn, number>();
  const personColumns: number[] = [];
  headerRow.forEach((header, index) => {
    const key = normalizeCell(header);
    const found = (Object.keys(CONSENT_COLUMNS) as ConsentColumn[]).find((c) => (CONSENT_COLUMNS[c].aliases as readonly string[]).includes(key));
    if (found && !consentIndex.has(found)) consentIndex.set(found, index);
    else personColumns.push(index);
  });
  const { mapping, issues: fileIssues } = resolveImportColumns(
    personColumns.map((i) => headerRow[i]!),
    role,
  );
  if (fileIssues.some((i) => i.severity === 'error')) {
    const first = fileIssues.find((i) => i.severity === 'error')!;
    throw new AppError('BAD_USER_INPUT', first.message, { field: 'file', issues: fileIssues });
  }
  const today = deps.clock.today();
  const domainReport = validateImportRows(
    dataRows.map((row) => personColumns.map((i) => (row[i] ?? '') as ImportCell)),
    mapping,
    { role, on: today, firstRowNumber },
  );
  const recordedBy = ctx.actor.displayName || ctx.actor.username;
  const toSave: Array<{ participant: Participant; consent: ParticipantConsent }> = [];
  const rows: ParticipantImportRowReport[] = domainReport.rows.map((report, i) => {
    const out: ParticipantImportRowReport = {
      rowNumber: report.rowNumber,
      status: report.status,
      participantId: null,
      name: null,
      issues: report.issues.map((issue) => ({ ...issue, severity: issue.severity === 'error' ? 'error' : 'warning' })),
    };
    const draft = report.participant;
    if (report.status === 'error' || report.status === 'empty' || !draft) return out;
    const cellOf = (c: ConsentColumn) => {
      const index = consentIndex.get(c);
      return index === undefined ? '' : (dataRows[i]![index] ?? '').trim();
    };
    const refuse = (field: string, column: string | null, message: string) => {
      out.status = 'error';
      out.issues.push({ field, column, message, severity: 'error' });
      return out;
    };
    const participant = new Participant();
    Object.assign(participant, {
      programmeId: programme.id,
      organizationId: programme.organizationId,
      role,
      category: draft.category,
      lastName: draft.lastName,
      firstName: draft.firstName,
      middleName: draft.middleName,
      birthDate: draft.birthDate,
      classOrPosition: draft.classOrPosition,
      experienceYears: draft.experienceYears,
      email: draft.email,
      phone: draft.phone,
      specialGroups: [...draft.specialGroups],
      tags: normalizeTags(role === 'mentor' ? draft.competenceTags : draft.requestTags),
      freeText: role === 'mentor' ? draft.competenceText : draft.requestText,
    });
    out.name = [draft.lastName, draft.firstName, draft.middleName].filter(Boolean).join(' ');
    // The consent of the row.
    const signedRaw = cellOf('signedOn');
    const giverRaw = normalizeCell(cellOf('givenBy'));
    const representativeName = cellOf('representativeName');
    if (!signedRaw || (!giverRaw && !representativeName)) return refuse('consent', CONSENT_COLUMNS.signedOn.header, M.importConsentMissing);
    const signedOn = parseImportDate(signedRaw);
    if (!signedOn) return refuse('consent.signedOn', CONSENT_COLUMNS.signedOn.header, `Дата согласия: «${signedRaw}» — ожидается дата ДД.ММ.ГГГГ`);
    const self = ['участник', 'сам', 'сам участник', 'лично', 'self'].includes(giverRaw);
    const representative = !self && (giverRaw === '' || /представитель|родител|мать|отец|опекун|попечител|representative/.test(giverRaw));
    if (!self && !representative) return refuse('consent.givenBy', CONSENT_COLUMNS.givenBy.header, M.importConsentGiver(cellOf('givenBy')));
    const relationRaw = normalizeCell(cellOf('relation'));
    const consent = new ParticipantConsent();
    Object.assign(consent, {
      participantId: participant.id,
      givenBy: self ? 'self' : 'representative',
      representativeName: self ? null : representativeName,
      representativeRelation: self ? null : (RELATIONS[relationRaw] ?? (relationRaw || null)),
      representativeDocument: self ? null : cellOf('document'),
      scopes: ['processing'],
      textVersion: cellOf('textVersion') || `Согласие из файла ${request.fileName || 'импорта'}`,
      signedOn,
      recordedByName: recordedBy,
    });
    if (!self && !consent.representativeRelation) return refuse('consent.relation', CONSENT_COLUMNS.relation.header, M.representativeRelationRequired);
    if (!self && !Object.values(RELATIONS).includes(consent.representativeRelation!)) {
      return refuse('consent.relation', CONSENT_COLUMNS.relation.header, M.unknownRelation(cellOf('relation')));
    }
    const person = toDomainParticipant(participant);
    const record: ConsentRecord = toConsentRecord(consent);
    const consentError = validateConsent(record, person, today).find((issue) => issue.severity === 'error');
    if (consentError) return refuse(`consent.${consentError.field}`, null, consentError.message);
    const decision = canStore(person, [record], today);
    if (!decision.allowed) return refuse('consent', null, decision.message);
    out.participantId = participant.id;
    toSave.push({ participant, consent });
    return out;
  });
  if (toSave.length > 0) {
    await ctx.tenant.em.transactional(
      async (em) => {
        for (const { participant, consent } of toSave) em.persist([participant, consent]);
        await em.flush();
      },
      { clear: true },
    );
    forgetTenantReads(ctx.tenant);
    await logAccess(
      ctx.tenant,
      ctx.actor,
      toSave.map((s) => s.participant),
      'import',
    );
  }
  const summary = { total: rows.length, imported: toSave.length, error: 0, warning: 0, empty: 0 };
  for (const row of rows) {
    if (row.status === 'error') summary.error += 1;
    if (row.status === 'warning') summary.warning += 1;
    if (row.status === 'empty') summary.empty += 1;
  }
  return { programmeId: programme.id, role, fileIssues, summary, rows };
}
