import { Migration } from '@mikro-orm/migrations';

/**
 * The shared directory in the fixed schema `core`: regions, districts (the tenants),
 * organisations, partner organisations and the district migration state.
 */
export class Migration20251122000000CoreDirectory extends Migration {
  override name = 'Migration20251122000000CoreDirectory';

  override up(): void {
    this.addSql(`create schema if not exists "core";`);

    this.addSql(`create table "core"."region" (
      "id" uuid not null primary key,
      "code" varchar(63) not null,
      "name" varchar(255) not null,
      "created_at" timestamptz not null default now(),
      constraint "region_code_unique" unique ("code")
    );`);

    this.addSql(`create table "core"."district" (
      "id" uuid not null primary key,
      "code" varchar(63) not null,
      "name" varchar(255) not null,
      "authority_name" varchar(500) not null,
      "region_id" uuid not null,
      "schema_name" varchar(63) not null,
      "created_at" timestamptz not null default now(),
      constraint "district_code_unique" unique ("code"),
      constraint "district_schema_name_unique" unique ("schema_name"),
      constraint "district_region_id_foreign" foreign key ("region_id") references "core"."region" ("id")
    );`);
    this.addSql(`create index "district_region_id_index" on "core"."district" ("region_id");`);

    this.addSql(`create table "core"."organization" (
      "id" uuid not null primary key,
      "code" varchar(63) not null,
      "name" varchar(1000) not null,
      "short_name" varchar(255) not null,
      "kind" text not null check ("kind" in ('SCHOOL', 'SUPPLEMENTARY', 'COLLEGE')),
      "address" text null,
      "district_id" uuid not null,
      "created_at" timestamptz not null default now(),
      constraint "organization_district_id_code_unique" unique ("district_id", "code"),
      constraint "organization_district_id_foreign" foreign key ("district_id") references "core"."district" ("id")
    );`);

    this.addSql(`create table "core"."partner_organization" (
      "id" uuid not null primary key,
      "code" varchar(63) not null,
      "name" varchar(1000) not null,
      "kind" text not null check ("kind" in ('ENTERPRISE', 'UNIVERSITY', 'NGO', 'CULTURE_SPORT', 'ALUMNI', 'OTHER')),
      "region_id" uuid null,
      "created_at" timestamptz not null default now(),
      constraint "partner_organization_code_unique" unique ("code"),
      constraint "partner_organization_region_id_foreign" foreign key ("region_id") references "core"."region" ("id") on delete set null
    );`);
    this.addSql(`create index "partner_organization_region_id_index" on "core"."partner_organization" ("region_id");`);

    this.addSql(`create table "core"."district_migration_state" (
      "district_id" uuid not null primary key,
      "schema_name" varchar(63) not null,
      "status" text not null default 'pending' check ("status" in ('pending', 'migrated', 'failed')),
      "last_migration" varchar(255) null,
      "error" text null,
      "attempts" int not null default 0,
      "updated_at" timestamptz not null default now(),
      constraint "district_migration_state_district_id_foreign" foreign key ("district_id")
        references "core"."district" ("id") on update cascade on delete cascade
    );`);
  }
}
