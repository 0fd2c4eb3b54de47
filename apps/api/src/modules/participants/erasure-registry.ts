/**
 * Every text-bearing column (varchar, text, jsonb) of a district schema and of `core`, with what the
 * erasure after a withdrawal of consent does to it (./erasure.ts). A test
 * (erasure-registry.int.test.ts) reads information_schema and fails on a column missing here, so a
 * new column cannot escape the erasure: add it with its class.
 *
 * Classes:
 * - `code`: enums, codes, ids, hashes, numbers or dates as text, aggregates — never personal;
 * - `directory`: names of regions, districts, organisations — public facts, not about a person;
 * - `person-row`: the person's own row (participant, consent), blanked by `withdraw()` itself;
 * - `partner-person`: the partners' registries in `core` (partner mentors, applicants' contacts),
 *   erased by the partners module under their own consents;
 * - `pair-text`: free text of a pair (meetings, plan, completion, the pair's case, answers given
 *   within the pair): wholly replaced when the person was the pair's only mentee, else redacted;
 * - `free-text`: free text anywhere that may mention anyone: redacted;
 * - `actor-name`: who did something (names): replaced when it is the person;
 * - `actor-id`: who did something (the login): replaced when it is the person's login.
 */

export type ErasureClass = 'code' | 'directory' | 'person-row' | 'partner-person' | 'pair-text' | 'free-text' | 'actor-name' | 'actor-id';

export interface ErasureColumn {
  table: string;
  column: string;
  class: ErasureClass;
  /**
   * SQL over the row (no alias; `{s}` stands for the quoted schema): the row's school. Rows of the
   * person's school get the bare last name redacted too; other rows only name combinations and contacts.
   * For `core`: the row's district (rows of other districts are not touched).
   */
  owner?: string;
  /** `pair-text`: SQL for the id of the pair the row belongs to. */
  pair?: string;
  /** `pair-text` jsonb arrays of objects: the keys that hold text (other keys are ids, dates, flags). */
  textKeys?: readonly string[];
  /** `actor-name`: the column with the same actor's login (a match by login is certain, by name likely). */
  userId?: string;
}

type Row = Omit<ErasureColumn, 'table' | 'column' | 'class'>;

function table(name: string, columns: Record<string, ErasureClass | [ErasureClass, Row]>, common: Row = {}): ErasureColumn[] {
  return Object.entries(columns).map(([column, spec]) => {
    const [cls, extra] = Array.isArray(spec) ? spec : [spec, {}];
    return { table: name, column, class: cls, ...(cls === 'code' || cls === 'directory' ? {} : common), ...extra };
  });
}

const ORG = '"organization_id"';
const BY_ROADMAP = '(select r."organization_id" from {s}."roadmap" r where r."id" = "roadmap_id")';
const BY_REVISION = '(select r."organization_id" from {s}."roadmap_revision" v join {s}."roadmap" r on r."id" = v."roadmap_id" where v."id" = "revision_id")';
const BY_PARTICIPANT = '(select p."organization_id" from {s}."participant" p where p."id" = "participant_id")';
const BY_PAIR = '(select p."organization_id" from {s}."mentoring_pair" p where p."id" = "pair_id")';
const BY_RESPONSE = '(select r."organization_id" from {s}."questionnaire_response" r where r."id" = "response_id")';
const actor = (userId: string): ['actor-name', Row] => ['actor-name', { userId }];

