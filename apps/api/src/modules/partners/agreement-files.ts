import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DISTRICT_STAFF_ROLES, SCHOOL_STAFF_ROLES, type AgreementStatus } from '@nastavnik/domain';
import type { Actor } from '../../engine/auth/actor.js';
import type { ApiConfig } from '../../engine/config.js';
import type { Clock } from '../../engine/clock.js';
import { AppError, badUserInput, conflict, notFound } from '../../engine/errors.js';
import { currentLogger, silentLogger } from '../../engine/logging.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { ServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { ALLOWED_FILE_TYPES, cleanFileName, extensionOf, formatSize, type FileType } from '../attachments/file-types.js';
import type { AttachmentStorage, AttachmentStorages, StorageTarget } from '../attachments/storage.js';
import { PartnerAgreement, PartnerAgreementFile, PartnerAgreementFileContent } from './partner.entities.js';
import type { PartnerAgreementService } from './agreements.service.js';
import { isDistrictOfficer, isPlatformAdmin, isSchoolDirector } from './shared.js';

/** What a signed agreement may be: the document itself or its scan. */
export const AGREEMENT_FILE_EXTENSIONS = ['pdf', 'docx', 'jpg', 'jpeg', 'png'] as const;
export const AGREEMENT_FILE_TYPES_LABEL = 'PDF, DOCX, JPG, PNG';
/** At most this many files per agreement (the signed copy, its pages as scans, an addendum). */
export const AGREEMENT_FILES_MAX = 20;
/** The statuses in which files may still be added. */
const OPEN: readonly AgreementStatus[] = ['proposed', 'notStarted', 'active'];

export const AGREEMENT_FILE_MESSAGES_RU = {
  noName: 'Файл соглашения: укажите имя файла (параметр fileName)',
  badType: (extension: string) =>
    `Файл соглашения: недопустимый тип${extension ? ` «.${extension}»` : ''} — можно загрузить ${AGREEMENT_FILE_TYPES_LABEL} (подписанный документ или его скан)`,
  contentMismatch: (extension: string) => `Файл соглашения: содержимое не соответствует типу «.${extension}»`,
  tooLarge: (maxBytes: number) => `Файл соглашения: слишком большой — не более ${formatSize(maxBytes)}`,
  empty: 'Файл соглашения: файл пуст',
  closed: 'Файл можно приложить только к предложенному или действующему соглашению',
  tooMany: `К соглашению приложено максимальное число файлов (${AGREEMENT_FILES_MAX})`,
  agreementNotFound: 'Соглашение не найдено',
  fileNotFound: 'Файл соглашения не найден',
  missing: 'Содержимое файла не найдено в хранилище',
} as const;
const M = AGREEMENT_FILE_MESSAGES_RU;

const fileError = (message: string, httpStatus: number) => new AppError('BAD_USER_INPUT', message, { field: 'file', httpStatus });

/** The `database` storage of core files: a core table (the attachments' own table lives in district schemas). */
class CoreDatabaseStorage implements AttachmentStorage {
  readonly kind = 'database' as const;
  async put(target: StorageTarget, id: string, data: Buffer): Promise<void> {
    await target.em.insert(PartnerAgreementFileContent, { fileId: id, data });
  }
  async get(target: StorageTarget, id: string): Promise<Buffer | null> {
    const row = await target.em.findOne(PartnerAgreementFileContent, { fileId: id });
    return row ? Buffer.from(row.data) : null;
  }
  async read(target: StorageTarget, id: string): Promise<Readable | null> {
    const data = await this.get(target, id);
    return data ? Readable.from([data]) : null;
  }
  async delete(target: StorageTarget, id: string): Promise<void> {
    await target.em.nativeDelete(PartnerAgreementFileContent, { fileId: id });
  }
}

/** The key prefix of core files in the disk and S3 storages (`<dir>/core/<id>`, `core/<id>`). */
const CORE_SCHEMA = 'core';

const has = (actor: Actor, roles: readonly string[], test: (g: Actor['grants'][number]) => boolean) =>
  actor.grants.some((g) => roles.includes(g.role) && test(g));

/**
 * The signed files of cooperation agreements: uploaded by either party while the agreement is
 * proposed or in force, read only by the parties — the partner, and the counterpart (the school's
 * staff for an agreement with a school; the district's staff) — and the platform admin. Everybody
 * else gets NOT_FOUND, as if the agreement did not exist. Bytes go to the configured attachment
 * storage (ATTACHMENT_STORAGE), read back from the one that wrote them.
 */
export class AgreementFileService {
  private readonly storages: AttachmentStorages;

  constructor(
    private readonly config: ApiConfig['attachments'],
    storages: AttachmentStorages,
    private readonly clock: Clock,
    private readonly agreements: PartnerAgreementService,
  ) {
    this.storages = { ...storages, database: new CoreDatabaseStorage() };
  }

  get maxBytes(): number {
    return this.config.maxBytes;
  }

  tooLarge(): AppError {
    return fileError(M.tooLarge(this.config.maxBytes), 413);
  }

  /** Checks the name and the declared size before the body is read. */
  precheck(rawName: string | null | undefined, declaredSize: number | null): { fileName: string; extension: string; type: FileType } {
    const fileName = cleanFileName(rawName ?? '');
    if (!fileName) throw badUserInput('fileName', M.noName);
    const extension = extensionOf(fileName);
    const type = (AGREEMENT_FILE_EXTENSIONS as readonly string[]).includes(extension) ? ALLOWED_FILE_TYPES[extension] : undefined;
    if (!type) throw fileError(M.badType(extension), 415);
    if (declaredSize !== null && declaredSize > this.config.maxBytes) throw this.tooLarge();
    return { fileName, extension, type };
  }

