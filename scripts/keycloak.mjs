// The real Keycloak 26 for tests and for trying the product against it (issue 11, item 3).
//
//   node scripts/keycloak.mjs fetch    download (Maven Central) and unpack into .cache/keycloak/
//   node scripts/keycloak.mjs start    start it with infra/keycloak/realm-nastavnik.json until Ctrl+C
//                                      (KEYCLOAK_PORT, default 8080)
//   node scripts/keycloak.mjs test     `npm run test:keycloak`: check Java/Maven, build, run the suite
//
// As a library (tools/keycloak's tests): `startKeycloak({ realmFiles }) → { url, stop(), … }`.
// Plain Node ESM, no build step, no dependencies: it must run before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import getPort from 'get-port';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const KEYCLOAK_VERSION = '26.7.3';
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'keycloak');
export const REALM_FILE = path.join(REPO_ROOT, 'infra', 'keycloak', 'realm-nastavnik.json');
const ARTIFACT = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`;
const MIN_JAVA = 21;

/** Major version of the JDK at `home` (its `release` file, else `bin/java -version`), or null. */
export function javaMajor(home) {
  const java = path.join(home, 'bin', 'java');
  if (!existsSync(java)) return null;
  let text;
  try {
    text = readFileSync(path.join(home, 'release'), 'utf8');
  } catch {
    const run = spawnSync(java, ['-version'], { encoding: 'utf8' });
    text = `${run.stderr ?? ''}${run.stdout ?? ''}`;
  }
  const match = /version\s*=?\s*"(\d+)(?:\.(\d+))?/i.exec(text);
  if (!match) return null;
  // Java 8 and older report "1.8".
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

/**
 * A JDK >= 21: KEYCLOAK_JAVA_HOME, then JAVA_HOME, then the newest under /usr/lib/jvm (the
 * machines' default `java` is 17, which Keycloak 26 no longer supports).
 */
export function findJava(env = process.env) {
  const candidates = [env.KEYCLOAK_JAVA_HOME, env.JAVA_HOME].filter(Boolean);
  // KEYCLOAK_JVM_DIR: where JDKs are installed (Debian's place by default; also lets a test play "no Java").
  const jvm = env.KEYCLOAK_JVM_DIR ?? '/usr/lib/jvm';
  if (existsSync(jvm)) {
    for (const name of readdirSync(jvm)) candidates.push(path.join(jvm, name));
  }
  let best = null;
  for (const home of candidates) {
    const major = javaMajor(home);
    if (major === null || major < MIN_JAVA) continue;
    // An explicit setting wins over a newer JDK found by looking around.
    if (home === env.KEYCLOAK_JAVA_HOME || home === env.JAVA_HOME) return { home, major };
    if (!best || major > best.major) best = { home, major };
  }
  return best;
}

export function findOnPath(command, env = process.env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, command);
    if (existsSync(file)) return file;
  }
  return null;
}

export const serverHome = () => path.join(CACHE_DIR, `keycloak-${KEYCLOAK_VERSION}`);
const stampFile = () => path.join(serverHome(), '.unpacked');

/** What is missing to run Keycloak here, as Russian + English sentences (empty = ready). */
export function missingTools(env = process.env) {
  const problems = [];
  if (!findJava(env)) {
    problems.push(
      `Не найдена Java ${MIN_JAVA}+ (Keycloak 26 на Java 17 не работает): установите JDK 21 или новее ` +
        `(например, Temurin 25) или укажите KEYCLOAK_JAVA_HOME. / No JDK ${MIN_JAVA}+ found: install one or set KEYCLOAK_JAVA_HOME.`,
    );
  }
  if (!existsSync(stampFile()) && !findOnPath('mvn', env)) {
    problems.push(
      'Не найден Maven (mvn): он скачивает Keycloak из Maven Central. Установите пакет maven. / ' +
        'Maven (mvn) not found: it downloads Keycloak from Maven Central; install maven.',
    );
  }
  return problems;
}

/**
 * The unpacked server in .cache/keycloak/keycloak-<version>/ (downloaded and unpacked once; a stamp
 * file marks a complete unpack, so an interrupted one is redone).
 */
export function ensureKeycloak({ log = console.log, env = process.env } = {}) {
  const home = serverHome();
  if (existsSync(stampFile())) return home;
  const java = findJava(env);
  if (!java) throw new Error(missingTools(env).join('\n'));
  mkdirSync(CACHE_DIR, { recursive: true });
  const zip = path.join(CACHE_DIR, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`);
  if (!existsSync(zip)) {
    const mvn = findOnPath('mvn', env);
    if (!mvn) throw new Error(missingTools(env).join('\n'));
    log(`Keycloak ${KEYCLOAK_VERSION}: скачиваю из Maven Central (${ARTIFACT})…`);
    const started = Date.now();
    const run = spawnSync(mvn, ['-q', '-B', 'dependency:copy', `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${CACHE_DIR}`], {
      stdio: 'inherit',
      env,
    });
    if (run.status !== 0 || !existsSync(zip)) throw new Error(`mvn dependency:copy ${ARTIFACT} не удалось (код ${run.status}).`);
    log(`  скачано за ${((Date.now() - started) / 1000).toFixed(1)} с`);
  }
  const partial = path.join(CACHE_DIR, `unpacking-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const unzip = findOnPath('unzip', env);
  const run = unzip
    ? spawnSync(unzip, ['-q', zip, '-d', partial], { stdio: 'inherit' })
    : spawnSync(path.join(java.home, 'bin', 'jar'), ['xf', zip], { cwd: partial, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`Не удалось распаковать ${zip}.`);
  const unpacked = path.join(partial, `keycloak-${KEYCLOAK_VERSION}`);
  // `jar xf` keeps no permissions.
  spawnSync('chmod', ['+x', path.join(unpacked, 'bin', 'kc.sh')]);
  rmSync(home, { recursive: true, force: true });
  renameSync(unpacked, home);
  rmSync(partial, { recursive: true, force: true });
  writeFileSync(stampFile(), `${KEYCLOAK_VERSION}\n`);
  return home;
}

/**
 * Keycloak's ports: the same choice as `freePort` in apps/api's embedded-postgres.ts (below the
 * kernel's ephemeral range, where an outgoing connection cannot take the number between the check
 * and Keycloak's bind), repeated here because this script also runs before anything is built.
 */
async function freePort() {
  const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  const high = Math.min(Number.isFinite(ephemeralLow) ? ephemeralLow : 32768, 32768) - 1;
  const candidates = Array.from({ length: 64 }, () => 20000 + Math.floor(Math.random() * (high - 20000)));
  return getPort({ port: candidates, host: '127.0.0.1' });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `kc.sh start-dev --import-realm` on free loopback ports, in its own copy of the server
 * (start-dev rebuilds into lib/ and keeps its H2 database in data/, so two runs must not share
 * one), with the realm files in data/import/ and a random bootstrap admin of the master realm.
 * Resolves when every imported realm serves its discovery document.
 *
 * @param {{ realmFiles?: string[], port?: number, log?: (line: string) => void, startTimeoutMs?: number, env?: NodeJS.ProcessEnv }} options
 */
export async function startKeycloak(options = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const java = findJava(env);
  if (!java) throw new Error(missingTools(env).join('\n'));
  const pristine = ensureKeycloak({ log, env });
  const port = options.port ?? (await freePort());
  const managementPort = await freePort();
  const home = path.join(CACHE_DIR, 'runs', `${process.pid}-${port}`);
  rmSync(home, { recursive: true, force: true });
  cpSync(pristine, home, { recursive: true });
  const importDir = path.join(home, 'data', 'import');
  mkdirSync(importDir, { recursive: true });
  const realmFiles = options.realmFiles ?? [REALM_FILE];
  const realms = realmFiles.map((file, index) => {
    const json = readFileSync(file, 'utf8');
    writeFileSync(path.join(importDir, `realm-${index}.json`), json);
    return JSON.parse(json).realm;
  });
  const admin = { username: 'kcadmin', password: randomBytes(12).toString('hex') };
  const logFile = path.join(home, 'keycloak.log');
  const out = openSync(logFile, 'a');
  const args = ['start-dev', '--http-host=127.0.0.1', `--http-port=${port}`, `--http-management-port=${managementPort}`, '--import-realm'];
  const started = Date.now();
  const child = spawn(path.join(home, 'bin', 'kc.sh'), args, {
    cwd: home,
    detached: true, // its own process group: stop() kills kc.sh and the JVM together
    stdio: ['ignore', out, out],
    env: {
      ...env,
      JAVA_HOME: java.home,
      PATH: `${path.join(java.home, 'bin')}${path.delimiter}${env.PATH ?? ''}`,
      KC_BOOTSTRAP_ADMIN_USERNAME: admin.username,
      KC_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
    },
  });
  closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  // A test runner that dies must not leave a JVM behind.
  const killOnExit = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', killOnExit);

  const url = `http://127.0.0.1:${port}`;
  const logText = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    process.off('exit', killOnExit);
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 200 && !exited; i++) await sleep(100);
      if (!exited) killOnExit();
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    }
    if (!options.keepFiles) rmSync(home, { recursive: true, force: true });
  };

  const deadline = started + (options.startTimeoutMs ?? 300_000);
  for (const realm of realms) {
    for (;;) {
      if (exited) {
        const tail = logText().split('\n').slice(-40).join('\n');
        await stop();
        throw new Error(`Keycloak остановился при запуске (код ${exited.code}, ${exited.signal ?? ''}):\n${tail}`);
      }
      if (Date.now() > deadline) {
        const tail = logText().split('\n').slice(-40).join('\n');
        await stop();
        throw new Error(`Keycloak не ответил за ${(options.startTimeoutMs ?? 300_000) / 1000} с:\n${tail}`);
      }
      const ok = await fetch(`${url}/realms/${realm}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(2000) })
        .then((response) => response.ok)
        .catch(() => false);
      if (ok) break;
      await sleep(500);
    }
  }
  return {
    url,
    port,
    realms,
    version: KEYCLOAK_VERSION,
    javaHome: java.home,
    admin,
    home,
    logFile,
    logText,
    startMs: Date.now() - started,
    stop,
  };
}

/** `npm run test:keycloak`: the suite, or a plain "did not run" where Java or Maven is missing. */
function runTests() {
  const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');
  const problems = missingTools();
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    if (ci) {
      console.error('CI: проверка с настоящим Keycloak обязательна — ошибка. / CI: the real-Keycloak suite must run — failing.');
      process.exit(1);
    }
    console.log(
      '\nТЕСТЫ С НАСТОЯЩИМ KEYCLOAK НЕ ЗАПУСКАЛИСЬ (нет нужных программ; в CI это ошибка).\n' +
        'THE REAL-KEYCLOAK SUITE DID NOT RUN (tools missing; in CI this fails).',
    );
    process.exit(0);
  }
  const npx = (args) => spawnSync('npx', args, { cwd: REPO_ROOT, stdio: 'inherit' }).status ?? 1;
  try {
    ensureKeycloak();
  } catch (error) {
    console.error(String(error instanceof Error ? error.message : error));
    process.exit(1);
  }
  let status = npx(['turbo', 'run', 'build', '--filter=@nastavnik/keycloak-test...', '--filter=@nastavnik/admin', '--output-logs=errors-only']);
  if (status === 0) status = spawnSync('npm', ['run', 'codegen', '--silent', '-w', '@nastavnik/admin'], { cwd: REPO_ROOT, stdio: 'inherit' }).status ?? 1;
  if (status === 0) status = spawnSync('npm', ['run', 'test:kc', '-w', '@nastavnik/keycloak-test'], { cwd: REPO_ROOT, stdio: 'inherit' }).status ?? 1;
  process.exit(status);
}

async function main(command) {
  if (command === 'fetch') {
    const problems = missingTools();
    if (problems.length > 0) {
      console.error(problems.join('\n'));
      process.exit(1);
    }
    console.log(ensureKeycloak());
    return;
  }
  if (command === 'start') {
    const port = Number(process.env.KEYCLOAK_PORT ?? 8080);
    console.log(`Keycloak ${KEYCLOAK_VERSION}: запуск на порту ${port}…`);
    const kc = await startKeycloak({ port, log: console.log });
    console.log(
      `Keycloak готов за ${(kc.startMs / 1000).toFixed(1)} с: ${kc.url}/realms/nastavnik (админ master: ${kc.admin.username} / ${kc.admin.password})\n` +
        `Продукт с ним: KEYCLOAK_URL=${kc.url} npm start. Журнал: ${kc.logFile}. Ctrl+C — остановить.`,
    );
    const shutdown = () => void kc.stop().then(() => process.exit(0));
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    return;
  }
  if (command === 'test') return runTests();
  console.error('usage: node scripts/keycloak.mjs fetch|start|test');
  process.exit(2);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
