// The trivial authenticated query `{ me { __typename } }` (issue 14, goal 2): the API's req/s against
// a plain Apollo Server 5 on Fastify 5 (@as-integrations/fastify, as the product) that verifies the
// same token with jose against the same JWKS and answers from a one-field schema.
// Runs over dist/ (build first): `npm run bench -w @nastavnik/api`.
//
// An embedded PostgreSQL in a temp dir (or a fresh database on DATABASE_URL's server), migrated and
// seeded with the demo data; the embedded identity provider in this process; a token of a demo user
// from the `cli` client's password grant. The API (`node dist/main.js`) and the plain server each in
// a process of their own; autocannon drives them alike (keep-alive, 10 connections) in interleaved
// rounds, each round both servers back to back (which goes first alternates), so that both meet the
// same load from the rest of the machine. The figure is the median of the rounds' ratios (API req/s
// over plain req/s): a machine whose load drifts between rounds moves both sides of a round alike.
// Exit 1 when it is under 0.8.
// BENCH_PROFILE=1 writes the API's CPU profile to /tmp/prof.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const QUERY = '{ me { __typename } }';
const CONNECTIONS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const MIN_RATIO = 0.8;
const USER = process.env.BENCH_USER ?? 'sibay.officer';

/** The plain Apollo Server: the comparison's floor, no database, same verification of the token. */
async function plainServer(issuer) {
  const [{ ApolloServer }, { default: fastifyApollo }, { default: Fastify }, { createRemoteJWKSet, jwtVerify }, { GraphQLError }] = await Promise.all([
    import('@apollo/server'),
    import('@as-integrations/fastify'),
    import('fastify'),
    import('jose'),
    import('graphql'),
  ]);
  const jwks = createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`));
  const apollo = new ApolloServer({
    typeDefs: 'type Me { id: ID! } type Query { me: Me! }',
    resolvers: { Query: { me: (_root, _args, ctx) => ({ id: ctx.userId }) } },
  });
  await apollo.start();
  const app = Fastify({ logger: false });
  await app.register(fastifyApollo(apollo), {
    context: async (request) => {
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      try {
        if (!match) throw new Error('no token');
        const { payload } = await jwtVerify(match[1], jwks, { issuer, audience: 'api', requiredClaims: ['exp', 'sub'] });
        return { userId: payload.sub };
      } catch {
        throw new GraphQLError('unauthenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
    },
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.send?.({ url: `${address}/graphql` });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what, check, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} not ready in ${timeoutMs} ms`);
}

async function post(url, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: response.status, body: await response.json() };
}

