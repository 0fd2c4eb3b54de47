import {
  checkInput,
  formatDateRu,
  instantOfWallClock,
  MEETING_TYPE_LABELS_RU,
  nextAllowedMeetingTypes,
  plannedMeetingSchema,
  type MeetingType,
} from '@nastavnik/domain';
import { isoDateIn, type Clock } from '../../engine/clock.js';
import { badUserInputs, conflict, forbidden } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { PROGRAMME_MESSAGES_RU as M } from '../programmes/messages.js';
import { managesOrganization } from '../programmes/scope.js';
import type { MentoringPair } from './pair.entity.js';
import type { PairService } from './pair.service.js';
import { PlannedMeeting, type PlanMeetingInput } from './planned-meeting.entity.js';

const PLAN_RU = {
  typeNotNext: (allowed: readonly MeetingType[]) =>
    `Вид встречи: следующей по методологии может быть ${allowed.map((type) => `«${MEETING_TYPE_LABELS_RU[type]}»`).join(' или ')}`,
  afterEnd: (end: string) => `Дата встречи: позже окончания плана (${formatDateRu(end)})`,
} as const;

/**
 * The pair's next meeting (one per pair): planned, moved or cancelled by whoever records the pair's
 * meetings — the school's director or curator, or the pair's own mentor. Input is checked with the
 * domain's shared schema (the admin checks the same before sending); the methodology's order of
 * kinds and the plan's end are checked here, against the meetings held.
 */
export class PlannedMeetingService {
  constructor(
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly pairs: PairService,
  ) {}

  /** The pair, if the actor may plan its meetings and it is active. */
  private async plannable(ctx: TenantServiceContext, pairId: string): Promise<MentoringPair> {
    const pair = await this.pairs.get(ctx, pairId, 'pairId');
    const own = await this.pairs.ownParticipantIds(ctx);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, pair.organizationId) && !own.includes(pair.mentorId)) throw forbidden();
    if (pair.status !== 'active') throw conflict(M.pairNotActive, 'STATE');
    return pair;
  }

  async plan(ctx: TenantServiceContext, input: PlanMeetingInput): Promise<MentoringPair> {
    const pair = await this.plannable(ctx, input.pairId);
    const checked = checkInput(plannedMeetingSchema(this.clock.today()), input);
    if (!checked.ok) throw badUserInputs(checked.issues);
    const { date, time, type, place } = checked.value;
    const held = await this.pairs.meetings(ctx, pair);
    const allowed = nextAllowedMeetingTypes(held.map((meeting) => meeting.type as MeetingType));
    const issues = [];
    if (!allowed.includes(type)) issues.push({ field: 'type', message: PLAN_RU.typeNotNext(allowed) });
    if (date > pair.endDate) issues.push({ field: 'date', message: PLAN_RU.afterEnd(pair.endDate) });
    if (issues.length > 0) throw badUserInputs(issues);
    const values = {
      startsAt: instantOfWallClock(date, time, this.timeZone),
      type,
      place,
      plannedByName: ctx.actor.displayName || ctx.actor.username,
      updatedAt: this.clock.now(),
    };
    const existing = await ctx.tenant.em.findOne(PlannedMeeting, { pairId: pair.id });
    if (existing) Object.assign(existing, values);
    else ctx.tenant.em.create(PlannedMeeting, { pairId: pair.id, ...values });
    await ctx.tenant.em.flush();
    ctx.tenant.loaders.pairs.plannedByPair.clear(pair.id);
    return pair;
  }

  async cancel(ctx: TenantServiceContext, pairId: string): Promise<MentoringPair> {
    const pair = await this.plannable(ctx, pairId);
    await ctx.tenant.em.nativeDelete(PlannedMeeting, { pairId: pair.id });
    ctx.tenant.loaders.pairs.plannedByPair.clear(pair.id);
    return pair;
  }

  /**
   * The pair's planned meeting while it is still ahead or not yet recorded: a meeting recorded on or
   * after its day closes it. A completed pair has none.
   */
  async of(ctx: TenantServiceContext, pair: MentoringPair): Promise<PlannedMeeting | null> {
    if (pair.status !== 'active') return null;
    const planned = await ctx.tenant.loaders.pairs.plannedByPair.load(pair.id);
    if (!planned) return null;
    const day = isoDateIn(planned.startsAt, this.timeZone);
    const held = await this.pairs.meetings(ctx, pair);
    return held.some((meeting) => meeting.date >= day) ? null : planned;
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    plannedMeetings: PlannedMeetingService;
  }
}
