import { isRequiredKind, maskEmail, NOTIFICATION_KINDS, NOTIFICATION_MODES, type NotificationMode } from '@nastavnik/domain';
import { badUserInput } from '../../engine/errors.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { ServiceContext } from '../../engine/services.js';
import { hashToken, recipientKeyOf } from './notification.service.js';
import { Notification } from './notification.entity.js';
import { NotificationPreference } from './preference.entity.js';

export interface KindPreference {
  kind: string;
  label: string;
  mode: NotificationMode;
  /** Why it cannot be changed; null when it can. */
  requiredReason: string | null;
}

export type UnsubscribeTarget = { state: 'unknown' } | { state: 'required' | 'ready'; kind: string; label: string; maskedAddress: string };

/**
 * Each recipient's choice per kind (issue 16, item 2): a user sets theirs on «Уведомления»; anyone
 * switches a kind off by the one-click link of its letter. Kinds the process requires answer with
 * their reason and cannot be changed.
 */
export class NotificationPreferenceService {
  async mine(ctx: ServiceContext): Promise<KindPreference[]> {
    const key = recipientKeyOf({ address: '', username: ctx.actor.username });
    const rows = await ctx.em.find(NotificationPreference, { recipientKey: key });
    const chosen = new Map(rows.map((row) => [row.kind, row.mode]));
    return Object.entries(NOTIFICATION_KINDS).map(([kind, info]) => ({
      kind,
      label: info.label,
      mode: info.required ? 'immediate' : (chosen.get(kind) ?? 'immediate'),
      requiredReason: info.required ?? null,
    }));
  }

  async setMine(ctx: ServiceContext, kind: string, mode: string): Promise<KindPreference[]> {
    const info = NOTIFICATION_KINDS[kind];
    if (!info) throw badUserInput('kind', `Вид уведомлений: неизвестное значение «${kind}»`);
    if (info.required) throw badUserInput('kind', `Письма «${info.label}» отключить нельзя: ${info.required}`);
    if (!(NOTIFICATION_MODES as readonly string[]).includes(mode)) throw badUserInput('mode', `Режим: неизвестное значение «${mode}»`);
    await this.set(ctx.em, recipientKeyOf({ address: '', username: ctx.actor.username }), kind, mode as NotificationMode);
    return this.mine(ctx);
  }

  /** What a letter's unsubscribe link is about (the public page shows it before the click). */
  async unsubscribeTarget(em: EntityManager, token: string): Promise<UnsubscribeTarget & { recipientKey?: string }> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { state: 'unknown' };
    const row = await em.findOne(Notification, { unsubscribeTokenHash: hashToken(token) });
    if (!row || !row.recipientAddress) return { state: 'unknown' };
    const label = NOTIFICATION_KINDS[row.kind]?.label ?? row.kind;
    return {
      state: isRequiredKind(row.kind) ? 'required' : 'ready',
      kind: row.kind,
      label,
      maskedAddress: maskEmail(row.recipientAddress),
      recipientKey: recipientKeyOf({ address: row.recipientAddress, username: row.recipientUsername }),
    };
  }

  /** The link's one click (RFC 8058's POST, or the page's button): the kind is off for that recipient. */
  async unsubscribe(em: EntityManager, token: string): Promise<UnsubscribeTarget> {
    const target = await this.unsubscribeTarget(em, token);
    if (target.state === 'ready') await this.set(em, target.recipientKey!, target.kind, 'off');
    const { recipientKey: _hidden, ...visible } = target;
    return visible;
  }

  private async set(em: EntityManager, recipientKey: string, kind: string, mode: NotificationMode): Promise<void> {
    await em.getConnection().execute(
      `insert into "core"."notification_preference" (recipient_key, kind, mode, updated_at) values (?, ?, ?, now())
       on conflict (recipient_key, kind) do update set mode = excluded.mode, updated_at = now()`,
      [recipientKey, kind, mode],
    );
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    notificationPreferences: NotificationPreferenceService;
  }
}
