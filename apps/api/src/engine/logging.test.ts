import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger, isSecretParameter, redactQuery } from './logging.js';

it('redacts the values of secret query parameters, keeping the others', () => {
  expect(redactQuery('')).toBe('');
  expect(redactQuery('?fileName=a.pdf&organizationId=42')).toBe('?fileName=a.pdf&organizationId=42');
  expect(redactQuery('?token=abc&code=c0de&state=s&session_state=x&fileName=a.pdf')).toBe(
    '?token=[скрыто]&code=[скрыто]&state=[скрыто]&session_state=[скрыто]&fileName=a.pdf',
  );
  expect(redactQuery('?X-Amz-Signature=f00&X-Amz-Credential=AKIA%2F2025&X-Amz-Date=20250101')).toBe(
    '?X-Amz-Signature=[скрыто]&X-Amz-Credential=[скрыто]&X-Amz-Date=20250101',
  );
  expect(redactQuery('?access_token=a&id_token=b&client_secret=c&api_key=d&PASSWORD=e')).not.toMatch(/=[a-e](&|$)/);
  expect(isSecretParameter('districtCode')).toBe(false);
  expect(isSecretParameter('Signature')).toBe(true);
});

it('redacts credentials headers and token fields from every log line', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ logLevel: 'info' }, {}, sink);
  logger.info({ req: { headers: { authorization: 'Bearer eyJsecret1', cookie: 'KEYCLOAK_SESSION=secret2' } } }, 'x');
  logger.info({ headers: { authorization: 'Basic secret3', cookie: 'a=secret4' }, token: 'secret5', link: { token: 'secret6' }, password: 'secret7' }, 'y');
  const text = lines.join('');
  expect(text).toContain('[скрыто]');
  for (let i = 1; i <= 7; i++) expect(text).not.toContain(`secret${i}`);
});
