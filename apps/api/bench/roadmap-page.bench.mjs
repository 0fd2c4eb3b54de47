// The roadmap page (issue 14, goal 1): the admin's `RevisionView` query as the admin sends it (its
// codegen document, printed, __typename added as Apollo Client's cache does) against a hand-written
// endpoint that the bench starts itself — node:http + pg, ONE statement building the same JSON with
// json_agg, the same jose token verification against the same JWKS. Runs over dist/ (build first).
//
// A fresh database on DATABASE_URL's server (dropped at the end), else an embedded PostgreSQL in a
// temp dir; the demo directory (seedDemo) and, in Sibay's gimnaziya, three roadmaps whose draft
// amendment has 10, 60 and 200 items (comments on the agreed revision and on the draft, execution
// marks), written with SQL. Tokens: the demo curator through the embedded idp's password grant.
// Each server runs in its own process (this file forked with a role); the driver here keeps 10
// requests in flight over keep-alive, the two servers alternate run by run (in pairs, the order
// alternating), medians are printed; the ratio is the median of the pairs' ratios.
// Exit 1 when a ratio (API time / hand-written time) is over 1.5 or a page costs more than 5 statements.
import { fork } from 'node:child_process';
import { deepStrictEqual } from 'node:assert/strict';
import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = (process.env.BENCH_ROADMAP_SIZES ?? '10,60,200').split(',').map(Number);
const CONCURRENCY = 10;
const RUNS = Number(process.env.BENCH_ROADMAP_RUNS ?? 7);
const RUN_MS = Number(process.env.BENCH_ROADMAP_RUN_MS ?? 1500);
const MAX_RATIO = 1.5;
const MAX_STATEMENTS = 5;
const TODAY = '2025-10-15';
const self = fileURLToPath(import.meta.url);

// ————— the API, from dist/, counting its statements —————

async function serveApi() {
  const { createOrm, loadConfig, startApiServer } = await import('../dist/index.js');
  const { pino } = await import('pino');
  let statements = 0;
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    KEYCLOAK_URL: process.env.BENCH_IDP_URL,
    LOG_LEVEL: 'silent',
    DB_POOL_MAX: '10',
    KPI_REFRESH_INTERVAL_SECONDS: '0',
    JOBS_ENABLED: 'false',
  });
  const orm = await createOrm(config, {
    onQuery: (sql) => {
      statements++;
      if (process.env.BENCH_LOG_SQL) console.log(sql);
    },
  });
  const clock = { today: () => TODAY, now: () => new Date() };
  const api = await startApiServer({ config, orm, port: 0, logger: pino({ level: 'silent' }), clock });
  process.on('message', (message) => {
    if (message === 'reset') statements = 0;
    if (message === 'reset' || message === 'read') process.send({ statements });
    if (message === 'stop') api.stop().then(() => orm.close().then(() => process.exit(0)));
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ url: `${api.url}/graphql` });
}

// ————— the hand-written endpoint —————

