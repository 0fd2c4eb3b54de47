import { Migration } from '@mikro-orm/migrations';

/** Issue 16: whom a letter goes to (staff, partner, participant, representative): the delivery log masks people's own addresses. */
export class Migration20261205700000NotificationAudience extends Migration {
  override name = 'Migration20261205700000NotificationAudience';

  override up(): void {
    this.addSql(`alter table "core"."notification" add column "audience" varchar(20) not null default 'staff';`);
  }

  override down(): void {
    this.addSql(`alter table "core"."notification" drop column if exists "audience";`);
  }
}
