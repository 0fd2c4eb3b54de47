import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';
import { S3AttachmentStorage, S3StorageError, type S3Settings } from './s3-storage.js';
import type { StorageTarget } from './storage.js';

/**
 * The S3 storage (AWS SDK) against a real S3-compatible server in-process (s3rver, files in a temp
 * directory): store, read back byte for byte (whole and as a stream), delete; `<district schema>/<id>`
 * keys; wrong credentials; presigned download URLs; and evidence over HTTP with the API configured
 * for S3, streamed or redirected to the bucket.
 *
 * s3rver checks the access key but not SigV4 signatures ("V4 calculation is unimplemented"), so the
 * tests put a small verifying front before it: it recomputes each request's signature from what
 * arrived on the wire with the real secret — with @smithy/signature-v4, for header-signed requests
 * and for presigned (query-signed) URLs — refuses expired presigned URLs, and answers 403 as S3
 * does when something does not match. That also proves the headers sent are the ones that were
 * signed (host with its port, x-amz-content-sha256 = the body's hash).
 */
const require = createRequire(import.meta.url);
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;

const BUCKET = 'nastavnik-test';
const ACCESS_KEY = 'S3RVER'; // s3rver's built-in account
const SECRET = 'S3RVER';
let dir: string;
let s3rver: S3rverInstance;
let front: Server;
let endpoint: string;
let port: number;
/** What reached the front, and what it decided: `refused` = answered 403 itself, s3rver never saw it. */
const seen: Array<{ method: string; url: string; contentSha256: string | undefined; verdict: 'passed' | 'refused'; reason?: string }> = [];

/** SHA-256 / HMAC-SHA256 from node:crypto in the shape the signer takes (`sha256` constructor). */
class NodeSha256 {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(private readonly secret?: Bytes) {
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(this.secret));
  }
  update(data: Bytes): void {
    this.hash.update(bytesOf(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}
type Bytes = string | ArrayBuffer | ArrayBufferView;
const bytesOf = (data: Bytes): string | Buffer =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/** The query as the signer wants it: decoded values (`+` is not a space in S3 URLs). */
function queryOf(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    query[decodeURIComponent(at < 0 ? pair : pair.slice(0, at))] = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1));
  }
  return query;
}

const dateOf = (stamp: string) =>
  new Date(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`);

const signerFor = (accessKeyId: string, region: string) =>
  new SignatureV4({ credentials: { accessKeyId, secretAccessKey: SECRET }, region, service: 's3', sha256: NodeSha256, uriEscapePath: false });

/** A header-signed request: null when the signature (and the body's hash) match, else why not. */
async function headerSignatureProblem(req: IncomingMessage, body: Buffer): Promise<string | null> {
  const authorization = String(req.headers.authorization ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
    authorization,
  );
  if (!match) return 'malformed Authorization';
  const [, accessKeyId, , region, signedHeaders] = match;
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(';')) headers[name] = String(req.headers[name] ?? '');
  const payloadHash = headers['x-amz-content-sha256'] ?? '';
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && createHash('sha256').update(body).digest('hex') !== payloadHash) return 'body does not match x-amz-content-sha256';
  const url = new URL(`http://${req.headers.host}${req.url}`);
  const signed = await signerFor(accessKeyId!, region!).sign(
    { method: req.method!, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: queryOf(url.search), headers, body },
    { signingDate: dateOf(headers['x-amz-date'] ?? '') },
  );
  return signed.headers.authorization === authorization ? null : 'signature mismatch';
}

const SIGNER_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];

