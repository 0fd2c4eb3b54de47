// Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
// Installs it with apt when missing, so a fresh machine needs no hand steps.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const wanted = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(wanted)) process.exit(0);

if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${wanted} не найден.`);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = isRoot ? '' : 'sudo ';
console.log('Chromium не найден: устанавливаю пакет Debian «chromium» (apt-get)…');
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
    stdio: 'inherit',
  });
} catch {
  console.error('Не удалось установить chromium. Установите его вручную или укажите CHROMIUM_PATH.');
  process.exit(1);
}
