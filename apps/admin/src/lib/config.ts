/** Runtime configuration, fetched from /config.json at boot (nginx serves it in production). */
import { ru } from '../i18n/ru';

export interface RuntimeConfig {
  keycloakUrl: string;
  realm: string;
  clientId: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  if (!value || typeof value !== 'object') throw new ConfigError(ru.boot.configError);
  const record = value as Record<string, unknown>;
  const read = (key: keyof RuntimeConfig): string => {
    const field = record[key];
    if (typeof field !== 'string' || field.trim() === '') throw new ConfigError(`${ru.boot.configError} (${key})`);
    return field.trim();
  };
  const keycloakUrl = read('keycloakUrl').replace(/\/+$/, '');
  try {
    const url = new URL(keycloakUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ConfigError(`${ru.boot.configError} (keycloakUrl)`);
  }
  return { keycloakUrl, realm: read('realm'), clientId: read('clientId') };
}

export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  let response: Response;
  try {
    response = await fetchImpl('/config.json', { cache: 'no-store', headers: { Accept: 'application/json' } });
  } catch {
    throw new ConfigError(ru.boot.configError);
  }
  if (!response.ok) throw new ConfigError(ru.boot.configError);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ConfigError(ru.boot.configError);
  }
  return parseRuntimeConfig(json);
}
