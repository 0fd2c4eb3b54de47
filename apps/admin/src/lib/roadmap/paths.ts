/**
 * Addresses of the roadmap screens. People confined to one district never name it; platform admins
 * and region coordinators carry it as `?district=` (the tenancy header is built from it).
 */
export type RoadmapTab = 'content' | 'revisions' | 'history';

function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function roadmapPaths(districtId: string | null) {
  const d = districtId ?? undefined;
  const id = encodeURIComponent;
  return {
    inbox: () => withQuery('/inbox', { district: d }),
    list: () => withQuery('/roadmaps', { district: d }),
    newCampaign: () => withQuery('/roadmaps/campaigns/new', { district: d }),
    campaign: (campaignId: string, filter: { status?: string | null; overdue?: boolean } = {}) =>
      withQuery(`/roadmaps/campaigns/${id(campaignId)}`, { district: d, status: filter.status, overdue: filter.overdue ? '1' : null }),
    newDistrictRoadmap: () => withQuery('/roadmaps/district/new', { district: d }),
    districtSettings: () => withQuery('/roadmaps/settings', { district: d }),
    newRoadmap: (campaignId: string) => withQuery(`/roadmaps/campaigns/${id(campaignId)}/new`, { district: d }),
    roadmap: (roadmapId: string, options: { revision?: string | null; tab?: RoadmapTab | null; item?: string | null } = {}) =>
      withQuery(`/roadmaps/${id(roadmapId)}`, {
        district: d,
        revision: options.revision,
        tab: options.tab && options.tab !== 'content' ? options.tab : null,
      }) + (options.item ? `#item-${options.item}` : ''),
    importRoadmap: (options: { campaignId?: string | null; organizationId?: string | null } = {}) =>
      withQuery('/roadmaps/import', { district: d, campaign: options.campaignId, organization: options.organizationId }),
    bulkImport: (campaignId?: string | null) => withQuery('/roadmaps/import/bulk', { district: d, campaign: campaignId }),
    compare: (roadmapId: string, from?: string | null, to?: string | null) => withQuery(`/roadmaps/${id(roadmapId)}/compare`, { district: d, from, to }),
  };
}

export type RoadmapPaths = ReturnType<typeof roadmapPaths>;
