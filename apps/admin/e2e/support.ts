/** Shared pieces of the browser tests: the stack, Debian's Chromium, screenshots. */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
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
  /** The embedded mail catcher's letters (JSON), when the stack runs one. */
  mailboxUrl?: string;
  stop(): Promise<void>;
}

/** A letter as the mail catcher keeps it (tools/mailcatcher). */
export interface CaughtLetter {
  id: string;
  envelopeTo: string[];
  subject: string;
  text: string;
}

/** Waits for a letter to `address` whose subject matches, in the stack's mail catcher. */
export async function letterTo(stack: TestStack, address: string, subject: RegExp, timeoutMs = 60_000): Promise<CaughtLetter> {
  if (!stack.mailboxUrl) throw new Error('this stack has no mail catcher (SMTP_URL is set or E2E_ADMIN_URL points elsewhere)');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const letters = (await (await fetch(stack.mailboxUrl)).json()) as CaughtLetter[];
    const found = letters.find((letter) => letter.envelopeTo.includes(address) && subject.test(letter.subject));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no letter to ${address} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function loadStack(): Promise<typeof import('@nastavnik/stack')> {
  try {
    return await import('@nastavnik/stack');
  } catch (error) {
    throw new Error(`@nastavnik/stack is not built (tools/stack/dist): run \`npm run build\` at the repository root first. ${String(error)}`, { cause: error });
  }
}

/** The log directory of the stack this file started: a failed step prints the end of its logs. */
let stackLogDir: string | undefined;

/**
 * The last lines the API and the web server logged (both at warn and above, and whatever a crash
 * printed), for a failed step's report: a request the page saw fail is there with its cause.
 */
async function stackProblems(count = 8): Promise<string> {
  if (!stackLogDir) return '';
  const parts: string[] = [];
  for (const name of ['api.log', 'web.log']) {
    const text = await readFile(path.join(stackLogDir, name), 'utf8').catch(() => '');
    const lines = text.split('\n').filter((line) => line.trim());
    if (lines.length)
      parts.push(
        `${name}:\n${lines
          .slice(-count)
          .map((line) => line.slice(0, 1500))
          .join('\n')}`,
      );
  }
  return parts.join('\n');
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
  stackLogDir = stack.logDir;
  return {
    adminUrl: stack.adminUrl,
    adminOrigin: new URL(stack.adminUrl).origin,
    ...(stack.mailboxUrl ? { mailboxUrl: stack.mailboxUrl } : {}),
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

/** The date field (React Aria `DatePicker`, components/DateField) labelled `label` inside `scope`. */
export function dateField(scope: Page | Locator, label: string | RegExp): Locator {
  const page = 'keyboard' in scope ? scope : scope.page();
  return scope
    .getByRole('group', { name: label })
    .filter({ has: page.getByRole('spinbutton') })
    .first();
}

/**
 * Types a date into a date field as a person does: into its ДД.ММ.ГГГГ segments, digits only
 * («05.12.2026» is typed as 05122026; the segments advance by themselves). The field is emptied
 * first; a shorter `date` («31.12») leaves the rest of the segments empty (a half-typed date).
 */
export async function fillDate(scope: Page | Locator, label: string | RegExp, date: string): Promise<void> {
  const field = dateField(scope, label);
  await clearDate(scope, label);
  // focus(), not click(): a mouse press on the field sends the focus to its last empty segment.
  await field.getByRole('spinbutton').first().focus();
  await field.page().keyboard.type(date.replace(/\D/g, ''));
  // Leaving the field hands a half-typed date to the form (see DateField's reportPartial).
  await field.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Empties a date field: Backspace from its last segment back to its first. */
export async function clearDate(scope: Page | Locator, label: string | RegExp): Promise<void> {
  const field = dateField(scope, label);
  await field.getByRole('spinbutton').last().focus();
  for (let i = 0; i < 12; i++) await field.page().keyboard.press('Backspace');
}

/** What a date field shows, ДД.ММ.ГГГГ (the placeholders дд, мм, гггг for empty segments). */
export async function dateText(scope: Page | Locator, label: string | RegExp): Promise<string> {
  const segments = await dateField(scope, label).getByRole('spinbutton').allInnerTexts();
  return segments.map((text) => text.trim()).join('.');
}

/**
 * Picks an option of a combobox (React Aria `ComboBox`, components/ComboBox) by typing: `typed`
 * into its input, then the option whose text matches `option` from the filtered list.
 */
export async function chooseOption(scope: Page | Locator, label: string | RegExp, typed: string, option: string | RegExp): Promise<void> {
  const page = 'keyboard' in scope ? scope : scope.page();
  const input = scope.getByRole('combobox', { name: label });
  await input.fill('');
  await input.pressSequentially(typed);
  await page.getByRole('listbox').getByRole('option', { name: option }).first().click();
  // A picker that stays open for more picks (the tag picker) is closed: while open, RAC hides the rest of the page from assistive tech.
  if (await page.getByRole('listbox').isVisible()) await input.press('Escape');
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
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
          const problems = await stackProblems();
          console.error(
            `[${name}] step «${title}» failed on ${page.url()}\nvisible text: ${text.replace(/\s+/g, ' ').slice(0, 800)}` +
              (problems ? `\nthe end of the stack's logs:\n${problems}` : ''),
          );
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
