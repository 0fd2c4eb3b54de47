import { useQuery } from '@apollo/client/react';
import { academicYearOf } from '@nastavnik/domain';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { SelectField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql } from '../../gql';
import type { SchoolCampaignStatus } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { hasRole } from '../../lib/access';
import { isoToRu } from '../../lib/roadmap/dates';
import { campaignStatusBadge, stateBadge } from '../../lib/roadmap/enums';
import { roadmapPaths } from '../../lib/roadmap/paths';
import { useMe } from '../../me';
import { TableWrap } from '../../components/TableWrap';

export const RegionRoadmapOverviewQuery = graphql(`
  query RegionRoadmapOverview($regionId: ID!, $academicYear: String) {
    regionRoadmapOverview(regionId: $regionId, academicYear: $academicYear) {
      regionId
      regionName
      academicYear
      districts {
        districtId
        code
        name
        roadmapId
        roadmapState
        roadmapInForce
        campaign {
          id
          title
          academicYear
          dueDate
          pastDue
          counts {
            total
            notStarted
            draft
            withDirector
            submitted
            returned
            agreed
            overdue
          }
        }
      }
    }
  }
`);

const RegionRoadmapRegionsQuery = graphql(`
  query RegionRoadmapRegions($page: PageInput) {
    regions(page: $page) {
      items {
        id
        name
      }
    }
  }
`);

const STATUSES: ReadonlyArray<[SchoolCampaignStatus, 'notStarted' | 'draft' | 'withDirector' | 'submitted' | 'returned' | 'agreed']> = [
  ['NOT_STARTED', 'notStarted'],
  ['DRAFT', 'draft'],
  ['WITH_DIRECTOR', 'withDirector'],
  ['SUBMITTED', 'submitted'],
  ['RETURNED', 'returned'],
  ['AGREED', 'agreed'],
];

/** Academic years offered: the current one and the four before it; empty = each district's latest campaign. */
function yearChoices(): string[] {
  const start = Number(academicYearOf(new Date()).slice(0, 4));
  return Array.from({ length: 5 }, (_, i) => `${start - i}/${start - i + 1}`);
}

/**
 * «Дорожные карты региона» (region coordinator, platform admin): one row per district of the region
 * with the district's roadmap state and the school counts of its campaign; each row opens the
 * district's own screens (the district is carried as `?district=`, as the other roadmap screens do).
 */
export function RegionRoadmapsPage() {
  const { grants } = useMe();
  const [params, setParams] = useSearchParams();
  const ownRegions = grants.filter((g) => g.scopeKind === 'REGION' && g.region).map((g) => g.region!);
  const admin = hasRole(grants, 'platform-admin');
  const regionId = params.get('region') || (ownRegions.length === 1 && !admin ? ownRegions[0]!.id : null);
  const academicYear = params.get('year') || null;
  const chooses = admin || ownRegions.length > 1;
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'region' && !value) next.delete('region');
    setParams(next);
  };

  return (
    <>
      <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
        <Link to="/roadmaps">{ru.campaigns.listTitle}</Link>
      </nav>
      <PageTitle>{ru.regionRoadmaps.title}</PageTitle>
      <p className="muted measure">{ru.regionRoadmaps.intro}</p>
      <div className="toolbar">
        {chooses && <RegionChooser value={regionId ?? ''} onChange={(id) => set('region', id)} own={admin ? null : ownRegions} />}
        <SelectField label={ru.regionRoadmaps.academicYear} value={academicYear ?? ''} onChange={(event) => set('year', event.target.value)}>
          <option value="">{ru.regionRoadmaps.latestCampaign}</option>
          {yearChoices().map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </SelectField>
      </div>
      {regionId ? <Overview regionId={regionId} academicYear={academicYear} /> : <p className="muted">{ru.regionRoadmaps.chooseRegionHint}</p>}
    </>
  );
}

