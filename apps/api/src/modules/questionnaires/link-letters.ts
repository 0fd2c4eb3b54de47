import { QUESTIONNAIRE_KIND_LABELS_RU, questionnaireLinkLetter, type QuestionnaireKind } from '@nastavnik/domain';
import { isoDateIn, type Clock } from '../../engine/clock.js';
import { badUserInput } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { Organization } from '../directory/organization.entity.js';
import type { LetterRequest, NotificationService } from '../notifications/notification.service.js';
import { participantAddressees, type ParticipantAddressee } from '../participants/email-contacts.js';
import { Participant } from '../participants/participant.entity.js';
import type { ProgrammeService } from '../programmes/programme.service.js';
import type { QuestionnaireLinkService } from './links.service.js';
import { QUESTIONNAIRE_API_MESSAGES_RU as M } from './messages.js';
import { personName } from './shared.js';

export interface LinksByEmailReport {
  sent: number;
  skipped: number;
  skippedPeople: Array<{ participantId: string; participantName: string; reason: 'no-consent' | 'no-address' }>;
}

/**
 * «Отправить ссылки по почте» (issue 16): personal questionnaire links issued for the people who
 * consented to contact by e-mail (a minor's link to the consenting representative) and sent to each;
 * the others are reported (no link is issued for them — the school hands theirs over as before). The
 * link is secret: it lives only in the letter's text, not in the outbox's `link` column the delivery
 * log could show.
 */
export class QuestionnaireLinkLetters {
  constructor(
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
    private readonly programmes: ProgrammeService,
    private readonly links: QuestionnaireLinkService,
    private readonly adminUrl: string,
    private readonly timeZone: string,
  ) {}

  async send(
    ctx: TenantServiceContext,
    input: { programmeId: string; kind: string; participantIds: string[]; phase?: string | null; validDays?: number | null },
  ): Promise<LinksByEmailReport> {
    const programme = await this.programmes.getManaged(ctx, input.programmeId, 'programmeId');
    const ids = [...new Set(input.participantIds ?? [])];
    const people = await ctx.tenant.em.find(Participant, { id: { $in: ids.filter(isUuid) }, programmeId: programme.id });
    const byId = new Map(people.map((p) => [p.id, p]));
    ids.forEach((id, index) => {
      if (!byId.has(id)) throw badUserInput(`participantIds[${index}]`, M.participantNotInProgramme);
    });
    const addressees = await participantAddressees(ctx.tenant.em, people, this.clock.today());
    const report: LinksByEmailReport = { sent: 0, skipped: 0, skippedPeople: [] };
    const reachable: string[] = [];
    for (const id of ids) {
      const result = addressees.get(id)!;
      if (result.ok) reachable.push(id);
      else report.skippedPeople.push({ participantId: id, participantName: personName(result.participant), reason: result.reason });
    }
    report.skipped = report.skippedPeople.length;
    if (reachable.length === 0) return report;
    // issueLinks checks the rest (kind, roles, pairs, validity) and refuses the whole call as before.
    const issued = await this.links.issueLinks(ctx, { ...input, participantIds: reachable });
    const organization = await ctx.em.findOne(Organization, { id: programme.organizationId });
    const title = QUESTIONNAIRE_KIND_LABELS_RU[input.kind as QuestionnaireKind] ?? input.kind;
    const letters: LetterRequest[] = issued.map((link) => {
      const addressee = (addressees.get(link.participantId) as { ok: true; addressee: ParticipantAddressee }).addressee;
      return {
        kind: 'questionnaires.link',
        dedupKey: `questionnaires.link:${link.linkId}:${link.participantId}`,
        districtId: ctx.tenant.district.id,
        personRef: addressee.personRef,
        audience: addressee.audience,
        to: addressee.to,
        link: null,
        letter: questionnaireLinkLetter({
          greetingName: addressee.greetingName,
          reader: addressee.reader,
          questionnaireTitle: title,
          programmeName: programme.name,
          organizationName: organization?.shortName ?? '',
          url: `${this.adminUrl}${link.path}`,
          expiresOn: isoDateIn(link.expiresAt, this.timeZone),
        }),
      };
    });
    report.sent = await this.notifications.enqueue(ctx.em, letters);
    return report;
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    questionnaireLinkLetters: QuestionnaireLinkLetters;
  }
}
