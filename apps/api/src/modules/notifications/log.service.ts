import { maskEmail, NOTIFICATION_KIND_LABELS_RU, NOTIFICATION_STATUS_LABELS_RU } from '@nastavnik/domain';
import type { FilterQuery } from '@mikro-orm/core';
import type { Actor } from '../../engine/auth/actor.js';
import { badUserInput, forbidden } from '../../engine/errors.js';
import type { PageInput } from '../../engine/graphql/pagination.js';
import { pageWindow } from '../../engine/graphql/pagination.js';
import type { ServiceContext } from '../../engine/services.js';
import { Notification } from './notification.entity.js';
import type { NotificationLogEntryGql, NotificationLogPage } from './types.js';

const STATUSES = ['pending', 'sent', 'failed', 'held', 'digested', 'suppressed'] as const;

const isPlatformAdmin = (actor: Actor) => actor.grants.some((g) => g.role === 'platform-admin');
const watchesDistrict = (actor: Actor, districtId: string) =>
  actor.grants.some((g) => (g.role === 'district-officer' || g.role === 'district-head') && g.districtId === districtId);

/**
 * The delivery log (issue 16, item 5): what was sent to whom, when, delivered or not and why. The
 * platform admin sees every district's letters (or one district's); a district officer or head the
 * letters of the request's district. Personal addresses of participants and representatives are
 * masked for everyone here: the log is for checking delivery, not for writing to children.
 */
export class NotificationLogService {
  async list(
    ctx: ServiceContext & { tenantDistrictId: string | null },
    input: { status?: string | null; page?: PageInput | null },
  ): Promise<NotificationLogPage> {
    // The in-app copies are the users' own inbox, not deliveries to check: the log shows the outward channels.
    const where: FilterQuery<Notification> = { channel: { $ne: 'inbox' } };
    if (isPlatformAdmin(ctx.actor)) {
      if (ctx.tenantDistrictId) where.districtId = ctx.tenantDistrictId;
    } else if (ctx.tenantDistrictId && watchesDistrict(ctx.actor, ctx.tenantDistrictId)) {
      where.districtId = ctx.tenantDistrictId;
    } else {
      throw forbidden();
    }
    if (input.status) {
      if (!(STATUSES as readonly string[]).includes(input.status)) throw badUserInput('status', `Статус: неизвестное значение «${input.status}»`);
      where.status = input.status as (typeof STATUSES)[number];
    }
    const { limit, offset } = pageWindow(input.page);
    const [rows, total] = await ctx.em.findAndCount(Notification, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit, offset });
    return { items: rows.map(toEntry), total, limit, offset };
  }
}

function toEntry(row: Notification): NotificationLogEntryGql {
  const personal = row.audience === 'participant' || row.audience === 'representative';
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: NOTIFICATION_KIND_LABELS_RU[row.kind] ?? row.kind,
    channel: row.channel,
    recipient: personal ? maskEmail(row.recipientAddress) : row.recipientAddress,
    recipientName: personal ? null : row.recipientName,
    subject: row.subject,
    status: row.status,
    statusLabel: NOTIFICATION_STATUS_LABELS_RU[row.status] ?? row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
  };
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    notificationLog: NotificationLogService;
  }
}
