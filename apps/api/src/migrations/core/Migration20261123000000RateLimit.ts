import { Migration } from '@mikro-orm/migrations';

/**
 * The counters of the public endpoints' per-client limits (engine/http/rate-limit.ts), shared by
 * every API replica. The shape is rate-limiter-flexible's own Postgres table (key `<rule>:<client>`,
 * points used, window end in ms since the epoch); it has its own schema because no entity maps it.
 * The index serves the library's periodic `DELETE … WHERE expire < $1`.
 */
export class Migration20261123000000RateLimit extends Migration {
  override name = 'Migration20261123000000RateLimit';

  override up(): void {
    this.addSql(`create schema if not exists "rate_limit";`);
    this.addSql(
      `create table "rate_limit"."counter" ("key" varchar(255) not null, "points" integer not null default 0, "expire" bigint null, primary key ("key"));`,
    );
    this.addSql(`create index "counter_expire_index" on "rate_limit"."counter" ("expire");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "rate_limit"."counter";`);
    this.addSql(`drop schema if exists "rate_limit";`);
  }
}
