import type { Clock } from '../../engine/clock.js';
import type { ApiConfig } from '../../engine/config.js';
import type { Logger } from '../../engine/logging.js';
import type { AttachmentStorages } from '../attachments/storage.js';
import type { RoadmapService } from '../roadmaps/roadmap.service.js';
import { BulkImportService } from './bulk.service.js';
import { ImportDraftService } from './drafts.service.js';
import { ImportPreviewService } from './preview.service.js';
import { ImportSupport } from './support.js';
import { RoadmapFileReader } from './readers.js';
import { createPdfReader } from '../../engine/files/pdf.js';
import { createOfficeConverter } from '../../engine/files/libreoffice.js';

/** The import services over one shared support: app.ts and the CLI wire them alike. */
export function createImportServices(
  config: Pick<ApiConfig, 'attachments' | 'imports'>,
  storages: AttachmentStorages,
  clock: Clock,
  roadmaps: RoadmapService,
  logger?: Logger,
) {
  const files = new RoadmapFileReader(createPdfReader(config.imports), createOfficeConverter(config.imports));
  const support = new ImportSupport(config.attachments, storages, clock, files);
  const importDrafts = new ImportDraftService(support, clock, roadmaps);
  return {
    importPreviews: new ImportPreviewService(support, importDrafts),
    importDrafts,
    bulkImports: new BulkImportService(support, importDrafts, logger),
  };
}
