import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlatformRole } from '@nastavnik/domain';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAcademicYear, demoToday } from '../seed/demo-programmes.js';
import { groups } from '../test/factories.js';
import { pino } from 'pino';
import { startApiServer, type RunningApiServer } from '../app.js';
import { isoDateIn } from '../engine/clock.js';
import { errorCodes, postGraphQL, startTestApp, type GraphQLResponse, type RequestOptions, type TestApp } from '../test/harness.js';
import { buildCall } from './operations.js';
import { OPERATIONS, ROUTES, type OperationRule } from './table.js';
import { buildWorld, foreignFingerprint, schemaDigest, type Category, type World } from './world.js';
import { routeFactories, serverRouteOf, serverRoutes } from './routes.js';

/**
 * Isolation, generated from the schema (issue 12, item 6). Every Query and Mutation field of
 * schema.graphql, and every REST route returning data or files, is called by every actor of side A
 * with real ids of district B, of the sibling school S2 and of partner P2, without and with
 * `X-District-Id: <B>`. No answer may carry a foreign id; roles outside an operation's rule are
 * refused; after all mutations B's, S2's and P2's rows are byte-for-byte what they were.
 *
 * The same sweep proves the compiled queries (engine/graphql/compiled-queries.ts): every query call
 * is asked again of a second API on the same database with GRAPHQL_COMPILED_QUERIES=false (graphql-js),
 * and the status and body must be the same — data, refusals and their messages alike.
 */
const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DENIED = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'BAD_USER_INPUT']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

interface Actor {
  name: string;
  role: PlatformRole;
  token: string;
  /** Whose objects are foreign to this actor. */
  foreign: Category[];
}

let app: TestApp;
/** The same API on graphql-js only, for the comparison with the compiled queries. */
let plain: RunningApiServer;
/** Query calls answered alike by both, and those that were not (with where). */
let comparedAlike = 0;
const answeredDifferently: string[] = [];
let w: World;
let schema: GraphQLSchema;
let actors: Actor[];
let academicYear: string;
/** The demo's Sibay (the template of A) before the suite: other test files read it as seeded. */
let demoBefore: string;
let calls = 0;
/** Per operation, the error codes of the allowed actors' calls without a header ('data' when it answered). */
const reach = new Map<string, Map<string, number>>();
/** The selection depth that passes graphql-armor's cost limit, per operation. */
const depthOf = new Map<string, number>();

beforeAll(async () => {
  schema = buildSchema(await readFile(path.join(API_DIR, 'schema.graphql'), 'utf8'));
  app = await startTestApp();
  plain = await startApiServer({
    config: { ...app.config, graphqlCompiledQueries: false },
    orm: app.orm,
    port: 0,
    logger: pino({ level: 'silent' }),
    clock: { today: () => isoDateIn(new Date(), app.config.timeZone), now: () => new Date() },
  });
  academicYear = demoAcademicYear(demoToday()).academicYear;
  demoBefore = await schemaDigest(app, 'district_sibay');
  w = await buildWorld(app);
  const district = [groups.district(w.regionA, w.districtA)];
  const school = [groups.organization(w.regionA, w.districtA, w.s1)];
  // Users of the realm (the provider mints only for them); role and groups are the test's.
  const spec: Array<[string, PlatformRole, string[], string, Category[]]> = [
    ['district-officer A', 'district-officer', district, 'sibay.officer', ['B', 'P2']],
    ['district-head A', 'district-head', district, 'sibay.head', ['B', 'P2']],
    ['region-coordinator A', 'region-coordinator', [groups.region(w.regionA)], 'rnc.bashkortostan', ['B', 'P2']],
    ['school-director S1', 'school-director', school, 'sosh4.curator', ['B', 'S2', 'P2']],
    ['school-curator S1', 'school-curator', school, 'sosh4.curator', ['B', 'S2', 'P2']],
    ['mentor S1', 'mentor', school, 'sosh4.curator', ['B', 'S2', 'P2']],
    ['mentee S1', 'mentee', school, 'sosh4.curator', ['B', 'S2', 'P2']],
    ['partner-admin P1', 'partner-admin', [`/partners/${w.p1.code}`], 'partner.admin', ['B', 'S2', 'P2']],
  ];
  actors = [];
  for (const [name, role, groupPaths, username, foreign] of spec) {
    actors.push({ name, role, token: await app.tokenFor(role, groupPaths, username), foreign });
  }
  // B's and A's KPI snapshots exist (core rows of B for the region roll-ups).
  const admin = await app.tokenFor('platform-admin', [], 'admin');
  for (const district of [w.districtA, w.districtB]) {
    const refreshed = await app.gql(`mutation($y: String!) { refreshDistrictSnapshot(academicYear: $y) { asOf } }`, {
      token: admin,
      headers: { 'x-district-id': district.id },
      variables: { y: academicYear },
    });
    expect(refreshed.body.errors).toBeUndefined();
  }
}, 300_000);

