import type { ApiConfig } from '../config.js';
import { unavailableDistricts } from '../migrations/availability.js';
import type { MikroORM } from '../orm/create-orm.js';
import type { ReadinessReport } from './server.js';

const TIMEOUT_MS = 2500;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: нет ответа за ${TIMEOUT_MS} мс`)), TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** `/readyz`: the database answers `select 1` and the identity provider serves its JWKS (and names districts left unmigrated). */
export function createReadinessCheck(orm: MikroORM, config: Pick<ApiConfig, 'keycloak'>): () => Promise<ReadinessReport> {
  return async () => {
    const checks: Record<string, string> = {};
    const [database, identityProvider] = await Promise.allSettled([
      withTimeout(orm.em.getConnection().execute('select 1 as ok'), 'база данных'),
      withTimeout(
        fetch(config.keycloak.jwksUrl, { signal: AbortSignal.timeout(TIMEOUT_MS) }).then(async (response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const body = (await response.json()) as { keys?: unknown };
          if (!Array.isArray(body.keys) || body.keys.length === 0) throw new Error('пустой JWKS');
        }),
        'поставщик удостоверений',
      ),
    ]);
    checks.database = database.status === 'fulfilled' ? 'ok' : `недоступна: ${reason(database.reason)}`;
    checks.identityProvider = identityProvider.status === 'fulfilled' ? 'ok' : `недоступен (${config.keycloak.jwksUrl}): ${reason(identityProvider.reason)}`;
    // Districts whose migration failed are named, but do not make the replica unready: the others keep serving.
    const failed = unavailableDistricts(orm);
    if (failed.length > 0) checks.districts = `не обновлены (данные недоступны): ${failed.map((d) => d.code).join(', ')}`;
    return { ready: database.status === 'fulfilled' && identityProvider.status === 'fulfilled', checks };
  };
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}
