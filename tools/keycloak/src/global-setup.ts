/**
 * One real Keycloak for the whole run, with two realms imported at start:
 *   - `nastavnik`: infra/keycloak/realm-nastavnik.json exactly as committed;
 *   - `nastavnik-broken`: a copy whose `cli` client lost its groups mapper, so that the suite can
 *     show its actor comparison catches a broken mapper.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { REALM_FILE, startKeycloak } from '../../../scripts/keycloak.mjs';

export interface KeycloakInfo {
  url: string;
  version: string;
  admin: { username: string; password: string };
  logFile: string;
  startMs: number;
  brokenRealm: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    keycloak: KeycloakInfo;
  }
}

export const BROKEN_REALM = 'nastavnik-broken';

/** The realm with the `groups` mapper of `cli` removed, renamed so both can be imported side by side. */
export function brokenRealmCopy(): unknown {
  const realm = JSON.parse(readFileSync(REALM_FILE, 'utf8')) as {
    realm: string;
    clients: Array<{ clientId: string; protocolMappers?: Array<{ protocolMapper: string }> }>;
  };
  // The file fixes the ids of users and groups; a second realm in the same server needs its own.
  const withoutIds = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(withoutIds);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => key !== 'id')
          .map(([key, inner]) => [key, withoutIds(inner)]),
      );
    }
    return value;
  };
  Object.assign(realm, withoutIds(realm));
  realm.realm = BROKEN_REALM;
  const cli = realm.clients.find((client) => client.clientId === 'cli')!;
  cli.protocolMappers = (cli.protocolMappers ?? []).filter((mapper) => mapper.protocolMapper !== 'oidc-group-membership-mapper');
  return realm;
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'nastavnik-kc-realms-'));
  const broken = path.join(dir, 'realm-broken.json');
  writeFileSync(broken, JSON.stringify(brokenRealmCopy()));
  const started = Date.now();
  const keycloak = await startKeycloak({ realmFiles: [REALM_FILE, broken], log: (line: string) => console.log(line) });
  console.log(`Keycloak ${keycloak.version} готов за ${((Date.now() - started) / 1000).toFixed(1)} с: ${keycloak.url}`);
  project.provide('keycloak', {
    url: keycloak.url,
    version: keycloak.version,
    admin: keycloak.admin,
    logFile: keycloak.logFile,
    startMs: keycloak.startMs,
    brokenRealm: BROKEN_REALM,
  });
  return async () => {
    await keycloak.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