afterAll(async () => {
  console.log(`schema isolation: ${calls} calls; ${comparedAlike} query calls answered alike by compiled queries and graphql-js`);
  if (process.env.ISOLATION_REACH) console.log([...reach].map(([f, m]) => `${f}: ${[...m].map(([k, n]) => `${k}×${n}`).join(', ')}`).join('\n'));
  await plain?.stop();
  await app?.stop();
});

const answer = (response: GraphQLResponse) => JSON.stringify({ status: response.status, body: response.body });

/**
 * A query call on the API, asked twice (an operation is compiled when it comes again), then on
 * `plain` (graphql-js). An answer that moves by itself (a log of reads, a clock) is asked of
 * graphql-js twice: only an answer graphql-js repeats and the compiled query does not give counts
 * as different.
 */
async function askQuery(document: string, options: RequestOptions, where: string): Promise<GraphQLResponse> {
  await app.gql(document, options);
  const response = await app.gql(document, options);
  const viaGraphqlJs = await postGraphQL(plain.graphqlUrl, document, options);
  calls += 3;
  if (answer(response) === answer(viaGraphqlJs)) {
    comparedAlike++;
  } else {
    const again = await postGraphQL(plain.graphqlUrl, document, options);
    calls++;
    if (answer(again) === answer(viaGraphqlJs))
      answeredDifferently.push(`${where}: compiled ${answer(response).slice(0, 300)} — graphql-js ${answer(viaGraphqlJs).slice(0, 300)}`);
  }
  return response;
}

const fields = (kind: 'query' | 'mutation') => Object.keys((kind === 'query' ? schema.getQueryType() : schema.getMutationType())!.getFields()).sort();

function foreignIn(value: unknown, actor: Actor, echoes: readonly string[] = []): string[] {
  const found = new Set<string>();
  for (const id of JSON.stringify(value ?? null).match(UUID) ?? []) {
    for (const category of actor.foreign) {
      if (!w.all[category].has(id.toLowerCase())) continue;
      const kind = kindOf(category, id);
      if (!echoes.includes(kind)) found.add(`${category}:${kind}:${id}`);
    }
  }
  return [...found];
}

function kindOf(category: Category, id: string): string {
  for (const [kind, ids] of w.foreign[category]) if (kind !== '(referenced)' && ids.includes(id)) return kind;
  return '(referenced)';
}

/** The kinds an operation's arguments name (what the variants vary). */
function kindsOf(field: string, kind: 'query' | 'mutation', rule: OperationRule): Set<string> {
  const kinds = new Set<string>();
  buildCall(
    schema,
    kind,
    field,
    {
      academicYear,
      idKind: rule.id,
      overrides: rule.argKinds,
      idFor: (k) => {
        if (k) kinds.add(k);
        return uuidv7();
      },
    },
    0,
  );
  return kinds;
}

/** Objects of the operation's main kind tried per category (a delete may be refused for the first one: a file in use). */
const IDS_PER_KIND = 3;

