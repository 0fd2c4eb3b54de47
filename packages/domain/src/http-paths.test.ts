import { describe, expect, it } from 'vitest';
import { isApiPath } from './http-paths.js';

describe('isApiPath', () => {
  it('routes the API prefixes and what is below them to the API', () => {
    for (const path of ['/graphql', '/public/surveys/sibay.abc', '/exports/roadmaps/1.docx', '/partner-files/x', '/healthz', '/partners/apply']) {
      expect(isApiPath(path), path).toBe(true);
    }
  });

  it('leaves the admin pages, look-alike prefixes and static files to the app', () => {
    for (const path of ['/', '/partners', '/partners/applications', '/join', '/graphqlx', '/publications', '/assets/index.js', '/config.json', '/healthz/x']) {
      expect(isApiPath(path), path).toBe(false);
    }
  });
});
