import type { FilterQuery } from '@mikro-orm/core';
import {
  BUILT_IN_FORMS,
  checkInput,
  completionInputSchema,
  extendPlan,
  extensionInputSchema,
  isGroupKind,
  markPlanTask,
  markPlanTaskInputSchema,
  meetingInputSchema,
  MENTORSHIP_KINDS,
  nextAllowedMeetingTypes,
  planProgress,
  planTasksSchema,
  suggestMatches,
  toMatchMentee,
  toMatchMentor,
  validatePlan,
  validatePlanPeriod,
  type IndividualPlan,
  type MatchResult,
  type MeetingType,
  type MentorshipKind,
  type PlanTask,
  type ValidationIssue,
} from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, badUserInputs, conflict, forbidden, notFound } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import { within } from '../directory/scope.js';
import { PROGRAMME_MESSAGES_RU as M } from '../programmes/messages.js';
import type { Programme } from '../programmes/programme.entity.js';
import type { ProgrammeService } from '../programmes/programme.service.js';
import { isStaffReader, managesOrganization, programmeDataScope } from '../programmes/scope.js';
import { Participant } from '../participants/participant.entity.js';
import { toDomainParticipant } from '../participants/participant.service.js';
import type { CompletePairInput, ConfirmPairInput, ExtendPairInput, MarkPlanTaskInput, PlanTaskInput, RecordMeetingInput } from './inputs.js';
import { MentoringPair, PairMeeting } from './pair.entity.js';
import { EXTERNAL_MENTOR_MESSAGES_RU, type ExternalMentorSource } from './external-mentors.js';
import type { PairLetters } from './pair-letters.js';
import { currentLogger, silentLogger } from '../../engine/logging.js';

/** The domain's errors (its warnings aside), all at once like a shared schema's. */
const raise = (issues: ValidationIssue[]) => {
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw badUserInputs(errors);
};

export function planOf(pair: MentoringPair): IndividualPlan {
  return { start: pair.startDate, end: pair.endDate, tasks: pair.tasks, extensions: pair.extensions };
}

/**
 * Matching, pairs and groups, their individual plans, meetings and completion. Staff see the pairs
 * of their scope; a mentor or mentee (a participant linked to the user by `username`) sees only the
 * pairs they belong to.
 */
export class PairService {
  constructor(
    private readonly clock: Clock,
    private readonly programmes: ProgrammeService,
    /** Partner mentors (issue 6): copied into the base while an agreement is in force; matched only then. */
    private readonly partners?: ExternalMentorSource,
    /** The members' letters (issue 16): «пара утверждена» after a confirmation. */
    private readonly letters?: PairLetters,
  ) {}

  /** Ids of the actor's own participant records in this district (mentor/mentee self-view). */
  async ownParticipantIds(ctx: TenantServiceContext): Promise<string[]> {
    if (!ctx.actor.roles.some((r) => r === 'mentor' || r === 'mentee')) return [];
    const rows = await ctx.tenant.em.find(Participant, { username: ctx.actor.username, anonymized: false }, { fields: ['id'] });
    return rows.map((row) => row.id);
  }

  private async pairScope(ctx: TenantServiceContext): Promise<FilterQuery<MentoringPair>> {
    const or: FilterQuery<MentoringPair>[] = [];
    if (isStaffReader(ctx.actor, ctx.tenant.district)) or.push(programmeDataScope<MentoringPair>(ctx.actor, ctx.tenant.district));
    const own = await this.ownParticipantIds(ctx);
    if (own.length > 0) {
      const marks = own.map(() => '?').join(', ');
      const rows = await ctx.tenant.em
        .getConnection()
        .execute<Array<{ id: string }>>(
          `select id from "${ctx.tenant.district.schemaName}"."mentoring_pair" where mentor_id in (${marks}) or jsonb_exists_any(mentee_ids, array[${marks}]::text[])`,
          [...own, ...own],
        );
      or.push({ id: { $in: rows.map((r) => r.id) } });
    }
    if (or.length === 0) return { id: { $in: [] } };
    return or.length === 1 ? or[0]! : { $or: or };
  }

  async list(ctx: TenantServiceContext, programmeId: string): Promise<MentoringPair[]> {
    const programme = await this.programmes.get(ctx, programmeId, 'programmeId');
    return ctx.tenant.em.find(MentoringPair, within(await this.pairScope(ctx), { programmeId: programme.id }), {
      orderBy: { createdAt: 'asc', id: 'asc' },
    });
  }

  async mine(ctx: TenantServiceContext): Promise<MentoringPair[]> {
    const own = await this.ownParticipantIds(ctx);
    if (own.length === 0) return [];
    return ctx.tenant.em.find(MentoringPair, await this.pairScope(ctx), { orderBy: { startDate: 'desc', id: 'asc' } });
  }