/** Queries that answer S2's curator with S2's objects when given S2's ids (the sweep's calls reach data). */
const OWN_ANSWERS = [
  'bestPractice',
  'organization',
  'pair',
  'pairs',
  'participant',
  'participants',
  'programme',
  'questionnaireTemplate',
  'questionnaireTemplates',
  'roadmap',
  'roadmapRevision',
];

/**
 * Id sources per foreign category that has an id of at least one of the kinds asked for: the
 * main kind (the `id` argument's, else the first named) takes up to IDS_PER_KIND objects in turn.
 */
function variants(kinds: Set<string>, actor: Actor, main: string | undefined): Array<{ label: string; idFor: (kind: string | null) => string }> {
  const random = new Map<string, string>();
  const fallback = (kind: string | null) => {
    const key = kind ?? '-';
    if (!random.has(key)) random.set(key, uuidv7());
    return random.get(key)!;
  };
  if (kinds.size === 0) return [{ label: 'no ids', idFor: fallback }];
  const primary = main ?? [...kinds][0]!;
  const out: Array<{ label: string; idFor: (kind: string | null) => string }> = [];
  for (const category of actor.foreign) {
    const ids = w.foreign[category];
    if (![...kinds].some((k) => ids.get(k)?.length)) continue;
    const count = Math.max(1, Math.min(IDS_PER_KIND, ids.get(primary)?.length ?? 0));
    for (let i = 0; i < count; i++) {
      out.push({
        label: `ids of ${category}${i ? ` #${i + 1}` : ''}`,
        idFor: (kind) => (kind && ids.get(kind)?.[kind === primary ? i : 0]) || fallback(kind),
      });
    }
  }
  return out;
}

const isArmorRefusal = (response: GraphQLResponse) =>
  response.status === 400 &&
  errorCodes(response).every((c) => c === 'GRAPHQL_VALIDATION_FAILED' || c === 'BAD_USER_INPUT') &&
  (response.body.errors ?? []).some((e) => /cost|depth|token/i.test(e.message));

interface Outcome {
  problems: string[];
  pending: string[];
}

async function sweep(kind: 'query' | 'mutation'): Promise<Outcome> {
  const outcome: Outcome = { problems: [], pending: [] };
  for (const field of fields(kind)) {
    const rule = OPERATIONS[field]!;
    const kinds = kindsOf(field, kind, rule);
    for (const actor of actors) {
      const allowed = rule.roles.includes(actor.role);
      const pending = rule.pending?.roles.includes(actor.role) ?? false;
      for (const variant of variants(kinds, actor, rule.id)) {
        // The header of B is refused before anything runs: once per category is enough.
        for (const header of variant.label.includes('#') ? [undefined] : [undefined, w.districtB.id]) {
          const where = `${field} as ${actor.name}, ${variant.label}${header ? ', X-District-Id: B' : ''}`;
          let response: GraphQLResponse;
          let depth = depthOf.get(field) ?? 3;
          for (;;) {
            const document = buildCall(schema, kind, field, { academicYear, idKind: rule.id, overrides: rule.argKinds, idFor: variant.idFor }, depth);
            const options: RequestOptions = { token: actor.token, headers: header ? { 'x-district-id': header } : {} };
            if (kind === 'query') {
              response = await askQuery(document, options, where);
            } else {
              response = await app.gql(document, options);
              calls++;
            }
            if (!isArmorRefusal(response) || depth === 0) break;
            depthOf.set(field, --depth);
          }
          const codes = errorCodes(response);
          const data = response.body.data ?? null;
          if (allowed && !header) {
            const outcomeKey = codes.length ? `${codes[0]} ${(response.body.errors?.[0]?.extensions?.field as string) ?? ''}`.trim() : 'data';
            const perField = reach.get(field) ?? new Map<string, number>();
            reach.set(field, perField.set(outcomeKey, (perField.get(outcomeKey) ?? 0) + 1));
          }
          const problems: string[] = [];
          if (response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) problems.push(`5xx/internal error: ${JSON.stringify(response.body.errors)}`);
          if (codes.some((c) => c === 'GRAPHQL_VALIDATION_FAILED' || c === 'GRAPHQL_PARSE_FAILED')) {
            problems.push(`the generated call is invalid: ${JSON.stringify(response.body.errors)}`);
          }
          const leaked = foreignIn(data, actor, rule.echoes?.kinds);
          if (leaked.length) problems.push(`foreign objects returned: ${leaked.join(', ')}`);
          if (header) {
            // A district outside the grants: refused while the context is built, nothing runs.
            if (codes.join() !== 'FORBIDDEN' || data !== null)
              problems.push(`X-District-Id of B not refused: ${codes.join()} ${JSON.stringify(data).slice(0, 200)}`);
          } else if (!allowed) {
            const gotData = data !== null && Object.values(data).some((v) => v !== null);
            if (gotData || !codes.length || !codes.every((c) => DENIED.has(c))) {
              const text = `role not allowed but not refused: ${codes.join() || 'no error'} ${JSON.stringify(data).slice(0, 200)}`;
              if (pending) outcome.pending.push(`${where}: ${text} (${rule.pending!.why})`);
              else problems.push(text);
            }
          }
          for (const problem of problems) outcome.problems.push(`${where}: ${problem}`);
        }
      }
    }
  }
  return outcome;
}