  /** The partner's side of the agreement. */
  private partnerSide(actor: Actor, agreement: PartnerAgreement): boolean {
    return has(actor, ['partner-admin'], (g) => g.partnerId === agreement.partnerId);
  }

  /** The counterpart's staff (and the platform admin): who may read the agreement's files. */
  private counterpartReader(actor: Actor, agreement: PartnerAgreement): boolean {
    if (isPlatformAdmin(actor)) return true;
    if (has(actor, DISTRICT_STAFF_ROLES, (g) => g.districtId === agreement.districtId)) return true;
    return agreement.level === 'school' && has(actor, SCHOOL_STAFF_ROLES, (g) => g.organizationId === agreement.organizationId);
  }

  /** The counterpart who may add files: those who decide on it (the school's director, the district's officer). */
  private counterpartWriter(actor: Actor, agreement: PartnerAgreement): boolean {
    if (isPlatformAdmin(actor) || isDistrictOfficer(actor, agreement.districtId)) return true;
    return agreement.level === 'school' && agreement.organizationId !== null && isSchoolDirector(actor, agreement.organizationId);
  }

  private async agreementFor(ctx: ServiceContext, id: string, write: boolean): Promise<{ agreement: PartnerAgreement; side: 'partner' | 'counterpart' }> {
    const agreement = isUuid(id) ? await ctx.em.findOne(PartnerAgreement, { id }) : null;
    if (!agreement) throw notFound(M.agreementNotFound);
    if (this.partnerSide(ctx.actor, agreement)) return { agreement, side: 'partner' };
    if (write ? this.counterpartWriter(ctx.actor, agreement) : this.counterpartReader(ctx.actor, agreement)) return { agreement, side: 'counterpart' };
    // A reader who is not a writer learns nothing more than FORBIDDEN; anybody else: as if it did not exist.
    if (write && this.counterpartReader(ctx.actor, agreement))
      throw new AppError('FORBIDDEN', 'Приложить файл может партнёр, директор школы или специалист муниципалитета');
    throw notFound(M.agreementNotFound);
  }

  async upload(ctx: ServiceContext, agreementId: string, request: { fileName: string; data: Buffer }): Promise<PartnerAgreementFile> {
    const { fileName, extension, type } = this.precheck(request.fileName, request.data.length);
    const { agreement, side } = await this.agreementFor(ctx, agreementId, true);
    if (!OPEN.includes(this.agreements.status(agreement))) throw conflict(M.closed, 'STATE');
    if (request.data.length === 0) throw fileError(M.empty, 400);
    if (!type.sniff(request.data)) throw fileError(M.contentMismatch(extension), 415);
    if ((await ctx.em.count(PartnerAgreementFile, { agreementId: agreement.id })) >= AGREEMENT_FILES_MAX) throw conflict(M.tooMany, 'STATE');

    const storage = this.storages[this.config.storage];
    const file = new PartnerAgreementFile();
    Object.assign(file, {
      agreementId: agreement.id,
      fileName,
      contentType: type.contentType,
      size: request.data.length,
      sha256: createHash('sha256').update(request.data).digest('hex'),
      storage: storage.kind,
      uploadedByUserId: ctx.actor.userId,
      uploadedByName: ctx.actor.displayName || ctx.actor.username,
      uploadedBySide: side,
      createdAt: this.clock.now(),
    });
    const target = (em: EntityManager): StorageTarget => ({ schemaName: CORE_SCHEMA, em });
    try {
      await ctx.em.transactional(async (em) => {
        em.persist(file);
        await em.flush();
        await storage.put(target(em), file.id, request.data);
      });
    } catch (error) {
      if (storage.kind !== 'database') await storage.delete(target(ctx.em), file.id).catch(() => undefined);
      throw error;
    }
    currentLogger(silentLogger()).info({ agreementId: agreement.id, fileId: file.id, side }, 'partner agreement file uploaded');
    return file;
  }

  /** The files of agreements the actor already sees (the list of agreements is the scope); batched. */
  async filesOf(em: EntityManager, agreementIds: readonly string[]): Promise<PartnerAgreementFile[]> {
    if (agreementIds.length === 0) return [];
    return em.find(PartnerAgreementFile, { agreementId: { $in: [...agreementIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** Whether the actor may read this agreement's files (the GraphQL field is empty otherwise). */
  canRead(actor: Actor, agreement: PartnerAgreement): boolean {
    return this.partnerSide(actor, agreement) || this.counterpartReader(actor, agreement);
  }

  async read(ctx: ServiceContext, fileId: string): Promise<{ file: PartnerAgreementFile; data: Buffer }> {
    const file = isUuid(fileId) ? await ctx.em.findOne(PartnerAgreementFile, { id: fileId }) : null;
    if (!file) throw notFound(M.fileNotFound);
    try {
      await this.agreementFor(ctx, file.agreementId, false);
    } catch (error) {
      if (error instanceof AppError && error.extensions.code === 'NOT_FOUND') throw notFound(M.fileNotFound);
      throw error;
    }
    const data = await this.storages[file.storage].get({ schemaName: CORE_SCHEMA, em: ctx.em }, file.id);
    if (!data) throw notFound(M.missing);
    currentLogger(silentLogger()).info({ fileId: file.id, by: ctx.actor.username }, 'partner agreement file read');
    return { file, data };
  }
}

export const agreementFileUrl = (id: string) => `/partner-files/${id}`;

declare module '../../engine/graphql/context.js' {
  interface Services {
    partnerFiles: AgreementFileService;
  }
}
