// System tools the tests drive, installed with apt (Debian) when missing, so a fresh machine needs
// no hand steps:
//   chromium       browser tests of apps/admin (Playwright cannot download its own browser here);
//                  CHROMIUM_PATH names another binary (then nothing is installed);
//   poppler-utils  pdftoppm / pdftotext / pdffonts: the API's PDF export tests render pages, extract
//                  text and list the embedded fonts;
//   libreoffice    soffice (Debian «libreoffice-writer-nogui»): the roadmap import's .doc/.rtf/.odt
//                  tests convert through it (apps/api engine/files/libreoffice.int.test.ts). Not in the
//                  default list: without it those tests are skipped, saying so (CI installs it and
//                  fails without it); the production image of the API carries it;
//   nginx, pgbouncer  the production topology test (`npm run test:production`): the test runs its own
//                  instances with its own configuration on free ports; the packaged services are
//                  kept from starting during the install (policy-rc.d), so they hold no ports.
//
//   node scripts/ensure-test-tools.mjs                 chromium and poppler
//   node scripts/ensure-test-tools.mjs poppler         only the named ones (chromium, poppler, libreoffice, nginx, pgbouncer)
//
// As root apt-get runs directly, otherwise through sudo. Exit 1 with a Russian message on failure.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Is `command` on PATH? */
function onPath(command) {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => existsSync(path.join(dir, command)));
}

export const TOOLS = {
  chromium: {
    present() {
      const wanted = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
      if (existsSync(wanted)) return true;
      if (process.env.CHROMIUM_PATH) {
        console.error(`CHROMIUM_PATH=${wanted} не найден.`);
        process.exit(1);
      }
      return false;
    },
    packages: ['chromium'],
    missing: 'Chromium не найден: устанавливаю пакет Debian «chromium» (apt-get)…',
    failed: 'Не удалось установить chromium. Установите его вручную или укажите CHROMIUM_PATH.',
  },
  poppler: {
    present: () => ['pdftoppm', 'pdftotext', 'pdffonts'].every(onPath),
    packages: ['poppler-utils'],
    missing: 'pdftoppm/pdftotext/pdffonts не найдены: устанавливаю пакет Debian «poppler-utils» (apt-get)…',
    failed: 'Не удалось установить poppler-utils (pdftoppm, pdftotext). Установите пакет вручную.',
  },
  libreoffice: {
    present: () => onPath('soffice'),
    packages: ['libreoffice-writer-nogui'],
    missing: 'LibreOffice (soffice) не найден: устанавливаю пакет Debian «libreoffice-writer-nogui» (apt-get)…',
    failed: 'Не удалось установить libreoffice-writer-nogui (soffice). Установите пакет вручную.',
  },
  nginx: {
    present: () => existsSync('/usr/sbin/nginx'),
    packages: ['nginx'],
    noServices: true,
    missing: 'nginx не найден: устанавливаю пакет Debian «nginx» (apt-get)…',
    failed: 'Не удалось установить nginx (/usr/sbin/nginx). Установите пакет вручную.',
  },
  pgbouncer: {
    present: () => existsSync('/usr/sbin/pgbouncer'),
    packages: ['pgbouncer'],
    noServices: true,
    missing: 'pgbouncer не найден: устанавливаю пакет Debian «pgbouncer» (apt-get)…',
    failed: 'Не удалось установить pgbouncer (/usr/sbin/pgbouncer). Установите пакет вручную.',
  },
};

/** The tools installed when none are named (the ones `npm test` needs). */
const DEFAULT_TOOLS = ['chromium', 'poppler'];

let updated = false;

const POLICY_RC = '/usr/sbin/policy-rc.d';

function aptInstall(packages, noServices) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? '' : 'sudo ';
  const update = updated ? '' : `${sudo}apt-get update -qq && `;
  // Debian starts a package's service on install (nginx on port 80, pgbouncer on 6432); the
  // standard policy-rc.d hook with exit 101 forbids that for the length of the install.
  const blockServices = noServices && !existsSync(POLICY_RC);
  if (blockServices) execSync(`printf '#!/bin/sh\nexit 101\n' | ${sudo}tee ${POLICY_RC} >/dev/null && ${sudo}chmod 755 ${POLICY_RC}`);
  try {
    execSync(`${update}${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`, { stdio: 'inherit' });
  } finally {
    if (blockServices) execSync(`${sudo}rm -f ${POLICY_RC}`);
  }
  updated = true;
}

/** Installs the named tools that are missing; exits 1 when one cannot be installed. */
export function ensureTestTools(names = DEFAULT_TOOLS) {
  for (const name of names) {
    const tool = TOOLS[name];
    if (!tool) {
      console.error(`Неизвестный инструмент «${name}»: ${Object.keys(TOOLS).join(', ')}.`);
      process.exit(1);
    }
    if (tool.present()) continue;
    console.log(tool.missing);
    try {
      aptInstall(tool.packages, tool.noServices);
    } catch {
      console.error(tool.failed);
      process.exit(1);
    }
    if (!tool.present()) {
      console.error(tool.failed);
      process.exit(1);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  ensureTestTools(names.length ? names : undefined);
}
