import type { PageInput } from '../../engine/graphql/pagination.js';
import { pageWindow } from '../../engine/graphql/pagination.js';
import type { ServiceContext } from '../../engine/services.js';
import type { Clock } from '../../engine/clock.js';
import { Notification } from './notification.entity.js';
import type { MyNotificationGql, MyNotificationPage } from './types.js';

/**
 * The in-app inbox (issue 16, item 4's second channel): the copies of a user's letters, newest
 * first, read or not. Only the user's own: the rows are found by the login of the verified token.
 */
export class InAppInboxService {
  constructor(private readonly clock: Clock) {}

  async list(ctx: ServiceContext, input: { unreadOnly?: boolean | null; page?: PageInput | null }): Promise<MyNotificationPage> {
    const { limit, offset } = pageWindow(input.page);
    const where = { channel: 'inbox', recipientUsername: ctx.actor.username, status: 'sent' as const, ...(input.unreadOnly ? { readAt: null } : {}) };
    const [rows, total] = await ctx.em.findAndCount(Notification, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit, offset });
    const unread = input.unreadOnly ? total : await ctx.em.count(Notification, { ...where, readAt: null });
    return { items: rows.map(toItem), total, limit, offset, unread };
  }

  /** Marks the user's own notifications read (all of them when `ids` is empty). Returns how many changed. */
  async markRead(ctx: ServiceContext, ids: readonly string[]): Promise<number> {
    return ctx.em.nativeUpdate(
      Notification,
      { channel: 'inbox', recipientUsername: ctx.actor.username, readAt: null, ...(ids.length ? { id: { $in: [...ids] } } : {}) },
      { readAt: this.clock.now() },
    );
  }
}

function toItem(row: Notification): MyNotificationGql {
  return { id: row.id, kind: row.kind, subject: row.subject, text: row.text, link: row.link, createdAt: row.createdAt, readAt: row.readAt };
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    inAppInbox: InAppInboxService;
  }
}
