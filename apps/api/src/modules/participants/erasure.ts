import { ERASED_ACTOR_RU, erasedTextRu, REDACTED_RU, redactionPatterns, type PersonIdentifiers, type RedactionPatterns } from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { AttachmentStorageKind } from '../attachments/storage.js';
import { CORE_COLUMNS, DISTRICT_COLUMNS, type ErasureColumn } from './erasure-registry.js';

/**
 * The erasure that follows a withdrawal of consent (issue 12, item 1): every text the district keeps
 * about the person — in the columns of the registry (./erasure-registry.ts) — is cleared or redacted,
 * set-based in SQL, inside the withdrawal's transaction:
 * 1. the person's pairs: texts of a pair whose only mentee is the person are about them — replaced by
 *    a dated marker (dates, types, statuses, task counts stay); in a group or when the person is the
 *    mentor, every form of the person's names and any phone or e-mail are redacted;
 * 2. free text (and pair texts outside the person's pairs): in the records of the person's school the
 *    name combinations, contacts and the bare last name; elsewhere in the district and in the
 *    district's rows of `core` only name combinations and contacts — a namesake in another school keeps
 *    her data (a bare last name there is not evidence that the text is about this person);
 * 3. actor names (who recorded, viewed, wrote) that are the person's: «Участник (данные удалены)»;
 *    actor logins equal to the person's login: a pseudonym;
 * 4. the person's consent scans: card and bytes deleted (the consent keeps its dates, scopes, text version);
 * 5. a `personal_data_erasure` row: when, by whom, how many values per place — counts, never text.
 * Partner mentors' registry in `core` rests on the partner's own consent and is erased by the
 * partners module; a school's withdrawal leaves it (the placement keeps only ids).
 */

export interface ErasureInput {
  schemaName: string;
  districtId: string;
  participantId: string;
  organizationId: string;
  /** The person's platform login, if they are a user (mentor or mentee). */
  username: string | null;
  /** Read before the person's row is blanked. */
  identifiers: PersonIdentifiers;
  on: string;
  byUserId: string;
}

export interface ErasureResult {
  /** `table.column` → values cleared or redacted. */
  places: Record<string, number>;
  /** Consent scans whose bytes live outside the database: to delete after the commit. */
  files: Array<{ id: string; storage: AttachmentStorageKind }>;
}

interface ColumnInfo {
  type: 'text' | 'jsonb';
  maxLength: number | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The text and jsonb columns present in a schema (the registry may name columns a schema does not have yet). */
async function columnsOf(em: EntityManager, schema: string): Promise<Map<string, ColumnInfo>> {
  const rows = await em.execute<Array<{ table_name: string; column_name: string; data_type: string; character_maximum_length: number | null }>>(
    `select table_name, column_name, data_type, character_maximum_length from information_schema.columns
      where table_schema = ? and data_type in ('text', 'character varying', 'jsonb')`,
    [schema],
  );
  return new Map(
    rows.map((r) => [`${r.table_name}.${r.column_name}`, { type: r.data_type === 'jsonb' ? 'jsonb' : 'text', maxLength: r.character_maximum_length }]),
  );
}

class Eraser {
  readonly places: Record<string, number> = {};

  constructor(
    private readonly em: EntityManager,
    private readonly schema: string,
    private readonly columns: Map<string, ColumnInfo>,
  ) {}

  info(entry: ErasureColumn) {
    return this.columns.get(`${entry.table}.${entry.column}`);
  }

  private sql(fragment: string) {
    return fragment.replaceAll('{s}', quote(this.schema));
  }

  /** `update … set col = <next> where <filter> and col changes`; counts the rows under `table.column`. */
  async update(
    entry: ErasureColumn,
    next: { sql: string; params: unknown[] },
    filter: { sql: string; params: unknown[] },
    change?: { sql: string; params: unknown[] },
  ) {
    const col = quote(entry.column);
    const changed = change ?? { sql: `${col} is distinct from ${next.sql}`, params: next.params };
    const result = await this.em.execute<{ affectedRows: number }>(
      this.sql(`update {s}.${quote(entry.table)} set ${col} = ${next.sql} where ${col} is not null and (${filter.sql}) and (${changed.sql})`),
      [...next.params, ...filter.params, ...changed.params],
      'run',
    );
    const n = result.affectedRows ?? 0;
    if (n > 0) this.places[`${entry.table}.${entry.column}`] = (this.places[`${entry.table}.${entry.column}`] ?? 0) + n;
  }

