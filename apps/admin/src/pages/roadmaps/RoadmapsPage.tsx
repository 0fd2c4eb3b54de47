import { useQuery } from '@apollo/client/react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { DistrictChooser } from '../../components/DistrictChooser';
import { SuccessNotice } from '../../components/Notice';
import { PagedTable } from '../../components/PagedTable';
import { usePageLoader } from '../../components/TableExport';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { canImportRoadmaps, canOpenCampaign, canSeeDistrictSettings, hasRole, isDistrictOfficerOf } from '../../lib/access';
import { formatDateRu } from '../../lib/format';
import { roadmapLevelOf, stateBadge } from '../../lib/roadmap/enums';
import { useListParams } from '../../lib/useListParams';
import { useMe } from '../../me';
import { CampaignList } from './CampaignList';
import { RoadmapsListQuery } from './documents';
import { useDistrictScope } from './useDistrictScope';

/** «Дорожные карты»: the district's campaigns (and «Открыть кампанию»), then every roadmap the user may see. */
export function RoadmapsPage() {
  const scope = useDistrictScope();
  const { grants } = useMe();
  const [, setParams] = useSearchParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const schoolView =
    hasRole(grants, 'school-director', 'school-curator') && !hasRole(grants, 'district-officer', 'district-head', 'region-coordinator', 'platform-admin');
  return (
    <>
      <div className="page-head">
        <PageTitle>{ru.campaigns.listTitle}</PageTitle>
        <div className="page-head-actions">
          {hasRole(grants, 'region-coordinator', 'platform-admin') && (
            <Link className="button button-secondary" to="/roadmaps/region">
              {ru.regionRoadmaps.open}
            </Link>
          )}
          {scope.districtId && canSeeDistrictSettings(grants, scope.districtId) && (
            <Link className="button button-secondary" to={scope.paths.districtSettings()}>
              {ru.districtSettings.open}
            </Link>
          )}
          {scope.districtId && isDistrictOfficerOf(grants, scope.districtId) && (
            <Link className="button button-secondary" to={scope.paths.newDistrictRoadmap()}>
              {ru.districtRoadmap.create}
            </Link>
          )}
          {scope.districtId && canImportRoadmaps(grants, scope.districtId) && (
            <Link className="button button-secondary" to={scope.paths.importRoadmap()}>
              {ru.imports.open}
            </Link>
          )}
          {scope.districtId && isDistrictOfficerOf(grants, scope.districtId) && (
            <Link className="button button-secondary" to={scope.paths.bulkImport()}>
              {ru.imports.bulkOpen}
            </Link>
          )}
          {scope.districtId && canOpenCampaign(grants, scope.districtId) && (
            <Link className="button" to={scope.paths.newCampaign()}>
              {ru.campaigns.open}
            </Link>
          )}
        </div>
      </div>
      <SuccessNotice>{notice}</SuccessNotice>
      {scope.chooses && <DistrictChooser value={scope.districtId ?? ''} onChange={(id) => setParams(id ? { district: id } : {})} />}
      {!scope.districtId ? (
        <p className="muted">{ru.campaigns.chooseDistrictHint}</p>
      ) : (
        <>
          <h2 id="campaigns-heading">{ru.campaigns.campaignsHeading}</h2>
          <p className="muted measure">{ru.campaigns.campaignsIntro}</p>
          <CampaignList key={scope.districtId} schoolView={schoolView} headingId="campaigns-heading" />
          <h2 id="roadmaps-heading">{ru.campaigns.roadmapsHeading}</h2>
          <RoadmapsTable key={`r:${scope.districtId}`} />
        </>
      )}
    </>
  );
}

function RoadmapsTable() {
  const scope = useDistrictScope();
  const { page, setPage, limit, offset } = useListParams('r');
  const { data: current, previousData, error, refetch } = useQuery(RoadmapsListQuery, { variables: { page: { limit, offset } }, context: scope.context });
  const exportPages = usePageLoader(
    RoadmapsListQuery,
    (page) => ({ page }),
    (all) => all.roadmaps,
    scope.context,
  );
  const data = current ?? previousData;
  return (
    <PagedTable
      list={data?.roadmaps}
      error={error}
      onRetry={() => void refetch()}
      page={page}
      onPage={setPage}
      exportPages={exportPages}
      tableProps={{ 'aria-labelledby': 'roadmaps-heading', 'data-testid': 'roadmaps-table' }}
      head={
        <>
          <th scope="col">{ru.campaigns.organization}</th>
          <th scope="col">{ru.campaigns.roadmap}</th>
          <th scope="col">{ru.campaigns.state}</th>
          <th scope="col">{ru.campaigns.inForce}</th>
        </>
      }
      row={(roadmap) => (
        <tr key={roadmap.id}>
          <th scope="row">{roadmap.organization?.shortName ?? ru.campaigns.districtRoadmap}</th>
          <td>
            <Link to={scope.paths.roadmap(roadmap.id)}>{roadmap.title}</Link>
            {roadmap.campaign && <span className="cell-note">{roadmap.campaign.title}</span>}
          </td>
          <td>
            <StatusBadge {...stateBadge(roadmap.latestRevision.state, roadmapLevelOf(roadmap.level))} />
            <span className="cell-note">
              {ru.roadmap.revisionLabel(roadmap.latestRevision.number)} · {formatDateRu(roadmap.latestRevision.updatedAt)}
            </span>
          </td>
          <td>{roadmap.inForceRevision ? ru.campaigns.inForceRevision(roadmap.inForceRevision.number) : ru.campaigns.notInForce}</td>
        </tr>
      )}
    />
  );
}