/** A presigned (query-signed) URL: null when its signature matches and it has not expired, else why not. */
async function querySignatureProblem(req: IncomingMessage): Promise<string | null> {
  const url = new URL(`http://${req.headers.host}${req.url}`);
  const query = queryOf(url.search);
  const credential = /^([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request$/.exec(query['X-Amz-Credential'] ?? '');
  if (!credential || query['X-Amz-Algorithm'] !== 'AWS4-HMAC-SHA256') return 'malformed X-Amz-Credential';
  const signingDate = dateOf(query['X-Amz-Date'] ?? '');
  const expiresIn = Number(query['X-Amz-Expires']);
  if (!(expiresIn > 0) || Date.now() > signingDate.getTime() + expiresIn * 1000) return 'expired';
  // The signer hoists x-amz-* headers into the query itself: give them back as headers.
  const headers: Record<string, string> = {};
  const rest: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (SIGNER_PARAMS.includes(name)) continue;
    if (name.toLowerCase().startsWith('x-amz-')) headers[name] = value;
    else rest[name] = value;
  }
  for (const name of (query['X-Amz-SignedHeaders'] ?? '').split(';')) headers[name] = String(req.headers[name] ?? '');
  const signed = await signerFor(credential[1]!, credential[3]!).presign(
    { method: req.method!, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: rest, headers },
    { signingDate, expiresIn },
  );
  return signed.query?.['X-Amz-Signature'] === query['X-Amz-Signature'] ? null : 'signature mismatch';
}

function refuse(res: ServerResponse, code: string, message: string): void {
  res.writeHead(403, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-s3rver-'));
  s3rver = new S3rver({ address: '127.0.0.1', port: 0, directory: dir, silent: true });
  await s3rver.run();
  const handle = s3rver.callback();
  front = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const record = { method: req.method!, url: req.url!, contentSha256: req.headers['x-amz-content-sha256'] as string | undefined };
        const authorization = String(req.headers.authorization ?? '');
        const presigned = /[?&]X-Amz-Signature=/.test(req.url ?? '');
        // Requests under another key id go on to s3rver, which answers InvalidAccessKeyId.
        const problem = authorization.includes(`Credential=${ACCESS_KEY}/`)
          ? await headerSignatureProblem(req, body)
          : presigned && (req.url ?? '').includes(`X-Amz-Credential=${ACCESS_KEY}%2F`)
            ? await querySignatureProblem(req)
            : !authorization && !presigned
              ? 'anonymous'
              : null;
        if (problem) {
          seen.push({ ...record, verdict: 'refused', reason: problem });
          if (problem === 'expired') return refuse(res, 'AccessDenied', 'Request has expired');
          if (problem === 'anonymous') return refuse(res, 'AccessDenied', 'Access Denied');
          return refuse(
            res,
            'SignatureDoesNotMatch',
            'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
          );
        }
        seen.push({ ...record, verdict: 'passed' });
        // Hand the buffered body on to s3rver as a fresh stream.
        const replay = Object.assign(Readable.from(body.length ? [body] : []), {
          headers: req.headers,
          rawHeaders: req.rawHeaders,
          method: req.method,
          url: req.url,
          httpVersion: req.httpVersion,
          httpVersionMajor: req.httpVersionMajor,
          httpVersionMinor: req.httpVersionMinor,
          socket: req.socket,
          connection: req.socket,
        });
        handle(replay as unknown as IncomingMessage, res);
      })();
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  port = (front.address() as AddressInfo).port;
  endpoint = `http://127.0.0.1:${port}`;

  // Create the bucket with a signed PUT /<bucket> (through the front, so its check is exercised too).
  const signed = await signerFor(ACCESS_KEY, 'ru-central1').sign(
    {
      method: 'PUT',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port,
      path: `/${BUCKET}`,
      query: {},
      headers: { host: `127.0.0.1:${port}`, 'x-amz-content-sha256': createHash('sha256').update('').digest('hex') },
    },
    { signingDate: new Date() },
  );
  const { host: _host, ...headers } = signed.headers; // fetch sets the same host itself
  const created = await fetch(`${endpoint}/${BUCKET}`, { method: 'PUT', headers });
  expect(created.status).toBe(200);
});

