import {
  bestPracticeInputSchema,
  canPublish,
  checkInput,
  FORM_LABELS_RU,
  MENTORSHIP_KIND_LABELS_RU,
  PARTICIPANT_CATEGORY_LABELS_RU,
  type BuiltInFormCode,
  type MentorshipKind,
  type ParticipantCategory,
} from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, badUserInputs, conflict, forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { within } from '../directory/scope.js';
import { MentoringPair } from '../pairs/pair.entity.js';
import { Participant, ParticipantConsent } from '../participants/participant.entity.js';
import { toConsentRecord, toDomainParticipant } from '../participants/participant.service.js';
import { Programme } from '../programmes/programme.entity.js';
import { managesOrganization, programmeDataScope } from '../programmes/scope.js';
import { BestPractice } from './practice.entity.js';

export const PRACTICE_MESSAGES_RU = {
  notFound: 'Кейс практики не найден',
  pairNotFound: 'Наставническая пара/группа не найдена',
  pairNotCompleted: 'Кейс описывается по завершённой паре/группе: сначала завершите её',
  duplicate: 'Для этой пары/группы кейс уже создан',
  published: 'Кейс опубликован: снимите его с публикации, чтобы изменить',
  transition: (from: string, action: string) =>
    `Кейс в состоянии «${STATUS_LABELS_RU[from as keyof typeof STATUS_LABELS_RU] ?? from}»: действие «${action}» недоступно`,
  unknownAction: (action: string) => `Действие: неизвестное значение «${action}» (ready, draft, publish, unpublish)`,
  consentMissing: (people: string[]) =>
    `Публикация невозможна: нет действующего согласия на публикацию (152-ФЗ) у ${people.join('; ')}. Добавьте согласие с объёмом «публикация» (для несовершеннолетнего — от законного представителя).`,
  withdrawn: 'Снят с публикации: участник отозвал согласие на обработку персональных данных',
  unpublished: 'Снят с публикации куратором',
} as const;

export const STATUS_LABELS_RU = { draft: 'черновик', ready: 'готов к публикации', published: 'опубликован' } as const;

export interface PracticeInput {
  pairId?: string | null;
  title: string;
  summary: string;
  results: string;
  showNames?: boolean | null;
}

/** A case as the public page shows it: no personal data unless every participant consented and names are shown. */
export interface PublishedPractice {
  id: string;
  programmeName: string;
  title: string;
  summary: string;
  results: string;
  formLabel: string;
  kindLabel: string;
  /** «Наставник — педагог», «Наставляемый, 7 класс», or with names when shown: «Хасанова Айгуль, наставник, 10 «А»». */
  participants: string[];
  /** ГГГГ-ММ-ДД. */
  publishedOn: string;
}

const fullName = (p: Participant) => [p.lastName, p.firstName].filter(Boolean).join(' ');

/** How a person appears in a published case. Without names: the role and the class (a grade, no letter) or the category. */
export function publicLabel(person: Participant, role: 'mentor' | 'mentee', showNames: boolean): string {
  const roleRu = role === 'mentor' ? 'наставник' : 'наставляемый';
  const grade = person.category === 'pupil' ? /^(\d{1,2})/.exec((person.classOrPosition ?? '').trim())?.[1] : undefined;
  const detail = grade ? `${grade} класс` : (PARTICIPANT_CATEGORY_LABELS_RU[person.category as ParticipantCategory] ?? '').toLowerCase();
  if (showNames && !person.anonymized) {
    const name = fullName(person);
    return [name, roleRu, person.category === 'pupil' ? (person.classOrPosition ?? detail) : (person.classOrPosition ?? detail)].filter(Boolean).join(', ');
  }
  const label = roleRu.charAt(0).toUpperCase() + roleRu.slice(1);
  return detail ? `${label}${grade ? ', ' : ' — '}${detail}` : label;
}

/** The people of a case whose consents do not allow publishing today (names for staff, with the reason). */
export async function consentGaps(
  em: EntityManager,
  participantIds: readonly string[],
  today: string,
): Promise<Array<{ id: string; name: string; message: string }>> {
  const [people, consents] = await Promise.all([
    em.find(Participant, { id: { $in: [...participantIds] } }),
    em.find(ParticipantConsent, { participantId: { $in: [...participantIds] } }),
  ]);
  return gapsFrom(people, consents, participantIds, today);
}

function gapsFrom(people: Participant[], consents: ParticipantConsent[], participantIds: readonly string[], today: string) {
  const gaps: Array<{ id: string; name: string; message: string }> = [];
  for (const id of participantIds) {
    const person = people.find((p) => p.id === id);
    if (!person || person.anonymized) {
      gaps.push({ id, name: 'участника с обезличенными данными', message: 'согласие отозвано' });
      continue;
    }
    const decision = canPublish(toDomainParticipant(person), consents.filter((c) => c.participantId === id).map(toConsentRecord), 'publication', today);
    if (!decision.allowed)
      gaps.push({ id, name: `${person.role === 'mentor' ? 'наставника' : 'наставляемого'} ${fullName(person)}`, message: decision.message });
  }
  return gaps;
}