  async get(ctx: TenantServiceContext, id: string, field?: string): Promise<MentoringPair> {
    const pair = isUuid(id) ? await ctx.tenant.em.findOne(MentoringPair, within(await this.pairScope(ctx), { id })) : null;
    if (!pair) throw field ? badUserInput(field, M.pairNotFound) : notFound(M.pairNotFound);
    return pair;
  }

  private async getManaged(ctx: TenantServiceContext, id: string): Promise<MentoringPair> {
    const pair = await this.get(ctx, id, undefined);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, pair.organizationId)) throw forbidden();
    return pair;
  }

  private async active(ctx: TenantServiceContext, id: string): Promise<MentoringPair> {
    const pair = await this.getManaged(ctx, id);
    if (pair.status !== 'active') throw conflict(M.pairNotActive, 'STATE');
    return pair;
  }

  private formOf(programme: Programme, code?: string | null) {
    const formCode = code?.trim() || programme.forms[0]!;
    if (!programme.forms.includes(formCode)) throw badUserInput('form', M.formNotInProgramme(formCode));
    const form = BUILT_IN_FORMS.find((f) => f.code === formCode);
    if (!form) throw badUserInput('form', M.unknownForm(formCode));
    return form;
  }

  private kindOf(programme: Programme, code?: string | null): MentorshipKind {
    const kind = code?.trim() || programme.kinds[0] || 'traditional';
    if (!(MENTORSHIP_KINDS as readonly string[]).includes(kind)) throw badUserInput('kind', M.unknownKind(kind));
    return kind as MentorshipKind;
  }

  /** Ids of people already in an active pair/group of the programme. */
  private async pairedIds(ctx: TenantServiceContext, programmeId: string): Promise<Set<string>> {
    const pairs = await ctx.tenant.em.find(MentoringPair, { programmeId, status: 'active' }, { fields: ['mentorId', 'menteeIds'] });
    return new Set(pairs.flatMap((p) => [p.mentorId, ...p.menteeIds]));
  }

  /**
   * The domain matcher over the programme's mentees and mentors not yet in an active pair (two
   * queries, whatever the size of the bases); anonymised people are never matched.
   */
  async suggest(ctx: TenantServiceContext, programmeId: string, formCode?: string | null, kindCode?: string | null) {
    const programme = await this.programmes.getManaged(ctx, programmeId, 'programmeId');
    const form = this.formOf(programme, formCode);
    const kind = this.kindOf(programme, kindCode);
    if (this.partners) {
      await this.partners.sync(ctx, programme);
      forgetTenantReads(ctx.tenant);
    }
    const [people, withoutConsent, paired, partnerStates] = await Promise.all([
      ctx.tenant.em.find(Participant, { programmeId: programme.id, anonymized: false }),
      ctx.tenant.em.count(Participant, { programmeId: programme.id, anonymized: true }),
      this.pairedIds(ctx, programme.id),
      this.partners ? this.partners.states(ctx, programme) : new Map(),
    ]);
    const free = people.filter((p) => !paired.has(p.id));
    const partnerExtra = (p: Participant) => {
      const state = partnerStates.get(p.id);
      // Not in force → null: the domain reports «partner-not-available».
      return state ? { available: state.available ? true : null, capacity: state.capacity } : {};
    };
    const result: MatchResult = suggestMatches({
      mentees: free.filter((p) => p.role === 'mentee').map((p) => toMatchMentee(toDomainParticipant(p))),
      mentors: free.filter((p) => p.role === 'mentor').map((p) => toMatchMentor(toDomainParticipant(p), partnerExtra(p))),
      form,
      options: { on: this.clock.today(), kind },
    });
    const base = {
      mentees: people.filter((p) => p.role === 'mentee').length,
      mentors: people.filter((p) => p.role === 'mentor').length,
      freeMentees: free.filter((p) => p.role === 'mentee').length,
      freeMentors: free.filter((p) => p.role === 'mentor').length,
      withoutConsent,
    };
    return { programmeId: programme.id, form: form.code, kind, ...result, base };
  }

  /** Creates the pairs/groups the curator confirmed (accepted, changed or composed by hand), in one transaction. */
  async confirm(ctx: TenantServiceContext, programmeId: string, inputs: ConfirmPairInput[]): Promise<MentoringPair[]> {
    const { tenant } = ctx;
    const programme = await this.programmes.getManaged(ctx, programmeId, 'programmeId');
    const ids = [...new Set(inputs.flatMap((i) => [i.mentorId, ...i.menteeIds]))].filter(isUuid);
    const people = new Map((await tenant.em.find(Participant, { id: { $in: ids } })).map((p) => [p.id, p]));
    const paired = await this.pairedIds(ctx, programme.id);
    const partnerStates = this.partners ? await this.partners.states(ctx, programme) : new Map<string, { available: boolean }>();
    const seen = new Set<string>();
    // Every problem of every row at once (one per field), as the other forms report them.
    const issues: Array<{ field: string; message: string }> = [];
    const problem = (field: string, message: string) => {
      if (!issues.some((issue) => issue.field === field)) issues.push({ field, message });
    };
    const pairs = inputs.map((input, index) => {
      const field = (name: string) => `pairs[${index}].${name}`;
      const form = this.formOf(programme, input.form);
      const kind = this.kindOf(programme, input.kind);
      const menteeIds = [...new Set(input.menteeIds)];
      if (menteeIds.length === 0) problem(field('menteeIds'), M.noMentees);
      if (menteeIds.length > 1 && !isGroupKind(kind)) problem(field('menteeIds'), M.groupNeedsGroupKind);
      const check = (id: string, role: 'mentor' | 'mentee', name: string) => {
        const person = people.get(id);
        if (!person || person.programmeId !== programme.id) return problem(name, M.notInProgramme);
        if (person.role !== role) return problem(name, M.wrongRole(role === 'mentor' ? 'Наставник' : 'Наставляемый'));
        if (person.anonymized) return problem(name, M.anonymized);
        if (paired.has(id)) return problem(name, M.alreadyPaired);
        if (role === 'mentor' && partnerStates.has(id) && partnerStates.get(id)?.available !== true) {
          throw badUserInput(name, EXTERNAL_MENTOR_MESSAGES_RU.notInForce, { reason: 'PARTNER_AGREEMENT' });
        }
        if (role === 'mentee' && seen.has(id)) return problem(name, M.duplicateInPairs);
        if (role === 'mentee') seen.add(id);
      };
      check(input.mentorId, 'mentor', field('mentorId'));
      menteeIds.forEach((id, i) => check(id, 'mentee', `${field('menteeIds')}[${i}]`));
      for (const issue of validatePlanPeriod(input.startDate, input.endDate)) {
        if (issue.severity === 'error') problem(field(issue.field === 'start' ? 'startDate' : 'endDate'), issue.message);
      }
      const pair = new MentoringPair();
      Object.assign(pair, {
        programmeId: programme.id,
        organizationId: programme.organizationId,
        form: form.code,
        kind,
        mentorId: input.mentorId,
        menteeIds,
        startDate: input.startDate,
        endDate: input.endDate,
        status: 'active',
        score: input.score ?? null,
        explanation: [],
        tasks: [],
        extensions: [],
        createdAt: this.clock.now(),
      });
      return pair;
    });
    if (issues.length > 0) throw badUserInputs(issues);
    await tenant.em.transactional(
      async (em) => {
        for (const pair of pairs) em.persist(pair);
        await em.flush();
      },
      { clear: true },
    );
    forgetTenantReads(tenant);
    const confirmed = await tenant.em.find(MentoringPair, { id: { $in: pairs.map((p) => p.id) } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    // The pairs are committed whatever happens to their letters: a failure is logged, not the curator's error.
    await this.letters
      ?.confirmed(ctx.em, tenant.em, tenant.district, confirmed)
      .catch((error: unknown) => currentLogger(silentLogger()).warn({ err: error }, 'pair letters could not be enqueued'));
    return confirmed;
  }

  /**
   * Replaces the pair's individual plan tasks (ids kept, new ones numbered); a new done mark gets
   * today's date and the curator's name, an existing one keeps who marked it and their note.
   */
  async setPlan(ctx: TenantServiceContext, pairId: string, inputs: PlanTaskInput[]): Promise<MentoringPair> {
    const pair = await this.active(ctx, pairId);
    // The tasks as the admin checked them (the shared schema); the plan's period is the pair's.
    const checked = checkInput(planTasksSchema, { tasks: inputs });
    if (!checked.ok) throw badUserInputs(checked.issues);
    const today = this.clock.today();
    const before = new Map(pair.tasks.map((t) => [t.id, t]));
    const byName = ctx.actor.displayName || ctx.actor.username;
    const tasks: PlanTask[] = checked.value.tasks.map((input) => {
      const previous = input.id ? before.get(input.id) : undefined;
      const done = input.done;
      const kept = previous?.done === true && done;
      return {
        id: previous?.id ?? uuidv7(),
        title: input.title,
        deadline: input.deadline,
        done,
        doneOn: done ? (kept ? previous.doneOn : today) : null,
        doneByName: done ? (kept ? (previous.doneByName ?? null) : byName) : null,
        doneNote: kept ? (previous.doneNote ?? null) : null,
      };
    });
    const plan = { ...planOf(pair), tasks };
    raise(validatePlan(plan));
    pair.tasks = tasks;
    await ctx.tenant.em.flush();
    return pair;
  }

  /**
   * A member of the pair — its mentor or one of its mentees — marks a task of their plan done with a
   * note, or opens it again; the school's director or curator may too. Anyone else is refused: a
   * pair outside the actor's scope is «not found», a visible pair they are not in is «forbidden».
   */
  async markTask(ctx: TenantServiceContext, input: MarkPlanTaskInput): Promise<MentoringPair> {
    const pair = await this.get(ctx, input.pairId, 'pairId');
    const own = await this.ownParticipantIds(ctx);
    const member = own.includes(pair.mentorId) || pair.menteeIds.some((id) => own.includes(id));
    if (!member && !managesOrganization(ctx.actor, ctx.tenant.district, pair.organizationId)) throw forbidden();
    if (pair.status !== 'active') throw conflict(M.pairNotActive, 'STATE');
    const checked = checkInput(markPlanTaskInputSchema(pair.tasks), { taskId: input.taskId, done: input.done, note: input.note });
    if (!checked.ok) throw badUserInputs(checked.issues);
    const result = markPlanTask(pair.tasks, { ...checked.value, byName: ctx.actor.displayName || ctx.actor.username, on: this.clock.today() });
    if (!result.ok) {
      raise(result.issues);
      throw badUserInput('taskId', result.issues[0]?.message ?? M.pairNotFound);
    }
    pair.tasks = result.tasks;
    await ctx.tenant.em.flush();
    return pair;
  }

  /** A meeting in the methodology's order with the mandatory feedback (staff of the school or the pair's mentor). */
  async recordMeeting(ctx: TenantServiceContext, input: RecordMeetingInput): Promise<PairMeeting> {
    const pair = await this.get(ctx, input.pairId, 'pairId');
    const own = await this.ownParticipantIds(ctx);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, pair.organizationId) && !own.includes(pair.mentorId)) throw forbidden();
    if (pair.status !== 'active') throw conflict(M.pairNotActive, 'STATE');
    const history = await ctx.tenant.em.find(PairMeeting, { pairId: pair.id }, { orderBy: { date: 'asc', createdAt: 'asc' } });
    // The shared schema against the meetings held (the admin checks the same against those it shows).
    const checked = checkInput(meetingInputSchema(history.map((h) => ({ type: h.type, date: h.date }))), {
      type: input.type,
      date: input.date,
      notes: input.notes,
      feedback: input.feedback,
    });
    if (!checked.ok) throw badUserInputs(checked.issues);
    const row = ctx.tenant.em.create(PairMeeting, {
      pairId: pair.id,
      ...checked.value,
      recordedByName: ctx.actor.displayName || ctx.actor.username,
      createdAt: this.clock.now(),
    });
    await ctx.tenant.em.flush();
    ctx.tenant.loaders.pairs.meetingsByPair.clear(pair.id);
    return row;
  }

  async meetings(ctx: TenantServiceContext, pair: MentoringPair): Promise<PairMeeting[]> {
    return ctx.tenant.loaders.pairs.meetingsByPair.load(pair.id);
  }

  async nextMeetingTypes(ctx: TenantServiceContext, pair: MentoringPair): Promise<string[]> {
    if (pair.status !== 'active') return [];
    const history = await this.meetings(ctx, pair);
    return nextAllowedMeetingTypes(history.map((h) => h.type as MeetingType));
  }

  async complete(ctx: TenantServiceContext, input: CompletePairInput): Promise<MentoringPair> {
    const pair = await this.active(ctx, input.pairId);
    const checked = checkInput(completionInputSchema({ start: pair.startDate, tasks: pair.tasks }), {
      reason: input.reason,
      on: input.on,
      comment: input.comment,
    });
    if (!checked.ok) throw badUserInputs(checked.issues);
    const { reason, on, comment } = checked.value;
    Object.assign(pair, { status: 'completed', completionReason: reason, completedOn: on, completionComment: comment });
    await ctx.tenant.em.flush();
    return pair;
  }

  async extend(ctx: TenantServiceContext, input: ExtendPairInput): Promise<MentoringPair> {
    const pair = await this.active(ctx, input.pairId);
    const checked = checkInput(extensionInputSchema({ end: pair.endDate }), { until: input.until, comment: input.comment, mutualConsent: input.mutualConsent });
    if (!checked.ok) throw badUserInputs(checked.issues);
    const change = extendPlan(planOf(pair), { ...checked.value, on: this.clock.today() });
    if (!change.ok) {
      raise(change.issues);
      throw badUserInput('until', change.issues[0]?.message ?? 'Продление невозможно');
    }
    pair.endDate = change.plan.end;
    pair.extensions = [...change.plan.extensions];
    await ctx.tenant.em.flush();
    return pair;
  }

  progress(pair: MentoringPair) {
    return planProgress(pair.tasks, this.clock.today());
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    pairs: PairService;
  }
}
