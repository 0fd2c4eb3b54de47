import { useQuery } from '@apollo/client/react';
import { Link, useLocation } from 'react-router';
import { PagedTable } from '../../components/PagedTable';
import { PageTitle } from '../../components/PageTitle';
import { ru } from '../../i18n/ru';
import { programmePaths } from '../../lib/programmes';
import { isoToRu } from '../../lib/roadmap/dates';
import { useListParams } from '../../lib/useListParams';
import { ProgrammesQuery } from './documents';
import { formLabel, periodRu, ProgrammesGuard } from './shared';

export function ProgrammesPage() {
  return (
    <ProgrammesGuard>
      <ProgrammesList />
    </ProgrammesGuard>
  );
}

function ProgrammesList() {
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const { page, setPage, limit, offset } = useListParams();
  const {
    data: current,
    previousData,
    error,
    refetch,
  } = useQuery(ProgrammesQuery, {
    variables: { page: { limit, offset } },
    fetchPolicy: 'cache-and-network',
  });
  const data = current ?? previousData;
  return (
    <>
      <PageTitle>{ru.programmes.title}</PageTitle>
      <p className="muted measure">{ru.programmes.intro}</p>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <div className="toolbar">
        <Link className="button" to={programmePaths.create()}>
          {ru.programmes.create}
        </Link>
      </div>
      <PagedTable
        list={data?.programmes}
        error={error}
        onRetry={() => void refetch()}
        page={page}
        onPage={setPage}
        tableProps={{ 'aria-label': ru.programmes.title, 'data-testid': 'programmes-table' }}
        head={
          <>
            <th scope="col">{ru.programmes.name}</th>
            <th scope="col">{ru.programmes.forms}</th>
            <th scope="col">{ru.programmes.period}</th>
            <th scope="col">{ru.programmes.curatorName}</th>
            <th scope="col">{ru.programmes.order}</th>
          </>
        }
        row={(programme) => (
          <tr key={programme.id}>
            <th scope="row">
              <Link to={programmePaths.programme(programme.id)}>{programme.name}</Link>
            </th>
            <td>{programme.forms.map(formLabel).join(', ')}</td>
            <td>{periodRu(programme.periodStart, programme.periodEnd)}</td>
            <td>{programme.curatorName ?? '—'}</td>
            <td>
              {programme.orderNumber && programme.orderDate
                ? ru.programmes.orderLine(programme.orderNumber, isoToRu(programme.orderDate))
                : ru.programmes.noOrder}
            </td>
          </tr>
        )}
      />
    </>
  );
}
