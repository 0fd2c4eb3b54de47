import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { ru } from '../../i18n/ru';
import { drillFromParams, isPersonKind, type DrillTarget } from '../../lib/monitoring';
import { useListParams } from '../../lib/useListParams';
import { useDistrictScope } from '../roadmaps/useDistrictScope';
import { KpiDrillDownQuery } from './documents';
import { TableWrap } from '../../components/TableWrap';

/** The drill-down the URL asks for (`?drill=KIND[&category=…]`), or null. */
export function useDrillParam(): { target: DrillTarget | null; close: () => void } {
  const [params, setParams] = useSearchParams();
  return {
    target: drillFromParams(params.get('drill'), params.get('category')),
    close: () =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        next.delete('drill');
        next.delete('category');
        next.delete('drillpage');
        return next;
      }),
  };
}

/**
 * «Что за числом»: the roadmap items, participants or pairs behind a school's figure, a page at a
 * time, as the API returns them — named for the school's own staff (the view is logged),
 * anonymised («Участник 3») for the district; items link to their roadmap.
 */
export function DrillDownPanel({
  organizationId,
  academicYear,
  target,
  onClose,
}: {
  organizationId: string;
  academicYear: string;
  target: DrillTarget;
  onClose: () => void;
}) {
  const scope = useDistrictScope();
  const { page, setPage, limit, offset } = useListParams('drill');
  const {
    data: current,
    previousData,
    error,
    refetch,
    loading,
  } = useQuery(KpiDrillDownQuery, {
    variables: { academicYear, organizationId, kind: target.kind, category: target.category ?? null, page: { limit, offset } },
    context: scope.context,
    fetchPolicy: 'cache-and-network',
  });
  const data = current ?? previousData;
  const persons = isPersonKind(target.kind);
  const category = target.category ? ru.monitoring.drill.categories[target.category] : null;
  return (
    <section className="panel drill-down" id="drill-down" aria-labelledby="drill-down-title" data-testid="drill-down">
      <div className="monitoring-head">
        <h2 id="drill-down-title">
          {ru.monitoring.drill.title}: {data?.kpiDrillDown.kindRu ?? '…'}
          {category ? ` (${category})` : ''}
        </h2>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          {ru.monitoring.drill.close}
        </button>
      </div>
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          {data.kpiDrillDown.noteRu && <p className="muted">{data.kpiDrillDown.noteRu}</p>}
          {data.kpiDrillDown.personal && <p className="muted">{ru.monitoring.drill.personal}</p>}
          {data.kpiDrillDown.items.length === 0 ? (
            <p className="muted">{ru.monitoring.drill.empty}</p>
          ) : (
            <TableWrap>
              <table className="table" aria-labelledby="drill-down-title" aria-busy={loading} data-testid="drill-down-table">
                <thead>
                  <tr>
                    {!persons && <th scope="col">{ru.monitoring.drill.number}</th>}
                    <th scope="col">{ru.monitoring.drill.label}</th>
                    {persons && <th scope="col">{ru.monitoring.drill.role}</th>}
                    {persons && <th scope="col">{ru.monitoring.drill.category}</th>}
                    <th scope="col">{ru.monitoring.drill.detail}</th>
                    <th scope="col">{ru.monitoring.drill.status}</th>
                    {!persons && <th scope="col">{ru.monitoring.drill.due}</th>}
                    {!persons && <th scope="col">{ru.monitoring.drill.doneOn}</th>}
                  </tr>
                </thead>
                <tbody>
                  {data.kpiDrillDown.items.map((row, index) => (
                    <tr key={row.id ?? `${offset + index}`} data-status={row.status}>
                      {!persons && <td>{row.number}</td>}
                      <th scope="row">
                        {row.roadmapId ? (
                          <Link to={scope.paths.roadmap(row.roadmapId)} title={ru.monitoring.drill.openItem}>
                            {row.label}
                          </Link>
                        ) : (
                          row.label
                        )}
                      </th>
                      {persons && <td>{row.roleRu}</td>}
                      {persons && <td>{row.categoryRu}</td>}
                      <td>{row.detail}</td>
                      <td>{row.statusRu}</td>
                      {!persons && <td>{row.dueRu}</td>}
                      {!persons && <td>{row.doneOnRu}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <Pagination
            page={page}
            onPage={setPage}
            state={{ offset: data.kpiDrillDown.offset, limit: data.kpiDrillDown.limit, count: data.kpiDrillDown.items.length, total: data.kpiDrillDown.total }}
          />
        </>
      )}
    </section>
  );
}
