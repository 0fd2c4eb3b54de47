/**
 * The product's processes under `npm start`: each part (identity provider, API, web server) runs
 * as its own Node process, forked with an IPC channel so that it ends when the starter ends — even
 * when the starter is killed with SIGKILL (see lifecycle.ts and the API's main.ts). A part that
 * dies on its own is started again, up to a few times a minute; beyond that the stack gives up
 * and says so. Output goes to a log file per part.
 *
 * Node's child_process is enough here: what a process manager (pm2, systemd) adds — daemons,
 * clusters, boot scripts — is what a development start must not do.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface ChildSpec {
  /** Short name for messages and the log file: `api`, `idp`, `web`. */
  name: string;
  /** The Russian name shown to users. */
  title: string;
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Answers 2xx once the part serves. */
  readyUrl: string;
  logFile: string;
  /** Seconds to wait for readiness (default 90). */
  readyTimeoutSeconds?: number;
}

export interface RunningChild {
  name: string;
  /** The current process id (changes after a restart). */
  pid(): number | undefined;
  stop(): Promise<void>;
}

const RESTARTS_PER_MINUTE = 3;
const STOP_GRACE_MS = 10_000;

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('процесс завершился при запуске');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`не ответил за ${Math.round(timeoutMs / 1000)} с (${url})`);
}

async function logTail(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export async function startChild(spec: ChildSpec, onGiveUp: (reason: string) => void, log: (line: string) => void): Promise<RunningChild> {
  const out: WriteStream = createWriteStream(spec.logFile, { flags: 'a' });
  let current: ChildProcess | undefined;
  let stopping = false;
  const recentCrashes: number[] = [];

  const spawn = async (): Promise<void> => {
    const child = fork(spec.script, [], {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // The parent keeps no reference loop on it: Ctrl+C ends the starter, which stops it.
      serialization: 'json',
    });
    current = child;
    child.stdout?.pipe(out, { end: false });
    child.stderr?.pipe(out, { end: false });
    child.on('exit', (code, signal) => {
      if (stopping || current !== child) return;
      void (async () => {
        const now = Date.now();
        recentCrashes.push(now);
        while (recentCrashes.length > 0 && now - recentCrashes[0]! > 60_000) recentCrashes.shift();
        const how = signal ? `сигнал ${signal}` : `код ${code}`;
        if (recentCrashes.length > RESTARTS_PER_MINUTE) {
          onGiveUp(`${spec.title} завершается снова и снова (${how}); последние строки ${spec.logFile}:\n${await logTail(spec.logFile)}`);
          return;
        }
        log(`! ${spec.title} завершился (${how}) — запускаю снова.`);
        try {
          await spawn();
          log(`• ${spec.title} снова работает.`);
        } catch (error) {
          onGiveUp(`${spec.title} не запустился снова: ${(error as Error).message}\n${await logTail(spec.logFile)}`);
        }
      })();
    });
    try {
      await waitReady(spec.readyUrl, child, (spec.readyTimeoutSeconds ?? 90) * 1000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${spec.title}: ${(error as Error).message}. Последние строки ${spec.logFile}:\n${await logTail(spec.logFile)}`, { cause: error });
    }
  };

  await spawn();

  return {
    name: spec.name,
    pid: () => current?.pid,
    async stop() {
      stopping = true;
      const child = current;
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}

/**
 * Runs a one-shot command of a part (the API's CLI: migrate, seed:demo) to its end; resolves with
 * its standard output, rejects with the tail of its error output. Both are appended to `logFile`.
 */
export function runOnce(input: { script: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [input.script, ...input.args], { cwd: input.cwd, env: input.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const out = createWriteStream(input.logFile, { flags: 'a' });
      out.end(`$ ${input.args.join(' ')}\n${stdout}${stderr}`);
      if (error) reject(new Error(`${input.args.join(' ')}: ${(stderr || error.message).trim().split('\n').slice(-10).join('\n')}`));
      else resolve(stdout);
    });
  });
}
