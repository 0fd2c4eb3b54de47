import { Migration } from '@mikro-orm/migrations';

/** The channel the API replicas listen on (modules/directory/directory-cache.ts). */
const CHANNEL = 'nastavnik_directory';
const TABLES = ['region', 'district', 'organization', 'partner_organization'];

/**
 * Every change to the directory the API builds actors from (regions, districts with their schema
 * names, organisations, partners) is announced with NOTIFY, so each replica drops its directory cache.
 * Statement-level triggers: one notification per statement, however many rows; PostgreSQL delivers
 * it on commit only (a rolled-back change announces nothing) and folds duplicates within a transaction.
 */
export class Migration20261205000000DirectoryNotify extends Migration {
  override name = 'Migration20261205000000DirectoryNotify';

  override up(): void {
    this.addSql(`create or replace function "core"."notify_directory_change"() returns trigger language plpgsql as $$
begin
  perform pg_notify('${CHANNEL}', tg_table_name);
  return null;
end;
$$;`);
    for (const table of TABLES) {
      this.addSql(
        `create trigger "${table}_notify_change" after insert or update or delete on "core"."${table}" for each statement execute function "core"."notify_directory_change"();`,
      );
      this.addSql(
        `create trigger "${table}_notify_truncate" after truncate on "core"."${table}" for each statement execute function "core"."notify_directory_change"();`,
      );
    }
  }

  override down(): void {
    for (const table of TABLES) {
      this.addSql(`drop trigger if exists "${table}_notify_change" on "core"."${table}";`);
      this.addSql(`drop trigger if exists "${table}_notify_truncate" on "core"."${table}";`);
    }
    this.addSql(`drop function if exists "core"."notify_directory_change"();`);
  }
}
