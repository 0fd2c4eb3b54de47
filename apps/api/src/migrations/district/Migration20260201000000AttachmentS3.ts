import { Migration } from '@mikro-orm/migrations';

/** Attachments may be kept in an S3-compatible bucket (ATTACHMENT_STORAGE=s3): `attachment.storage` allows 's3'. */
export class Migration20260201000000AttachmentS3 extends Migration {
  override name = 'Migration20260201000000AttachmentS3';

  override up(): void {
    this.addSql(`alter table "attachment" drop constraint "attachment_storage_check";`);
    this.addSql(`alter table "attachment" add constraint "attachment_storage_check" check ("storage" in ('database', 'disk', 's3'));`);
  }

  override down(): void {
    this.addSql(`alter table "attachment" drop constraint "attachment_storage_check";`);
    this.addSql(`alter table "attachment" add constraint "attachment_storage_check" check ("storage" in ('database', 'disk'));`);
  }
}
