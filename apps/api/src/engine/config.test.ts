import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has embedded defaults for everything', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      port: 4000,
      host: '0.0.0.0',
      nodeEnv: 'development',
      production: false,
      logLevel: 'info',
      dbPoolMax: 10,
      corsOrigins: ['http://localhost:5173'],
      keycloak: {
        url: 'http://localhost:8180',
        realm: 'nastavnik',
        audience: 'api',
        issuer: 'http://localhost:8180/realms/nastavnik',
        jwksUrl: 'http://localhost:8180/realms/nastavnik/protocol/openid-connect/certs',
      },
    });
  });

  it('reads the environment', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/nastavnik',
      API_PORT: '8080',
      API_HOST: '127.0.0.1',
      KEYCLOAK_URL: 'https://sso.example.ru/',
      KEYCLOAK_REALM: 'prod',
      KEYCLOAK_AUDIENCE: 'nastavnik-api',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '25',
      CORS_ORIGINS: 'https://admin.example.ru, https://other.example.ru',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u:p@db:5432/nastavnik',
      port: 8080,
      host: '127.0.0.1',
      production: true,
      logLevel: 'warn',
      dbPoolMax: 25,
      corsOrigins: ['https://admin.example.ru', 'https://other.example.ru'],
      keycloak: {
        url: 'https://sso.example.ru',
        issuer: 'https://sso.example.ru/realms/prod',
        audience: 'nastavnik-api',
        jwksUrl: 'https://sso.example.ru/realms/prod/protocol/openid-connect/certs',
      },
    });
  });

  it('the direct URL (session locks) defaults to DATABASE_URL; the job queue is on by default', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@pgbouncer:6432/n' }).databaseDirectUrl).toBe('postgres://u:p@pgbouncer:6432/n');
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@pgbouncer:6432/n',
      DATABASE_DIRECT_URL: 'postgres://u:p@db:5432/n',
      JOBS_ENABLED: 'false',
      JOBS_SCHEMA: 'queue',
      JOBS_POLL_INTERVAL_SECONDS: '0.5',
      JOBS_CRON_CHECK_SECONDS: '1',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u:p@pgbouncer:6432/n',
      databaseDirectUrl: 'postgres://u:p@db:5432/n',
      jobs: { enabled: false, schema: 'queue', pollIntervalSeconds: 0.5, cronCheckSeconds: 1 },
    });
    expect(loadConfig({}).jobs).toEqual({ enabled: true, schema: 'pgboss', pollIntervalSeconds: 5, cronCheckSeconds: 30 });
    for (const bad of [
      { DATABASE_DIRECT_URL: 'mysql://x' },
      { JOBS_ENABLED: 'maybe' },
      { JOBS_SCHEMA: 'Pg-Boss' },
      { JOBS_POLL_INTERVAL_SECONDS: '0.1' },
      { JOBS_CRON_CHECK_SECONDS: '60' },
    ]) {
      expect(() => loadConfig(bad), JSON.stringify(bad)).toThrow(ConfigError);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', API_PORT: ' ', LOG_LEVEL: '' }).port).toBe(4000);
  });

  it('test environment logs warnings only by default', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('warn');
  });

  it('rejects bad values, naming every variable', () => {
    try {
      loadConfig({ API_PORT: 'eighty', DATABASE_URL: 'mysql://x', KEYCLOAK_URL: 'not a url', NODE_ENV: 'staging' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ['API_PORT', 'DATABASE_URL', 'KEYCLOAK_URL', 'NODE_ENV']) expect(message).toContain(name);
    }
    expect(() => loadConfig({ API_PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ DB_POOL_MAX: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ KEYCLOAK_REALM: '../x' })).toThrow(ConfigError);
  });
});