/** CPU seconds (user + system) a process has used so far (Linux). */
async function cpuSeconds(pid, mainThreadOnly = false) {
  try {
    const fields = (await readFile(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function load(autocannon, url, token, seconds) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
  });
  if (result.non2xx || result.errors || result.timeouts)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { rate: result.requests.average, requests: result.requests.total };
}

/** One timed run: req/s, and the server's CPU per request (less sensitive to a busy machine). */
async function measure(autocannon, url, token, seconds, pid) {
  const before = [await cpuSeconds(pid), await cpuSeconds(pid, true)];
  const { rate, requests } = await load(autocannon, url, token, seconds);
  const after = [await cpuSeconds(pid), await cpuSeconds(pid, true)];
  return { rate, cpuMs: ((after[0] - before[0]) * 1000) / requests, mainMs: ((after[1] - before[1]) * 1000) / requests };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function bench() {
  const { createDatabase, createOrm, databaseUrl, dropDatabase, loadConfig, migrateAll, seedDemo, startEmbeddedPostgres } = await import('../dist/index.js');
  const { startIdp } = await import('@nastavnik/idp');
  const { default: autocannon } = await import('autocannon');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const children = [];
  let embedded;
  let tempDir;
  let idp;
  let serverUrl = process.env.DATABASE_URL?.trim() || undefined;
  const name = `nastavnik_bench_${Date.now().toString(36)}`;
  let created = false;
  try {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-bench-'));
    if (!serverUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg'), database: 'postgres' });
      serverUrl = embedded.url;
    }
    await createDatabase(serverUrl, name);
    created = true;
    const dbUrl = databaseUrl(serverUrl, name);
    const orm = await createOrm(loadConfig({ NODE_ENV: 'development', DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }));
    try {
      const report = await migrateAll(orm);
      if (report.failed.length) throw new Error(`migrations failed: ${JSON.stringify(report.failed)}`);
      await seedDemo(orm);
    } finally {
      await orm.close();
    }

    idp = await startIdp({ port: 0 });
    const issuer = `${idp.url}/realms/nastavnik`;
    const tokenResponse = await fetch(`${issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'cli', username: USER, password: 'demo', scope: 'openid' }),
    });
    const { access_token: token } = await tokenResponse.json();
    if (!token) throw new Error(`password grant for ${USER}: ${tokenResponse.status}`);

    const apiPort = await freePort();
    const api = spawn(
      process.execPath,
      [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), path.join(here, '../dist/main.js')],
      {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: dbUrl,
          KEYCLOAK_URL: idp.url,
          KEYCLOAK_REALM: 'nastavnik',
          API_HOST: '127.0.0.1',
          API_PORT: String(apiPort),
          LOG_LEVEL: 'warn',
          // The request path only: the background jobs (the KPI refresh of every district at start)
          // would load PostgreSQL on the same cores during the API's rounds and not the plain server's.
          JOBS_ENABLED: 'false',
          KPI_REFRESH_INTERVAL_SECONDS: '0',
          ATTACHMENT_DIR: path.join(tempDir, 'attachments'),
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    children.push(api);
    await waitFor('API', async () => (await fetch(`http://127.0.0.1:${apiPort}/readyz`)).ok, api);
    const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;

    const plain = spawn(
      process.execPath,
      [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof-plain'] : []), fileURLToPath(import.meta.url), '--plain', issuer],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    children.push(plain);
    const plainUrl = await new Promise((resolve, reject) => {
      plain.once('message', (message) => resolve(message.url));
      plain.once('exit', (code) => reject(new Error(`plain server exited with ${code}`)));
    });

    for (const [label, url] of [
      ['API', apiUrl],
      ['plain Apollo', plainUrl],
    ]) {
      const { status, body } = await post(url, token);
      if (status !== 200 || body.data?.me?.__typename !== 'Me') throw new Error(`${label} answered ${status} ${JSON.stringify(body)}`);
    }

    // Warm-up (JIT, JWKS, the API's directory cache), then interleaved rounds.
    await load(autocannon, apiUrl, token, 3);
    await load(autocannon, plainUrl, token, 3);
    const runs = { api: [], plain: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['api', 'plain'] : ['plain', 'api'];
      for (const side of order) {
        runs[side].push(
          side === 'api' ? await measure(autocannon, apiUrl, token, SECONDS, api.pid) : await measure(autocannon, plainUrl, token, SECONDS, plain.pid),
        );
      }
    }
    const rates = { api: runs.api.map((run) => run.rate), plain: runs.plain.map((run) => run.rate) };
    const roundRatios = rates.api.map((rate, round) => rate / rates.plain[round]);
    const cpu = (side, field) => median(runs[side].map((run) => run[field]));
    const ratio = median(roundRatios);
    console.log(`\n{ me { __typename } } as ${USER}, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s interleaved`);
    const row = (side) => ({
      'median req/s': Math.round(median(rates[side])),
      rounds: rates[side].map(Math.round).join(' '),
      'CPU ms/request': cpu(side, 'cpuMs').toFixed(3),
      'main thread ms/request': cpu(side, 'mainMs').toFixed(3),
    });
    console.table({ API: row('api'), 'plain Apollo Server 5 (Fastify)': row('plain') });
    console.log(`ratio per round: ${roundRatios.map((r) => r.toFixed(2)).join(' ')}; of the medians: ${(median(rates.api) / median(rates.plain)).toFixed(2)}`);
    console.log(
      `ratio API / plain (median of the rounds): ${ratio.toFixed(2)} (goal ≥ ${MIN_RATIO}); CPU per request plain / API: ${(cpu('plain', 'cpuMs') / cpu('api', 'cpuMs')).toFixed(2)}, main thread: ${(cpu('plain', 'mainMs') / cpu('api', 'mainMs')).toFixed(2)}`,
    );
    if (ratio < MIN_RATIO) {
      console.error(`FAIL: the API makes ${ratio.toFixed(2)}× the plain server's req/s, under ${MIN_RATIO}`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(error);
    return 1;
  } finally {
    for (const child of children) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => {
          const timer = setTimeout(() => (child.kill('SIGKILL'), resolve()), 10_000);
          child.once('exit', () => (clearTimeout(timer), resolve()));
        });
      }
    }
    await idp?.stop();
    if (created && !embedded) await dropDatabase(serverUrl, name).catch(() => undefined);
    await embedded?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--plain') await plainServer(process.argv[3]);
else process.exitCode = await bench();
