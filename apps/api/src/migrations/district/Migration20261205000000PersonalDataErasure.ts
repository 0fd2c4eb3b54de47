import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 12, item 1: the erasure that follows a withdrawal of consent.
 * - `personal_data_erasure`: what was erased and when — the person's id, the date and moment, who
 *   ran it, and per place (`table.column`) how many values were cleared or redacted: counts only,
 *   never the erased text.
 * - `erasure_redact_jsonb(doc, pattern, replacement)`: `regexp_replace` over every string value of
 *   a jsonb document, keys and structure kept. Redacting `doc::text` instead would see JSON escapes
 *   (`\n` before a name hides the word edge) and could break the document. The function recurses, so
 *   it pins its own search_path to this schema at creation (`from current`); that setting lives only
 *   while the function runs (nothing leaks to a pooled session).
 */
export class Migration20261205000000PersonalDataErasure extends Migration {
  override name = 'Migration20261205000000PersonalDataErasure';

  override up(): void {
    this.addSql(`create table "personal_data_erasure" (
      "id" uuid not null primary key,
      "participant_id" uuid not null,
      "organization_id" uuid not null,
      "erased_on" date not null,
      "erased_at" timestamptz not null default now(),
      "by_user_id" varchar(255) not null,
      "places" jsonb not null
    );`);
    this.addSql(`create index "personal_data_erasure_participant_id_index" on "personal_data_erasure" ("participant_id");`);
    this.addSql(`create function "erasure_redact_jsonb"(doc jsonb, pattern text, replacement text) returns jsonb
      language plpgsql immutable parallel safe
      set search_path from current
      as $fn$
      begin
        return case jsonb_typeof(doc)
          when 'string' then to_jsonb(regexp_replace(doc #>> '{}', pattern, replacement, 'g'))
          when 'array' then coalesce((select jsonb_agg(erasure_redact_jsonb(e, pattern, replacement) order by i) from jsonb_array_elements(doc) with ordinality as t(e, i)), '[]'::jsonb)
          when 'object' then coalesce((select jsonb_object_agg(k, erasure_redact_jsonb(v, pattern, replacement)) from jsonb_each(doc) as t(k, v)), '{}'::jsonb)
          else doc
        end;
      end
      $fn$;`);
  }

  override down(): void {
    this.addSql(`drop function if exists "erasure_redact_jsonb"(jsonb, text, text);`);
    this.addSql(`drop table if exists "personal_data_erasure";`);
  }
}