describe('the table covers the schema', () => {
  it('every Query and Mutation field has a rule (and no rule names a field that is gone)', () => {
    const inSchema = [...fields('query'), ...fields('mutation')];
    const missing = inSchema.filter((f) => !(f in OPERATIONS));
    const stale = Object.keys(OPERATIONS).filter((f) => !inSchema.includes(f));
    expect(missing, 'operations without a rule in isolation/table.ts').toEqual([]);
    expect(stale, 'rules for operations no longer in the schema').toEqual([]);
    // Every argument naming an object has a kind (kindOfName throws on an unknown *Id name).
    for (const field of fields('query')) kindsOf(field, 'query', OPERATIONS[field]!);
    for (const field of fields('mutation')) kindsOf(field, 'mutation', OPERATIONS[field]!);
    for (const [field, rule] of Object.entries(OPERATIONS)) {
      const root = schema.getQueryType()!.getFields()[field] ?? schema.getMutationType()!.getFields()[field]!;
      if (root.args.some((a) => a.name === 'id')) expect(rule.id, `${field}: which kind does «id» name?`).toBeDefined();
    }
  });

  it('every REST route of the server has an entry', async () => {
    const factories = await routeFactories(API_DIR);
    const routes = serverRoutes();
    expect(factories.sort(), 'route factories in app.ts').toEqual(
      routes
        .map((r) => r.factory)
        .filter((f, i, all) => all.indexOf(f) === i)
        .sort(),
    );
    const samples = Object.entries(ROUTES).map(([name, check]) => ({
      name,
      method: check.method,
      path: (check.kind === 'foreign' ? check.path('00000000-0000-7000-8000-000000000001', '2025/2026') : check.sample).split('?')[0]!,
    }));
    const reached = serverRouteOf(routes);
    const unmatched = routes.filter((r) => !samples.some((s) => reached(s.method, s.path) === r.route));
    expect(
      unmatched.map((r) => `${r.factory}: ${r.route.method} #${r.index}`),
      'server routes without an entry in ROUTES',
    ).toEqual([]);
    const dead = samples.filter((s) => !reached(s.method, s.path));
    expect(
      dead.map((s) => s.name),
      'ROUTES entries matching no server route',
    ).toEqual([]);
  });
});