/** One statement: the revision (within the curator's schools), its roadmap, the district's settings, sections, items, comments and marks as JSON. */
const HAND_SQL = (schema) => `
with rev as (
  select v.*, r.level, r.organization_id, r.latest_revision_id, r.id as rid
  from "${schema}".roadmap_revision v join "${schema}".roadmap r on r.id = v.roadmap_id
  where v.id = $1 and r.level = 'school' and r.organization_id = any(
    select o.id from core.organization o join core.district d on d.id = o.district_id where d.code = $2 and o.code = any($3))
),
cm as (
  select c.*, v.number as revision_number from "${schema}".review_comment c
  join "${schema}".roadmap_revision v on v.id = c.revision_id
  where c.roadmap_id = (select rid from rev)
)
select json_build_object(
  'id', rev.id, 'number', rev.number, 'state', rev.state, 'version', rev.version, 'level', rev.level,
  'organizationId', rev.organization_id, 'latestRevisionId', rev.latest_revision_id, 'roadmapId', rev.rid,
  'title', rev.title, 'programmeName', rev.programme_name, 'periodStart', rev.period_start, 'periodEnd', rev.period_end,
  'createdAt', to_char(rev.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'createdByName', rev.created_by_name,
  'updatedAt', to_char(rev.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'approval', rev.approval, 'agreement', rev.agreement,
  'whoAgrees', (select s.who_agrees from "${schema}".district_settings s where s.id = 1),
  'basedOn', (select json_build_object('id', b.id, 'number', b.number) from "${schema}".roadmap_revision b where b.id = rev.based_on_id),
  'supersedes', (select json_build_object('id', b.id, 'number', b.number) from "${schema}".roadmap_revision b where b.id = rev.supersedes_id),
  'comments', (select coalesce(json_agg(json_build_object(
      'id', cm.id, 'body', cm.body, 'itemKey', cm.item_key, 'revisionId', cm.revision_id, 'revisionNumber', cm.revision_number,
      'authorName', cm.author_name, 'authorPosition', cm.author_position, 'authorRole', cm.author_role, 'action', cm.action,
      'createdAt', to_char(cm.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'parentId', cm.parent_id, 'resolvedAt', to_char(cm.resolved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'resolvedByName', cm.resolved_by_name, 'authorUserId', cm.author_user_id) order by cm.created_at, cm.id), '[]') from cm),
  'sections', (select coalesce(json_agg(json_build_object('id', s.id, 'key', s.key, 'title', s.title, 'task', s.task, 'result', s.result) order by s.position, s.id), '[]')
      from "${schema}".roadmap_section s where s.revision_id = rev.id),
  'items', (select coalesce(json_agg(json_build_object(
      'id', i.id, 'key', i.key, 'sectionId', i.section_id, 'position', i.position, 'number', i.number, 'activity', i.activity, 'content', i.content,
      'deadlineText', i.deadline_text, 'deadline', i.deadline, 'responsible', i.responsible, 'expectedResult', i.expected_result, 'indicator', i.indicator,
      'execution', (select json_build_object('id', e.id, 'done', e.done, 'doneOn', e.done_on, 'documentNumber', e.document_number,
          'documentDate', e.document_date, 'note', e.note, 'url', e.url, 'attachmentId', e.attachment_id,
          'markedAt', to_char(e.marked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'markedByName', e.marked_by_name)
        from "${schema}".item_execution e where e.roadmap_id = rev.rid and e.item_key = i.key)
    ) order by i.position, i.id), '[]') from "${schema}".roadmap_item i where i.revision_id = rev.id)
) as page
from rev`;

const upperSnake = (value) =>
  value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();

