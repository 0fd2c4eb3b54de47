import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { IMPORT_ERRORS_RU, type ImportFailure, type SourceDocument } from '@nastavnik/domain';
import type { ApiConfig } from '../config.js';
import type { PdfPageLayout } from '@nastavnik/domain';
import type { PdfPartResult, PdfWorkerInput, PdfWorkerResult } from './pdf-worker.js';

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
/** PDFs read at the same time (worker threads); others wait their turn (each may take a few hundred MB). */
const MAX_CONCURRENT = 2;
/**
 * A file this large is read by all the pool's workers at once, each its share of the pages (pdf.js
 * reads a document on one thread; a 70-page plan takes a second on one): larger files are long ones.
 */
const SHARE_FROM_BYTES = 64 * 1024;
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
  // Worker threads kept warm between files (starting one and loading pdf.js costs more than reading a
  // page): piscina runs at most MAX_CONCURRENT at a time, queues the rest, replaces a worker that dies
  // (out of memory) or is aborted (deadline, memory watch), and lets idle ones go.
  let pool: Piscina | null = null;
  const poolOf = () =>
    (pool ??= new Piscina({
      filename: workerUrl().href,
      minThreads: 0,
      maxThreads: MAX_CONCURRENT,
      idleTimeout: 10_000,
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 },
    }));

  return {
    async read(bytes: Uint8Array): Promise<SourceDocument | ImportFailure> {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), config.pdfTimeoutMs);
      const baseline = process.memoryUsage.rss();
      const watch = setInterval(() => {
        if (process.memoryUsage.rss() - baseline > maxMemoryGrowth) abort.abort();
      }, MEMORY_CHECK_MS);
      const run = <T>(task: unknown, options: { transferList?: ArrayBuffer[]; name?: string }) =>
        poolOf().run(task, { ...options, transferList: options.transferList as never, signal: abort.signal }) as Promise<T>;
      // Each worker gets a copy of its own, moved to it (the caller's bytes may be a view of a shared pool).
      const inputFor = (part?: PdfWorkerInput['part']): PdfWorkerInput => {
        const copy = new Uint8Array(bytes.byteLength);
        copy.set(bytes);
        return { bytes: copy, maxPages: config.pdfMaxPages, maxStreamBytes: MAX_STREAM_BYTES, maxTotalBytes: MAX_TOTAL_BYTES, ...(part ? { part } : {}) };
      };
      try {
        if (bytes.byteLength < SHARE_FROM_BYTES) {
          const input = inputFor();
          return failureOf(await run<PdfWorkerResult>(input, { transferList: [input.bytes.buffer as ArrayBuffer] }), config.pdfMaxPages);
        }
        const parts = await Promise.all(
          Array.from({ length: MAX_CONCURRENT }, (_, index) => {
            const input = inputFor({ index, count: MAX_CONCURRENT });
            return run<PdfPartResult>(input, { transferList: [input.bytes.buffer as ArrayBuffer] });
          }),
        );
        const failed = parts.find((p) => !p.ok);
        if (failed) return failureOf(failed, config.pdfMaxPages);
        const pages: PdfPageLayout[] = parts.flatMap((p) => (p.ok ? p.pages : []));
        return failureOf(await run<PdfWorkerResult>(pages, { name: 'layoutTask' }), config.pdfMaxPages);
      } catch {
        // Aborted (deadline, memory) or the worker died (ERR_WORKER_OUT_OF_MEMORY): too much for the reader.
        return tooComplex;
      } finally {
        clearTimeout(timer);
        clearInterval(watch);
      }
    },
    /** Stops the pool's workers (at shutdown; idle ones stop by themselves after a while). */
    async close(): Promise<void> {
      const current = pool;
      pool = null;
      await current?.destroy();
    },
  };
}
