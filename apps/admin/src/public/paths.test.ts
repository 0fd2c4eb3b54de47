import { describe, expect, it } from 'vitest';
import { isPublicPath, PUBLIC_PATHS } from './paths';

describe('isPublicPath', () => {
  it('opens the partner sign-up without a login', () => {
    expect(PUBLIC_PATHS).toContain('/join');
    expect(isPublicPath('/join')).toBe(true);
    expect(isPublicPath('/join/')).toBe(true);
    expect(isPublicPath('//join')).toBe(true);
    expect(isPublicPath('/join/done')).toBe(true);
  });

  it('keeps everything else behind the login', () => {
    for (const path of ['/', '', '/joined', '/partners', '/partners/join', '/my-partner', '/JOIN', '/join-us']) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });
});