function RegionChooser({ value, onChange, own }: { value: string; onChange: (id: string) => void; own: Array<{ id: string; name: string }> | null }) {
  const { data } = useQuery(RegionRoadmapRegionsQuery, { variables: { page: { limit: 100, offset: 0 } }, skip: own !== null });
  const regions = own ?? data?.regions.items ?? [];
  return (
    <SelectField label={ru.regionRoadmaps.chooseRegion} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{ru.regionRoadmaps.chooseRegionPlaceholder}</option>
      {regions.map((region) => (
        <option key={region.id} value={region.id}>
          {region.name}
        </option>
      ))}
    </SelectField>
  );
}

function Overview({ regionId, academicYear }: { regionId: string; academicYear: string | null }) {
  const { data: current, previousData, error, refetch } = useQuery(RegionRoadmapOverviewQuery, { variables: { regionId, academicYear } });
  const data = current ?? previousData;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const overview = data.regionRoadmapOverview;
  if (overview.districts.length === 0) return <p className="muted">{ru.regionRoadmaps.noDistricts}</p>;
  return (
    <>
      <h2 id="region-roadmaps-heading">{overview.regionName}</h2>
      <TableWrap>
        <table className="table" aria-labelledby="region-roadmaps-heading" data-testid="region-roadmaps">
          <thead>
            <tr>
              <th scope="col">{ru.regionRoadmaps.district}</th>
              <th scope="col">{ru.regionRoadmaps.districtRoadmap}</th>
              <th scope="col">{ru.regionRoadmaps.campaign}</th>
              <th scope="col">{ru.regionRoadmaps.schools}</th>
            </tr>
          </thead>
          <tbody>
            {overview.districts.map((row) => {
              const paths = roadmapPaths(row.districtId);
              return (
                <tr key={row.districtId} data-testid={`region-district-${row.code}`}>
                  <th scope="row">
                    <Link to={paths.list()} aria-label={`${ru.regionRoadmaps.openDistrict}: ${row.name}`}>
                      {row.name}
                    </Link>
                  </th>
                  <td>
                    {row.roadmapId && row.roadmapState ? (
                      <>
                        <Link to={paths.roadmap(row.roadmapId)}>
                          <StatusBadge {...stateBadge(row.roadmapState, 'district')} />
                        </Link>
                        {row.roadmapInForce && <span className="cell-note">{ru.regionRoadmaps.inForce}</span>}
                      </>
                    ) : (
                      <span className="muted">{ru.regionRoadmaps.noRoadmap}</span>
                    )}
                  </td>
                  <td>
                    {row.campaign ? (
                      <>
                        <Link to={paths.campaign(row.campaign.id)}>{row.campaign.title}</Link>
                        <span className="cell-note">
                          {ru.campaigns.dueDate}: {isoToRu(row.campaign.dueDate)}
                          {row.campaign.pastDue && ` · ${ru.campaigns.pastDue}`}
                        </span>
                      </>
                    ) : (
                      <span className="muted">{ru.regionRoadmaps.noCampaign}</span>
                    )}
                  </td>
                  <td>
                    {row.campaign && (
                      <div className="count-filters" data-testid="region-campaign-counts">
                        <span className="count-filter">
                          {ru.campaign.filterAll} <strong>{row.campaign.counts.total}</strong>
                        </span>
                        {STATUSES.filter(([, key]) => row.campaign!.counts[key] > 0).map(([status, key]) => {
                          const badge = campaignStatusBadge(status);
                          return (
                            <Link key={status} to={paths.campaign(row.campaign!.id, { status })} className={`count-filter count-filter-${badge.tone}`}>
                              {badge.label} <strong>{row.campaign!.counts[key]}</strong>
                            </Link>
                          );
                        })}
                        {row.campaign.counts.overdue > 0 && (
                          <Link to={paths.campaign(row.campaign.id, { overdue: true })} className="count-filter count-filter-overdue">
                            {ru.campaign.filterOverdue} <strong>{row.campaign.counts.overdue}</strong>
                          </Link>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
