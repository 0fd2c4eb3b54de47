import { useQuery } from '@apollo/client/react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { SuccessNotice } from '../../components/Notice';
import { PagedTable } from '../../components/PagedTable';
import { usePageLoader } from '../../components/TableExport';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge } from '../../components/StatusBadge';
import type { CampaignPageQuery as CampaignPageData, SchoolCampaignStatus } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { hasOrganizationRole, isDistrictOfficerOf } from '../../lib/access';
import { exportPaths } from '../../lib/downloads';
import { DownloadButton } from '../../components/DownloadButton';
import { notFoundError } from '../../lib/errors';
import { formatDateRu } from '../../lib/format';
import { isoToRu } from '../../lib/roadmap/dates';
import { campaignStatusBadge } from '../../lib/roadmap/enums';
import { useListParams } from '../../lib/useListParams';
import { useMe } from '../../me';
import { CampaignPageQuery } from './documents';
import { useDistrictScope } from './useDistrictScope';

const STATUSES: readonly SchoolCampaignStatus[] = ['NOT_STARTED', 'DRAFT', 'WITH_DIRECTOR', 'SUBMITTED', 'RETURNED', 'AGREED'];
const COUNT_KEY = {
  NOT_STARTED: 'notStarted',
  DRAFT: 'draft',
  WITH_DIRECTOR: 'withDirector',
  SUBMITTED: 'submitted',
  RETURNED: 'returned',
  AGREED: 'agreed',
} as const satisfies Record<SchoolCampaignStatus, string>;

type Counts = NonNullable<CampaignPageData['campaign']>['counts'];

/**
 * A campaign: each addressed school's status with a colour badge, overdue submissions highlighted,
 * the counts per status (which also filter the table), and each school's roadmap one click away.
 */