/** The district schema's columns. */
export const DISTRICT_COLUMNS: readonly ErasureColumn[] = [
  ...table('mikro_orm_migrations', { name: 'code' }),
  ...table('headcount', { academic_year: 'code' }),
  // The dashboard's stored figures: counts and KPI values per school, no person (modules/monitoring/dashboard-store.ts).
  ...table('dashboard_total', { academic_year: 'code', counts: 'code', figures: 'code' }),
  ...table('dashboard_school', { academic_year: 'code', code: 'code', short_name: 'directory', counts: 'code' }),
  ...table('district_settings', { who_agrees: 'code', updated_by_name: 'actor-name' }),
  ...table('campaign', {
    title: 'free-text',
    academic_year: 'code',
    organization_ids: 'code',
    created_by_user_id: 'actor-id',
    created_by_name: actor('created_by_user_id'),
  }),
  // Who reminded a school of a campaign's due date (district staff); the school and campaign are ids.
  ...table('campaign_reminder', { reminded_by_user_id: 'actor-id', reminded_by_name: actor('reminded_by_user_id') }, { owner: ORG }),
  ...table('roadmap', { level: 'code', created_by_user_id: 'actor-id', created_by_name: actor('created_by_user_id') }, { owner: ORG }),
  ...table(
    'roadmap_revision',
    {
      state: 'code',
      title: 'free-text',
      programme_name: 'free-text',
      approval: 'free-text',
      agreement: 'free-text',
      created_by_user_id: 'actor-id',
      created_by_name: actor('created_by_user_id'),
    },
    { owner: BY_ROADMAP },
  ),
  ...table('roadmap_section', { title: 'free-text', task: 'free-text', result: 'free-text' }, { owner: BY_REVISION }),
  ...table(
    'roadmap_item',
    {
      number: 'code',
      activity: 'free-text',
      content: 'free-text',
      deadline_text: 'free-text',
      deadline: 'free-text',
      responsible: 'free-text',
      expected_result: 'free-text',
      indicator: 'free-text',
    },
    { owner: BY_REVISION },
  ),
  ...table(
    'review_comment',
    {
      body: 'free-text',
      action: 'code',
      author_user_id: 'actor-id',
      author_name: actor('author_user_id'),
      author_position: 'free-text',
      author_role: 'code',
      resolved_by_user_id: 'actor-id',
      resolved_by_name: actor('resolved_by_user_id'),
    },
    { owner: BY_ROADMAP },
  ),
  ...table(
    'roadmap_events',
    {
      user_id: 'actor-id',
      user_name: actor('user_id'),
      user_position: 'free-text',
      role: 'code',
      action: 'code',
      from_state: 'code',
      to_state: 'code',
      comment: 'free-text',
      changes: 'free-text',
      data: 'free-text',
    },
    { owner: BY_ROADMAP },
  ),
  ...table(
    'item_execution',
    { document_number: 'free-text', note: 'free-text', url: 'free-text', marked_by_user_id: 'actor-id', marked_by_name: actor('marked_by_user_id') },
    { owner: BY_ROADMAP },
  ),
  ...table(
    'attachment',
    {
      file_name: 'free-text',
      content_type: 'code',
      sha256: 'code',
      storage: 'code',
      uploaded_by_user_id: 'actor-id',
      uploaded_by_name: actor('uploaded_by_user_id'),
    },
    { owner: ORG },
  ),
  // The editor's unsaved state (roadmap texts as typed), its author's login.
  ...table('roadmap_draft', { user_id: 'actor-id', content: 'free-text' }, { owner: BY_ROADMAP }),
  ...table(
    'roadmap_import',
    {
      file_name: 'free-text',
      format: 'code',
      encoding: 'code',
      source_header: 'free-text',
      preamble: 'free-text',
      postscript: 'free-text',
      unmapped: 'free-text',
      warnings: 'free-text',
      columns: 'code',
      item_notes: 'free-text',
      stats: 'code',
      imported_by_user_id: 'actor-id',
      imported_by_name: actor('imported_by_user_id'),
    },
    { owner: BY_ROADMAP },
  ),
  ...table(
    'programme',
    {
      name: 'free-text',
      forms: 'code',
      kinds: 'code',
      target_groups: 'code',
      curator_name: 'actor-name',
      order_number: 'free-text',
      created_by_user_id: 'actor-id',
    },
    { owner: ORG },
  ),
  ...table(
    'participant',
    {
      role: 'code',
      username: 'person-row',
      category: 'code',
      last_name: 'person-row',
      first_name: 'person-row',
      middle_name: 'person-row',
      class_or_position: 'person-row',
      email: 'person-row',
      phone: 'person-row',
      special_groups: 'person-row',
      tags: 'person-row',
      // Another person's competences or request may mention this one.
      free_text: 'free-text',
      age_band: 'code',
    },
    { owner: ORG },
  ),
  ...table(
    'participant_consent',
    {
      given_by: 'code',
      representative_name: 'person-row',
      representative_relation: 'code',
      representative_document: 'person-row',
      representative_email: 'person-row',
      scopes: 'code',
      text_version: 'code',
      recorded_by_name: 'actor-name',
    },
    { owner: BY_PARTICIPANT },
  ),
  ...table('participant_access_log', { user_id: 'actor-id', user_name: actor('user_id'), operation: 'code' }, { owner: ORG }),
  ...table(
    'mentoring_pair',
    {
      form: 'code',
      kind: 'code',
      mentee_ids: 'code',
      status: 'code',
      explanation: ['pair-text', { textKeys: ['text'] }],
      tasks: ['pair-text', { textKeys: ['title', 'doneNote', 'doneByName'] }],
      extensions: ['pair-text', { textKeys: ['comment'] }],
      completion_reason: 'code',
      completion_comment: 'pair-text',
    },
    { owner: ORG, pair: '"id"' },
  ),
  ...table('pair_meeting', { type: 'code', notes: 'pair-text', feedback: 'pair-text', recorded_by_name: 'actor-name' }, { owner: BY_PAIR, pair: '"pair_id"' }),
  ...table('planned_meeting', { type: 'code', place: 'pair-text', planned_by_name: 'actor-name' }, { owner: BY_PAIR, pair: '"pair_id"' }),
  ...table(
    'questionnaire_template',
    { kind: 'code', title: 'free-text', intro: 'free-text', questions: 'free-text', created_by_name: 'actor-name' },
    { owner: ORG },
  ),
  ...table('questionnaire_link', { token_hash: 'code', kind: 'code', phase: 'code', created_by_name: 'actor-name' }, { owner: ORG }),
  ...table(
    'questionnaire_response',
    { kind: 'code', respondent_role: 'code', phase: 'code', source: 'code', answered_by: 'code', entered_by_name: 'actor-name' },
    { owner: ORG },
  ),
  ...table(
    'questionnaire_answer',
    { question_id: 'code', value_choices: 'code', value_text: 'pair-text' },
    { owner: BY_RESPONSE, pair: '(select r."pair_id" from {s}."questionnaire_response" r where r."id" = "response_id")' },
  ),
  ...table(
    'best_practice',
    {
      participant_ids: 'code',
      form: 'code',
      kind: 'code',
      title: 'pair-text',
      summary: 'pair-text',
      results: 'pair-text',
      status: 'code',
      published_by_name: 'actor-name',
      unpublished_reason: 'free-text',
      created_by_name: 'actor-name',
    },
    { owner: ORG, pair: '"pair_id"' },
  ),
  ...table('roadmap_item_kpi_link', { kpi: 'code', op: 'code', set_by_user_id: 'actor-id', set_by_name: actor('set_by_user_id') }, { owner: BY_ROADMAP }),
  ...table(
    'swot_form',
    {
      academic_year: 'code',
      scope: 'code',
      strengths: 'free-text',
      weaknesses: 'free-text',
      opportunities: 'free-text',
      threats: 'free-text',
      author_name: actor('author_user_id'),
      author_user_id: 'actor-id',
    },
    { owner: ORG },
  ),
  ...table(
    'school_news',
    { title: 'free-text', body: 'free-text', created_by_user_id: 'actor-id', created_by_name: actor('created_by_user_id') },
    { owner: ORG },
  ),
  ...table('personal_data_erasure', { by_user_id: 'actor-id', places: 'code' }, { owner: ORG }),
];

