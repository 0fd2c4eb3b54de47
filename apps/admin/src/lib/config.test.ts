import { expect, it } from 'vitest';
import { ConfigError, loadRuntimeConfig, parseRuntimeConfig } from './config';

it('reads /config.json', () => {
  expect(parseRuntimeConfig({ keycloakUrl: 'http://localhost:8180/', realm: 'nastavnik', clientId: 'admin' })).toEqual({
    keycloakUrl: 'http://localhost:8180',
    realm: 'nastavnik',
    clientId: 'admin',
  });
});

it('rejects an incomplete or unsafe config', () => {
  expect(() => parseRuntimeConfig(null)).toThrow(ConfigError);
  expect(() => parseRuntimeConfig({ keycloakUrl: 'http://x', realm: '', clientId: 'admin' })).toThrow(/realm/);
  expect(() => parseRuntimeConfig({ keycloakUrl: 'javascript:alert(1)', realm: 'r', clientId: 'c' })).toThrow(/keycloakUrl/);
});

it('fetches it without caching and reports failures in Russian', async () => {
  const ok = async () => new Response(JSON.stringify({ keycloakUrl: 'https://sso.example.ru', realm: 'nastavnik', clientId: 'admin' }));
  await expect(loadRuntimeConfig(ok as typeof fetch)).resolves.toMatchObject({ keycloakUrl: 'https://sso.example.ru' });
  const missing = async () => new Response('not found', { status: 404 });
  await expect(loadRuntimeConfig(missing as typeof fetch)).rejects.toThrow(/config\.json/);
});
