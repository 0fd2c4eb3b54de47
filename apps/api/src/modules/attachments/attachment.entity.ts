import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * An uploaded file's card; the bytes are kept by an `AttachmentStorage` (database, disk or S3).
 * `organizationId`: whose file it is (its school; null for the district's own files) — the row scope.
 */
@ObjectType('Attachment')
@Entity({ schema: '*', tableName: 'attachment' })
@Index({ name: 'attachment_organization_id_index', properties: ['organizationId'] })
export class Attachment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid', nullable: true })
  organizationId: Opt<string> | null = null;

  @Field()
  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Field()
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Field(() => Int, { description: 'Размер в байтах.' })
  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  /** Where the bytes are (the storage that wrote them; a later change of ATTACHMENT_STORAGE still finds old files). */
  @Enum({ items: ['database', 'disk', 's3'] })
  storage!: 'database' | 'disk' | 's3';

  @Property({ type: 'string', length: 255 })
  uploadedByUserId!: string;

  @Field()
  @Property({ type: 'string', length: 300 })
  uploadedByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** The bytes of an attachment kept by the database storage (a separate table: cards are read without them). */
@Entity({ schema: '*', tableName: 'attachment_content' })
export class AttachmentContent {
  @PrimaryKey({ type: 'uuid' })
  attachmentId!: string;

  @Property({ type: 'blob' })
  data!: Buffer;
}
