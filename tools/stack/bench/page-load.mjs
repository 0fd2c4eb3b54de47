/**
 * Admin full page loads as users meet them (typing a URL, F5, a link from a letter), in Debian's
 * Chromium against `npm start`'s shape (the built admin behind the web server, each part its own
 * process): median and p90 of 10.
 *   - the login page: a fresh browser (empty cache, no session) opens the admin and waits for the
 *     identity provider's login form;
 *   - the district dashboard by URL: a signed-in officer (session cookie and cached assets, as
 *     after yesterday's visit) opens /monitoring/district in a new tab and waits for the school
 *     table with its figures.
 * Goal (issue 11): under 1 s each. Prints the figures; exits 1 over the goal only with BENCH_STRICT=1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { freePort } from '@nastavnik/api/embedded-postgres';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStack } from '../dist/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const GOAL_MS = 1000;
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const p90 = (values) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.9) - 1];

const dataDir = await mkdtemp(path.join(tmpdir(), 'nastavnik-bench-pages-'));
const stack = await startStack({
  dataDir,
  quiet: true,
  ports: { idp: await freePort(), api: await freePort(), admin: await freePort() },
  env: { ...process.env, KPI_REFRESH_INTERVAL_SECONDS: '0' },
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
try {
  // Warm-up: the first request of each kind pays for the processes' own start (JIT, pools).
  const login = [];
  for (let i = 0; i <= RUNS; i++) {
    const context = await browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(stack.adminUrl);
    await page.locator('#kc-login').waitFor({ state: 'visible' });
    if (i > 0) login.push(performance.now() - started);
    await context.close();
  }

  const context = await browser.newContext({ locale: 'ru-RU' });
  const first = await context.newPage();
  await first.goto(stack.adminUrl);
  await first.locator('input[name="username"]').fill('sibay.officer');
  await first.locator('input[name="password"]').fill('demo');
  await first.locator('#kc-login').click();
  await first.getByRole('heading', { level: 1, name: 'Добро пожаловать' }).waitFor({ timeout: 60_000 });
  const dashboard = [];
  for (let i = 0; i <= RUNS; i++) {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${stack.adminUrl}monitoring/district`);
    await page
      .getByTestId('district-dashboard')
      .getByRole('link', { name: /МОБУ «Гимназия»/ })
      .waitFor({ timeout: 60_000 });
    if (i > 0) dashboard.push(performance.now() - started);
    await page.close();
  }
  await context.close();

  const rows = [
    ['login page (fresh browser)', login],
    ['district dashboard by URL (signed in)', dashboard],
  ];
  console.log(`\nAdmin full page load, ${RUNS} runs each (npm start shape: built admin, web server, API and provider in their own processes)`);
  let over = false;
  for (const [name, values] of rows) {
    const m = median(values);
    over ||= m >= GOAL_MS;
    console.log(
      `  ${name.padEnd(40)} median ${m.toFixed(0).padStart(5)} ms   p90 ${p90(values).toFixed(0).padStart(5)} ms   goal < ${GOAL_MS} ms ${m < GOAL_MS ? 'ok' : 'OVER'}`,
    );
  }
  if (over && process.env.BENCH_STRICT === '1') process.exitCode = 1;
} finally {
  await browser.close();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
