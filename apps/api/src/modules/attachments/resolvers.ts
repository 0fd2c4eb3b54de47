import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { Attachment } from './attachment.entity.js';
import { attachmentUrl } from './routes.js';

@Resolver(() => Attachment)
export class AttachmentResolver {
  @Authorized('school-curator', 'school-director', 'district-officer', 'district-head', 'platform-admin')
  @Mutation(() => Boolean, { description: 'Удаляет загруженный файл (если он не приложен к отметке о выполнении).' })
  deleteAttachment(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.attachments.delete(ctx, id);
  }

  @FieldResolver(() => String, { description: 'Адрес для скачивания (GET с тем же токеном и X-District-Id).' })
  url(@Root() attachment: Attachment) {
    return attachmentUrl(attachment.id);
  }
}

export const ATTACHMENT_RESOLVERS = [AttachmentResolver] as const;
