/**
 * The API under the production topology (nginx → two replicas → PgBouncer → PostgreSQL): the
 * mixed read/write load of load.ts at concurrency 20 for 60 s through nginx. Prints requests/s,
 * p50/p95/p99 latency, the error rate and each API process's resident memory (peak and at the end).
 * A figure, not a timed test: the exit code is non-zero when the topology does not start or an API
 * process's peak resident memory passes issue 14's goal (400 MB, BENCH_RSS_GOAL_MB).
 *
 *   node src/run.mjs bench      BENCH_CONCURRENCY (20), BENCH_SECONDS (60),
 *                               BENCH_API_NODE_OPTIONS (the API image's, i.e. its heap limit)
 */
import { mixedOperations, runLoad, summary } from './load.ts';
import { API_IMAGE_NODE_OPTIONS, startTopology } from './topology.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RSS_GOAL_MB = Number(process.env.BENCH_RSS_GOAL_MB ?? 400);
const API_NODE_OPTIONS = process.env.BENCH_API_NODE_OPTIONS ?? API_IMAGE_NODE_OPTIONS;
const mb = (bytes: number | null) => (bytes === null ? '—' : `${Math.round(bytes / 1024 / 1024)} MB`);

// One replica after the other: the benchmark measures serving; starting together is the test's job.
const topology = await startTopology({ startOneByOne: true, apiEnv: { NODE_OPTIONS: API_NODE_OPTIONS }, log: (line) => console.log(`[bench] ${line}`) });
try {
  const graphqlUrl = `${topology.adminUrl}/graphql`;
  const operations = await mixedOperations(graphqlUrl, topology.token);
  // Warm-up (JIT, connection pools, caches), not counted.
  await runLoad({ graphqlUrl, concurrency: CONCURRENCY, operations, keepGoing: (_done, elapsed) => elapsed < 5000 });

  const peak = topology.apis.map(() => 0);
  const sampler = setInterval(() => {
    topology.apis.forEach((api, i) => {
      peak[i] = Math.max(peak[i]!, api.rss() ?? 0);
    });
  }, 500);
  const result = await runLoad({ graphqlUrl, concurrency: CONCURRENCY, operations, keepGoing: (_done, elapsed) => elapsed < SECONDS * 1000 });
  clearInterval(sampler);
  const figures = summary(result);
  console.log(`\nAPI, production topology (nginx → 2 replicas → PgBouncer transaction mode → PostgreSQL 18)`);
  console.log(`  mixed load (${operations.map((op) => `${op.name}×${op.weight}`).join(', ')}), concurrency ${CONCURRENCY}, ${SECONDS} s`);
  console.log(`  API replicas  NODE_OPTIONS=${API_NODE_OPTIONS || '(none)'}`);
  console.log(`  requests      ${figures.requests} (${figures.failed} failed, ${figures.errorPercent.toFixed(3)} %)`);
  console.log(`  requests/s    ${figures.requestsPerSecond.toFixed(1)}`);
  console.log(`  latency       p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms`);
  topology.apis.forEach((api, i) => console.log(`  API ${i + 1} RSS    ${mb(api.rss())} at the end, ${mb(peak[i]!)} peak`));
  if (result.samples.length) console.log(`  first failures:\n    ${result.samples.slice(0, 5).join('\n    ')}`);
  const over = peak.filter((bytes) => bytes > RSS_GOAL_MB * 1024 * 1024).length;
  console.log(`  memory goal   every API process under ${RSS_GOAL_MB} MB: ${over === 0 ? 'met' : `MISSED by ${over} of ${peak.length}`}`);
  if (over > 0) process.exitCode = 1;
} finally {
  await topology.stop();
}
