import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IMPORT_ERRORS_RU, type ImportFailure } from '@nastavnik/domain';
import pLimit from 'p-limit';
import type { ApiConfig } from '../config.js';

export type ConvertibleOfficeFormat = 'doc' | 'rtf' | 'odt';

/** Conversions running at once, per API process: each is a whole LibreOffice (~210 MB, one core). */
export const MAX_PARALLEL_CONVERSIONS = 2;

/**
 * Converts Word 97–2003 (.doc), RTF and OpenDocument text (.odt) to .docx with LibreOffice headless,
 * for the roadmap import (modules/imports/readers.ts reads the .docx with the domain's parser).
 *
 * Per conversion: a fresh temporary directory holding the input (`input.<ext>`), a fresh LibreOffice
 * profile (`-env:UserInstallation`: LibreOffice locks its profile, so two conversions cannot share
 * one, and nothing a document does can outlive its conversion) and the output; the directory is
 * always removed. `soffice` runs without a shell in its own process group (`detached`), so a
 * conversion running past `convertTimeoutMs` is ended with SIGKILL to the whole group (the
 * `soffice` script, oosplash and soffice.bin). Its stdout and stderr are drained and dropped: they
 * may quote the document.
 *
 * Macros: the fresh profile has LibreOffice's default macro security («high»: only signed macros
 * from trusted sources), and a headless `--convert-to` loads the document for export only — it runs
 * no macros and no document events, and `--norestore --nodefault` opens nothing else.
 *
 * `toDocx` never throws: no LibreOffice → CONVERTER_MISSING (naming the Debian package to install),
 * a failed conversion or no output → CORRUPT, too slow → TOO_LARGE, each with its Russian message.
 */
export function createOfficeConverter(config: ApiConfig['imports']) {
  const limit = pLimit(MAX_PARALLEL_CONVERSIONS);
  return {
    async toDocx(bytes: Uint8Array, format: ConvertibleOfficeFormat): Promise<Uint8Array | ImportFailure> {
      try {
        const soffice = await findSoffice(config.sofficePath);
        if (!soffice) return missing(format);
        return await limit(() => convert(soffice, bytes, format, config.convertTimeoutMs));
      } catch {
        return failed(format);
      }
    },
  };
}

const missing = (ext: string): ImportFailure => ({ ok: false, code: 'CONVERTER_MISSING', message: IMPORT_ERRORS_RU.converterMissing(ext) });
const failed = (ext: string): ImportFailure => ({ ok: false, code: 'CORRUPT', message: IMPORT_ERRORS_RU.conversionFailed(ext) });
const timedOut = (ext: string): ImportFailure => ({ ok: false, code: 'TOO_LARGE', message: IMPORT_ERRORS_RU.conversionTimedOut(ext) });

/** The configured `soffice` when it can be run, else `soffice`, then `libreoffice`, on PATH; null when none. */
export async function findSoffice(configured: string | null, searchPath = process.env.PATH ?? ''): Promise<string | null> {
  if (configured) return (await isExecutable(configured)) ? configured : null;
  for (const name of ['soffice', 'libreoffice']) {
    for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, name);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

type Outcome = { kind: 'exit'; code: number | null } | { kind: 'timeout' } | { kind: 'missing' } | { kind: 'error' };

async function convert(soffice: string, bytes: Uint8Array, format: ConvertibleOfficeFormat, timeoutMs: number): Promise<Uint8Array | ImportFailure> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-office-'));
  try {
    const input = path.join(dir, `input.${format}`);
    const outDir = path.join(dir, 'out');
    await writeFile(input, bytes);
    await mkdir(outDir);
    const args = [
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      '--nologo',
      `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      outDir,
      input,
    ];
    const outcome = await run(soffice, args, dir, timeoutMs);
    if (outcome.kind === 'missing') return missing(format);
    if (outcome.kind === 'timeout') return timedOut(format);
    if (outcome.kind === 'error' || outcome.code !== 0) return failed(format);
    // LibreOffice answers 0 even when it could not load the file («source file could not be loaded»): no output then.
    try {
      const docx = await readFile(path.join(outDir, 'input.docx'));
      return docx.length ? new Uint8Array(docx) : failed(format);
    } catch {
      return failed(format);
    }
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

function run(command: string, args: string[], dir: string, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    let timedOutAlready = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup(child.pid);
      resolve(timedOutAlready ? { kind: 'timeout' } : outcome);
    };
    // HOME inside the temporary directory too: nothing of a conversion is written elsewhere.
    const child = spawn(command, args, {
      cwd: dir,
      detached: true,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HOME: dir },
    });
    child.stdout?.resume();
    child.stderr?.resume();
    const timer = setTimeout(() => {
      timedOutAlready = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ENOENT' || error.code === 'EACCES' ? { kind: 'missing' } : { kind: 'error' }));
    child.once('close', (code) => finish({ kind: 'exit', code }));
  });
}

/** SIGKILL to the conversion's process group (it was spawned detached, so it leads its own group). */
function killGroup(pid: number | undefined) {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group has already ended.
  }
}
