import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../engine/config.js';

/** The S3_* settings (the storage itself is tested against s3rver: ./s3-storage.int.test.ts). */
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
      presignedDownloads: false,
    });
    expect(config.attachments.s3?.publicEndpoint).toBeUndefined();
    expect(config.attachments.s3?.secretAccessKey).toBe('super-secret-value');
    expect(JSON.stringify(config)).not.toContain('super-secret-value');
    expect(inspect(config, { depth: 10 })).not.toContain('super-secret-value');
    expect(loadConfig({ ...s3, S3_FORCE_PATH_STYLE: 'false', S3_REGION: 'us-east-1' }).attachments.s3).toMatchObject({
      forcePathStyle: false,
      region: 'us-east-1',
    });
  });

  it('presigned downloads: off unless S3_PRESIGNED_DOWNLOADS=true; S3_PUBLIC_ENDPOINT is an http(s) URL', () => {
    expect(loadConfig({ ...s3, S3_PRESIGNED_DOWNLOADS: 'true', S3_PUBLIC_ENDPOINT: 'https://files.example.ru/' }).attachments.s3).toMatchObject({
      presignedDownloads: true,
      publicEndpoint: 'https://files.example.ru',
      endpoint: 'https://storage.yandexcloud.net',
    });
    expect(loadConfig({ ...s3, S3_PRESIGNED_DOWNLOADS: 'false' }).attachments.s3?.presignedDownloads).toBe(false);
    expect(loadConfig({ ...s3, S3_PRESIGNED_DOWNLOADS: '' }).attachments.s3?.presignedDownloads).toBe(false);
    expect(() => loadConfig({ ...s3, S3_PRESIGNED_DOWNLOADS: 'yes please' })).toThrow(/S3_PRESIGNED_DOWNLOADS: ожидается true или false/);
    expect(() => loadConfig({ ...s3, S3_PUBLIC_ENDPOINT: 'files.example.ru' })).toThrow(/S3_PUBLIC_ENDPOINT/);
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
