import { canStore, checkPartnerMentorProfile, CONSENT_SCOPES, validateConsent } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { AppError, badUserInput, conflict, notFound } from '../../engine/errors.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { ServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { PartnerOrganization } from '../directory/partner-organization.entity.js';
import { PartnerMentor, PartnerMentorConsent } from './partner.entities.js';
import { ownPartnerId, PARTNER_MESSAGES_RU as M, raise, toConsentRecord } from './shared.js';

export interface MentorInput {
  lastName: string;
  firstName: string;
  middleName?: string | null;
  birthDate?: string | null;
  position?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: string[] | null;
  text?: string | null;
  availability?: string | null;
  capacity?: number | null;
  consent?: { scopes?: string[] | null; textVersion: string; signedOn: string; validUntil?: string | null } | null;
}

export interface MentorImportRow {
  rowNumber: number;
  ok: boolean;
  mentorId: string | null;
  field: string | null;
  message: string | null;
}

type MentorCsvKey =
  | 'lastName'
  | 'firstName'
  | 'middleName'
  | 'birthDate'
  | 'position'
  | 'email'
  | 'phone'
  | 'tags'
  | 'text'
  | 'availability'
  | 'capacity'
  | 'consentText'
  | 'consentDate';

/** The columns of the registry's CSV (headers in Russian, matched case-insensitively). */
export const MENTOR_CSV_COLUMNS: ReadonlyArray<{ key: MentorCsvKey; header: string; required: boolean }> = [
  { key: 'lastName', header: 'Фамилия', required: true },
  { key: 'firstName', header: 'Имя', required: true },
  { key: 'middleName', header: 'Отчество', required: false },
  { key: 'birthDate', header: 'Дата рождения', required: false },
  { key: 'position', header: 'Должность', required: false },
  { key: 'email', header: 'Эл. почта', required: false },
  { key: 'phone', header: 'Телефон', required: false },
  { key: 'tags', header: 'Компетенции (теги через запятую)', required: false },
  { key: 'text', header: 'Описание компетенций', required: false },
  { key: 'availability', header: 'Доступность', required: false },
  { key: 'capacity', header: 'Сколько наставляемых', required: false },
  { key: 'consentText', header: 'Согласие: версия текста', required: true },
  { key: 'consentDate', header: 'Согласие: дата подписания', required: true },
];

/** The partner's own card and its mentor registry (core schema): each mentor with their own consent; CSV import. */
export class PartnerMentorService {
  constructor(private readonly clock: Clock) {}

  async myPartner({ actor, em }: ServiceContext): Promise<PartnerOrganization> {
    return em.findOneOrFail(PartnerOrganization, { id: ownPartnerId(actor) });
  }

  async mentors({ actor, em }: ServiceContext, includeArchived = false): Promise<PartnerMentor[]> {
    const partnerId = ownPartnerId(actor);
    return em.find(
      PartnerMentor,
      { partnerId, ...(includeArchived ? {} : { archivedOn: null }) },
      { orderBy: { lastName: 'asc', firstName: 'asc', id: 'asc' } },
    );
  }

  async mentorConsents(em: EntityManager, mentorId: string): Promise<PartnerMentorConsent[]> {
    return em.find(PartnerMentorConsent, { mentorId }, { orderBy: { createdAt: 'asc' } });
  }

  /** The profile by the domain's rules (the admin's form checks the same), every error at once. */
  private mentorData(input: MentorInput) {
    const { issues, profile } = checkPartnerMentorProfile(input);
    raise(issues);
    return profile;
  }

