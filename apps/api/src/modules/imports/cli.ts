import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { accessOf, type Actor, type ResolvedGrant } from '../../engine/auth/actor.js';
import { systemClock, type Clock } from '../../engine/clock.js';
import type { ApiConfig } from '../../engine/config.js';
import { AppError } from '../../engine/errors.js';
import { silentLogger, type Logger } from '../../engine/logging.js';
import type { EntityManager, MikroORM } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import type { TenantLoaders } from '../../engine/tenancy/tenant.js';
import { createAttachmentStorages } from '../attachments/storage.js';
import { District } from '../directory/district.entity.js';
import { RoadmapService } from '../roadmaps/roadmap.service.js';
import type { BulkImportService } from './bulk.service.js';
import { createImportServices } from './services.js';
import { BULK_MAX_FILES, type BulkFile, type BulkReportEntry } from './shared.js';
import { IMPORT_MESSAGES_RU } from './messages.js';

export const IMPORT_USAGE = 'import --district <код муниципалитета> [--campaign <id кампании>] [--json] <файлы, папки или .zip …>';

export interface ImportCommandOptions {
  orm: MikroORM;
  config: ApiConfig;
  /** The command's arguments (after `import`). */
  args: string[];
  /** The tenant loaders of the API (app.ts `createTenantLoaders`). */
  createTenantLoaders: (em: EntityManager) => TenantLoaders;
  clock?: Clock;
  logger?: Logger;
  /** Relative paths are resolved against this (npm passes the caller's directory as INIT_CWD). */
  cwd?: string;
  out?: (line: string) => void;
}

export interface ImportCommandResult {
  exitCode: number;
  report: BulkReportEntry[];
}

/**
 * The operator's import of a whole district (`npm run import -- --district sibay [--campaign <id>] <paths>`):
 * every document of the given files, folders (recursively) and ZIP archives is imported like the bulk
 * endpoint does it — matched to a school by its file name (`<organization code>.docx`) or by the
 * organisation named in the document, stored with a new draft roadmap — and a line per file is
 * printed. It runs as a system actor with the district officer's scope in that district (no token:
 * whoever runs it has the database), so it is an operator tool, not a user-facing one.
 * Exit code 1 when any file failed, 2 for bad arguments.
 */
export async function runImportCommand(options: ImportCommandOptions): Promise<ImportCommandResult> {
  const out = options.out ?? ((line: string) => console.log(line));
  const { values, positionals } = parseArgs({
    args: options.args,
    options: { district: { type: 'string' }, campaign: { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (!values.district || positionals.length === 0) {
    out(positionals.length === 0 && values.district ? IMPORT_MESSAGES_RU.cliNoFiles : `Использование: node dist/cli.js ${IMPORT_USAGE}`);
    return { exitCode: 2, report: [] };
  }
  const core = options.orm.em.fork();
  const district = await core.findOne(District, { code: values.district }, { populate: ['region'] });
  if (!district) {
    out(IMPORT_MESSAGES_RU.districtNotFound(values.district));
    return { exitCode: 2, report: [] };
  }

  const clock = options.clock ?? systemClock(options.config.timeZone);
  const logger = options.logger ?? silentLogger();
  const service = createImportServices(
    options.config,
    createAttachmentStorages(options.config.attachments),
    clock,
    new RoadmapService(clock),
    logger,
  ).bulkImports;
  const grant: ResolvedGrant = {
    role: 'district-officer',
    scope: { kind: 'district', regionCode: district.region.code, districtCode: district.code },
    regionId: district.region.id,
    districtId: district.id,
    organizationId: null,
    partnerId: null,
  };
  const actor: Actor = {
    userId: 'system:import-cli',
    username: 'import-cli',
    displayName: 'Импорт из командной строки (оператор платформы)',
    position: null,
    roles: ['district-officer'],
    grants: [grant],
    access: accessOf([grant]),
  };
  const tenantEm = options.orm.em.fork({ schema: district.schemaName });
  const ctx: TenantServiceContext = {
    actor,
    em: core,
    tenant: {
      district: { id: district.id, code: district.code, regionId: district.region.id, schemaName: district.schemaName },
      em: tenantEm,
      loaders: options.createTenantLoaders(tenantEm),
    },
  };

  let report: BulkReportEntry[];
  try {
    const files = await collectFiles(service, positionals, options.cwd ?? process.env.INIT_CWD ?? process.cwd());
    report = await service.importFiles(ctx, files, { campaignId: values.campaign ?? null });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    out(error.message);
    return { exitCode: 2, report: [] };
  }

  if (values.json) out(JSON.stringify(report, null, 2));
  else {
    for (const entry of report) out(reportLine(entry));
    const created = report.filter((entry) => entry.ok).length;
    out(`Итого: файлов ${report.length}, создано дорожных карт ${created}, с ошибками ${report.length - created}`);
  }
  return { exitCode: report.every((entry) => entry.ok) ? 0 : 1, report };
}

export function reportLine(entry: BulkReportEntry): string {
  if (entry.ok) {
    const by = entry.matchedBy === 'code' ? 'по имени файла' : 'по названию в документе';
    return `✓ ${entry.fileName} → ${entry.organization?.shortName} (${by}): черновик дорожной карты ${entry.roadmapId} — разделов ${entry.stats?.sections ?? 0}, мероприятий ${entry.stats?.items ?? 0}`;
  }
  const who = entry.organization ? ` (${entry.organization.shortName})` : '';
  return `✗ ${entry.fileName}${who}: ${entry.message ?? ''}${entry.code ? ` [${entry.code}]` : ''}`;
}

/** The files of the arguments: files as they are, folders walked (sorted, hidden files skipped), archives unpacked (bounded). */
async function collectFiles(service: BulkImportService, args: string[], cwd: string): Promise<BulkFile[]> {
  const files: BulkFile[] = [];
  const add = (file: BulkFile) => {
    files.push(file);
    if (files.length > BULK_MAX_FILES) throw new AppError('BAD_USER_INPUT', IMPORT_MESSAGES_RU.tooManyFiles(BULK_MAX_FILES), { field: 'file' });
  };
  const visit = async (absolute: string, shown: string): Promise<void> => {
    const info = await stat(absolute).catch(() => null);
    if (!info) throw new AppError('BAD_USER_INPUT', IMPORT_MESSAGES_RU.notAFile(shown), { field: 'file' });
    if (info.isDirectory()) {
      const names = (await readdir(absolute)).filter((name) => !name.startsWith('.') && !name.startsWith('~$')).sort((a, b) => a.localeCompare(b));
      for (const name of names) await visit(path.join(absolute, name), path.join(shown, name));
      return;
    }
    if (!info.isFile()) return;
    if (/\.zip$/i.test(absolute)) {
      if (info.size > 100 * 1024 * 1024) throw service.bulkTooLarge();
      for (const entry of service.filesOf(readFileSync(absolute), shown)) add({ ...entry, fileName: `${shown}/${entry.fileName}` });
      return;
    }
    // Oversized files are refused by their size, without being read.
    add({ fileName: shown, size: info.size, read: () => readFileSync(absolute) });
  };
  for (const arg of args) await visit(path.resolve(cwd, arg), arg);
  return files;
}
