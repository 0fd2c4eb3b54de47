import { describe, expect, it } from 'vitest';
import { roadmapPaths } from './paths';

describe('roadmap addresses', () => {
  it('name no district for people confined to one', () => {
    const paths = roadmapPaths(null);
    expect(paths.list()).toBe('/roadmaps');
    expect(paths.campaign('c1', { status: 'AGREED' })).toBe('/roadmaps/campaigns/c1?status=AGREED');
    expect(paths.campaign('c1', { overdue: true })).toBe('/roadmaps/campaigns/c1?overdue=1');
    expect(paths.roadmap('r1')).toBe('/roadmaps/r1');
    expect(paths.roadmap('r1', { revision: 'v2', tab: 'history' })).toBe('/roadmaps/r1?revision=v2&tab=history');
    expect(paths.roadmap('r1', { tab: 'content', item: 'k1' })).toBe('/roadmaps/r1#item-k1');
    expect(paths.compare('r1', 'a', 'b')).toBe('/roadmaps/r1/compare?from=a&to=b');
  });

  it('carry the chosen district for admins and region coordinators', () => {
    const paths = roadmapPaths('d-sibay');
    expect(paths.inbox()).toBe('/inbox?district=d-sibay');
    expect(paths.newRoadmap('c1')).toBe('/roadmaps/campaigns/c1/new?district=d-sibay');
    expect(paths.roadmap('r1', { revision: 'v1' })).toBe('/roadmaps/r1?district=d-sibay&revision=v1');
  });
});
