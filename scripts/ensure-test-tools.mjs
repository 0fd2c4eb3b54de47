// System tools the tests drive, installed with apt (Debian) when missing, so a fresh machine needs
// no hand steps:
//   chromium       browser tests of apps/admin (Playwright cannot download its own browser here);
//                  CHROMIUM_PATH names another binary (then nothing is installed);
//   poppler-utils  pdftoppm / pdftotext / pdffonts: the API's PDF export tests render pages, extract
//                  text and list the embedded fonts.
//
//   node scripts/ensure-test-tools.mjs                 both
//   node scripts/ensure-test-tools.mjs poppler         only the named ones (chromium, poppler)
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
};

let updated = false;

function aptInstall(packages) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? '' : 'sudo ';
  const update = updated ? '' : `${sudo}apt-get update -qq && `;
  execSync(`${update}${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`, { stdio: 'inherit' });
  updated = true;
}

/** Installs the named tools that are missing; exits 1 when one cannot be installed. */
export function ensureTestTools(names = Object.keys(TOOLS)) {
  for (const name of names) {
    const tool = TOOLS[name];
    if (!tool) {
      console.error(`Неизвестный инструмент «${name}»: ${Object.keys(TOOLS).join(', ')}.`);
      process.exit(1);
    }
    if (tool.present()) continue;
    console.log(tool.missing);
    try {
      aptInstall(tool.packages);
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
