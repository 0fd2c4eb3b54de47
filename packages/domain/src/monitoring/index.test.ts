import { describe, expect, it } from 'vitest';
import * as root from '../index.js';
import * as partners from '../partners/index.js';
import * as monitoring from './index.js';

describe('monitoring and partners indexes', () => {
  it('clash with nothing at the package root (an `export *` clash would silently drop a name)', () => {
    // Holds before and after the root re-exports these folders: a name is either absent or the same value.
    for (const [name, value] of [...Object.entries(monitoring), ...Object.entries(partners)]) {
      const existing = (root as Record<string, unknown>)[name];
      expect(existing === undefined || existing === value, name).toBe(true);
    }
  });

  it('clash with each other on no name', () => {
    const shared = Object.keys(monitoring).filter((name) => name in partners);
    expect(shared).toEqual([]);
  });

  it('export the entry points', () => {
    for (const name of [
      'coverage',
      'federalTarget70',
      'partnerMentorShare',
      'partnerOrganizationShare',
      'plansDone',
      'consentsCollected',
      'finalEventAttendance',
      'roadmapExecution',
      'satisfaction',
      'impact',
      'trafficLight',
      'parseIndicator',
      'evaluateIndicator',
      'sumCounts',
      'weightedCoverage',
      'statFormRows',
    ]) {
      expect(typeof (monitoring as Record<string, unknown>)[name], name).toBe('function');
    }
    for (const name of [
      'validateInn',
      'validateOgrn',
      'validateKpp',
      'validatePartnerApplication',
      'normalizePartnerApplication',
      'agreementStatus',
      'isAgreementInForce',
      'partnersInForce',
    ]) {
      expect(typeof (partners as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
