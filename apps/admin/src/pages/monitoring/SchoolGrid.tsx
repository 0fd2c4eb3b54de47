import { useQuery } from '@apollo/client/react';
import { MAX_PAGE_SIZE } from '@nastavnik/domain';
import { Link } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { ru } from '../../i18n/ru';
import { LIGHT_COLOURS, lightLabel, lightOf, monitoringPaths } from '../../lib/monitoring';
import { useListParams } from '../../lib/useListParams';
import { DistrictSchoolGridQuery } from './documents';
import { LightLegend } from './Kpi';

/**
 * «Карта организаций»: one tile per school of the district, coloured by its worst light over the
 * main figures, with a dot per figure; a tile opens the school's dashboard. Paged as the API pages it.
 */
export function SchoolGrid({
  academicYear,
  context,
  districtParam,
  yearParam,
}: {
  academicYear: string;
  context: { headers?: Record<string, string> };
  districtParam: string | null;
  yearParam: string | null;
}) {
  const { page, setPage } = useListParams('grid');
  // A map wants many tiles at once: the API's largest page.
  const limit = MAX_PAGE_SIZE;
  const {
    data: current,
    previousData,
    error,
    refetch,
    loading,
  } = useQuery(DistrictSchoolGridQuery, {
    variables: { academicYear, page: { limit, offset: (page - 1) * limit } },
    context,
    fetchPolicy: 'cache-and-network',
  });
  const data = current ?? previousData;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const grid = data.districtSchoolGrid;
  const schools = grid.schools;
  return (
    <section className="school-grid-section" aria-labelledby="school-grid-title">
      <h2 id="school-grid-title">{ru.monitoring.grid.title}</h2>
      <p className="muted measure">{ru.monitoring.grid.intro}</p>
      <LightLegend />
      <ul className="school-grid" data-testid="school-grid" aria-busy={loading}>
        {schools.items.map((school) => {
          const light = lightOf(school.worst) ?? 'grey';
          const lightText = lightLabel(light) ?? '';
          return (
            <li key={school.organizationId}>
              <Link
                to={monitoringPaths.school(school.organizationId, districtParam, yearParam)}
                className={`school-tile school-tile-${light}`}
                style={{ borderColor: LIGHT_COLOURS[light] }}
                aria-label={ru.monitoring.grid.tileLabel(school.shortName, `${ru.monitoring.grid.worst} — ${lightText}`)}
                data-testid={`school-tile-${school.code}`}
                title={[school.shortName, ...school.cells.map((cell) => `${cell.labelRu}: ${cell.display}`)].join('\n')}
              >
                <span className="school-tile-name">{school.shortName}</span>
                <span className="school-tile-dots" aria-hidden="true">
                  {school.cells.map((cell) => {
                    const cellLight = lightOf(cell.light) ?? 'grey';
                    return <span key={cell.code} className={`light-dot light-${cellLight}`} style={{ background: LIGHT_COLOURS[cellLight] }} />;
                  })}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      <Pagination page={page} onPage={setPage} state={{ offset: schools.offset, limit: schools.limit, count: schools.items.length, total: schools.total }} />
    </section>
  );
}