afterAll(async () => {
  await new Promise<void>((resolve) => (front ? front.close(() => resolve()) : resolve()));
  await s3rver?.close().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

const settings = (overrides: Partial<S3Settings> = {}): S3Settings => ({
  endpoint,
  region: 'ru-central1',
  bucket: BUCKET,
  accessKeyId: ACCESS_KEY,
  secretAccessKey: SECRET,
  forcePathStyle: true,
  presignedDownloads: false,
  ...overrides,
});
// The S3 storage never touches the entity manager.
const target = (schemaName: string) => ({ schemaName, em: undefined }) as unknown as StorageTarget;
const objectFile = (key: string) => path.join(dir, BUCKET, ...key.split('/')) + '._S3rver_object';
/**
 * s3rver answers a PUT once it has hashed the body, before its file is flushed (its filesystem store
 * resolves on the hashing stream's finish): a GET at once may see a shorter object. Real S3 does not.
 */
async function flushed(key: string, size: number): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 20) {
    if (existsSync(objectFile(key)) && statSync(objectFile(key)).size === size) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`s3rver did not write ${key}`);
}

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
const lastFor = (url: string) => seen.findLast((request) => request.url.startsWith(url));

describe('S3AttachmentStorage against s3rver', () => {
  it('stores, reads back byte for byte (whole and streamed) and deletes, under <schema>/<id>; districts never share keys', async () => {
    const storage = new S3AttachmentStorage(settings());
    const id = randomUUID();
    const data = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)), randomBytes(300_000)]);
    await storage.put(target('district_a'), id, data);
    expect(storage.keyOf(target('district_a'), id)).toBe(`district_a/${id}`);
    await flushed(`district_a/${id}`, data.length);
    const put = seen.findLast((request) => request.method === 'PUT');
    expect(put).toMatchObject({ verdict: 'passed' });
    expect(put?.url).toMatch(new RegExp(`^/${BUCKET}/district_a/${id}(\\?|$)`));
    expect(put?.contentSha256).toMatch(/^[0-9a-f]{64}$/);

    const back = await storage.get(target('district_a'), id);
    expect(back?.equals(data)).toBe(true);
    const stream = await storage.read(target('district_a'), id);
    expect(stream).toBeInstanceOf(Readable);
    expect((await drain(stream!)).equals(data)).toBe(true);
    expect(await storage.get(target('district_b'), id)).toBeNull();
    expect(await storage.read(target('district_b'), id)).toBeNull();

    await storage.delete(target('district_a'), id);
    expect(existsSync(objectFile(`district_a/${id}`))).toBe(false);
    expect(await storage.get(target('district_a'), id)).toBeNull();
    expect(await storage.read(target('district_a'), id)).toBeNull();
    await storage.delete(target('district_a'), id); // deleting twice is fine
  });

  it('streams a file of several MB in chunks, as it arrives', async () => {
    const storage = new S3AttachmentStorage(settings());
    const id = randomUUID();
    const data = randomBytes(6 * 1024 * 1024 + 123);
    await storage.put(target('district_a'), id, data);
    await flushed(`district_a/${id}`, data.length);
    const stream = (await storage.read(target('district_a'), id))!;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    expect(chunks.length).toBeGreaterThan(1);
    expect(createHash('sha256').update(Buffer.concat(chunks)).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    await storage.delete(target('district_a'), id);
  });

  it('refuses keys that could leave the district prefix', async () => {
    const storage = new S3AttachmentStorage(settings());
    await expect(storage.put(target('../other'), randomUUID(), Buffer.from('x'))).rejects.toThrow(/invalid attachment key/);
    await expect(storage.get(target('district_a'), '../../x')).rejects.toThrow(/invalid attachment key/);
    await expect(storage.read(target('district_a'), '../../x')).rejects.toThrow(/invalid attachment key/);
  });

  it('a wrong secret or key id gives a clear error naming the variable, never the secret', async () => {
    const secret = 'wrong-secret-Zq9xPx7';
    const wrongSecret = new S3AttachmentStorage(settings({ secretAccessKey: secret }));
    const id = randomUUID();
    const error = await wrongSecret.put(target('district_a'), id, Buffer.from('hello')).catch((caught: unknown) => caught);
    expect(lastFor(`/${BUCKET}/district_a/${id}`)).toMatchObject({ verdict: 'refused', reason: 'signature mismatch' });
    expect(error).toBeInstanceOf(S3StorageError);
    expect((error as S3StorageError).status).toBe(403);
    expect((error as S3StorageError).code).toBe('SignatureDoesNotMatch');
    expect((error as Error).message).toMatch(
      /^S3 PUT nastavnik-test\/district_a\/[0-9a-f-]{36} failed: HTTP 403 SignatureDoesNotMatch: .* — check S3_SECRET_ACCESS_KEY/,
    );
    expect(`${(error as Error).message}${(error as Error).stack}${JSON.stringify(error)}`).not.toContain(secret);
    await expect(wrongSecret.read(target('district_a'), randomUUID())).rejects.toThrow(/HTTP 403 SignatureDoesNotMatch/);

    const wrongKey = new S3AttachmentStorage(settings({ accessKeyId: 'NO-SUCH-KEY' }));
    await expect(wrongKey.get(target('district_a'), randomUUID())).rejects.toThrow(/HTTP 403 InvalidAccessKeyId: .* — check S3_ACCESS_KEY_ID/);

    const noBucket = new S3AttachmentStorage(settings({ bucket: 'no-such-bucket' }));
    await expect(noBucket.put(target('district_a'), randomUUID(), Buffer.from('x'))).rejects.toThrow(/NoSuchBucket.* — check S3_BUCKET/);
    await expect(noBucket.read(target('district_a'), randomUUID())).rejects.toThrow(/NoSuchBucket.* — check S3_BUCKET/);

    const down = new S3AttachmentStorage(settings({ endpoint: 'http://127.0.0.1:9' }), { timeoutMs: 5000 });
    await expect(down.get(target('district_a'), randomUUID())).rejects.toThrow(/http:\/\/127\.0\.0\.1:9 unreachable/);
  });

  it('a presigned URL fetched over plain HTTP gives the bytes with the Russian file name and the type', async () => {
    const storage = new S3AttachmentStorage(settings());
    const id = randomUUID();
    const data = randomBytes(50_000);
    await storage.put(target('district_a'), id, data);
    await flushed(`district_a/${id}`, data.length);
    const url = await storage.downloadUrl(target('district_a'), id, {
      fileName: 'Согласие родителя №1.pdf',
      contentType: 'application/pdf',
      expiresInSeconds: 60,
    });
    expect(url).toMatch(new RegExp(`^${endpoint}/${BUCKET}/district_a/${id}\\?`));
    expect(url).toContain('X-Amz-Expires=60');
    const response = await fetch(url);
    expect(lastFor(`/${BUCKET}/district_a/${id}?`)).toMatchObject({ verdict: 'passed' });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(data)).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; /);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '')).toBe('Согласие родителя №1.pdf');

    // S3_PUBLIC_ENDPOINT: the URL names the host the browser uses, and is signed for it.
    const publicStorage = new S3AttachmentStorage(settings({ publicEndpoint: `http://localhost:${port}` }));
    const publicUrl = await publicStorage.downloadUrl(target('district_a'), id, { fileName: 'a.pdf', contentType: 'application/pdf', expiresInSeconds: 60 });
    expect(publicUrl).toMatch(new RegExp(`^http://localhost:${port}/`));
    const viaPublic = await fetch(publicUrl);
    expect(viaPublic.status).toBe(200);
    expect(Buffer.from(await viaPublic.arrayBuffer()).equals(data)).toBe(true);
  });

  it('a tampered or expired presigned URL is refused with 403', async () => {
    const storage = new S3AttachmentStorage(settings());
    const id = randomUUID();
    const other = randomUUID();
    await storage.put(target('district_a'), id, Buffer.from('secret file'));
    await storage.put(target('district_a'), other, Buffer.from('another file'));
    const url = await storage.downloadUrl(target('district_a'), id, { fileName: 'a.pdf', contentType: 'application/pdf', expiresInSeconds: 60 });

    const refused = async (tampered: string, reason: string) => {
      expect(tampered).not.toBe(url);
      const response = await fetch(tampered);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('file');
      expect(seen.at(-1)).toMatchObject({ verdict: 'refused', reason });
    };
    // Another object under the same signature, another file name or type (served as HTML), a longer life, no signature at all.
    await refused(url.replace(id, other), 'signature mismatch');
    await refused(url.replace('filename%3Da.pdf', 'filename%3Db.pdf'), 'signature mismatch');
    await refused(url.replace('application%2Fpdf', 'text%2Fhtml'), 'signature mismatch');
    await refused(url.replace('X-Amz-Expires=60', 'X-Amz-Expires=600'), 'signature mismatch');
    await refused(url.split('?')[0]!, 'anonymous');

    const short = await storage.downloadUrl(target('district_a'), id, { fileName: 'a.pdf', contentType: 'application/pdf', expiresInSeconds: 1 });
    expect((await fetch(short)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await refused(short, 'expired');
  });
});

