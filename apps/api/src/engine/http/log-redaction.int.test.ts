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
});
