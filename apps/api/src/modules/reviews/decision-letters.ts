import {
  roadmapAgreedLetter,
  roadmapReturnedLetter,
  roadmapSubmittedLetter,
  roadmapWaitsForDirectorLetter,
  type ApprovalAction,
  type LetterContent,
  type PlatformRole,
  type RoadmapLetterFacts,
} from '@nastavnik/domain';
import type { Actor } from '../../engine/auth/actor.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { Organization } from '../directory/organization.entity.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { staffLetters, type PeopleDirectory } from '../notifications/people.js';
import type { Roadmap } from '../roadmaps/roadmap.entity.js';
import type { RoadmapRevision } from '../roadmaps/revision.entity.js';
import { ReviewComment } from './comment.entity.js';

interface Route {
  kind: string;
  /** Where the recipients sit: the roadmap's school or its district. */
  place: 'organization' | 'district';
  roles: readonly PlatformRole[];
  letter: (facts: RoadmapLetterFacts & { comment: string | null; remarks: readonly string[] }) => LetterContent;
}

/** Which decision on a school's roadmap tells whom (issue 16): the approval loop moves by letters. */
const ROUTES: Partial<Record<ApprovalAction, Route>> = {
  submitToDirector: { kind: 'roadmaps.waits-for-director', place: 'organization', roles: ['school-director'], letter: roadmapWaitsForDirectorLetter },
  approve: { kind: 'roadmaps.submitted', place: 'district', roles: ['district-officer'], letter: roadmapSubmittedLetter },
  returnToCurator: {
    kind: 'roadmaps.returned',
    place: 'organization',
    roles: ['school-curator'],
    letter: (facts) => roadmapReturnedLetter({ ...facts, byDistrict: false }),
  },
  return: {
    kind: 'roadmaps.returned',
    place: 'organization',
    roles: ['school-curator'],
    letter: (facts) => roadmapReturnedLetter({ ...facts, byDistrict: true }),
  },
  agree: { kind: 'roadmaps.agreed', place: 'organization', roles: ['school-curator', 'school-director'], letter: roadmapAgreedLetter },
};

const MAX_REMARKS = 10;

/**
 * The letters that follow a decision on a school's roadmap: to the director when it waits for
 * approval, to the district's officers when it is submitted, to the curator when it is returned
 * (with the comment and the open remarks), to the curator and the director when it is agreed.
 */
export class DecisionLetters {
  constructor(
    private readonly notifications: NotificationService,
    private readonly people: PeopleDirectory,
    private readonly adminUrl: string,
  ) {}

  async after(
    ctx: TenantServiceContext,
    decision: { action: ApprovalAction; roadmap: Roadmap; revision: RoadmapRevision; comment: string | null; actor: Actor; versionAfter: number },
  ): Promise<number> {
    const route = ROUTES[decision.action];
    const { roadmap, revision } = decision;
    if (!route || roadmap.level !== 'school' || !roadmap.organizationId) return 0;
    const district = ctx.tenant.district;
    const organization = await ctx.em.findOne(Organization, { id: roadmap.organizationId });
    const remarks =
      route.kind === 'roadmaps.returned'
        ? (
            await ctx.tenant.em.find(
              ReviewComment,
              { revision: revision.id, itemKey: { $ne: null }, resolvedAt: null, parent: null },
              { orderBy: { createdAt: 'asc' }, limit: MAX_REMARKS },
            )
          ).map((comment) => comment.body)
        : [];
    const by = [decision.actor.displayName || decision.actor.username, decision.actor.position].filter(Boolean).join(', ');
    const link = `${this.adminUrl}/roadmaps/${roadmap.id}?district=${district.id}`;
    const place = route.place === 'organization' ? { organizationId: roadmap.organizationId } : { districtId: district.id };
    const letters = await staffLetters(ctx.em, this.people, place, route.roles, (recipient) => ({
      kind: route.kind,
      dedupKey: `${route.kind}:${revision.id}:${decision.versionAfter}:${recipient.username}`,
      districtId: district.id,
      link,
      letter: route.letter({
        greetingName: recipient.greetingName,
        organizationName: organization?.shortName ?? '',
        roadmapTitle: revision.title || revision.programmeName,
        link,
        by,
        comment: decision.comment,
        remarks,
      }),
    }));
    return this.notifications.enqueue(ctx.em, letters);
  }
}