export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const scope = useDistrictScope();
  const { grants } = useMe();
  const [params] = useSearchParams();
  const officer = isDistrictOfficerOf(grants, scope.districtId);
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const statusParam = params.get('status');
  const status = STATUSES.find((s) => s === statusParam) ?? null;
  const overdue = params.get('overdue') === '1';
  const { page, setPage, limit, offset } = useListParams();
  const filter = { ...(status ? { status } : {}), ...(overdue ? { overdue: true } : {}) };
  const {
    data: current,
    previousData,
    error,
    refetch,
  } = useQuery(CampaignPageQuery, {
    variables: { id: campaignId, filter, page: { limit, offset } },
    context: scope.context,
  });
  const exportPages = usePageLoader(
    CampaignPageQuery,
    (page) => ({ id: campaignId, filter, page }),
    (all) => all.campaign?.schools,
    scope.context,
  );
  const data = current ?? previousData;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const campaign = data.campaign;
  if (!campaign) return <ErrorState error={notFoundError()} />;

  return (
    <>
      <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
        <Link to={scope.paths.list()}>{ru.campaigns.listTitle}</Link>
      </nav>
      <SuccessNotice>{notice}</SuccessNotice>
      <div className="page-head">
        <PageTitle title={campaign.title}>
          {campaign.title}
          <span className="title-sub">{campaign.academicYear}</span>
        </PageTitle>
        <div className="page-head-actions">
          <DownloadButton
            label={ru.exports.campaignXlsx}
            url={exportPaths.campaignXlsx(campaign.id)}
            fallbackName={`${ru.exports.fallbackCampaign}.xlsx`}
            headers={scope.context.headers}
          />
          {officer && (
            <Link className="button button-secondary" to={scope.paths.bulkImport(campaign.id)}>
              {ru.imports.bulkOpen}
            </Link>
          )}
        </div>
      </div>
      <dl className="facts" aria-label={ru.campaign.facts}>
        <div>
          <dt>{ru.campaigns.dueDate}</dt>
          <dd>
            {isoToRu(campaign.dueDate)}
            {campaign.pastDue && <span className="cell-note">{ru.campaigns.pastDue}</span>}
          </dd>
        </div>
        <div>
          <dt>{ru.campaigns.period}</dt>
          <dd>
            {isoToRu(campaign.periodStart)} – {isoToRu(campaign.periodEnd)}
          </dd>
        </div>
        <div>
          <dt>{ru.campaigns.addressedTo}</dt>
          <dd>{campaign.allOrganizations ? ru.campaigns.allSchools : ru.campaigns.chosenSchools(campaign.counts.total)}</dd>
        </div>
        <div>
          <dt>{ru.campaigns.createdBy}</dt>
          <dd>
            {campaign.createdByName}
            <span className="cell-note">{formatDateRu(campaign.createdAt)}</span>
          </dd>
        </div>
      </dl>

      <CountFilters counts={campaign.counts} status={status} overdue={overdue} campaignId={campaign.id} />

      <h2 id="campaign-schools">{ru.campaigns.schoolsHeading}</h2>
      {campaign.schools.total === 0 && (status || overdue) ? (
        <p className="muted">{ru.campaign.nothingWithFilter}</p>
      ) : (
        <PagedTable
          list={campaign.schools}
          error={error}
          onRetry={() => void refetch()}
          page={page}
          onPage={setPage}
          filtered={Boolean(status || overdue)}
          exportPages={exportPages}
          tableProps={{ 'aria-labelledby': 'campaign-schools', 'data-testid': 'campaign-schools' }}
          head={
            <>
              <th scope="col">{ru.campaigns.organization}</th>
              <th scope="col">{ru.campaigns.state}</th>
              <th scope="col">{ru.campaign.revision}</th>
              <th scope="col">
                <span className="visually-hidden">{ru.campaign.open}</span>
              </th>
            </>
          }
          row={(school) => (
            <tr key={school.organizationId} className={school.overdue ? 'row-overdue' : undefined}>
              <th scope="row">
                {school.organization.shortName}
                <span className="cell-note">{school.organization.name}</span>
              </th>
              <td>
                <StatusBadge {...campaignStatusBadge(school.status)} />
                {school.overdue && (
                  <span className="status status-overdue" title={ru.campaign.overdueHint}>
                    {ru.campaign.overdue}
                  </span>
                )}
                {school.hasAgreedRevision && school.status !== 'AGREED' && <span className="cell-note">{ru.campaign.agreedInForce}</span>}
              </td>
              <td>
                {school.latestRevision ? (
                  <>
                    {ru.campaign.revisionNumber(school.latestRevision.number)}
                    <span className="cell-note">{formatDateRu(school.latestRevision.updatedAt)}</span>
                  </>
                ) : (
                  <span className="muted">{ru.campaign.notStartedYet}</span>
                )}
              </td>
              <td>
                {school.roadmap ? (
                  <Link to={scope.paths.roadmap(school.roadmap.id)} aria-label={`${ru.campaign.open}: ${school.organization.shortName}`}>
                    {ru.campaign.open}
                  </Link>
                ) : (
                  <>
                    {hasOrganizationRole(grants, school.organizationId, 'school-curator') && (
                      <>
                        <Link className="button button-small" to={scope.paths.newRoadmap(campaign.id)}>
                          {ru.campaigns.createRoadmap}
                        </Link>{' '}
                      </>
                    )}
                    {(officer || hasOrganizationRole(grants, school.organizationId, 'school-curator')) && (
                      <Link
                        className="button button-secondary button-small"
                        to={scope.paths.importRoadmap({ campaignId: campaign.id, organizationId: school.organizationId })}
                        aria-label={`${ru.imports.open}: ${school.organization.shortName}`}
                      >
                        {ru.imports.open}
                      </Link>
                    )}
                  </>
                )}
              </td>
            </tr>
          )}
        />
      )}
    </>
  );
}

/** «Все (2) · не начата (1) · … · Просрочили срок (1)»: counts that are also the table's filter. */
function CountFilters({ counts, status, overdue, campaignId }: { counts: Counts; status: SchoolCampaignStatus | null; overdue: boolean; campaignId: string }) {
  const scope = useDistrictScope();
  const all = !status && !overdue;
  return (
    <nav className="count-filters" aria-label={ru.campaign.filterLabel} data-testid="campaign-counts">
      <Link to={scope.paths.campaign(campaignId)} aria-current={all ? 'true' : undefined} className="count-filter">
        {ru.campaign.filterAll} <strong>{counts.total}</strong>
      </Link>
      {STATUSES.map((s) => {
        const badge = campaignStatusBadge(s);
        return (
          <Link
            key={s}
            to={scope.paths.campaign(campaignId, { status: s })}
            aria-current={status === s ? 'true' : undefined}
            className={`count-filter count-filter-${badge.tone}`}
          >
            {badge.label} <strong>{counts[COUNT_KEY[s]]}</strong>
          </Link>
        );
      })}
      <Link to={scope.paths.campaign(campaignId, { overdue: true })} aria-current={overdue ? 'true' : undefined} className="count-filter count-filter-overdue">
        {ru.campaign.filterOverdue} <strong>{counts.overdue}</strong>
      </Link>
    </nav>
  );
}