const DISTRICT = '"district_id"';
const BY_AGREEMENT = '(select a."district_id" from {s}."partner_agreement" a where a."id" = "agreement_id")';

/**
 * The shared schema's columns. Only rows of the person's district are touched (`owner` is the
 * row's district); the partners' registries are the partners' own bases (`partner-person`).
 */
export const CORE_COLUMNS: readonly ErasureColumn[] = [
  ...table('mikro_orm_migrations', { name: 'code' }),
  ...table('region', { code: 'code', name: 'directory' }),
  ...table('district', { code: 'code', name: 'directory', authority_name: 'directory', schema_name: 'code' }),
  ...table('organization', { code: 'code', name: 'directory', short_name: 'directory', kind: 'code', address: 'directory' }),
  ...table('partner_organization', { code: 'code', name: 'directory', kind: 'code' }),
  ...table('district_migration_state', { schema_name: 'code', status: 'code', last_migration: 'code', error: 'code' }),
  ...table('kpi_dirty', { schema_name: 'code' }),
  ...table('district_kpi_snapshot', {
    academic_year: 'code',
    plan_percents: 'code',
    execution: 'code',
    by_role_category: 'code',
    stat_form: 'code',
    surveys: 'code',
  }),
  ...table(
    'partner_agreement',
    {
      level: 'code',
      subject: 'free-text',
      number: 'code',
      decision: 'code',
      decline_reason: 'free-text',
      proposed_by_name: 'actor-name',
      decided_by_name: 'actor-name',
    },
    { owner: DISTRICT },
  ),
  ...table(
    'partner_application',
    {
      status: 'code',
      name: 'directory',
      kind: 'code',
      inn: 'code',
      ogrn: 'code',
      kpp: 'code',
      address: 'directory',
      contact_name: 'partner-person',
      contact_position: 'partner-person',
      contact_email: 'partner-person',
      contact_phone: 'partner-person',
      reject_reason: 'free-text',
      decided_by_name: 'actor-name',
      admin_username: 'code',
      consent_text_version: 'code',
      consent_text: 'code',
      personal_data_erased_by_name: 'actor-name',
    },
    { owner: DISTRICT },
  ),
  // The notifications' outbox: letters to partners' contacts are erased with them (partners module,
  // NotificationService.eraseFor); free text of a district's letters is redacted like any other.
  ...table(
    'notification',
    {
      kind: 'code',
      channel: 'code',
      dedup_key: 'code',
      person_ref: 'code',
      audience: 'code',
      recipient_address: 'partner-person',
      recipient_name: 'partner-person',
      recipient_username: 'code',
      unsubscribe_url: 'code',
      unsubscribe_token_hash: 'code',
      subject: 'free-text',
      text: 'free-text',
      html: 'free-text',
      link: 'code',
      status: 'code',
      last_error: 'code',
    },
    { owner: DISTRICT },
  ),
  // Choices per kind: a login's, or an address's (deleted with that person's letters by eraseFor).
  ...table('notification_preference', { recipient_key: 'partner-person', kind: 'code', mode: 'code' }),
  // The personal calendar links: a login (the key of the user's own link), a hash, roles and group
  // codes. Nothing written about anyone; a withdrawn participant's link yields no event of theirs.
  ...table('calendar_feed', { username: 'code', token_hash: 'code', grants: 'code' }),
  ...table('partner_mentor', {
    last_name: 'partner-person',
    first_name: 'partner-person',
    middle_name: 'partner-person',
    position: 'partner-person',
    email: 'partner-person',
    phone: 'partner-person',
    tags: 'partner-person',
    free_text: 'partner-person',
    availability: 'partner-person',
  }),
  ...table('partner_mentor_consent', { scopes: 'code', text_version: 'code', recorded_by_name: 'partner-person' }),
  ...table(
    'partner_agreement_file',
    {
      file_name: 'free-text',
      content_type: 'code',
      sha256: 'code',
      storage: 'code',
      uploaded_by_user_id: 'code',
      uploaded_by_name: 'actor-name',
      uploaded_by_side: 'code',
    },
    { owner: BY_AGREEMENT },
  ),
];

/** Columns the erasure rewrites (the others are codes or someone else's responsibility). */
export const ERASED_CLASSES: ReadonlySet<ErasureClass> = new Set(['pair-text', 'free-text', 'actor-name', 'actor-id']);