  /** The column's value with `pattern` redacted (strings inside jsonb too), cut to the column's length. */
  redacted(entry: ErasureColumn, pattern: string) {
    const info = this.info(entry)!;
    const col = quote(entry.column);
    if (info.type === 'jsonb') return { sql: `{s}."erasure_redact_jsonb"(${col}, ?, ?)`, params: [pattern, REDACTED_RU] };
    const value = `regexp_replace(${col}, ?, ?, 'g')`;
    return { sql: info.maxLength ? `left(${value}, ${info.maxLength})` : value, params: [pattern, REDACTED_RU] };
  }

  /** Does the value hold `pattern` (any string inside jsonb)? */
  matches(entry: ErasureColumn, pattern: string) {
    const col = quote(entry.column);
    if (this.info(entry)!.type === 'jsonb') {
      return {
        sql: `exists (select 1 from jsonb_path_query(${col}, 'strict $.**') v where jsonb_typeof(v) = 'string' and (v #>> '{}') ~ ?)`,
        params: [pattern],
      };
    }
    return { sql: `${col} ~ ?`, params: [pattern] };
  }

  /** A jsonb array of objects with the text keys rewritten by `value(text)` (other keys kept). */
  perKey(entry: ErasureColumn, value: (text: string) => { sql: string; params: unknown[] }) {
    // Each key's step reads the previous step once (as k<i>.x): pasting the previous expression
    // into the three places that use it would repeat its placeholders without their values.
    let params: unknown[] = [];
    let element = 'e';
    for (const [index, key] of (entry.textKeys ?? []).entries()) {
      const step = `k${index}`;
      const next = value(`(${step}.x ->> '${key}')`);
      element = `(select case when jsonb_typeof(${step}.x -> '${key}') = 'string' then jsonb_set(${step}.x, '{${key}}', to_jsonb(${next.sql}::text)) else ${step}.x end from (select ${element} as x) as ${step})`;
      // The select list (this key's value) comes before the from clause (the previous steps).
      params = [...next.params, ...params];
    }
    const col = quote(entry.column);
    return {
      sql: `case when jsonb_typeof(${col}) = 'array' then (select coalesce(jsonb_agg(${element} order by i), '[]'::jsonb) from jsonb_array_elements(${col}) with ordinality as x(e, i)) else ${col} end`,
      params,
    };
  }
}

const inList = (ids: readonly string[]) => ({ sql: `cast(? as jsonb)`, params: [JSON.stringify(ids)] });

export async function erasePersonalData(em: EntityManager, input: ErasureInput): Promise<ErasureResult> {
  const patterns: RedactionPatterns = redactionPatterns(input.identifiers);
  const district = new Eraser(em, input.schemaName, await columnsOf(em, input.schemaName));
  const present = (entries: readonly ErasureColumn[], eraser: Eraser) => entries.filter((e) => eraser.info(e));
  const districtColumns = present(DISTRICT_COLUMNS, district);
  const texts = districtColumns.filter((c) => c.class === 'pair-text' || c.class === 'free-text');

  // 1. The person's pairs.
  const pairs = await em.execute<Array<{ id: string; sole: boolean }>>(
    `select id, (mentor_id <> ? and mentee_ids = jsonb_build_array(cast(? as text))) as sole
       from ${quote(input.schemaName)}."mentoring_pair" where mentor_id = ? or jsonb_exists(mentee_ids, ?)`,
    [input.participantId, input.participantId, input.participantId, input.participantId],
  );
  const sole = pairs.filter((p) => p.sole).map((p) => p.id);
  const shared = pairs.filter((p) => !p.sole).map((p) => p.id);
  const marker = erasedTextRu(input.on);
  for (const entry of districtColumns.filter((c) => c.class === 'pair-text' && c.pair)) {
    const json = district.info(entry)!.type === 'jsonb';
    const ofPairs = (ids: string[]) => {
      const list = inList(ids);
      return { sql: `jsonb_exists(${list.sql}, (${entry.pair})::text)`, params: list.params };
    };
    if (sole.length > 0) {
      const whole = json
        ? district.perKey(entry, (text) => ({ sql: `(case when ${text} = '' then '' else ? end)`, params: [marker] }))
        : { sql: `(case when ${quote(entry.column)} = '' then '' else ? end)`, params: [marker] };
      await district.update(entry, whole, ofPairs(sole));
    }
    if (shared.length > 0) {
      const next = json
        ? district.perKey(entry, (text) => ({ sql: `regexp_replace(${text}, ?, ?, 'g')`, params: [patterns.all, REDACTED_RU] }))
        : district.redacted(entry, patterns.all);
      await district.update(entry, next, ofPairs(shared), json ? undefined : district.matches(entry, patterns.all));
    }
  }

  // 2. Free text: the person's school with the bare last name, everywhere else name combinations and contacts.
  for (const entry of texts) {
    if (entry.owner && patterns.withLastName) {
      await district.update(
        entry,
        district.redacted(entry, patterns.withLastName),
        { sql: `(${entry.owner}) = cast(? as uuid)`, params: [input.organizationId] },
        district.matches(entry, patterns.withLastName),
      );
    }
    if (patterns.strong)
      await district.update(entry, district.redacted(entry, patterns.strong), { sql: 'true', params: [] }, district.matches(entry, patterns.strong));
  }

  // 3. Actors.
  const login = input.username;
  const pseudonym = `participant:${input.participantId}`;
  for (const entry of districtColumns.filter((c) => c.class === 'actor-name')) {
    const col = quote(entry.column);
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (patterns.fullName) {
      conditions.push(`${col} ~ ?`);
      params.push(patterns.fullName);
    }
    if (login) {
      conditions.push(`${col} = ?`);
      params.push(login);
      if (entry.userId && district.info({ ...entry, column: entry.userId })) {
        conditions.push(`${quote(entry.userId)} = ?`);
        params.push(login);
      }
    }
    if (conditions.length > 0) await district.update(entry, { sql: '?', params: [ERASED_ACTOR_RU] }, { sql: conditions.join(' or '), params });
  }
  if (login) {
    for (const entry of districtColumns.filter((c) => c.class === 'actor-id')) {
      await district.update(entry, { sql: '?', params: [pseudonym] }, { sql: `${quote(entry.column)} = ?`, params: [login] });
    }
  }

  // 4. Consent scans.
  const s = quote(input.schemaName);
  const scans = await em.execute<Array<{ id: string; storage: AttachmentStorageKind }>>(
    `select a.id, a.storage from ${s}."attachment" a where a.id in (select c.attachment_id from ${s}."participant_consent" c where c.participant_id = ?)`,
    [input.participantId],
  );
  if (scans.length > 0) {
    const ids = JSON.stringify(scans.map((f) => f.id));
    await em.execute(`update ${s}."participant_consent" set attachment_id = null where participant_id = ?`, [input.participantId], 'run');
    await em.execute(`delete from ${s}."attachment_content" where jsonb_exists(cast(? as jsonb), attachment_id::text)`, [ids], 'run');
    await em.execute(`delete from ${s}."attachment" where jsonb_exists(cast(? as jsonb), id::text)`, [ids], 'run');
    district.places['attachment (consent scans)'] = scans.length;
  }

  // The district's rows of `core` (agreements, applications, their files): name combinations and contacts.
  const core = new Eraser(em, 'core', await columnsOf(em, 'core'));
  const coreColumns = present(CORE_COLUMNS, core).filter((c) => c.owner);
  const ofDistrict = (entry: ErasureColumn) => ({ sql: `(${entry.owner}) = cast(? as uuid)`, params: [input.districtId] });
  for (const entry of coreColumns) {
    if (entry.class === 'free-text' && patterns.strong)
      await core.update(entry, core.redacted(entry, patterns.strong), ofDistrict(entry), core.matches(entry, patterns.strong));
    if (entry.class === 'actor-name' && patterns.fullName) {
      const filter = ofDistrict(entry);
      await core.update(
        entry,
        { sql: '?', params: [ERASED_ACTOR_RU] },
        { sql: `${filter.sql} and ${quote(entry.column)} ~ ?`, params: [...filter.params, patterns.fullName] },
      );
    }
  }
  for (const [place, n] of Object.entries(core.places)) district.places[`core.${place}`] = n;

  // 5. The record: what and when, never the erased text.
  await em.execute(
    `insert into ${s}."personal_data_erasure" (id, participant_id, organization_id, erased_on, by_user_id, places) values (?, ?, ?, ?, ?, cast(? as jsonb))`,
    [uuidv7(), input.participantId, input.organizationId, input.on, input.byUserId, JSON.stringify(district.places)],
    'run',
  );
  return { places: district.places, files: scans.filter((f) => f.storage !== 'database') };
}
