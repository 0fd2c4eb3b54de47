import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../engine/config.js';
import { EMPTY_PAYLOAD_HASH, sha256Hex, signRequest, uriEncode } from './sigv4.js';

/**
 * The SigV4 signer against AWS's published examples («Signature Calculations for the Authorization
 * Header: Transferring Payload in a Single Chunk», S3 API reference), and the S3_* settings.
 */
const AWS_EXAMPLE = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 's3',
};
const MAY_24_2013 = new Date('2013-05-24T00:00:00Z');

describe('SigV4 signer: AWS examples', () => {
  it('Example: GET Object (examplebucket/test.txt, Range bytes=0-9)', () => {
    const signed = signRequest(
      { method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { Range: 'bytes=0-9' }, payloadHash: EMPTY_PAYLOAD_HASH },
      AWS_EXAMPLE,
      MAY_24_2013,
    );
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/test.txt',
        '',
        'host:examplebucket.s3.amazonaws.com',
        'range:bytes=0-9',
        'x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-amz-date:20130524T000000Z',
        '',
        'host;range;x-amz-content-sha256;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(signed.stringToSign).toBe(
      ['AWS4-HMAC-SHA256', '20130524T000000Z', '20130524/us-east-1/s3/aws4_request', '7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972'].join(
        '\n',
      ),
    );
    expect(signed.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    expect(signed.headers).toEqual({
      range: 'bytes=0-9',
      'x-amz-date': '20130524T000000Z',
      'x-amz-content-sha256': EMPTY_PAYLOAD_HASH,
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    });
  });

  it('Example: PUT Object (test$file.text, a signed payload, extra headers)', () => {
    const body = 'Welcome to Amazon S3.';
    expect(sha256Hex(body)).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const signed = signRequest(
      {
        method: 'PUT',
        url: new URL(`https://examplebucket.s3.amazonaws.com/${uriEncode('test$file.text', true)}`),
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash: sha256Hex(body),
      },
      AWS_EXAMPLE,
      MAY_24_2013,
    );
    expect(signed.canonicalRequest.split('\n').slice(0, 2)).toEqual(['PUT', '/test%24file.text']);
    expect(signed.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('Example: GET Bucket Lifecycle (?lifecycle) and Get Bucket (List Objects) (?max-keys=2&prefix=J)', () => {
    const get = (url: string) => signRequest({ method: 'GET', url: new URL(url), payloadHash: EMPTY_PAYLOAD_HASH }, AWS_EXAMPLE, MAY_24_2013);
    const lifecycle = get('https://examplebucket.s3.amazonaws.com/?lifecycle');
    expect(lifecycle.canonicalRequest.split('\n').slice(0, 3)).toEqual(['GET', '/', 'lifecycle=']);
    expect(lifecycle.signature).toBe('fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
    const list = get('https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2');
    expect(list.canonicalRequest.split('\n')[2]).toBe('max-keys=2&prefix=J');
    expect(list.signature).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });

  it('percent-encodes keys as S3 wants (slashes kept, UTF-8 bytes upper-case)', () => {
    expect(uriEncode('district_a/0190-ab ~x.pdf', true)).toBe('district_a/0190-ab%20~x.pdf');
    expect(uriEncode('a/b')).toBe('a%2Fb');
    expect(uriEncode('Отчёт')).toBe('%D0%9E%D1%82%D1%87%D1%91%D1%82');
  });
});

describe('S3_* settings', () => {
  const s3 = {
    ATTACHMENT_STORAGE: 's3',
    S3_ENDPOINT: 'https://storage.yandexcloud.net/',
    S3_BUCKET: 'nastavnik-files',
    S3_ACCESS_KEY_ID: 'YCAJE-key-id',
    S3_SECRET_ACCESS_KEY: 'super-secret-value',
  };

  it('defaults: region ru-central1, path-style; the secret never shows in JSON or inspect', () => {
    const config = loadConfig(s3);
    expect(config.attachments.storage).toBe('s3');
    expect(config.attachments.s3).toMatchObject({
      endpoint: 'https://storage.yandexcloud.net',
      region: 'ru-central1',
      bucket: 'nastavnik-files',
      accessKeyId: 'YCAJE-key-id',
      forcePathStyle: true,
    });
    expect(config.attachments.s3?.secretAccessKey).toBe('super-secret-value');
    expect(JSON.stringify(config)).not.toContain('super-secret-value');
    expect(inspect(config, { depth: 10 })).not.toContain('super-secret-value');
    expect(loadConfig({ ...s3, S3_FORCE_PATH_STYLE: 'false', S3_REGION: 'us-east-1' }).attachments.s3).toMatchObject({
      forcePathStyle: false,
      region: 'us-east-1',
    });
  });

  it('with ATTACHMENT_STORAGE=s3 every missing variable is named', () => {
    let error: unknown;
    try {
      loadConfig({ ATTACHMENT_STORAGE: 's3', S3_BUCKET: 'nastavnik-files' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      'S3_ENDPOINT: обязательна при ATTACHMENT_STORAGE=s3',
      'S3_ACCESS_KEY_ID: обязательна при ATTACHMENT_STORAGE=s3',
      'S3_SECRET_ACCESS_KEY: обязательна при ATTACHMENT_STORAGE=s3',
    ]);
    expect((error as ConfigError).message).toContain('S3_ENDPOINT');
  });

  it('bad values are named; other storages need no S3_*', () => {
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'storage.yandexcloud.net' })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ ...s3, S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ ...s3, S3_FORCE_PATH_STYLE: 'maybe' })).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => loadConfig({ ...s3, S3_SECRET_ACCESS_KEY: '' })).toThrow(/S3_SECRET_ACCESS_KEY: обязательна/);
    expect(loadConfig({ ATTACHMENT_STORAGE: 'disk' }).attachments.s3).toBeUndefined();
    // Kept with another storage, so files written to S3 earlier stay readable.
    expect(loadConfig({ ...s3, ATTACHMENT_STORAGE: 'database' }).attachments.s3?.bucket).toBe('nastavnik-files');
  });
});