describe('the world', () => {
  it('B, S2 and P2 hold an object of every kind', async () => {
    const tenantKinds = [...w.foreign.B.keys()];
    for (const kind of [
      'attachment',
      'best_practice',
      'campaign',
      'campaign_reminder',
      'headcount',
      'item_execution',
      'mentoring_pair',
      'pair_meeting',
      'participant',
      'participant_access_log',
      'participant_consent',
      'planned_meeting',
      'programme',
      'questionnaire_answer',
      'questionnaire_link',
      'questionnaire_response',
      'questionnaire_template',
      'review_comment',
      'roadmap',
      'roadmap_draft',
      'roadmap_events',
      'roadmap_import',
      'roadmap_item',
      'roadmap_item_kpi_link',
      'roadmap_revision',
      'roadmap_section',
      'school_news',
      'swot_form',
      'region',
      'district',
      'organization',
    ]) {
      expect(tenantKinds, `B has ${kind}`).toContain(kind);
      if (!['campaign', 'region', 'district'].includes(kind)) expect([...w.foreign.S2.keys()], `S2 has ${kind}`).toContain(kind);
    }
    for (const kind of [
      'partner_organization',
      'partner_mentor',
      'partner_mentor_consent',
      'partner_agreement',
      'partner_agreement_file',
      'partner_placement',
      'partner_application',
    ]) {
      expect(w.foreign.P2.get(kind)?.length, `P2 has ${kind}`).toBeGreaterThan(0);
    }
  });
});

describe('GraphQL, every operation as every actor of A', () => {
  it('queries return no foreign object; roles outside the rule are refused', async () => {
    const outcome = await sweep('query');
    if (outcome.pending.length) console.log(`pending rules (reported, not failed):\n${outcome.pending.join('\n')}`);
    expect(outcome.problems).toEqual([]);
    // The same generated calls with S2's ids, by S2's own curator, do answer with S2's objects:
    // the refusals above come from the scope, not from calls that could never work.
    const answered: string[] = [];
    for (const field of fields('query')) {
      const rule = OPERATIONS[field]!;
      if (!rule.id && !['pairs', 'participants', 'questionnaireTemplates'].includes(field)) continue;
      const ids = w.foreign.S2;
      const document = buildCall(
        schema,
        'query',
        field,
        { academicYear, idKind: rule.id, overrides: rule.argKinds, idFor: (k) => (k && ids.get(k)?.[0]) || uuidv7() },
        depthOf.get(field) ?? 3,
      );
      const response = await askQuery(document, { token: w.tokensS2.curator }, `${field} as S2's curator, ids of S2`);
      if (
        JSON.stringify(response.body.data ?? null)
          .match(UUID)
          ?.some((id) => w.all.S2.has(id))
      )
        answered.push(field);
    }
    expect(answered).toEqual(expect.arrayContaining(OWN_ANSWERS));
  }, 600_000);

  it("mutations return no foreign object and leave B's, S2's and P2's rows as they were", async () => {
    const before = await foreignFingerprint(app, w);
    const outcome = await sweep('mutation');
    const after = await foreignFingerprint(app, w);
    if (outcome.pending.length) console.log(`pending rules (reported, not failed):\n${outcome.pending.join('\n')}`);
    const changed = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
    // One assertion, so that a failing run shows both the answers and the rows written.
    expect({ problems: outcome.problems, changedForeignRows: changed }).toEqual({ problems: [], changedForeignRows: [] });
  }, 600_000);
});

