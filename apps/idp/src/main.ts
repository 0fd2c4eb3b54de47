import { resolve } from 'node:path';
import { startIdp } from './server.js';

/** Standalone embedded identity provider: `node dist/main.js` (IDP_PORT, default 8180). */
const port = process.env.IDP_PORT ? Number(process.env.IDP_PORT) : 8180;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`IDP_PORT must be a port number, got "${process.env.IDP_PORT}"`);
  process.exit(1);
}

const idp = await startIdp({
  port,
  ...(process.env.IDP_HOST ? { host: process.env.IDP_HOST } : {}),
  ...(process.env.IDP_PUBLIC_HOST ? { publicHost: process.env.IDP_PUBLIC_HOST } : {}),
  ...(process.env.IDP_REALM_FILE ? { realmFile: process.env.IDP_REALM_FILE } : {}),
  ...(process.env.IDP_KEY_FILE ? { keyFile: process.env.IDP_KEY_FILE } : {}),
  ...(process.env.IDP_ACCESS_TOKEN_TTL ? { accessTokenTtlSeconds: Number(process.env.IDP_ACCESS_TOKEN_TTL) } : {}),
  ...(process.env.IDP_ADMIN_TOKEN ? { adminToken: process.env.IDP_ADMIN_TOKEN } : {}),
  usersFile: resolve(process.env.IDP_USERS_FILE ?? '.data/idp-users.json'),
  logger: { info: (msg) => console.log(msg) },
});

console.log(`Identity provider (Keycloak-compatible): ${idp.url}`);
console.log(`  realm ${idp.realm}: ${idp.issuer}`);
console.log(`  discovery: ${idp.issuer}/.well-known/openid-configuration`);

let stopping = false;
// 'disconnect': started by tools/stack through fork, whose IPC channel closes when the starter dies.
for (const signal of ['SIGINT', 'SIGTERM', 'disconnect'] as const) {
  process.on(signal as NodeJS.Signals, () => {
    if (stopping) return;
    stopping = true;
    idp.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
