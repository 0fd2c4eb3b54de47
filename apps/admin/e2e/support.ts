/** Shared pieces of the browser tests: the stack, Debian's Chromium, screenshots. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, it } from 'vitest';

export const ADMIN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS_DIR = path.join(ADMIN_ROOT, 'test-results');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium with a fresh, throw-away profile. */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'nastavnik-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'ru-RU',
    viewport: { width: 1280, height: 860 },
  });
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(120_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}

export interface TestStack {
  adminUrl: string;
  adminOrigin: string;
  stop(): Promise<void>;
}

async function loadStack(): Promise<typeof import('@nastavnik/stack')> {
  try {
    return await import('@nastavnik/stack');
  } catch (error) {
    throw new Error(`@nastavnik/stack is not built (tools/stack/dist): run \`npm run build\` at the repository root first. ${String(error)}`, { cause: error });
  }
}

/**
 * The whole product on free ports with a fresh data directory (removed on stop); or, with
 * E2E_ADMIN_URL, a stack that is already running (`npm start`): nothing to start or stop.
 */
export async function startTestStack(): Promise<TestStack> {
  if (process.env.E2E_ADMIN_URL) {
    const adminUrl = process.env.E2E_ADMIN_URL;
    return { adminUrl, adminOrigin: new URL(adminUrl).origin, stop: async () => undefined };
  }
  const { startStack, freePort } = await loadStack();
  // The admin's Vite server neither watches nor hot-reloads: a workspace package rebuilt elsewhere
  // in the repository during the run must not reload the page in the middle of a step.
  process.env.ADMIN_WATCH = '0';
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nastavnik-e2e-'));
  const stack = await startStack({
    dataDir,
    quiet: true,
    ports: { idp: await freePort(), api: await freePort(), admin: await freePort() },
  });
  return {
    adminUrl: stack.adminUrl,
    adminOrigin: new URL(stack.adminUrl).origin,
    async stop() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** The identity provider's Russian login page. */
export async function expectLoginPage(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname.includes('/realms/nastavnik/'), { timeout: 120_000 });
  await page.locator('#kc-login').waitFor({ state: 'visible' });
  await expect.poll(() => page.locator('body').innerText()).toMatch(/[а-яё]/i);
}

/** Logs a demo user in (password `demo`) and waits for the home page. */
export async function logIn(page: Page, adminOrigin: string, username: string): Promise<void> {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill('demo');
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => url.origin === adminOrigin, { timeout: 120_000 });
  await page.getByRole('heading', { level: 1, name: 'Добро пожаловать' }).waitFor({ timeout: 120_000 });
}

/** «Выйти», back to the login page. */
export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expectLoginPage(page);
}

export async function mainText(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

/**
 * The steps of one browser journey. Each step builds on the ones before it, so once a step fails
 * the rest are skipped: the run reports the step that broke, not a cascade of timeouts after it.
 * A failed step logs the page's address and visible text and leaves `failed-<journey>-<n>.png`.
 */
export function journey(name: string, currentPage: () => Page | undefined) {
  let broken: string | null = null;
  let count = 0;
  return function step(title: string, body: () => Promise<void>, timeout?: number): void {
    const index = ++count;
    it(
      title,
      async (context) => {
        if (broken) context.skip(`skipped: the step «${broken}» before it failed`);
        context.onTestFailed(async () => {
          broken = title;
          const page = currentPage();
          if (!page || page.isClosed()) return;
          const text = await mainText(page).catch(() => '');
          console.error(`[${name}] step «${title}» failed on ${page.url()}\nvisible text: ${text.replace(/\s+/g, ' ').slice(0, 800)}`);
          await screenshot(page, `failed-${name}-${index}`).catch(() => undefined);
        });
        await body();
      },
      timeout,
    );
  };
}

/** Every demo login (password `demo`), one per role of infra/keycloak/realm-nastavnik.json. */
export const DEMO_USERS = [
  'admin',
  'rnc.bashkortostan',
  'sibay.officer',
  'sibay.head',
  'gimnaziya.director',
  'gimnaziya.curator',
  'gimnaziya.mentor',
  'gimnaziya.mentee',
  'partner.admin',
] as const;

/** The main pages of the signed-in user: every link of «Разделы», and one level deeper. */
const DEEPER_LINK = /^\/(programmes|roadmaps|monitoring\/schools|districts)\/[0-9a-f-]{36}(\/[a-z]+)?$/;

/** Waits until the page's heading is there and nothing in <main> is still loading. */
export async function pageSettled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => !document.querySelector('main .loading'), undefined, { timeout: 60_000 });
}

/**
 * Opens each main page of the signed-in user — the navigation's links, and from them the first
 * programmes, roadmaps, schools or campaigns they link to (a detail page of each kind) — and calls
 * `look` on each once it has settled. Returns how many pages were looked at.
 */
export async function walkMainPages(page: Page, adminOrigin: string, look: (path: string) => Promise<void>): Promise<number> {
  const paths = new Set(
    await page
      .getByRole('navigation', { name: 'Разделы' })
      .locator('a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '')),
  );
  const visited = new Set<string>();
  for (const path of paths) {
    if (!path.startsWith('/') || visited.has(path)) continue;
    visited.add(path);
    await page.goto(new URL(path, adminOrigin).href);
    await pageSettled(page);
    await look(path);
    // One level deeper: the first programme, roadmap, school or campaign the page links to.
    if (visited.size < 16) {
      const deeper = await page.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      for (const href of deeper.filter((h) => DEEPER_LINK.test(h)).slice(0, 2)) paths.add(href);
    }
  }
  return visited.size;
}
