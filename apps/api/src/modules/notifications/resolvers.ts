import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput } from '../../engine/graphql/pagination.js';
import './log.service.js';
import './dev-mailbox.js';
import './inbox.service.js';
import './preferences.service.js';
import { DevMailboxLetterGql, MyNotificationPage, NotificationLogPage, NotificationPreferenceGql } from './types.js';

@Resolver()
export class NotificationResolver {
  @Authorized('platform-admin', 'district-officer', 'district-head')
  @Query(() => NotificationLogPage, {
    description: 'Журнал уведомлений: кому, что, когда, доставлено ли. Администратор платформы — все муниципалитеты, специалист — свой.',
  })
  notificationLog(
    @Ctx() ctx: GraphQLContext,
    @Arg('status', () => String, { nullable: true, description: 'pending, sent, failed.' }) status?: string | null,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
  ) {
    return ctx.services.notificationLog.list(ctx, { status, page });
  }

  @Authorized('platform-admin')
  @Query(() => [DevMailboxLetterGql], {
    nullable: true,
    description: 'Письма во встроенном почтовом перехватчике (только при разработке; null — перехватчика нет).',
  })
  devMailbox(@Ctx() ctx: GraphQLContext) {
    return ctx.services.devMailbox.letters();
  }

  @Authorized()
  @Query(() => MyNotificationPage, { description: 'Мои уведомления в системе (копии писем), новые сверху.' })
  myNotifications(
    @Ctx() ctx: GraphQLContext,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly?: boolean | null,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
  ) {
    return ctx.services.inAppInbox.list(ctx, { unreadOnly, page });
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Отметить мои уведомления прочитанными (все, если список пуст). Возвращает, сколько отмечено.' })
  markNotificationsRead(@Ctx() ctx: GraphQLContext, @Arg('ids', () => [ID]) ids: string[]) {
    return ctx.services.inAppInbox.markRead(ctx, ids);
  }

  @Authorized()
  @Query(() => [NotificationPreferenceGql], { description: 'Как я получаю уведомления каждого вида.' })
  myNotificationPreferences(@Ctx() ctx: GraphQLContext) {
    return ctx.services.notificationPreferences.mine(ctx);
  }

  @Authorized()
  @Mutation(() => [NotificationPreferenceGql], { description: 'Выбрать, как получать уведомления одного вида: immediate, digest или off.' })
  setMyNotificationPreference(@Ctx() ctx: GraphQLContext, @Arg('kind') kind: string, @Arg('mode') mode: string) {
    return ctx.services.notificationPreferences.setMine(ctx, kind, mode);
  }
}

export const NOTIFICATION_RESOLVERS = [NotificationResolver] as const;
