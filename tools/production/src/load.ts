/**
 * A mixed read/write GraphQL load with bounded concurrency: real operations of the admin with real
 * demo tokens, through nginx. A request fails when it gets no answer, an HTTP status other than
 * 200, or a GraphQL `errors` entry.
 */
import { academicYearOf } from '@nastavnik/domain';

export interface Operation {
  name: string;
  /** How many of every `sum of weights` requests are this one. */
  weight: number;
  token: string;
  query: string;
  variables?: (n: number) => Record<string, unknown>;
}

export interface LoadResult {
  total: number;
  failed: number;
  byOperation: Record<string, { total: number; failed: number }>;
  /** Milliseconds of each request, in completion order. */
  latencies: number[];
  durationMs: number;
  /** The first failures, for the report. */
  samples: string[];
}

export interface LoadOptions {
  graphqlUrl: string;
  concurrency: number;
  operations: Operation[];
  /** Asked before each request: false ends the worker. */
  keepGoing: (done: number, elapsedMs: number) => boolean;
  /** Called after each completed request (e.g. to kill a replica when a quarter is done). */
  onProgress?: (done: number) => void;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  // Deterministic mix: the weights laid out once, walked round-robin.
  const schedule = options.operations.flatMap((op) => Array.from({ length: op.weight }, () => op));
  const result: LoadResult = { total: 0, failed: 0, byOperation: {}, latencies: [], durationMs: 0, samples: [] };
  for (const op of options.operations) result.byOperation[op.name] = { total: 0, failed: 0 };
  const started = performance.now();
  let issued = 0;

  async function one(op: Operation, n: number): Promise<void> {
    const t0 = performance.now();
    let failure: string | null = null;
    try {
      const response = await fetch(options.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${op.token}` },
        body: JSON.stringify({ query: op.query, variables: op.variables?.(n) ?? {} }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (response.status !== 200) failure = `${op.name}: HTTP ${response.status} ${text.slice(0, 200)}`;
      else {
        const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string }> };
        if (body.errors?.length || !body.data) failure = `${op.name}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`;
      }
    } catch (error) {
      failure = `${op.name}: ${error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error)}`;
    }
    result.latencies.push(performance.now() - t0);
    result.total++;
    result.byOperation[op.name]!.total++;
    if (failure) {
      result.failed++;
      result.byOperation[op.name]!.failed++;
      if (result.samples.length < 20) result.samples.push(failure);
    }
    options.onProgress?.(result.total);
  }

  async function worker(): Promise<void> {
    while (options.keepGoing(issued, performance.now() - started)) {
      const n = issued++;
      await one(schedule[n % schedule.length]!, n);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  result.durationMs = performance.now() - started;
  return result;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summary(result: LoadResult) {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return {
    requests: result.total,
    failed: result.failed,
    errorPercent: result.total ? (100 * result.failed) / result.total : 0,
    requestsPerSecond: result.total / (result.durationMs / 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

async function gql<T>(graphqlUrl: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!response.ok || body.errors || !body.data) throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/**
 * The operations of the mixed load, about three reads to one write: the signed-in user, the
 * district's roadmap list, dashboard and a curator's inbox; a school's news created and one news
 * item rewritten (both valid to repeat any number of times).
 */
export async function mixedOperations(graphqlUrl: string, token: (username: string) => Promise<string>): Promise<Operation[]> {
  const officer = await token('sibay.officer');
  const curator = await token('gimnaziya.curator');
  const director = await token('gimnaziya.director');
  const me = await gql<{ me: { grants: Array<{ organization: { id: string } | null }> } }>(
    graphqlUrl,
    curator,
    'query { me { grants { organization { id } } } }',
  );
  const organizationId = me.me.grants.find((grant) => grant.organization)?.organization?.id;
  if (!organizationId) throw new Error('gimnaziya.curator has no organization grant');
  const created = await gql<{ createSchoolNews: { id: string } }>(graphqlUrl, curator, CREATE_NEWS, {
    organizationId,
    input: { title: 'Нагрузочный прогон: правка', body: 'Текст новости.', published: false },
  });
  const newsId = created.createSchoolNews.id;
  const academicYear = academicYearOf(new Date());
  return [
    { name: 'me', weight: 3, token: officer, query: 'query Me { me { id username displayName roles grants { role scopeKind } } }' },
    { name: 'roadmaps', weight: 2, token: officer, query: 'query Roadmaps { roadmaps(page: { limit: 20 }) { total items { id } } }' },
    {
      name: 'districtDashboard',
      weight: 1,
      token: officer,
      query: 'query Dashboard($year: String!) { districtDashboard(academicYear: $year, page: { limit: 20 }) { districtName asOf schools { total } } }',
      variables: () => ({ year: academicYear }),
    },
    { name: 'inbox', weight: 2, token: director, query: 'query Inbox { inbox { toApprove { id } returned { id } } }' },
    {
      name: 'createSchoolNews',
      weight: 1,
      token: curator,
      query: CREATE_NEWS,
      variables: (n) => ({ organizationId, input: { title: `Нагрузочный прогон №${n}`, body: 'Черновик новости из нагрузочного прогона.', published: false } }),
    },
    {
      name: 'updateSchoolNews',
      weight: 1,
      token: curator,
      query: 'mutation UpdateNews($id: ID!, $input: SchoolNewsInput!) { updateSchoolNews(id: $id, input: $input) { id updatedAt } }',
      variables: (n) => ({ id: newsId, input: { title: 'Нагрузочный прогон: правка', body: `Правка №${n}.`, published: false } }),
    },
  ];
}

const CREATE_NEWS =
  'mutation CreateNews($organizationId: ID!, $input: SchoolNewsInput!) { createSchoolNews(organizationId: $organizationId, input: $input) { id } }';