/**
 * Best-practice cases of a school's programmes: written by the school's staff from a completed pair,
 * published only while every participant has a consent to publication (a minor's from a legal
 * representative); a withdrawal unpublishes the cases that named the person.
 */
export class PracticeService {
  constructor(private readonly clock: Clock) {}

  private scope(ctx: TenantServiceContext) {
    return programmeDataScope<BestPractice>(ctx.actor, ctx.tenant.district);
  }

  async list(
    ctx: TenantServiceContext,
    programmeId: string | null | undefined,
    status: string | null | undefined,
    page?: PageInput | null,
  ): Promise<Page<BestPractice>> {
    const { limit, offset } = pageWindow(page);
    const filter: Record<string, unknown> = {};
    if (programmeId) filter.programmeId = isUuid(programmeId) ? programmeId : { $in: [] };
    if (status) filter.status = status;
    const [items, total] = await ctx.tenant.em.findAndCount(BestPractice, within(this.scope(ctx), filter as never), {
      limit,
      offset,
      orderBy: { updatedAt: 'desc', id: 'asc' },
    });
    return { items, total, limit, offset };
  }

  async get(ctx: TenantServiceContext, id: string): Promise<BestPractice> {
    const practice = isUuid(id) ? await ctx.tenant.em.findOne(BestPractice, within(this.scope(ctx), { id })) : null;
    if (!practice) throw notFound(PRACTICE_MESSAGES_RU.notFound);
    return practice;
  }

  private async managed(ctx: TenantServiceContext, id: string): Promise<BestPractice> {
    const practice = await this.get(ctx, id);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, practice.organizationId)) throw forbidden();
    return practice;
  }

  /**
   * The shared schema (packages/domain): every problem of the texts at once, in the admin's words,
   * after `before` (the pair's own problem, the first field of the new case's form).
   */
  private texts(input: PracticeInput, before: Array<{ field: string; message: string }> = []) {
    const checked = checkInput(bestPracticeInputSchema, input);
    const issues = [...before, ...checked.issues];
    if (issues.length > 0 || !checked.ok) throw badUserInputs(issues);
    return checked.value;
  }

  async create(ctx: TenantServiceContext, input: PracticeInput): Promise<BestPractice> {
    const pairId = (input.pairId ?? '').trim();
    const pair = isUuid(pairId)
      ? await ctx.tenant.em.findOne(MentoringPair, within(programmeDataScope<MentoringPair>(ctx.actor, ctx.tenant.district), { id: pairId }))
      : null;
    if (!pair) throw badUserInput('pairId', PRACTICE_MESSAGES_RU.pairNotFound);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, pair.organizationId)) throw forbidden();
    const texts = this.texts(input, pair.status === 'completed' ? [] : [{ field: 'pairId', message: PRACTICE_MESSAGES_RU.pairNotCompleted }]);
    if (await ctx.tenant.em.count(BestPractice, { pairId: pair.id })) throw conflict(PRACTICE_MESSAGES_RU.duplicate, 'STATE');
    const practice = new BestPractice();
    Object.assign(practice, {
      ...texts,
      programmeId: pair.programmeId,
      organizationId: pair.organizationId,
      pairId: pair.id,
      participantIds: [pair.mentorId, ...pair.menteeIds],
      form: pair.form,
      kind: pair.kind,
      status: 'draft',
      createdByName: ctx.actor.displayName || ctx.actor.username,
      createdAt: this.clock.now(),
      updatedAt: this.clock.now(),
    });
    ctx.tenant.em.persist(practice);
    await ctx.tenant.em.flush();
    return practice;
  }

  async update(ctx: TenantServiceContext, id: string, input: PracticeInput): Promise<BestPractice> {
    const practice = await this.managed(ctx, id);
    if (practice.status === 'published') throw conflict(PRACTICE_MESSAGES_RU.published, 'STATE');
    Object.assign(practice, this.texts(input), { updatedAt: this.clock.now() });
    await ctx.tenant.em.flush();
    return practice;
  }

  /** The people of the case whose consents do not allow publishing today. */
  consentGaps(ctx: TenantServiceContext, practice: BestPractice) {
    return consentGaps(ctx.tenant.em, practice.participantIds, this.clock.today());
  }

  /** draft → ready (`ready`), ready → draft (`draft`), ready → published (`publish`, consents checked), published → ready (`unpublish`). */
  async transition(ctx: TenantServiceContext, id: string, action: string, reason?: string | null): Promise<BestPractice> {
    const M = PRACTICE_MESSAGES_RU;
    const practice = await this.managed(ctx, id);
    const from = practice.status;
    const allowed: Record<string, [string, BestPractice['status']]> = {
      ready: ['draft', 'ready'],
      draft: ['ready', 'draft'],
      publish: ['ready', 'published'],
      unpublish: ['published', 'ready'],
    };
    const step = allowed[action];
    if (!step) throw badUserInput('action', M.unknownAction(action));
    if (step[0] !== from) throw conflict(M.transition(from, action), 'STATE');
    if (action === 'publish') {
      const gaps = await this.consentGaps(ctx, practice);
      if (gaps.length > 0) throw badUserInput('consents', M.consentMissing(gaps.map((g) => `${g.name} (${g.message})`)), { people: gaps.map((g) => g.id) });
      practice.publishedAt = this.clock.now();
      practice.publishedByName = ctx.actor.displayName || ctx.actor.username;
      practice.unpublishedReason = null;
    }
    if (action === 'unpublish') {
      practice.publishedAt = null;
      practice.unpublishedReason = reason?.trim() || M.unpublished;
    }
    practice.status = step[1];
    practice.updatedAt = this.clock.now();
    await ctx.tenant.em.flush();
    return practice;
  }

  async delete(ctx: TenantServiceContext, id: string): Promise<boolean> {
    const practice = await this.managed(ctx, id);
    if (practice.status === 'published') throw conflict(PRACTICE_MESSAGES_RU.published, 'STATE');
    await ctx.tenant.em.nativeDelete(BestPractice, { id: practice.id });
    return true;
  }

  /** The case's people as they would be published (staff preview). */
  async preview(ctx: TenantServiceContext, practice: BestPractice): Promise<string[]> {
    return labelsOf(ctx.tenant.em, practice);
  }
}

