import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16, programme letters: a consent may cover «связь по электронной почте» (scope
 * `contact-email`, a json value, no column needed); a minor's letters go to the representative who
 * gave it, at the address they gave with it — never to the child's own address.
 */
export class Migration20261205820000ConsentContactEmail extends Migration {
  override name = 'Migration20261205820000ConsentContactEmail';

  override up(): void {
    this.addSql(`alter table "participant_consent" add column "representative_email" varchar(254) null;`);
  }

  override down(): void {
    this.addSql(`alter table "participant_consent" drop column if exists "representative_email";`);
  }
}