async function serveHand() {
  const domain = await import('@nastavnik/domain');
  const { createRemoteJWKSet, jwtVerify } = await import('jose');
  const pg = (await import('pg')).default;
  const issuer = `${process.env.BENCH_IDP_URL}/realms/nastavnik`;
  const jwks = createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`));
  const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
  const schema = process.env.BENCH_SCHEMA;
  const districtCode = process.env.BENCH_DISTRICT;
  const sql = HAND_SQL(schema);
  const typed = (typename, value) => (value === null ? null : { __typename: typename, ...value });
  function page(p, grants, userId) {
    const roadmap = { level: p.level, organizationId: p.organizationId };
    // The curator's school grants are all within the roadmap's school (the statement's scope).
    const roles = [...new Set(grants.filter((g) => domain.SCHOOL_STAFF_ROLES.includes(g.role)).map((g) => g.role))];
    const latest = p.latestRevisionId === p.id;
    const settings = p.whoAgrees ? { whoAgrees: p.whoAgrees } : { ...domain.DEFAULT_APPROVAL_SETTINGS };
    const authors = roles.filter((r) => domain.allowedActions('draft', r, roadmap.level).includes('submitToDirector'));
    // A comment's thread rights (issue 15), as the API's commentRights decides them.
    const reviewers = roles.filter((r) => (p.level === 'school' ? domain.DISTRICT_STAFF_ROLES.includes(r) : r === 'region-coordinator'));
    const participants = roles.filter((r) => !(p.level === 'school' && r === 'region-coordinator'));
    const comment = ({ authorUserId, ...c }) => {
      const topLevel = c.parentId === null;
      const resolved = c.resolvedAt !== null;
      return typed('ReviewComment', {
        ...c,
        authorRole: upperSnake(c.authorRole),
        canReply: participants.length > 0,
        canResolve: topLevel && !resolved && (authorUserId === userId || authors.length > 0),
        canReopen: topLevel && resolved && reviewers.length > 0,
      });
    };
    const today = TODAY;
    const commentsOf = (revisionId) => p.comments.filter((c) => c.revisionId === revisionId).map(comment);
    const bySection = new Map(p.sections.map((s) => [s.id, []]));
    for (const item of p.items) bySection.get(item.sectionId)?.push(item);
    const domainSections = p.sections.map((s, position) => ({
      id: s.key,
      position,
      title: s.title,
      task: s.task,
      result: s.result,
      items: bySection.get(s.id).map((i) => ({ ...i, id: i.key, done: false, doneOn: null, evidence: [] })),
    }));
    const sectionKeyOf = new Map(p.sections.map((s) => [s.id, s.key]));
    const item = (i) => {
      const d = i.deadline;
      const done = i.execution?.done ?? false;
      return {
        __typename: 'RoadmapItem',
        id: i.id,
        key: i.key,
        sectionKey: sectionKeyOf.get(i.sectionId),
        number: i.number,
        activity: i.activity,
        content: i.content,
        deadlineText: i.deadlineText,
        responsible: i.responsible,
        expectedResult: i.expectedResult,
        indicator: i.indicator,
        deadline: {
          __typename: 'ItemDeadline',
          kind: d.kind,
          original: d.original,
          description: domain.describeDeadlineRu(d),
          reason: d.reason ?? null,
          due: d.due ?? null,
        },
        nextDueDate: domain.nextDueDate(d, today),
        done,
        overdue: domain.isOverdue(d, today, done),
        execution: i.execution
          ? (({ attachmentId, ...e }) => typed('ItemExecution', { ...e, attachment: attachmentId ? { unsupported: attachmentId } : null }))(i.execution)
          : null,
        comments: p.comments.filter((c) => c.itemKey === i.key).map(comment),
      };
    };
    return {
      roadmapRevision: {
        __typename: 'RoadmapRevision',
        id: p.id,
        number: p.number,
        state: upperSnake(p.state),
        stateLabel: domain.roadmapStateLabelRu(p.state, p.level),
        version: p.version,
        editable: domain.isEditable(p.state) && latest && authors.length > 0,
        inForce: domain.isInForce(p.state),
        allowedActions: latest ? domain.actorAllowedActions({ roles, coversRoadmap: roles.length > 0 }, p.state, p.level, settings).map(upperSnake) : [],
        itemsCount: p.items.length,
        // Open remarks of the whole roadmap, replies aside (the API's openCommentCount).
        openCommentCount: p.comments.filter((c) => c.parentId === null && c.resolvedAt === null).length,
        title: p.title,
        programmeName: p.programmeName,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        createdAt: p.createdAt,
        createdByName: p.createdByName,
        updatedAt: p.updatedAt,
        approval: typed('ApprovalBlock', p.approval),
        agreement: typed('AgreementBlock', p.agreement),
        basedOn: p.basedOn ? { __typename: 'RoadmapRevision', ...p.basedOn, comments: commentsOf(p.basedOn.id) } : null,
        supersedes: typed('RoadmapRevision', p.supersedes),
        comments: commentsOf(p.id),
        warnings: domain
          .validateSections(domainSections)
          .filter((issue) => issue.severity === 'warning')
          .map((w) => ({ __typename: 'ValidationIssue', field: w.field, message: w.message, severity: w.severity })),
        sections: p.sections.map((s) => ({ __typename: 'RoadmapSection', ...s, items: bySection.get(s.id).map(item) })),
        roadmap: { __typename: 'Roadmap', id: p.roadmapId },
      },
    };
  }

  const server = http.createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const match = /^Bearer\s+([A-Za-z0-9_\-.=]+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!match) throw Object.assign(new Error('unauthenticated'), { status: 401 });
      const { payload } = await jwtVerify(match[1], jwks, { issuer, audience: 'api', requiredClaims: ['exp', 'sub'], clockTolerance: 5 });
      // The token's school grants: the role at the groups of a school (…/district/school).
      const grants = domain.grantsFromToken(payload.resource_access?.api?.roles ?? [], payload.groups ?? []);
      const schoolGrants = grants.filter((g) => g.scope.kind === 'organization' && g.scope.districtCode === districtCode);
      const { rows } = await pool.query(sql, [variables.id, districtCode, schoolGrants.map((g) => g.scope.organizationCode)]);
      const data = rows[0] ? page(rows[0].page, schoolGrants, payload.sub) : { roadmapRevision: null };
      const body = JSON.stringify({ data });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      res.writeHead(error.status ?? 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: String(error.message) }] }));
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('message', (message) => {
    if (message === 'reset' || message === 'read') process.send({ statements: 1 });
    if (message === 'stop') server.close(() => pool.end().then(() => process.exit(0)));
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ url: `http://127.0.0.1:${server.address().port}/graphql` });
}