async function labelsOf(em: EntityManager, practice: BestPractice, people?: Participant[]): Promise<string[]> {
  const rows = people ?? (await em.find(Participant, { id: { $in: practice.participantIds } }));
  return practice.participantIds.flatMap((id, i) => {
    const person = rows.find((p) => p.id === id);
    return person ? [publicLabel(person, i === 0 ? 'mentor' : 'mentee', practice.showNames)] : [];
  });
}

/**
 * The published cases of a school (for its public page), newest first, paginated (at most 100).
 * `em`: the district's fork (`orm.em.fork({ schema })`). A case is shown only while every one of its
 * participants still has a consent to publication in force (checked again at read time, so an
 * expired consent hides the case too); names only when the curator chose to show them.
 */
export async function listPublishedPractices(
  em: EntityManager,
  organizationId: string,
  page?: { limit?: number | null; offset?: number | null } | null,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<Page<PublishedPractice>> {
  const { limit, offset } = pageWindow(page ?? undefined);
  if (!isUuid(organizationId)) return { items: [], total: 0, limit, offset };
  const [rows, total] = await em.findAndCount(
    BestPractice,
    { organizationId, status: 'published' },
    { limit, offset, orderBy: { publishedAt: 'desc', id: 'asc' } },
  );
  const ids = [...new Set(rows.flatMap((r) => r.participantIds))];
  const [people, consents, programmes] = await Promise.all([
    ids.length ? em.find(Participant, { id: { $in: ids } }) : Promise.resolve([]),
    ids.length ? em.find(ParticipantConsent, { participantId: { $in: ids } }) : Promise.resolve([]),
    rows.length ? em.find(Programme, { id: { $in: [...new Set(rows.map((r) => r.programmeId))] } }) : Promise.resolve([]),
  ]);
  const items: PublishedPractice[] = [];
  for (const practice of rows) {
    if (gapsFrom(people, consents, practice.participantIds, today).length > 0) continue;
    items.push({
      id: practice.id,
      programmeName: programmes.find((p) => p.id === practice.programmeId)?.name ?? '',
      title: practice.title,
      summary: practice.summary,
      results: practice.results,
      formLabel: FORM_LABELS_RU[practice.form as BuiltInFormCode] ?? practice.form,
      kindLabel: MENTORSHIP_KIND_LABELS_RU[practice.kind as MentorshipKind] ?? practice.kind,
      participants: await labelsOf(em, practice, people),
      publishedOn: (practice.publishedAt ?? practice.updatedAt).toISOString().slice(0, 10),
    });
  }
  return { items, total, limit, offset };
}

/** Withdrawal of consent (in the withdrawal's transaction): the cases naming the person are unpublished. */
export async function unpublishPracticesOf(em: EntityManager, schemaName: string, participantId: string): Promise<void> {
  await em.execute(
    `update "${schemaName}"."best_practice" set status = 'ready', published_at = null, unpublished_reason = ?, updated_at = now()
        where status = 'published' and jsonb_exists(participant_ids, ?)`,
    [PRACTICE_MESSAGES_RU.withdrawn, participantId],
    'run',
  );
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    practices: PracticeService;
  }
}
