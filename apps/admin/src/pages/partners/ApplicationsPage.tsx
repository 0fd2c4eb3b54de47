import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { Field } from '../../components/Field';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { formatDateTimeRu } from '../../lib/roadmap/dates';
import { APPLICATION_STATUSES, applicationStatusLabel, applicationStatusOf, applicationTone, partnerPaths } from '../../lib/partners';
import { PartnersGuard } from './PartnersGuard';
import { PartnerApplicationsQuery } from './documents';
import { TableWrap } from '../../components/TableWrap';

/** Applications of partner organisations to the officer's districts (the platform admin: all), by status. */
export function ApplicationsPage() {
  return (
    <PartnersGuard need="review">
      <Applications />
    </PartnersGuard>
  );
}

function Applications() {
  const a = ru.partnerPortal.applications;
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'all' ? '' : applicationStatusOf(params.get('status') ?? 'pending');
  const { data, error, refetch } = useQuery(PartnerApplicationsQuery, { variables: { status: status || null }, fetchPolicy: 'cache-and-network' });
  return (
    <>
      <PageTitle>{a.title}</PageTitle>
      <p className="muted">
        {a.publicLink} <a href="/join">{`${window.location.origin}/join`}</a>
      </p>
      <div className="toolbar">
        <Field label={a.status}>
          {(control) => (
            <select
              {...control}
              value={status || 'all'}
              onChange={(event) => setParams(event.target.value === 'pending' ? {} : { status: event.target.value }, { replace: true })}
            >
              {APPLICATION_STATUSES.map((code) => (
                <option key={code} value={code}>
                  {applicationStatusLabel(code)}
                </option>
              ))}
              <option value="all">{a.allStatuses}</option>
            </select>
          )}
        </Field>
      </div>
      <QueryState data={data?.partnerApplications} error={error} onRetry={() => void refetch()}>
        {(applications) =>
          applications.length === 0 ? (
            <p className="muted">{a.empty}</p>
          ) : (
            <TableWrap>
              <table className="table" data-testid="partner-applications">
                <thead>
                  <tr>
                    <th scope="col">{a.name}</th>
                    <th scope="col">{a.requisites}</th>
                    <th scope="col">{a.district}</th>
                    <th scope="col">{a.submitted}</th>
                    <th scope="col">{a.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {applications.map((application) => (
                    <tr key={application.id}>
                      <th scope="row">
                        <Link to={partnerPaths.application(application.id)}>{application.name}</Link>
                      </th>
                      <td>{[application.inn && `ИНН ${application.inn}`, application.ogrn && `ОГРН ${application.ogrn}`].filter(Boolean).join(', ') || '—'}</td>
                      <td>{application.district?.name ?? '—'}</td>
                      <td>{formatDateTimeRu(application.createdAt as string)}</td>
                      <td>
                        <StatusBadge label={applicationStatusLabel(application.status)} tone={applicationTone(application.status)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )
        }
      </QueryState>
    </>
  );
}
