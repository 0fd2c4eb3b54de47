import { describe, expect, it } from 'vitest';
import * as root from '../index.js';
import * as programmes from './index.js';

describe('programmes index', () => {
  it('reaches the package root unshadowed (a name clash would drop it from `export *`)', () => {
    for (const [name, value] of Object.entries(programmes)) {
      expect((root as Record<string, unknown>)[name], name).toBe(value);
    }
  });

  it('exports the entry points', () => {
    for (const name of [
      'suggestMatches',
      'validateParticipant',
      'validateImportRow',
      'canStore',
      'canPublish',
      'withdrawalEffect',
      'anonymize',
      'planProgress',
      'nextAllowedMeetingTypes',
      'mergeFormCatalog',
    ]) {
      expect(typeof (programmes as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