describe('REST routes', () => {
  async function request(method: 'GET' | 'POST', url: string, token: string | null, header?: string, body?: string) {
    const response = await fetch(`${app.api.url}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(header ? { 'x-district-id': header } : {}),
        ...(body !== undefined ? { 'content-type': body.startsWith('{') ? 'application/json' : 'application/octet-stream' } : {}),
      },
      body,
    });
    calls++;
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: bytes.toString('utf8') };
  }

  it('every route naming an object answers 403/404 to every actor of A for foreign ids, never the file', async () => {
    const problems: string[] = [];
    for (const [name, check] of Object.entries(ROUTES)) {
      if (check.kind !== 'foreign') continue;
      for (const actor of actors) {
        for (const category of actor.foreign) {
          const id = w.foreign[category].get(check.idKind)?.[0];
          if (!id) continue;
          for (const header of [undefined, w.districtB.id]) {
            const answer = await request(check.method, check.path(id, academicYear), actor.token, header, check.body);
            const where = `${name} as ${actor.name}, id of ${category}${header ? ', X-District-Id: B' : ''}`;
            const allowed = header ? [403] : [403, 404];
            // Uploads and imports validate the file before they look up the object: a 400 is a refusal too.
            if (check.method === 'POST' && !header) allowed.push(400);
            if (!allowed.includes(answer.status)) problems.push(`${where}: HTTP ${answer.status} ${answer.contentType} ${answer.text.slice(0, 150)}`);
            const leaked = foreignIn(answer.text.match(UUID) ?? [], actor);
            if (leaked.length) problems.push(`${where}: foreign objects in the answer: ${leaked.join(', ')}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // The same routes serve S2's files to S2's own curator: the refusals above are the scope's.
    const served: string[] = [];
    for (const [name, check] of Object.entries(ROUTES)) {
      const id = check.kind === 'foreign' && check.method === 'GET' ? w.foreign.S2.get(check.idKind)?.[0] : undefined;
      if (check.kind !== 'foreign' || !id) continue;
      const answer = await request('GET', check.path(id, academicYear), w.tokensS2.curator);
      if (answer.status === 200) served.push(name);
    }
    expect(served.sort()).toEqual(
      [
        'GET /attachments/:id',
        'GET /exports/revisions/:id.docx',
        'GET /exports/revisions/:id.pdf',
        'GET /exports/programmes/:id/pairs-order.docx',
        'GET /exports/pairs/:id/planned-meeting.ics',
        'GET /exports/swot.docx?organizationId',
      ].sort(),
    );
  }, 300_000);

  it("public pages: a school's page names nothing of its sibling or of B; another school's roadmap under its path is 404", async () => {
    const sql = (q: string, p: unknown[] = []) => app.orm.em.getConnection().execute(q, p as any[]);
    const inForce = async (schema: string, organizationId: string) =>
      (
        await sql(`select in_force_revision_id::text as id from "${schema}".roadmap where organization_id = ? and in_force_revision_id is not null limit 1`, [
          organizationId,
        ])
      )[0]!.id as string;
    const s2Revision = await inForce(w.districtA.schemaName, w.s2.id);
    const bRevision = await inForce(w.districtB.schemaName, w.b1.id);
    const visitor: Actor = { name: 'anonymous', role: 'mentee', token: '', foreign: ['B', 'S2', 'P2'] };
    const ownPage = await request('GET', `/public/schools/${w.districtA.code}/${w.s1.code}`, null);
    expect(ownPage.status).toBe(200);
    expect(foreignIn(ownPage.text.match(UUID) ?? [], visitor)).toEqual([]);
    const siblingPage = await request('GET', `/public/schools/${w.districtA.code}/${w.s2.code}`, null);
    expect(siblingPage.status).toBe(200);
    expect(foreignIn(siblingPage.text.match(UUID) ?? [], { ...visitor, foreign: ['B', 'P2'] })).toEqual([]);
    // The sibling's own roadmap is public under its own path (the route works)…
    expect((await request('GET', `/public/schools/${w.districtA.code}/${w.s2.code}/roadmaps/${s2Revision}.docx`, null)).status).toBe(200);
    // …and not under S1's, nor is B's under an A school's.
    for (const [school, revision] of [
      [w.s1.code, s2Revision],
      [w.s2.code, bRevision],
    ] as const) {
      for (const format of ['docx', 'pdf']) {
        const answer = await request('GET', `/public/schools/${w.districtA.code}/${school}/roadmaps/${revision}.${format}`, null);
        expect(answer.status, `${school} / ${revision}.${format}`).toBe(404);
      }
    }
  });
});

