import { IMPORT_ERRORS_RU, type ImportFailure, type SourceDocument } from '@nastavnik/domain';
import type { ApiConfig } from '../config.js';

// PLACEHOLDER (being replaced in this session by the pdf.js reader): refuses every PDF as before.
export function createPdfReader(_config: ApiConfig['imports']) {
  return {
    async read(_bytes: Uint8Array): Promise<SourceDocument | ImportFailure> {
      return { ok: false, code: 'UNSUPPORTED_FORMAT', message: IMPORT_ERRORS_RU.unsupported };
    },
  };
}
