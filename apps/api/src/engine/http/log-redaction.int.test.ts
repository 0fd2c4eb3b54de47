import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

/**
 * A personal survey link's token opens a person's questionnaire without an account; the database
 * keeps only its hash, and the request log must not keep it either (issue 12, item 5).
 */
let app: TestApp;

beforeAll(async () => {
  // The request lines are written at `info`; tests log at `warn` by default.
  app = await startTestApp({ LOG_LEVEL: 'info' });
});

afterAll(async () => {
  await app?.stop();
});

describe('the request log', () => {
  it('never shows a survey link token, whatever the method or the answer', async () => {
    const token = `sibay.${randomBytes(24).toString('base64url')}`;
    const secret = token.slice('sibay.'.length);
    const base = app.api.url;
    const opened = await fetch(`${base}/public/surveys/${token}`);
    expect(opened.status).toBe(404);
    const posted = await fetch(`${base}/public/surveys/${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'q1=5',
    });
    expect([404, 410, 422]).toContain(posted.status);
    expect((await fetch(`${base}/public/surveys/${token}`, { method: 'PUT' })).status).toBe(405);

    await new Promise((resolve) => setTimeout(resolve, 100));
    const requestLines = app.logs.filter((line) => line.msg === 'request' && String(line.path).startsWith('/public/surveys/'));
    expect(requestLines.length).toBeGreaterThanOrEqual(3);
    for (const line of requestLines) expect(line.path).toBe('/public/surveys/[скрыто]');
    expect(JSON.stringify(app.logs)).not.toContain(secret);
  });

  it('never shows a secret query parameter (tokens, codes, signatures) on any request line', async () => {
    const secrets = Array.from({ length: 8 }, () => randomBytes(12).toString('hex'));
    const [token, accessToken, code, state, sessionState, signature, credential, password] = secrets;
    const query = new URLSearchParams({
      token: token!,
      access_token: accessToken!,
      code: code!,
      state: state!,
      session_state: sessionState!,
      'X-Amz-Signature': signature!,
      'X-Amz-Credential': credential!,
      password: password!,
      organizationId: 'visible-42',
    });
    const base = app.api.url;
    expect((await fetch(`${base}/partners/districts?${query}`)).status).toBe(200);
    expect((await fetch(`${base}/graphql?${query}`)).status).toBeLessThan(500);
    expect((await fetch(`${base}/no-such-path?${query}`)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = app.logs.filter((line) => line.msg === 'request' && typeof line.query === 'string');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    // The names stay (they help to debug), the values do not.
    for (const line of lines) expect(line.query).toContain('token=[скрыто]');
    expect(lines[0]!.query).toContain('organizationId=visible-42');
    const all = JSON.stringify(app.logs);
    for (const secret of secrets) expect(all).not.toContain(secret);
  });
});
