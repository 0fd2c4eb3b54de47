import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { IMPORT_ERRORS_RU, type ImportFailure, type SourceDocument } from '@nastavnik/domain';
import type { ApiConfig } from '../config.js';
import type { PdfWorkerInput, PdfWorkerResult } from './pdf-worker.js';

/**
 * Reads a roadmap PDF: pdf.js (pdfjs-dist, Node legacy build) in a worker thread takes each page's
 * text runs and ruling lines, the domain's `layoutPdf` rebuilds paragraphs and tables from them
 * (pdf-worker.ts). The worker is bounded: a heap limit, a deadline (`pdfTimeoutMs`), a page limit
 * (`pdfMaxPages`), and a check of every compressed stream's inflated size before pdf.js sees the file
 * (decompression bombs). Whatever goes wrong becomes an `ImportFailure` with a Russian message;
 * `read` never throws, and nothing of the document's text is logged.
 */

/** One inflated stream, and all of them together, may not exceed these. */
const MAX_STREAM_BYTES = 64 * 1024 * 1024;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;
/** PDFs read at the same time; others wait their turn (each worker may take a few hundred MB). */
const MAX_CONCURRENT = 2;
/**
 * The heap limit bounds pdf.js's objects but not its decoded buffers (ArrayBuffers live outside the
 * heap): the process's resident memory is watched while a worker runs, and a worker that makes it grow
 * by more than this is stopped — the net behind the bomb check, for filters it does not decode
 * (LZW, a Flate stream wrapped in ASCII85 …).
 */
const MAX_MEMORY_GROWTH = 512 * 1024 * 1024;
const MEMORY_CHECK_MS = 25;

const tooComplex: ImportFailure = { ok: false, code: 'TOO_LARGE', message: IMPORT_ERRORS_RU.pdfTooComplex };

/** The compiled worker next to this file in dist; in the tests (sources) the .ts file, run by Node's type stripping. */
function workerUrl(): URL {
  const compiled = new URL('./pdf-worker.js', import.meta.url);
  return existsSync(fileURLToPath(compiled)) ? compiled : new URL('./pdf-worker.ts', import.meta.url);
}

function failureOf(result: PdfWorkerResult, maxPages: number): SourceDocument | ImportFailure {
  if (result.ok) return result.source;
  switch (result.reason) {
    case 'too-large':
      return tooComplex;
    case 'too-many-pages':
      return { ok: false, code: 'TOO_LARGE', message: IMPORT_ERRORS_RU.pdfTooManyPages(result.pages, maxPages) };
    case 'encrypted':
      return { ok: false, code: 'ENCRYPTED', message: IMPORT_ERRORS_RU.pdfEncrypted };
    case 'no-text':
      return { ok: false, code: 'NO_TEXT_LAYER', message: IMPORT_ERRORS_RU.pdfNoText };
    default:
      return { ok: false, code: 'CORRUPT', message: IMPORT_ERRORS_RU.corruptPdf };
  }
}

export function createPdfReader(config: Pick<ApiConfig['imports'], 'pdfTimeoutMs' | 'pdfMaxPages'>, limits: { maxMemoryGrowth?: number } = {}) {
  const maxMemoryGrowth = limits.maxMemoryGrowth ?? MAX_MEMORY_GROWTH;
  let running = 0;
  const waiting: Array<() => void> = [];
  const acquire = async () => {
    if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  const run = (bytes: Uint8Array) =>
    new Promise<SourceDocument | ImportFailure>((resolve) => {
      // A copy of its own, moved to the worker (the caller's bytes may be a view of a shared pool).
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes);
      const input: PdfWorkerInput = { bytes: copy, maxPages: config.pdfMaxPages, maxStreamBytes: MAX_STREAM_BYTES, maxTotalBytes: MAX_TOTAL_BYTES };
      let settled = false;
      let worker: Worker | null = null;
      const finish = (value: SourceDocument | ImportFailure) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watch);
        void worker?.terminate().catch(() => undefined);
        resolve(value);
      };
      const timer = setTimeout(() => finish(tooComplex), config.pdfTimeoutMs);
      const baseline = process.memoryUsage.rss();
      const watch = setInterval(() => {
        if (process.memoryUsage.rss() - baseline > maxMemoryGrowth) finish(tooComplex);
      }, MEMORY_CHECK_MS);
      try {
        worker = new Worker(workerUrl(), {
          workerData: input,
          transferList: [copy.buffer],
          resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 },
        });
      } catch {
        finish({ ok: false, code: 'CORRUPT', message: IMPORT_ERRORS_RU.corruptPdf });
        return;
      }
      worker.once('message', (result: PdfWorkerResult) => finish(failureOf(result, config.pdfMaxPages)));
      // Out of memory (ERR_WORKER_OUT_OF_MEMORY) or any crash: too much for the reader.
      worker.once('error', () => finish(tooComplex));
      worker.once('exit', () => finish(tooComplex));
    });

  return {
    async read(bytes: Uint8Array): Promise<SourceDocument | ImportFailure> {
      await acquire();
      try {
        return await run(bytes);
      } catch {
        return { ok: false, code: 'CORRUPT', message: IMPORT_ERRORS_RU.corruptPdf };
      } finally {
        release();
      }
    },
  };
}