describe('evidence over HTTP with ATTACHMENT_STORAGE=s3', () => {
  let app: TestApp;
  let presigning: TestApp;
  let w: RoadmapWorld;
  const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2000), Buffer.from('\n%%EOF\n')]);
  const s3Env = () => ({ ATTACHMENT_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: BUCKET, S3_ACCESS_KEY_ID: ACCESS_KEY, S3_SECRET_ACCESS_KEY: SECRET });

  beforeAll(async () => {
    app = await startTestApp(s3Env());
    w = await roadmapWorld(app);
    presigning = await startTestApp({ ...s3Env(), S3_PRESIGNED_DOWNLOADS: 'true', S3_PUBLIC_ENDPOINT: `http://localhost:${port}` });
  });
  afterAll(async () => {
    await app?.stop();
    await presigning?.stop();
  });

  async function upload(target: TestApp, token: string, fileName: string, body: Buffer) {
    const response = await fetch(`${target.api.url}/attachments?${new URLSearchParams({ fileName })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
      body,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('POST /attachments puts the bytes in the bucket under <district schema>/<id>; the download is streamed; delete goes through S3', async () => {
    const uploaded = await upload(app, w.tokens.curator1, 'Протокол.pdf', PDF);
    expect(uploaded.status).toBe(201);
    const key = `${w.district.schemaName}/${uploaded.body.id}`;
    await flushed(key, PDF.length);
    const rows = await app.orm.em.fork().getConnection().execute(`select storage from "${w.district.schemaName}".attachment where id = ?`, [uploaded.body.id]);
    expect(rows).toEqual([{ storage: 's3' }]);

    const response = await fetch(`${app.api.url}${uploaded.body.url}`, { headers: { authorization: `Bearer ${w.tokens.curator1}` }, redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(PDF.length));
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);

    await ok(app, `mutation($id: ID!) { deleteAttachment(id: $id) }`, w.tokens.curator1, { id: uploaded.body.id });
    expect(existsSync(objectFile(key))).toBe(false);

    // The object gone behind the API's back: a Russian 404 before any byte, not a 200 with an empty body.
    const orphan = await upload(app, w.tokens.curator1, 'Протокол.pdf', PDF);
    await new S3AttachmentStorage(settings()).delete({ schemaName: w.district.schemaName } as StorageTarget, orphan.body.id);
    const gone = await fetch(`${app.api.url}${orphan.body.url}`, { headers: { authorization: `Bearer ${w.tokens.curator1}` } });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as any).errors[0].message).toBe('Содержимое файла не найдено в хранилище');
  });

  it('with S3_PRESIGNED_DOWNLOADS=true the download answers 302 to a short-lived presigned URL, after the same access checks', async () => {
    // Each test API has its own identity provider: tokens of the same people from this one.
    const curator1 = await presigning.tokenFor('school-curator', [groups.organization(w.region, w.district, w.school1)], 'gimnaziya.curator');
    const curator2 = await presigning.tokenFor('school-curator', [groups.organization(w.region, w.district, w.school2)], 'sosh4.curator');
    const uploaded = await upload(presigning, curator1, 'Протокол заседания.pdf', PDF);
    expect(uploaded.status).toBe(201);
    const response = await fetch(`${presigning.api.url}${uploaded.body.url}`, { headers: { authorization: `Bearer ${curator1}` }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^http://localhost:${port}/${BUCKET}/${w.district.schemaName}/${uploaded.body.id}\\?`));
    expect(location).toContain('X-Amz-Expires=60');

    // What the browser does next: the bucket answers with the bytes, the name and the type.
    const file = await fetch(location);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(file.headers.get('content-disposition') ?? '')?.[1] ?? '')).toBe('Протокол заседания.pdf');

    // Another school's curator and no token at all: no URL is handed out.
    const foreign = await fetch(`${presigning.api.url}${uploaded.body.url}`, { headers: { authorization: `Bearer ${curator2}` }, redirect: 'manual' });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('location')).toBeNull();
    const anonymous = await fetch(`${presigning.api.url}${uploaded.body.url}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('location')).toBeNull();
  });

  it('with a wrong secret upload, download and delete fail cleanly: a Russian 503, no card left or lost, the log names the S3 error and not the secret', async () => {
    const secret = 'wrong-secret-Yk2mWq5';
    const broken = await startTestApp({ ...s3Env(), S3_SECRET_ACCESS_KEY: secret });
    const count = async () => broken.orm.em.fork().getConnection().execute(`select count(*)::int as n from "${w.district.schemaName}".attachment`);
    const unavailable = (text: string) => {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('S3');
      expect(text).not.toContain('%PDF');
      expect(JSON.parse(text).errors[0]).toEqual({
        message: 'Хранилище файлов недоступно. Попробуйте позже или сообщите администратору.',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    };
    try {
      const curator = await broken.tokenFor('school-curator', [groups.organization(w.region, w.district, w.school1)]);
      const before = await count();
      const failed = await fetch(`${broken.api.url}/attachments?${new URLSearchParams({ fileName: 'Протокол.pdf' })}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${curator}` },
        body: PDF,
      });
      expect(failed.status).toBe(503);
      unavailable(await failed.text());
      expect(await count()).toEqual(before);

      // A file stored with the right key, read and deleted with the wrong one.
      const stored = await upload(app, w.tokens.curator1, 'Протокол.pdf', PDF);
      const download = await fetch(`${broken.api.url}${stored.body.url}`, { headers: { authorization: `Bearer ${curator}` } });
      expect(download.status).toBe(503);
      unavailable(await download.text());

      const officer = await broken.tokenFor('district-officer', [groups.district(w.region, w.district)], 'sibay.officer');
      const deleted = await broken.gql(`mutation($id: ID!) { deleteAttachment(id: $id) }`, { token: officer, variables: { id: stored.body.id } });
      expect(deleted.body.errors?.[0]).toMatchObject({
        message: 'Хранилище файлов недоступно. Попробуйте позже или сообщите администратору.',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      const kept = await broken.orm.em
        .fork()
        .getConnection()
        .execute(`select count(*)::int as n from "${w.district.schemaName}".attachment where id = ?`, [stored.body.id]);
      expect(kept).toEqual([{ n: 1 }]);

      const logs = JSON.stringify(broken.logs);
      expect(logs).toContain('SignatureDoesNotMatch');
      expect(logs).toContain('check S3_SECRET_ACCESS_KEY');
      expect(logs).not.toContain(secret);
    } finally {
      await broken.stop();
    }
  });
});