// ————— the driver —————

/** The admin's RevisionView as its Apollo Client sends it: the codegen document, printed, with __typename in every selection but the root. */
async function revisionViewQuery() {
  const { print, visit, Kind } = await import('graphql');
  const source = await readFile(path.join(path.dirname(self), '../../admin/src/gql/graphql.ts'), 'utf8');
  const json = /export const RevisionViewDocument = (\{.*?\}) as unknown as DocumentNode/.exec(source)?.[1];
  if (!json) throw new Error('RevisionViewDocument not found in apps/admin/src/gql/graphql.ts');
  const typename = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
  const document = visit(JSON.parse(json), {
    SelectionSet(node, _key, parent) {
      if (parent && !Array.isArray(parent) && parent.kind === Kind.OPERATION_DEFINITION) return undefined;
      if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
      return { ...node, selections: [...node.selections, typename] };
    },
  });
  return print(document);
}

function startServer(kind, env) {
  // BENCH_PROFILE=<dir>: a CPU profile of each server process, in <dir>/api and <dir>/hand (written when it stops).
  const execArgv = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}/${kind}`] : [];
  // NODE_ENV=production as the API's image runs it (and the trivial-query bench): libraries such as
  // graphql-js take their development-only checks otherwise.
  const child = fork(self, [kind], {
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  const ask = (message) =>
    new Promise((resolve) => {
      child.once('message', resolve);
      child.send(message);
    });
  return { child, ready, ask, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.send('stop'))) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url, body, token) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds (user + system) a process has used so far (Linux; NaN elsewhere). */
async function cpuSeconds(pid) {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds of the PostgreSQL both endpoints query: the embedded server's postmaster (found by its
 * data directory) and its children; with DATABASE_URL, every postgres process on this machine.
 */
async function postgresCpuSeconds(dataDir) {
  const stats = new Map();
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (!stat.includes('(postgres)')) continue;
    stats.set(entry, stat.split(') ')[1].split(' '));
  }
  let postmaster;
  if (dataDir) {
    for (const pid of stats.keys()) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes(dataDir)) postmaster = pid;
    }
  }
  let total = 0;
  for (const [pid, fields] of stats) {
    if (postmaster && pid !== postmaster && fields[1] !== postmaster) continue;
    total += (Number(fields[11]) + Number(fields[12])) / 100;
  }
  return total;
}

/**
 * One timed run, with the server's and PostgreSQL's CPU per request beside req/s: on a busy
 * machine req/s moves with whatever else runs, CPU per request much less.
 */
async function measure(url, body, token, pid, dataDir) {
  const before = [await cpuSeconds(pid), await postgresCpuSeconds(dataDir)];
  const run = await drive(url, body, token);
  const after = [await cpuSeconds(pid), await postgresCpuSeconds(dataDir)];
  return { ...run, cpuMs: ((after[0] - before[0]) * 1000) / run.requests, pgMs: ((after[1] - before[1]) * 1000) / run.requests };
}

/** Keeps CONCURRENCY requests in flight for RUN_MS: requests per second and the 95th percentile latency. */
async function drive(url, body, token) {
  const latencies = [];
  const started = performance.now();
  const until = started + RUN_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await post(url, body, token);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text.slice(0, 300)}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { rps: (latencies.length / elapsed) * 1000, p95: latencies[Math.floor(latencies.length * 0.95)], requests: latencies.length };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const DEADLINES = [
  'до 20.09.2025',
  'Октябрь',
  'В течение года',
  'Сентябрь, январь',
  'конец учебного года',
  'по отдельному графику',
  'ноябрь 2025 года',
  'в срок',
];

/** A school roadmap: revision 1 agreed (comments), revision 2 its draft amendment with `count` items in three sections (comments, marks). */
async function seedRoadmap(conn, schema, organizationId, count, n) {
  const { parseDeadline } = await import('@nastavnik/domain');
  const { v7: uuid } = await import('uuid');
  const period = { periodStart: '2025-09-01', periodEnd: '2026-08-31' };
  const roadmapId = uuid();
  const rev1 = uuid();
  const rev2 = uuid();
  const q = (sql, params) => conn.execute(sql, params);
  await q(
    `insert into "${schema}".roadmap (id, level, organization_id, latest_revision_id, in_force_revision_id, created_by_user_id, created_by_name) values (?, 'school', ?, ?, ?, 'bench', 'Исхакова Л. Ф.')`,
    [roadmapId, organizationId, rev2, rev1],
  );
  const approval = JSON.stringify({
    position: 'Директор',
    organization: 'МОБУ «Гимназия»',
    name: 'И. И. Варламова',
    date: '2025-09-10',
    orderNumber: '12',
    orderDate: '2025-09-10',
  });
  const agreement = JSON.stringify({ position: 'Начальник', authority: 'Управление образования', name: 'А. А. Ахметов', date: '2025-09-20' });
  for (const [id, number, state, basedOn, supersedes] of [
    [rev1, 1, 'agreed', null, null],
    [rev2, 2, 'draft', rev1, rev1],
  ]) {
    await q(
      `insert into "${schema}".roadmap_revision (id, roadmap_id, number, state, version, based_on_id, supersedes_id, title, programme_name, period_start, period_end, approval, agreement, created_by_user_id, created_by_name)
       values (?, ?, ?, ?, 3, ?, ?, ?, ?, '2025-09-01', '2026-08-31', ?, ?, 'bench', 'Исхакова Л. Ф.')`,
      [
        id,
        roadmapId,
        number,
        state,
        basedOn,
        supersedes,
        `Дорожная карта ${n}`,
        `Вместе ${count}`,
        number === 1 ? approval : null,
        number === 1 ? agreement : null,
      ],
    );
  }
  const keys = [];
  const per = Math.ceil(count / 3);
  for (let s = 0; s < 3; s++) {
    const sectionId = uuid();
    await q(`insert into "${schema}".roadmap_section (id, revision_id, key, position, title, task, result) values (?, ?, ?, ?, ?, ?, ?)`, [
      sectionId,
      rev2,
      uuid(),
      s,
      ['Подготовительный этап', 'Основной этап', 'Завершающий этап'][s],
      'Задача этапа: организовать работу',
      'Результат: проведено',
    ]);
    for (let i = s * per; i < Math.min(count, (s + 1) * per); i++) {
      const key = uuid();
      keys.push(key);
      const text = DEADLINES[i % DEADLINES.length];
      const deadline = parseDeadline(text, period);
      await q(
        `insert into "${schema}".roadmap_item (id, revision_id, section_id, key, position, number, activity, content, deadline_text, deadline, due_date, responsible, expected_result, indicator)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          uuid(),
          rev2,
          sectionId,
          key,
          i - s * per,
          `${s + 1}.${i + 1}`,
          `Мероприятие ${i + 1}`,
          `Содержание мероприятия ${i + 1}`,
          text,
          JSON.stringify(deadline),
          deadline.due ?? null,
          'Куратор',
          'Приказ',
          'Доля участников',
        ],
      );
      if (i % 3 === 0) {
        await q(
          `insert into "${schema}".item_execution (id, roadmap_id, item_key, done, done_on, document_number, document_date, note, url, marked_by_user_id, marked_by_name) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', 'Исхакова Л. Ф.')`,
          [uuid(), roadmapId, key, i % 2 === 0, '2025-10-01', `приказ № ${i}`, '2025-10-01', 'Проведено', i % 6 === 0 ? 'https://example.org/report' : null],
        );
      }
    }
  }
  let at = Date.parse('2025-09-05T10:00:00Z');
  const comment = (revisionId, itemKey, body, action) =>
    q(
      `insert into "${schema}".review_comment (id, roadmap_id, revision_id, item_key, body, action, author_user_id, author_name, author_position, author_role, created_at) values (?, ?, ?, ?, ?, ?, 'bench', 'Ахметов А. А.', 'Специалист', 'district-officer', ?)`,
      [uuid(), roadmapId, revisionId, itemKey, body, action, new Date((at += 60_000))],
    );
  await comment(rev1, null, 'В целом замечаний нет', 'comment');
  for (const key of keys.slice(0, 3)) await comment(rev1, key, 'Уточните срок', 'return');
  for (const key of keys.slice(3, 6)) await comment(rev2, key, 'Уточните ответственного', 'comment');
  await comment(rev2, null, 'Исправьте раздел 2', 'comment');
  return rev2;
}