describe('platform admin', () => {
  it('without X-District-Id it is in no district: tenant data refused, the directory whole', async () => {
    const admin = await app.tokenFor('platform-admin', [], 'admin');
    for (const query of ['{ programmes { items { id } } }', '{ campaigns { items { id } } }', '{ roadmaps { items { id } } }']) {
      const response = await app.gql(query, { token: admin });
      calls++;
      expect(errorCodes(response), query).toEqual(['FORBIDDEN']);
      expect(response.body.data ?? null, query).toBeNull();
    }
    const districts = await app.gql('{ districts(page: { limit: 100 }) { items { id } } }', { token: admin });
    calls++;
    const ids = districts.body.data!.districts.items.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining([w.districtA.id, w.districtB.id]));
    // Naming B, it works in B and sees B's programme (the same query is not simply broken).
    const inB = await app.gql('{ programmes { items { id } } }', { token: admin, headers: { 'x-district-id': w.districtB.id } });
    calls++;
    expect(inB.body.errors).toBeUndefined();
    expect(inB.body.data!.programmes.items.map((p: { id: string }) => p.id)).toEqual(w.foreign.B.get('programme'));
  });
});

describe('region coordinator and minors', () => {
  it("no query shows the coordinator a minor's name, birth date or representative in its own region", async () => {
    const coordinator = actors.find((a) => a.role === 'region-coordinator')!;
    const sql = (q: string, p: unknown[] = []) => app.orm.em.getConnection().execute(q, p as any[]);
    // Minors of A's district (S2's pupils): the strings that must not reach the coordinator.
    const minors = await sql(
      `select p.last_name, p.first_name, p.birth_date::text as birth_date, c.representative_name
         from "${w.districtA.schemaName}".participant p left join "${w.districtA.schemaName}".participant_consent c on c.participant_id = p.id
        where p.birth_date > current_date - interval '18 years' and not p.anonymized`,
    );
    expect(minors.length).toBeGreaterThan(0);
    const secrets = [...new Set(minors.flatMap((m: any) => [m.last_name, m.birth_date, m.representative_name].filter(Boolean) as string[]))];
    const problems: string[] = [];
    let answered = 0;
    let seenByOwnCurator = 0;
    for (const field of fields('query')) {
      const rule = OPERATIONS[field]!;
      if (!rule.roles.includes('region-coordinator')) continue;
      const ids = w.foreign.S2;
      const document = buildCall(
        schema,
        'query',
        field,
        {
          academicYear,
          idKind: rule.id,
          overrides: rule.argKinds,
          idFor: (kind) => (kind && ids.get(kind)?.[0]) || uuidv7(),
        },
        depthOf.get(field) ?? 3,
      );
      const response = await askQuery(document, { token: coordinator.token, headers: { 'x-district-id': w.districtA.id } }, `${field} as the coordinator`);
      if (response.body.data && Object.values(response.body.data).some((v) => v !== null)) answered++;
      const text = JSON.stringify(response.body.data ?? null);
      const shown = secrets.filter((s) => text.includes(s));
      if (shown.length) problems.push(`${field}: ${shown.join(', ')}`);
      // The same call by S2's own curator does show them (the strings are the right ones).
      const own = await app.gql(document, { token: w.tokensS2.curator });
      calls++;
      if (secrets.some((s) => JSON.stringify(own.body.data ?? null).includes(s))) seenByOwnCurator++;
    }
    expect(seenByOwnCurator, "S2's curator sees its pupils through some of these queries").toBeGreaterThan(0);
    expect(answered, 'the coordinator reads its own district (the check is not empty)').toBeGreaterThan(10);
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('compiled queries', () => {
  it('every query call above answered the same on graphql-js: status, data, errors and their messages', () => {
    expect(answeredDifferently).toEqual([]);
    expect(comparedAlike, 'the sweeps compared their query calls').toBeGreaterThan(1000);
  });
});

describe('neighbours', () => {
  it("the demo's Sibay, the template of side A, is left as seeded", async () => {
    expect(await schemaDigest(app, 'district_sibay')).toBe(demoBefore);
  });
});
