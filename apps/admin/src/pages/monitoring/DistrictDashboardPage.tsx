import { useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DistrictChooser } from '../../components/DistrictChooser';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { Pagination } from '../../components/Pagination';
import { PagedTableExport, usePageLoader } from '../../components/TableExport';
import type { DashboardSortField } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { canEditDistrictSettings, hasRole, isDistrictOfficerOf } from '../../lib/access';
import { classifyError } from '../../lib/errors';
import { dateTimeRu, drillTargetsFor, monitoringExports, monitoringPaths } from '../../lib/monitoring';
import { useListParams } from '../../lib/useListParams';
import { useMe } from '../../me';
import { useDistrictScope } from '../roadmaps/useDistrictScope';
import { DistrictDashboardQuery, RefreshDistrictSnapshotMutation } from './documents';
import { CoverageChart, KpiFigure, LightLegend, type Kpi } from './Kpi';
import { ExecutionPanel } from './ExecutionChart';
import { PartnerShare } from './PartnerShare';
import { SchoolGrid } from './SchoolGrid';
import { useAcademicYear, YearSelect } from './shared';
import { TableWrap } from '../../components/TableWrap';

type FigureKey =
  | 'pupilCoverage'
  | 'teacherCoverage'
  | 'federalTarget70'
  | 'consentsCollected'
  | 'plansDone'
  | 'roadmapExecution'
  | 'finalEventAttendance'
  | 'partnerMentorShare';

/** The table's figure columns, with the API's sort field where it has one. */
export const FIGURE_COLUMNS: ReadonlyArray<{ key: FigureKey; sort: DashboardSortField | null }> = [
  { key: 'pupilCoverage', sort: 'PUPIL_COVERAGE' },
  { key: 'teacherCoverage', sort: 'TEACHER_COVERAGE' },
  { key: 'federalTarget70', sort: 'FEDERAL_TARGET' },
  { key: 'consentsCollected', sort: 'CONSENTS' },
  { key: 'plansDone', sort: 'PLANS' },
  { key: 'roadmapExecution', sort: 'EXECUTION' },
  { key: 'finalEventAttendance', sort: 'FINAL_EVENT' },
  { key: 'partnerMentorShare', sort: null },
];

const SORT_FIELDS: readonly DashboardSortField[] = ['NAME', 'PARTICIPANTS', ...FIGURE_COLUMNS.flatMap((c) => (c.sort ? [c.sort] : []))];

/**
 * «Показатели муниципалитета»: one row per school (sorted by the API, «нет данных» last), the
 * district's totals, the coverage chart, the statistical form and the analytical note.
 */
export function DistrictDashboardPage() {
  const scope = useDistrictScope();
  const [, setParams] = useSearchParams();
  const { grants } = useMe();
  return (
    <>
      {hasRole(grants, 'region-coordinator', 'platform-admin') && (
        <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
          <Link to={monitoringPaths.region()}>{ru.monitoring.backToRegion}</Link>
        </nav>
      )}
      <PageTitle>{ru.monitoring.districtTitle}</PageTitle>
      <p className="muted measure">{ru.monitoring.intro}</p>
      {scope.chooses && <DistrictChooser value={scope.districtId ?? ''} onChange={(id) => setParams(id ? { district: id } : {})} />}
      {scope.districtId ? <Dashboard key={scope.districtId} /> : <p className="muted">{ru.monitoring.chooseDistrictHint}</p>}
    </>
  );
}

