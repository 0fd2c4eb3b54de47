import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';
import { S3AttachmentStorage, S3StorageError, type S3Settings } from './s3-storage.js';
import { EMPTY_PAYLOAD_HASH, sha256Hex, signRequest } from './sigv4.js';
import type { StorageTarget } from './storage.js';

/**
 * The S3 storage against a real S3-compatible server in-process (s3rver, files in a temp directory):
 * store, read back byte for byte, delete; `<district schema>/<id>` keys; wrong credentials; and the
 * HTTP upload of evidence with the API configured for S3.
 *
 * s3rver checks the access key but not SigV4 signatures ("V4 calculation is unimplemented"), so the
 * tests put a small verifying front before it: it recomputes each request's signature from what
 * arrived on the wire (method, path, query, the signed headers) with the real secret, and answers
 * 403 SignatureDoesNotMatch — as S3 does — when they differ. That also proves the headers fetch sends
 * are the ones that were signed (host with its port, x-amz-content-sha256 = the body's hash).
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
const seen: Array<{ method: string; url: string; contentSha256: string | undefined }> = [];

function verifySignature(req: IncomingMessage, body: Buffer): boolean {
  const authorization = String(req.headers.authorization ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
    authorization,
  );
  if (!match) return false;
  const [, accessKeyId, , region, signedHeaders, signature] = match;
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(';')) if (name !== 'host') headers[name] = String(req.headers[name] ?? '');
  const url = new URL(`http://${req.headers.host}${req.url}`);
  const payloadHash = headers['x-amz-content-sha256'] ?? '';
  const stamp = headers['x-amz-date'] ?? '';
  const date = new Date(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`);
  if (body.length > 0 && sha256Hex(body) !== payloadHash) return false;
  const expected = signRequest(
    { method: req.method!, url, headers, payloadHash },
    { accessKeyId: accessKeyId!, secretAccessKey: SECRET, region: region!, service: 's3' },
    date,
  );
  return expected.signature === signature;
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
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method!, url: req.url!, contentSha256: req.headers['x-amz-content-sha256'] as string | undefined });
      if (String(req.headers.authorization ?? '').includes(`Credential=${ACCESS_KEY}/`) && !verifySignature(req, body)) {
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message></Error>',
        );
        return;
      }
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
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;

  // Create the bucket with a signed PUT /<bucket>.
  const url = new URL(`${endpoint}/${BUCKET}`);
  const signed = signRequest(
    { method: 'PUT', url, payloadHash: EMPTY_PAYLOAD_HASH },
    { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET, region: 'ru-central1', service: 's3' },
  );
  const created = await fetch(url, { method: 'PUT', headers: signed.headers });
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
  ...overrides,
});
// The S3 storage never touches the entity manager.
const target = (schemaName: string) => ({ schemaName, em: undefined }) as unknown as StorageTarget;
const objectFile = (key: string) => path.join(dir, BUCKET, ...key.split('/')) + '._S3rver_object';

describe('S3AttachmentStorage against s3rver', () => {
  it('stores, reads back byte for byte and deletes, under <schema>/<id>; districts never share keys', async () => {
    const storage = new S3AttachmentStorage(settings());
    const id = randomUUID();
    const data = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)), randomBytes(300_000)]);
    await storage.put(target('district_a'), id, data);
    expect(storage.keyOf(target('district_a'), id)).toBe(`district_a/${id}`);
    expect(existsSync(objectFile(`district_a/${id}`))).toBe(true);
    const put = seen.findLast((request) => request.method === 'PUT');
    expect(put).toMatchObject({ url: `/${BUCKET}/district_a/${id}` });
    expect(put?.contentSha256).toMatch(/^[0-9a-f]{64}$/);

    const back = await storage.get(target('district_a'), id);
    expect(back?.equals(data)).toBe(true);
    expect(await storage.get(target('district_b'), id)).toBeNull();

    await storage.delete(target('district_a'), id);
    expect(existsSync(objectFile(`district_a/${id}`))).toBe(false);
    expect(await storage.get(target('district_a'), id)).toBeNull();
    await storage.delete(target('district_a'), id); // deleting twice is fine
  });

  it('refuses keys that could leave the district prefix', async () => {
    const storage = new S3AttachmentStorage(settings());
    await expect(storage.put(target('../other'), randomUUID(), Buffer.from('x'))).rejects.toThrow(/invalid attachment key/);
    await expect(storage.get(target('district_a'), '../../x')).rejects.toThrow(/invalid attachment key/);
  });

  it('a wrong secret or key id gives a clear error naming the variable, never the secret', async () => {
    const secret = 'wrong-secret-Zq9xPx7';
    const wrongSecret = new S3AttachmentStorage(settings({ secretAccessKey: secret }));
    const error = await wrongSecret.put(target('district_a'), randomUUID(), Buffer.from('hello')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(S3StorageError);
    expect((error as S3StorageError).status).toBe(403);
    expect((error as S3StorageError).code).toBe('SignatureDoesNotMatch');
    expect((error as Error).message).toMatch(
      /^S3 PUT nastavnik-test\/district_a\/[0-9a-f-]{36} failed: HTTP 403 SignatureDoesNotMatch: .* — check S3_SECRET_ACCESS_KEY/,
    );
    expect(`${(error as Error).message}${(error as Error).stack}${JSON.stringify(error)}`).not.toContain(secret);

    const wrongKey = new S3AttachmentStorage(settings({ accessKeyId: 'NO-SUCH-KEY' }));
    await expect(wrongKey.get(target('district_a'), randomUUID())).rejects.toThrow(/HTTP 403 InvalidAccessKeyId: .* — check S3_ACCESS_KEY_ID/);

    const noBucket = new S3AttachmentStorage(settings({ bucket: 'no-such-bucket' }));
    await expect(noBucket.put(target('district_a'), randomUUID(), Buffer.from('x'))).rejects.toThrow(/NoSuchBucket.* — check S3_BUCKET/);

    const down = new S3AttachmentStorage(settings({ endpoint: 'http://127.0.0.1:9' }), { timeoutMs: 5000 });
    await expect(down.get(target('district_a'), randomUUID())).rejects.toThrow(/http:\/\/127\.0\.0\.1:9 unreachable/);
  });
});

describe('evidence over HTTP with ATTACHMENT_STORAGE=s3', () => {
  let app: TestApp;
  let w: RoadmapWorld;
  const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2000), Buffer.from('\n%%EOF\n')]);
  const s3Env = () => ({ ATTACHMENT_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: BUCKET, S3_ACCESS_KEY_ID: ACCESS_KEY, S3_SECRET_ACCESS_KEY: SECRET });

  beforeAll(async () => {
    app = await startTestApp(s3Env());
    w = await roadmapWorld(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function upload(target: TestApp, token: string, fileName: string, body: Buffer) {
    const response = await fetch(`${target.api.url}/attachments?${new URLSearchParams({ fileName })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
      body,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('POST /attachments puts the bytes in the bucket under <district schema>/<id>; download and delete go through S3', async () => {
    const uploaded = await upload(app, w.tokens.curator1, 'Протокол.pdf', PDF);
    expect(uploaded.status).toBe(201);
    const key = `${w.district.schemaName}/${uploaded.body.id}`;
    expect(existsSync(objectFile(key))).toBe(true);
    const rows = await app.orm.em.fork().getConnection().execute(`select storage from "${w.district.schemaName}".attachment where id = ?`, [uploaded.body.id]);
    expect(rows).toEqual([{ storage: 's3' }]);

    const response = await fetch(`${app.api.url}${uploaded.body.url}`, { headers: { authorization: `Bearer ${w.tokens.curator1}` } });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);

    await ok(app, `mutation($id: ID!) { deleteAttachment(id: $id) }`, w.tokens.curator1, { id: uploaded.body.id });
    expect(existsSync(objectFile(key))).toBe(false);
  });

  it('with a wrong secret the upload fails cleanly: no card is left, the log names the S3 error and not the secret', async () => {
    const secret = 'wrong-secret-Yk2mWq5';
    const broken = await startTestApp({ ...s3Env(), S3_SECRET_ACCESS_KEY: secret });
    try {
      const curator = await broken.tokenFor('school-curator', [groups.organization(w.region, w.district, w.school1)]);
      const before = await broken.orm.em.fork().getConnection().execute(`select count(*)::int as n from "${w.district.schemaName}".attachment`);
      const failed = await upload(broken, curator, 'Протокол.pdf', PDF);
      expect(failed.status).toBe(500);
      expect(JSON.stringify(failed.body)).not.toContain(secret);
      expect(JSON.stringify(failed.body)).not.toContain('S3');
      const after = await broken.orm.em.fork().getConnection().execute(`select count(*)::int as n from "${w.district.schemaName}".attachment`);
      expect(after).toEqual(before);
      const logs = JSON.stringify(broken.logs);
      expect(logs).toContain('SignatureDoesNotMatch');
      expect(logs).toContain('check S3_SECRET_ACCESS_KEY');
      expect(logs).not.toContain(secret);
    } finally {
      await broken.stop();
    }
  });
});
