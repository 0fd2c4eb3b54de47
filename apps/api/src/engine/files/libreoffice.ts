import { IMPORT_ERRORS_RU, type ImportFailure } from '@nastavnik/domain';
import type { ApiConfig } from '../config.js';

// PLACEHOLDER (being replaced in this session by the LibreOffice converter): refuses as before.
export function createOfficeConverter(_config: ApiConfig['imports']) {
  return {
    async toDocx(_bytes: Uint8Array, _format: 'doc' | 'rtf' | 'odt'): Promise<Uint8Array | ImportFailure> {
      return { ok: false, code: 'LEGACY_FORMAT', message: IMPORT_ERRORS_RU.legacy };
    },
  };
}