  /** A mentor with their own consent (an adult: the participants' rules, category partner-employee). */
  async createMentor(ctx: ServiceContext, input: MentorInput): Promise<PartnerMentor> {
    const partnerId = ownPartnerId(ctx.actor);
    const data = this.mentorData(input);
    const today = this.clock.today();
    if (!input.consent) throw badUserInput('consent', M.consentRequired);
    const mentor = new PartnerMentor();
    Object.assign(mentor, data, { partnerId, createdAt: this.clock.now() });
    const consent = new PartnerMentorConsent();
    const scopes = (input.consent.scopes?.length ? input.consent.scopes : ['processing']).map((s) => s.trim());
    Object.assign(consent, {
      mentorId: mentor.id,
      scopes,
      textVersion: (input.consent.textVersion ?? '').trim(),
      signedOn: (input.consent.signedOn ?? '').trim(),
      validUntil: input.consent.validUntil?.trim() || null,
      recordedByName: ctx.actor.displayName || ctx.actor.username,
      createdAt: this.clock.now(),
    });
    const person = { id: mentor.id, category: 'partner-employee' as const, birthDate: data.birthDate, lastName: data.lastName, firstName: data.firstName };
    const record = toConsentRecord(consent);
    const unknownScope = scopes.find((s) => !(CONSENT_SCOPES as readonly string[]).includes(s));
    if (unknownScope) throw badUserInput('consent.scopes', `Согласие: неизвестная область «${unknownScope}»`);
    raise(validateConsent(record, person, today), 'consent.');
    const decision = canStore(person, [record], today);
    if (!decision.allowed) throw badUserInput('consent', decision.message, { reason: decision.reason });
    await ctx.em.transactional(async (tx) => {
      tx.persist(mentor);
      tx.persist(consent);
      await tx.flush();
    });
    return mentor;
  }

  private async ownMentor(ctx: ServiceContext, id: string): Promise<PartnerMentor> {
    const partnerId = ownPartnerId(ctx.actor);
    const mentor = isUuid(id) ? await ctx.em.findOne(PartnerMentor, { id, partnerId }) : null;
    if (!mentor) throw notFound(M.mentorNotFound);
    return mentor;
  }

  async archiveMentor(ctx: ServiceContext, id: string): Promise<PartnerMentor> {
    const mentor = await this.ownMentor(ctx, id);
    if (mentor.archivedOn) throw conflict(M.mentorArchived, 'STATE');
    mentor.archivedOn = this.clock.today();
    await ctx.em.flush();
    return mentor;
  }

  /** Back from the archive: offered to schools again. */
  async restoreMentor(ctx: ServiceContext, id: string): Promise<PartnerMentor> {
    const mentor = await this.ownMentor(ctx, id);
    if (!mentor.archivedOn) throw conflict(M.mentorNotArchived, 'STATE');
    mentor.archivedOn = null;
    await ctx.em.flush();
    return mentor;
  }

  /**
   * CSV import of the registry (UTF-8, «;» or «,», a header row, columns by header name — see
   * MENTOR_CSV_COLUMNS): each row is created like `createMentor`, in its own transaction; a bad row
   * is reported with its field and message and does not stop the others. At most 500 rows.
   */
  async importMentors(ctx: ServiceContext, table: string[][]): Promise<{ total: number; imported: number; rows: MentorImportRow[] }> {
    ownPartnerId(ctx.actor);
    const [header = [], ...data] = table.filter((r) => r.some((c) => c.trim() !== ''));
    const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
    const missing = MENTOR_CSV_COLUMNS.filter((c) => c.required && !index.has(c.header.toLowerCase()));
    if (missing.length > 0) throw badUserInput('file', `Нет обязательных столбцов: ${missing.map((c) => `«${c.header}»`).join(', ')}`);
    if (data.length > 500) throw badUserInput('file', 'Не более 500 строк за один раз');
    const rows: MentorImportRow[] = [];
    for (const [i, row] of data.entries()) {
      const cell = (key: MentorCsvKey) => {
        const column = MENTOR_CSV_COLUMNS.find((c) => c.key === key)!;
        const at = index.get(column.header.toLowerCase());
        return at === undefined ? '' : (row[at] ?? '').trim();
      };
      const capacity = cell('capacity');
      const input: MentorInput = {
        lastName: cell('lastName'),
        firstName: cell('firstName'),
        middleName: cell('middleName') || null,
        birthDate: cell('birthDate') || null,
        position: cell('position') || null,
        email: cell('email') || null,
        phone: cell('phone') || null,
        tags: cell('tags')
          .split(/[,;]/)
          .map((t) => t.trim())
          .filter(Boolean),
        text: cell('text'),
        availability: cell('availability'),
        capacity: capacity ? Number(capacity) : 1,
        consent: { textVersion: cell('consentText'), signedOn: cell('consentDate') },
      };
      try {
        const mentor = await this.createMentor(ctx, input);
        rows.push({ rowNumber: i + 2, ok: true, mentorId: mentor.id, field: null, message: null });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        rows.push({ rowNumber: i + 2, ok: false, mentorId: null, field: String(error.extensions.field ?? ''), message: error.message });
      }
    }
    return { total: rows.length, imported: rows.filter((r) => r.ok).length, rows };
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    partnerMentors: PartnerMentorService;
  }
}