function Dashboard() {
  const scope = useDistrictScope();
  const { grants, me } = useMe();
  const { year, yearParam } = useAcademicYear();
  const [params, setParams] = useSearchParams();
  const { page, setPage, limit, offset } = useListParams();
  const sortParam = params.get('sort') as DashboardSortField | null;
  const field: DashboardSortField = sortParam && SORT_FIELDS.includes(sortParam) ? sortParam : 'NAME';
  const descending = params.get('desc') === '1';
  const {
    data: current,
    previousData,
    error,
    refetch,
    loading,
  } = useQuery(DistrictDashboardQuery, {
    variables: { academicYear: year, page: { limit, offset }, sort: { field, descending } },
    context: scope.context,
    fetchPolicy: 'cache-and-network',
  });
  const data = current ?? previousData;
  const tableRef = useRef<HTMLTableElement>(null);
  const exportPages = usePageLoader(
    DistrictDashboardQuery,
    (page) => ({ academicYear: year, page, sort: { field, descending } }),
    (all) => all.districtDashboard.schools,
    scope.context,
  );
  const [refresh, refreshState] = useMutation(RefreshDistrictSnapshotMutation, { context: scope.context });
  const [refreshed, setRefreshed] = useState<string | null>(null);
  const mayRefresh = hasRole(grants, 'platform-admin') || isDistrictOfficerOf(grants, scope.districtId) || canEditDistrictSettings(grants, scope.districtId);

  const sortBy = (next: DashboardSortField) =>
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      const nextDescending = next === field ? !descending : next !== 'NAME';
      if (next === 'NAME' && !nextDescending) updated.delete('sort');
      else updated.set('sort', next);
      if (nextDescending) updated.set('desc', '1');
      else updated.delete('desc');
      updated.delete('page');
      return updated;
    });

  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const dashboard = data.districtDashboard;
  const schools = dashboard.schools;
  const districtParam = scope.chooses ? scope.districtId : null;
  // The region coordinator sees the items behind a number, not the persons.
  const personsVisible = hasRole(grants, 'district-officer', 'district-head', 'platform-admin', 'school-director', 'school-curator');

  const header = (label: string, sort: DashboardSortField | null, className?: string) => {
    const active = sort === field;
    return (
      <th scope="col" className={className} aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
        {sort ? (
          <button type="button" className="sort-button" onClick={() => sortBy(sort)} title={ru.monitoring.sortBy(label)}>
            {label}
            <span aria-hidden="true" className="sort-mark">
              {active ? (descending ? ' ▼' : ' ▲') : ' ↕'}
            </span>
          </button>
        ) : (
          label
        )}
      </th>
    );
  };

  const head = (
    <>
      {header(ru.monitoring.school, 'NAME')}
      {header(ru.monitoring.participants, 'PARTICIPANTS', 'num')}
      {FIGURE_COLUMNS.map((column) => (
        <FigureHeaderCell key={column.key}>{header(ru.monitoring.kpi[column.key], column.sort, 'num')}</FigureHeaderCell>
      ))}
    </>
  );
  const schoolRow = (school: (typeof schools.items)[number]) => (
    <tr key={school.organizationId} data-testid={`school-row-${school.code}`}>
      <th scope="row">
        <Link to={monitoringPaths.school(school.organizationId, districtParam, yearParam)} aria-label={`${ru.monitoring.openSchool}: ${school.shortName}`}>
          {school.shortName}
        </Link>
      </th>
      <td className="num">{school.counts.participants}</td>
      {FIGURE_COLUMNS.map((column) => {
        const kpi = school.figures[column.key] as Kpi;
        const target = drillTargetsFor(column.key, personsVisible)[0];
        return (
          <td key={column.key} className="num">
            {target ? (
              <Link
                className="kpi-drill-link"
                to={monitoringPaths.drill(school.organizationId, target, districtParam, yearParam)}
                aria-label={`${ru.monitoring.drill.openLabel(ru.monitoring.kpi[column.key])}: ${kpi.display}`}
              >
                <KpiFigure kpi={kpi} />
              </Link>
            ) : (
              <KpiFigure kpi={kpi} />
            )}
          </td>
        );
      })}
    </tr>
  );
  const totals = (
    <tr className="totals-row" data-testid="district-totals">
      <th scope="row">{ru.monitoring.total}</th>
      <td className="num">{dashboard.counts.participants}</td>
      {FIGURE_COLUMNS.map((column) => (
        <td key={column.key} className="num">
          <KpiFigure kpi={dashboard.figures[column.key] as Kpi} />
        </td>
      ))}
    </tr>
  );

  return (
    <>
      <div className="monitoring-head">
        <h2 id="district-dashboard-heading">{dashboard.districtName}</h2>
        <div className="monitoring-head-actions">
          <DownloadButton
            label={ru.monitoring.statForm}
            url={monitoringExports.statForm(year)}
            fallbackName={`${ru.monitoring.fallbackStatForm}.xlsx`}
            headers={scope.context.headers}
          />
          <DownloadButton
            label={ru.monitoring.districtNote}
            url={monitoringExports.districtNote(year)}
            fallbackName={`${ru.monitoring.fallbackDistrictNote}.docx`}
            headers={scope.context.headers}
          />
        </div>
      </div>
      <div className="toolbar">
        <YearSelect />
        <p className="muted as-of" data-testid="district-as-of">
          {ru.monitoring.asOf(dateTimeRu(dashboard.asOf, me.timeZone))}
        </p>
        {mayRefresh && (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={refreshState.loading}
            onClick={() =>
              void refresh({ variables: { academicYear: year } })
                .then((result) => {
                  if (result.data) setRefreshed(dateTimeRu(result.data.refreshDistrictSnapshot.asOf, me.timeZone));
                  void refetch();
                })
                .catch(() => undefined)
            }
          >
            {refreshState.loading ? ru.monitoring.refreshing : ru.monitoring.refresh}
          </button>
        )}
      </div>
      {refreshed && <SuccessNotice>{ru.monitoring.refreshed(refreshed)}</SuccessNotice>}
      {refreshState.error && <ErrorNotice>{classifyError(refreshState.error).message}</ErrorNotice>}
      <LightLegend />
      {schools.items.length === 0 && schools.total === 0 ? (
        <p className="muted">{ru.monitoring.noSchools}</p>
      ) : (
        <>
          <TableWrap>
            <table
              ref={tableRef}
              className="table monitoring-table"
              aria-labelledby="district-dashboard-heading"
              aria-busy={loading}
              data-testid="district-dashboard"
            >
              <caption className="visually-hidden">{ru.monitoring.schoolsTable}</caption>
              <thead>
                <tr>{head}</tr>
              </thead>
              <tbody>{schools.items.map(schoolRow)}</tbody>
              <tfoot>{totals}</tfoot>
            </table>
          </TableWrap>
          <Pagination
            page={page}
            onPage={setPage}
            state={{ offset: schools.offset, limit: schools.limit, count: schools.items.length, total: schools.total }}
          />
          <PagedTableExport
            visibleTable={tableRef}
            load={exportPages}
            head={head}
            row={schoolRow}
            foot={totals}
            total={schools.total}
            shown={schools.items.length}
            title={`${ru.monitoring.districtTitle}: ${dashboard.districtName}`}
          />
          <CoverageChart
            rows={schools.items.map((school) => ({ id: school.organizationId, name: school.shortName, kpi: school.figures.pupilCoverage as Kpi }))}
          />
          <ExecutionPanel academicYear={year} context={scope.context} />
          <SchoolGrid academicYear={year} context={scope.context} districtParam={districtParam} yearParam={yearParam} />
          <PartnerShare context={scope.context} />
        </>
      )}
    </>
  );
}

function FigureHeaderCell({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
