import { Migration } from '@mikro-orm/migrations';

/**
 * Tenant tables of a district schema. The SQL is unqualified on purpose: the district runner
 * applies it with `migrator.up({ schema })`, which pins `search_path` to that one schema inside
 * the migration's transaction, so the tables land in that schema only.
 */
export class Migration20251122000100Headcounts extends Migration {
  override name = 'Migration20251122000100Headcounts';

  override up(): void {
    this.addSql(`create table "headcount" (
      "id" uuid not null primary key,
      "organization_id" uuid not null,
      "academic_year" varchar(9) not null,
      "pupils" int not null check ("pupils" >= 0),
      "teachers" int not null check ("teachers" >= 0),
      "updated_at" timestamptz not null default now(),
      constraint "headcount_organization_id_academic_year_unique" unique ("organization_id", "academic_year")
    );`);
  }
}
