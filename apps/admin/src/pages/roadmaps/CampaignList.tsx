import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { PagedTable } from '../../components/PagedTable';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { hasOrganizationRole } from '../../lib/access';
import { isoToRu } from '../../lib/roadmap/dates';
import { campaignStatusBadge } from '../../lib/roadmap/enums';
import { useListParams } from '../../lib/useListParams';
import { useMe } from '../../me';
import { CampaignsQuery } from './documents';
import { useDistrictScope } from './useDistrictScope';

/**
 * The district's campaigns. District staff see each campaign's progress (agreed of all, overdue);
 * school staff see the campaigns addressed to their school with their own roadmap's status and
 * the next step (create or open it).
 */
export function CampaignList({ schoolView, headingId }: { schoolView: boolean; headingId?: string }) {
  const scope = useDistrictScope();
  const { grants } = useMe();
  const { page, setPage, limit, offset } = useListParams('c');
  const {
    data: current,
    previousData,
    error,
    refetch,
  } = useQuery(CampaignsQuery, {
    variables: { page: { limit, offset }, withSchools: schoolView },
    context: scope.context,
  });
  const data = current ?? previousData;
  const list = data?.campaigns;
  if (list && list.total === 0) return <p className="muted">{schoolView ? ru.campaigns.noCampaignsSchool : ru.campaigns.noCampaigns}</p>;
  const table = {
    list,
    error,
    onRetry: () => void refetch(),
    page,
    onPage: setPage,
    tableProps: { 'aria-labelledby': headingId, 'data-testid': 'campaigns-table' },
  };

  if (schoolView) {
    return (
      <PagedTable
        {...table}
        head={
          <>
            <th scope="col">{ru.campaigns.title}</th>
            <th scope="col">{ru.campaigns.dueDate}</th>
            <th scope="col">{ru.campaigns.yourRoadmap}</th>
          </>
        }
        row={(campaign) => (
          <tr key={campaign.id}>
            <CampaignCells campaign={campaign} to={scope.paths.campaign(campaign.id)} />
            <td>
              {(campaign.schools?.items ?? []).map((school) => (
                <div key={school.organizationId} className="school-status">
                  {(campaign.schools?.items.length ?? 0) > 1 && <span>{school.organization.shortName}: </span>}
                  <StatusBadge {...campaignStatusBadge(school.status)} />
                  {school.overdue && <span className="status status-overdue">{ru.campaign.overdue}</span>}{' '}
                  {school.roadmap ? (
                    <Link className="button button-secondary button-small" to={scope.paths.roadmap(school.roadmap.id)}>
                      {ru.campaigns.openRoadmap}
                    </Link>
                  ) : (
                    hasOrganizationRole(grants, school.organizationId, 'school-curator') && (
                      <>
                        <Link className="button button-small" to={scope.paths.newRoadmap(campaign.id)}>
                          {ru.campaigns.createRoadmap}
                        </Link>{' '}
                        <Link
                          className="button button-secondary button-small"
                          to={scope.paths.importRoadmap({ campaignId: campaign.id, organizationId: school.organizationId })}
                        >
                          {ru.imports.open}
                        </Link>
                      </>
                    )
                  )}
                </div>
              ))}
            </td>
          </tr>
        )}
      />
    );
  }

  return (
    <PagedTable
      {...table}
      head={
        <>
          <th scope="col">{ru.campaigns.title}</th>
          <th scope="col">{ru.campaigns.dueDate}</th>
          <th scope="col">{ru.campaigns.addressedTo}</th>
          <th scope="col" className="num">
            {ru.campaigns.progress}
          </th>
          <th scope="col" className="num">
            {ru.campaigns.overdueCount}
          </th>
        </>
      }
      row={(campaign) => (
        <tr key={campaign.id}>
          <CampaignCells campaign={campaign} to={scope.paths.campaign(campaign.id)} />
          <td>{campaign.allOrganizations ? ru.campaigns.allSchools : ru.campaigns.chosenSchools(campaign.organizations.length)}</td>
          <td className="num">{ru.campaigns.progressValue(campaign.counts.agreed, campaign.counts.total)}</td>
          <td className="num">{campaign.counts.overdue > 0 ? <span className="status status-overdue">{campaign.counts.overdue}</span> : '0'}</td>
        </tr>
      )}
    />
  );
}

/** The campaign's title (a link to its page) and its due date, «срок прошёл» once past. */
function CampaignCells({ campaign, to }: { campaign: { title: string; academicYear: string; dueDate: string; pastDue: boolean }; to: string }) {
  return (
    <>
      <th scope="row">
        <Link to={to}>{campaign.title}</Link>
        <span className="cell-note">{campaign.academicYear}</span>
      </th>
      <td>
        {isoToRu(campaign.dueDate)}
        {campaign.pastDue && <span className="cell-note">{ru.campaigns.pastDue}</span>}
      </td>
    </>
  );
}
