import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { BulkActionBar, bulkRefusals, RowCheckbox, SelectAllCheckbox, useRowSelection } from '../../components/BulkSelection';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import { PagedTable } from '../../components/PagedTable';
import { usePageLoader } from '../../components/TableExport';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge } from '../../components/StatusBadge';
import type { CampaignPageQuery as CampaignPageData, SchoolCampaignStatus } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { hasOrganizationRole, isDistrictOfficerOf, platformRoleOf } from '../../lib/access';
import { classifyError } from '../../lib/errors';
import { dateTimeRu } from '../../lib/monitoring';
import { exportPaths } from '../../lib/downloads';
import { DownloadButton } from '../../components/DownloadButton';
import { notFoundError } from '../../lib/errors';
import { formatDateRu } from '../../lib/format';
import { isoToRu } from '../../lib/roadmap/dates';
import { campaignStatusBadge } from '../../lib/roadmap/enums';
import { useListParams } from '../../lib/useListParams';
import { useMe } from '../../me';
import { AFTER_DECISION, CampaignPageQuery, RemindCampaignSchoolsMutation } from './documents';
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

/** Not submitted yet: the district may remind these schools of the due date. */
const REMINDABLE: ReadonlySet<SchoolCampaignStatus> = new Set(['NOT_STARTED', 'DRAFT', 'WITH_DIRECTOR', 'RETURNED']);

/** «Ирина Ивановна Иванова» → «Иванова И. И.» (who reminded, as the campaign page names them); other shapes stay. */
export function surnameInitials(displayName: string): string {
  const parts = displayName.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== 3 || !parts.every((part) => /^\p{Lu}\p{Ll}+(-\p{Lu}\p{Ll}+)?$/u.test(part))) return displayName.trim();
  const [first, middle, last] = parts as [string, string, string];
  return `${last} ${first[0]}. ${middle[0]}.`;
}

/**
 * A campaign: each addressed school's status with a colour badge, overdue submissions highlighted,
 * the counts per status (which also filter the table), and each school's roadmap one click away.
 */
export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const scope = useDistrictScope();
  const { grants, me } = useMe();
  const [params] = useSearchParams();
  const officer = isDistrictOfficerOf(grants, scope.districtId);
  // The district's staff (officer, head) remind schools; the API checks the same.
  const reminder = grants.some((grant) => {
    const role = platformRoleOf(grant.role);
    return (role === 'district-officer' || role === 'district-head') && grant.district?.id === scope.districtId;
  });
  const selection = useRowSelection();
  const [remindNotice, setRemindNotice] = useState<string | null>(null);
  const [remindError, setRemindError] = useState<unknown>(null);
  const [remindMutation, { loading: reminding }] = useMutation(RemindCampaignSchoolsMutation, {
    context: scope.context,
    refetchQueries: ['CampaignPage', ...AFTER_DECISION.filter((name) => name !== 'CampaignPage')],
  });
  const remind = async (organizationIds: string[]) => {
    setRemindNotice(null);
    setRemindError(null);
    try {
      await remindMutation({ variables: { campaignId, organizationIds } });
      setRemindNotice(ru.workMoves.reminded(organizationIds.length));
      selection.setAll(organizationIds, false);
    } catch (error) {
      setRemindError(error);
    }
  };
  const refusals = bulkRefusals(remindError);
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
  const remindable = reminder ? campaign.schools.items.filter((school) => REMINDABLE.has(school.status)).map((school) => school.organizationId) : [];

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
      <SuccessNotice>{remindNotice}</SuccessNotice>
      {remindError != null && <ErrorNotice>{classifyError(remindError).message}</ErrorNotice>}
      {reminder && (
        <BulkActionBar selection={selection}>
          <button type="button" className="button button-small" disabled={reminding} onClick={() => void remind(selection.ids)}>
            {reminding ? ru.workMoves.reminding : ru.workMoves.remindSelected}
          </button>
        </BulkActionBar>
      )}
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
              {reminder && (
                <th scope="col" className="col-check">
                  <SelectAllCheckbox selection={selection} ids={remindable} />
                </th>
              )}
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
              {reminder && (
                <td className="col-check">
                  {REMINDABLE.has(school.status) && <RowCheckbox selection={selection} id={school.organizationId} name={school.organization.shortName} />}
                </td>
              )}
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
                {school.lastReminder && (
                  <span className="cell-note reminder-note" title={ru.workMoves.remindedHint}>
                    {ru.workMoves.remindedAt(
                      dateTimeRu(school.lastReminder.remindedAt, me.timeZone).replace(' ', ' в '),
                      surnameInitials(school.lastReminder.remindedByName),
                    )}
                  </span>
                )}
                {refusals.has(school.organizationId) && <span className="cell-note field-error">{refusals.get(school.organizationId)}</span>}
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
                {reminder && REMINDABLE.has(school.status) && (
                  <>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={reminding}
                      aria-label={ru.workMoves.remindRow(school.organization.shortName)}
                      onClick={() => void remind([school.organizationId])}
                    >
                      {ru.workMoves.remind}
                    </button>{' '}
                  </>
                )}
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