async function main() {
  const api = await import('../dist/index.js');
  const { startIdp } = await import('@nastavnik/idp');
  let embedded;
  let tempDir;
  let serverUrl = process.env.DATABASE_URL?.trim() || undefined;
  const name = `nastavnik_bench_roadmap_${Date.now().toString(36)}`;
  let orm;
  let idp;
  let pgDataDir;
  const servers = [];
  let exitCode = 0;
  try {
    if (!serverUrl) {
      tempDir = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-bench-'));
      pgDataDir = path.join(tempDir, 'pg');
      embedded = await api.startEmbeddedPostgres({ dataDir: pgDataDir, database: 'postgres' });
      serverUrl = embedded.url;
    }
    await api.createDatabase(serverUrl, name);
    const databaseUrl = api.databaseUrl(serverUrl, name);
    orm = await api.createOrm(api.loadConfig({ NODE_ENV: 'development', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }));
    const report = await api.migrateAll(orm);
    if (report.failed.length) throw new Error(`migrations failed: ${JSON.stringify(report.failed)}`);
    await api.seedDemo(orm, { today: TODAY });
    const conn = orm.em.getConnection();
    const [school] = await conn.execute(
      `select o.id, d.schema_name, d.code from core.organization o join core.district d on d.id = o.district_id where d.code = 'sibay' and o.code = 'gimnaziya'`,
    );
    const revisions = [];
    for (const [n, size] of SIZES.entries()) revisions.push(await seedRoadmap(conn, school.schema_name, school.id, size, n + 1));

    idp = await startIdp({ port: 0 });
    const token = (await idp.passwordGrant('gimnaziya.curator', 'demo')).access_token;
    const env = { BENCH_DATABASE_URL: databaseUrl, BENCH_IDP_URL: idp.url, BENCH_SCHEMA: school.schema_name, BENCH_DISTRICT: school.code };
    const apiServer = startServer('api', env);
    const handServer = startServer('hand', env);
    servers.push(apiServer, handServer);
    const [apiUrl, handUrl] = await Promise.all([apiServer.ready, handServer.ready]);
    const query = await revisionViewQuery();

    const rows = [];
    const problems = [];
    for (const [n, size] of SIZES.entries()) {
      const body = JSON.stringify({ operationName: 'RevisionView', query, variables: { id: revisions[n] } });
      const apiAnswer = await post(apiUrl, body, token);
      // Statements of a page once the process is warm (the first request also loads what every request shares).
      await apiServer.ask('reset');
      await post(apiUrl, body, token);
      const { statements } = await apiServer.ask('read');
      const handAnswer = await post(handUrl, body, token);
      const apiJson = JSON.parse(apiAnswer.text);
      const handJson = JSON.parse(handAnswer.text);
      if (apiJson.errors) throw new Error(`API answered errors: ${JSON.stringify(apiJson.errors).slice(0, 500)}`);
      const items = apiJson.data.roadmapRevision.sections.reduce((sum, s) => sum + s.items.length, 0);
      if (items !== size) throw new Error(`expected ${size} items, the API returned ${items}`);
      // The baseline is honest only if it answers the same page.
      deepStrictEqual(handJson, apiJson);
      const apiRuns = [];
      const handRuns = [];
      await drive(apiUrl, body, token); // warm-up (JIT, pools)
      await drive(handUrl, body, token);
      // Runs in pairs, the order alternating (API first, then hand first…): whatever else loads the
      // machine changes both runs of a pair alike, and the ratio is the median of the pairs' ratios.
      for (let run = 0; run < RUNS; run++) {
        const api = () => measure(apiUrl, body, token, apiServer.child.pid, pgDataDir);
        const hand = () => measure(handUrl, body, token, handServer.child.pid, pgDataDir);
        if (run % 2 === 0) {
          apiRuns.push(await api());
          handRuns.push(await hand());
        } else {
          handRuns.push(await hand());
          apiRuns.push(await api());
        }
      }
      const row = {
        size,
        statements,
        apiRps: median(apiRuns.map((r) => r.rps)),
        apiP95: median(apiRuns.map((r) => r.p95)),
        handRps: median(handRuns.map((r) => r.rps)),
        handP95: median(handRuns.map((r) => r.p95)),
        apiCpu: median(apiRuns.map((r) => r.cpuMs)),
        apiPg: median(apiRuns.map((r) => r.pgMs)),
        handCpu: median(handRuns.map((r) => r.cpuMs)),
        handPg: median(handRuns.map((r) => r.pgMs)),
      };
      const ratios = apiRuns.map((run, i) => handRuns[i].rps / run.rps);
      row.ratio = median(ratios);
      row.ratioMin = Math.min(...ratios);
      row.ratioMax = Math.max(...ratios);
      rows.push(row);
      if (row.ratio > MAX_RATIO) problems.push(`${size} items: the API takes ${row.ratio.toFixed(2)}× the hand-written time (goal ≤ ${MAX_RATIO})`);
      if (statements > MAX_STATEMENTS) problems.push(`${size} items: ${statements} SQL statements (goal ≤ ${MAX_STATEMENTS})`);
    }

    console.log(
      `roadmap page (RevisionView as the admin sends it) — concurrency ${CONCURRENCY}, keep-alive, ${RUNS} pairs of interleaved runs of ${RUN_MS} ms, medians`,
    );
    console.log('items | statements | API req/s | API p95 ms | hand req/s | hand p95 ms | ratio (time API / hand; pairs min–max)');
    for (const r of rows) {
      console.log(
        `${String(r.size).padStart(5)} | ${String(r.statements).padStart(10)} | ${r.apiRps.toFixed(0).padStart(9)} | ${r.apiP95.toFixed(1).padStart(10)} | ${r.handRps.toFixed(0).padStart(10)} | ${r.handP95.toFixed(1).padStart(11)} | ${r.ratio.toFixed(2)} (${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)})`,
      );
    }
    // Where the time goes (not part of the verdict): CPU per request of each server process and of PostgreSQL.
    console.log('items | API CPU ms/req | its PostgreSQL ms/req | hand CPU ms/req | its PostgreSQL ms/req');
    for (const r of rows) {
      console.log(
        `${String(r.size).padStart(5)} | ${r.apiCpu.toFixed(2).padStart(14)} | ${r.apiPg.toFixed(2).padStart(21)} | ${r.handCpu.toFixed(2).padStart(15)} | ${r.handPg.toFixed(2).padStart(21)}`,
      );
    }
    if (problems.length) {
      console.error(`FAIL: ${problems.join('; ')}`);
      exitCode = 1;
    } else console.log(`OK: ≤ ${MAX_RATIO}× the hand-written endpoint and ≤ ${MAX_STATEMENTS} statements at every size`);
  } catch (error) {
    console.error(error);
    exitCode = 1;
  } finally {
    agent.destroy();
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
    await idp?.stop().catch(() => undefined);
    await orm?.close().catch(() => undefined);
    if (embedded) {
      await embedded.stop().catch(() => undefined);
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    } else if (serverUrl) {
      await api_dropDatabase(serverUrl, name);
    }
  }
  process.exit(exitCode);
}

async function api_dropDatabase(serverUrl, name) {
  const { dropDatabase } = await import('../dist/index.js');
  await dropDatabase(serverUrl, name).catch(() => undefined);
}

// Last: the functions above use constants declared further down the file.
const role = process.argv[2];
if (role === 'api') await serveApi();
else if (role === 'hand') await serveHand();
else await main();
