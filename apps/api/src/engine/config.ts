import path from 'node:path';
import { z } from 'zod';
import { parseTrustedProxies } from './http/client-address.js';

/**
 * The API's whole configuration, read once at boot from the environment. Every value has an
 * embedded default so that `npm start` works on a machine with nothing but Node; production sets
 * DATABASE_URL and KEYCLOAK_URL (main.ts refuses to start without them).
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

const schema = z
  .object({
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL: ожидается адрес вида postgres://user:password@host:port/db')
        .optional(),
    ),
    // Session state (the migrations' advisory lock) needs one server session: behind PgBouncer in
    // transaction mode DATABASE_URL does not give one, so this names PostgreSQL itself.
    DATABASE_DIRECT_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'DATABASE_DIRECT_URL: ожидается адрес вида postgres://user:password@host:port/db')
        .optional(),
    ),
    API_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(4000)),
    API_HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    KEYCLOAK_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/ })
        .default('http://localhost:8180')
        .transform((url) => url.replace(/\/+$/, '')),
    ),
    KEYCLOAK_REALM: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/)
        .default('nastavnik'),
    ),
    KEYCLOAK_AUDIENCE: z.preprocess(emptyToUndefined, z.string().min(1).default('api')),
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).optional()),
    DB_POOL_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(10)),
    // District schemas migrated at once at start-up, each on its own pooled connection (of DB_POOL_MAX).
    MIGRATION_CONCURRENCY: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ error: 'ожидается целое число' }).int('ожидается целое число').min(1).max(32).default(4),
    ),
    CORS_ORIGINS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('http://localhost:5173')
        .transform((value) =>
          value
            .split(',')
            .map((origin) => origin.trim())
            .filter((origin) => origin.length > 0),
        ),
    ),
    ATTACHMENT_STORAGE: z.preprocess(emptyToUndefined, z.enum(['database', 'disk', 's3']).default('database')),
    S3_ENDPOINT: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/, error: 'ожидается адрес вида https://storage.yandexcloud.net или http://127.0.0.1:9000' })
        .transform((url) => url.replace(/\/+$/, ''))
        .optional(),
    ),
    S3_REGION: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9-]+$/, 'ожидается регион вида ru-central1')
        .default('ru-central1'),
    ),
    S3_BUCKET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'имя бакета: 3–63 символа, строчные латинские буквы, цифры, точки и дефисы')
        .optional(),
    ),
    S3_ACCESS_KEY_ID: z.preprocess(emptyToUndefined, z.string().trim().min(1).optional()),
    // The secret is never echoed back: its only check is presence.
    S3_SECRET_ACCESS_KEY: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    S3_FORCE_PATH_STYLE: z.preprocess(emptyToUndefined, z.stringbool({ error: 'ожидается true или false' }).default(true)),
    // Off by default: the browser is sent to the bucket itself, which it must be able to reach.
    S3_PRESIGNED_DOWNLOADS: z.preprocess(emptyToUndefined, z.stringbool({ error: 'ожидается true или false' }).default(false)),
    S3_PUBLIC_ENDPOINT: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/, error: 'ожидается адрес вида https://storage.yandexcloud.net или http://127.0.0.1:9000' })
        .transform((url) => url.replace(/\/+$/, ''))
        .optional(),
    ),
    ATTACHMENT_DIR: z.preprocess(emptyToUndefined, z.string().default('.data/attachments')),
    // LibreOffice for .doc/.rtf/.odt roadmaps: a `soffice` binary; empty means «look it up on PATH».
    IMPORT_SOFFICE_PATH: z.preprocess(emptyToUndefined, z.string().optional()),
    IMPORT_CONVERT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).max(600_000).default(60_000)),
    IMPORT_PDF_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).max(600_000).default(30_000)),
    IMPORT_PDF_MAX_PAGES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(5000).default(300)),
    ATTACHMENT_MAX_BYTES: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number()
        .int()
        .min(1024)
        .max(512 * 1024 * 1024)
        .default(10 * 1024 * 1024),
    ),
    // Issue 16: a confirmed pair without a recorded meeting for this many days nudges its members and the curator.
    PAIR_IDLE_DAYS: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ error: 'ожидается целое число' }).int('ожидается целое число').min(1, 'не меньше 1').max(365, 'не больше 365').default(21),
    ),
    KPI_REFRESH_INTERVAL_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number()
        .int()
        .min(0)
        .max(7 * 24 * 3600)
        .default(600),
    ),
    MONITORING_STALE_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number()
        .int()
        .min(0)
        .max(24 * 3600)
        .default(120),
    ),
    JOBS_ENABLED: z.preprocess(emptyToUndefined, z.stringbool({ error: 'ожидается true или false' }).default(true)),
    GRAPHQL_COMPILED_QUERIES: z.preprocess(emptyToUndefined, z.stringbool({ error: 'ожидается true или false' }).default(true)),
    JOBS_SCHEMA: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'ожидается имя схемы: строчные латинские буквы, цифры, _')
        .default('pgboss'),
    ),
    JOBS_POLL_INTERVAL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(0.5).max(60).default(5)),
    JOBS_CRON_CHECK_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(45).default(30)),
    TIME_ZONE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('Europe/Moscow')
        .refine((zone) => {
          try {
            new Intl.DateTimeFormat('ru-RU', { timeZone: zone });
            return true;
          } catch {
            return false;
          }
        }, 'TIME_ZONE: неизвестный часовой пояс (например, Europe/Moscow, Asia/Yekaterinburg)'),
    ),
    // Empty by default (trust nobody): X-Forwarded-For is anybody's to write, and a proxy that passes
    // it through unchanged (not appending the peer as nginx does) would let clients pick their address.
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const { entries, invalid } = parseTrustedProxies(value);
        if (invalid.length > 0) {
          ctx.addIssue({
            code: 'custom',
            message: `ожидаются адреса, подсети CIDR или loopback / linklocal / uniquelocal через запятую; не распознано: ${invalid.map((e) => `«${e}»`).join(', ')}`,
          });
        }
        return entries;
      }),
    // Outgoing mail (notifications). No SMTP_URL: letters wait in the outbox, nothing is sent.
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^smtps?:\/\/[^\s]+$/, 'SMTP_URL: ожидается адрес вида smtp://user:password@host:587 (STARTTLS) или smtps://host:465')
        .optional(),
    ),
    // STARTTLS is required unless turned off (a relay on the same host without TLS).
    SMTP_REQUIRE_TLS: z.preprocess(emptyToUndefined, z.stringbool({ error: 'ожидается true или false' }).default(true)),
    // false only for a development relay with a self-signed certificate (the embedded mail catcher).
    SMTP_TLS_REJECT_UNAUTHORIZED: z.preprocess(emptyToUndefined, z.stringbool({ error: 'ожидается true или false' }).default(true)),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().min(3).max(300).default('«Наставник» <noreply@nastavnik.local>')),
    // The admin's address as users open it: links in letters lead there.
    ADMIN_PUBLIC_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/, error: 'ADMIN_PUBLIC_URL: ожидается адрес вида https://nastavnik.example.ru' })
        .default('http://localhost:8080')
        .transform((url) => url.replace(/\/+$/, '')),
    ),
    // The embedded mail catcher's HTTP view: set by `npm start` only when it runs the catcher (no SMTP_URL);
    // the platform admin reads it in «Почта (разработка)». A real installation leaves it unset.
    MAIL_CATCHER_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
    PARTNER_APPLY_LIMIT_PER_HOUR: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ error: 'ожидается целое число' }).int('ожидается целое число').min(1, 'не меньше 1').max(100_000).default(10),
    ),
    SURVEY_SUBMIT_LIMIT_PER_HOUR: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ error: 'ожидается целое число' }).int('ожидается целое число').min(1, 'не меньше 1').max(100_000).default(300),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.ATTACHMENT_STORAGE !== 's3') return;
    for (const name of S3_REQUIRED) {
      if (value[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'обязательна при ATTACHMENT_STORAGE=s3' });
    }
  });

export interface ApiConfig {
  /** Absent in development: the caller (tools/stack, tests) provides an embedded PostgreSQL. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  keycloak: {
    /** Base URL without `/realms`, e.g. http://localhost:8180 */
    url: string;
    realm: string;
    audience: string;
    /** `${url}/realms/${realm}` — the token issuer. */
    issuer: string;
    /** The JWKS endpoint of the realm. */
    jwksUrl: string;
  };
  nodeEnv: 'development' | 'production' | 'test';
  production: boolean;
  /**
   * Queries run as graphql-jit's compiled code (GRAPHQL_COMPILED_QUERIES, default true); false runs
   * them on graphql-js, as mutations always do (engine/graphql/compiled-queries.ts).
   */
  graphqlCompiledQueries: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  dbPoolMax: number;
  /** District schemas migrated in parallel at start-up (MIGRATION_CONCURRENCY, default 4). */
  migrationConcurrency: number;
  /** Allowed browser origins; `*` allows any. */
  corsOrigins: string[];
  /** Readers of roadmap files the domain's parser does not read itself (PDF, .doc, .rtf, .odt). */
  imports: {
    /** LibreOffice's `soffice` (IMPORT_SOFFICE_PATH), or null: looked up on PATH when needed. */
    sofficePath: string | null;
    /** A conversion running longer is stopped and the file refused (IMPORT_CONVERT_TIMEOUT_MS). */
    convertTimeoutMs: number;
    /** Reading one PDF (IMPORT_PDF_TIMEOUT_MS). */
    pdfTimeoutMs: number;
    /** PDFs with more pages are refused (IMPORT_PDF_MAX_PAGES). */
    pdfMaxPages: number;
  };
  attachments: {
    /** Where new files go: `database` (bytea in the district schema), `disk` (under `dir`) or `s3`. */
    storage: 'database' | 'disk' | 's3';
    /** Absolute directory of the disk storage (one subdirectory per district schema). */
    dir: string;
    /** Upload size limit in bytes (10 MiB by default). */
    maxBytes: number;
    /**
     * The S3-compatible bucket (S3_*): set whenever all of S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID
     * and S3_SECRET_ACCESS_KEY are (required with ATTACHMENT_STORAGE=s3; kept otherwise so that
     * files written to S3 before a switch stay readable).
     */
    s3?: {
      /** Base URL without a trailing slash, e.g. https://storage.yandexcloud.net */
      endpoint: string;
      region: string;
      bucket: string;
      accessKeyId: string;
      secretAccessKey: string;
      /** `<endpoint>/<bucket>/<key>` (true, the default) or `<bucket>.<endpoint host>/<key>`. */
      forcePathStyle: boolean;
      /** Downloads answer 302 to a short-lived presigned URL instead of passing through the API. */
      presignedDownloads: boolean;
      /** The endpoint the browser reaches the bucket at, when not `endpoint` (S3_PUBLIC_ENDPOINT). */
      publicEndpoint?: string;
    };
  };
  /** The time zone in which «today» is taken (deadlines, overdue items). */
  timeZone: string;
  /** Days without a recorded meeting after which a pair's members and curator are written to (issue 16). */
  pairIdleDays: number;
  /** Seconds between refreshes of the monitoring roll-up (`core.district_kpi_snapshot`); 0 = off. */
  kpiRefreshIntervalSeconds: number;
  /** How old a changed district's stored dashboard figures may be and still be shown while a refresh is queued; 0 = always fresh. */
  monitoringStaleSeconds: number;
  /**
   * The public endpoints without a login (partner sign-up, survey links): per-client limits, counted
   * in PostgreSQL (`rate_limit.counter`) so that every replica sees the same counts.
   */
  publicEndpoints: {
    /** TRUSTED_PROXIES: peers whose X-Forwarded-For names the client (addresses, CIDRs, proxy-addr names); empty = none. */
    trustedProxies: string[];
    /** Partner applications per client address per hour. */
    partnerApplyPerHour: number;
    /** Survey form submissions (any outcome) per client address per hour: a school's pupils share its address. */
    surveySubmitPerHour: number;
  };
  /**
   * Where session state goes (the migrations' advisory lock): DATABASE_DIRECT_URL, else DATABASE_URL.
   * DATABASE_URL may point at a pooler in transaction mode; this one must reach PostgreSQL directly.
   */
  databaseDirectUrl: string | undefined;
  /** Outgoing mail: the notifications' e-mail channel (modules/notifications). */
  mail: {
    /** smtp:// (STARTTLS) or smtps:// (TLS from the start); undefined: nothing is sent, letters wait. */
    smtpUrl: string | undefined;
    requireTls: boolean;
    rejectUnauthorized: boolean;
    from: string;
    /** Links in letters lead here (no trailing slash). */
    adminUrl: string;
    /** The embedded catcher's HTTP view (`npm start` without SMTP_URL); unset in a real installation. */
    catcherUrl: string | undefined;
  };
  /** The background job queue (pg-boss, engine/jobs). */
  jobs: {
    /** false: this process runs no workers and no schedules (it still reads the queue for the admin). */
    enabled: boolean;
    /** PostgreSQL schema of the queue's own tables. */
    schema: string;
    /** How often an idle worker looks for jobs (and forwards due schedules). */
    pollIntervalSeconds: number;
    /** How often schedules are checked (pg-boss's cron monitor; occurrences are per minute at the finest). */
    cronCheckSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Некорректная конфигурация API:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const value = parsed.data;
  const issuer = `${value.KEYCLOAK_URL}/realms/${value.KEYCLOAK_REALM}`;
  const production = value.NODE_ENV === 'production';
  return {
    databaseUrl: value.DATABASE_URL,
    port: value.API_PORT,
    host: value.API_HOST,
    keycloak: {
      url: value.KEYCLOAK_URL,
      realm: value.KEYCLOAK_REALM,
      audience: value.KEYCLOAK_AUDIENCE,
      issuer,
      jwksUrl: `${issuer}/protocol/openid-connect/certs`,
    },
    nodeEnv: value.NODE_ENV,
    production,
    logLevel: value.LOG_LEVEL ?? (value.NODE_ENV === 'test' ? 'warn' : 'info'),
    dbPoolMax: value.DB_POOL_MAX,
    migrationConcurrency: value.MIGRATION_CONCURRENCY,
    corsOrigins: value.CORS_ORIGINS,
    imports: {
      sofficePath: value.IMPORT_SOFFICE_PATH ?? null,
      convertTimeoutMs: value.IMPORT_CONVERT_TIMEOUT_MS,
      pdfTimeoutMs: value.IMPORT_PDF_TIMEOUT_MS,
      pdfMaxPages: value.IMPORT_PDF_MAX_PAGES,
    },
    attachments: {
      storage: value.ATTACHMENT_STORAGE,
      dir: path.resolve(value.ATTACHMENT_DIR),
      maxBytes: value.ATTACHMENT_MAX_BYTES,
      s3:
        value.S3_ENDPOINT && value.S3_BUCKET && value.S3_ACCESS_KEY_ID && value.S3_SECRET_ACCESS_KEY
          ? s3Settings({
              endpoint: value.S3_ENDPOINT,
              region: value.S3_REGION,
              bucket: value.S3_BUCKET,
              accessKeyId: value.S3_ACCESS_KEY_ID,
              secretAccessKey: value.S3_SECRET_ACCESS_KEY,
              forcePathStyle: value.S3_FORCE_PATH_STYLE,
              presignedDownloads: value.S3_PRESIGNED_DOWNLOADS,
              ...(value.S3_PUBLIC_ENDPOINT ? { publicEndpoint: value.S3_PUBLIC_ENDPOINT } : {}),
            })
          : undefined,
    },
    timeZone: value.TIME_ZONE,
    graphqlCompiledQueries: value.GRAPHQL_COMPILED_QUERIES,
    kpiRefreshIntervalSeconds: value.KPI_REFRESH_INTERVAL_SECONDS,
    pairIdleDays: value.PAIR_IDLE_DAYS,
    monitoringStaleSeconds: value.MONITORING_STALE_SECONDS,
    publicEndpoints: {
      trustedProxies: value.TRUSTED_PROXIES,
      partnerApplyPerHour: value.PARTNER_APPLY_LIMIT_PER_HOUR,
      surveySubmitPerHour: value.SURVEY_SUBMIT_LIMIT_PER_HOUR,
    },
    databaseDirectUrl: value.DATABASE_DIRECT_URL ?? value.DATABASE_URL,
    mail: {
      smtpUrl: value.SMTP_URL,
      requireTls: value.SMTP_REQUIRE_TLS,
      rejectUnauthorized: value.SMTP_TLS_REJECT_UNAUTHORIZED,
      from: value.MAIL_FROM,
      adminUrl: value.ADMIN_PUBLIC_URL,
      catcherUrl: value.MAIL_CATCHER_URL,
    },
    jobs: {
      enabled: value.JOBS_ENABLED,
      schema: value.JOBS_SCHEMA,
      pollIntervalSeconds: value.JOBS_POLL_INTERVAL_SECONDS,
      cronCheckSeconds: value.JOBS_CRON_CHECK_SECONDS,
    },
  };
}

/** The S3 settings with the secret hidden from JSON.stringify, util.inspect and logs (still readable as a property). */
function s3Settings(settings: NonNullable<ApiConfig['attachments']['s3']>): NonNullable<ApiConfig['attachments']['s3']> {
  const { secretAccessKey, ...rest } = settings;
  return Object.defineProperty(rest, 'secretAccessKey', { value: secretAccessKey, enumerable: false }) as NonNullable<ApiConfig['attachments']['s3']>;
}
