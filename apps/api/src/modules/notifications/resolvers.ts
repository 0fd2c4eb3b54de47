import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput } from '../../engine/graphql/pagination.js';
import './log.service.js';
import './dev-mailbox.js';
import { DevMailboxLetterGql, NotificationLogPage } from './types.js';

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
}

export const NOTIFICATION_RESOLVERS = [NotificationResolver] as const;
