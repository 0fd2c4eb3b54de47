import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { ru } from '../../i18n/ru';
import { hasRole } from '../../lib/access';
import { dateTimeRu, drillTargetsFor, monitoringPaths, type DrillTarget } from '../../lib/monitoring';
import { useMe } from '../../me';
import { useDistrictScope } from '../roadmaps/useDistrictScope';
import { SchoolDashboardQuery } from './documents';
import { DrillDownPanel, useDrillParam } from './DrillDown';
import { ExecutionPanel } from './ExecutionChart';
import { KpiCard, LightLegend, type Kpi } from './Kpi';
import { useAcademicYear, YearSelect } from './shared';

const CARD_ORDER = [
  'pupilCoverage',
  'teacherCoverage',
  'federalTarget70',
  'consentsCollected',
  'plansDone',
  'plansAtTarget',
  'roadmapExecution',
  'partnerMentorShare',
  'finalEventAttendance',
  'satisfaction',
  'satisfiedShare',
  'impact',
  'improvedShare',
] as const;

/** «Что за числом: просроченные» — the link to a list behind a figure. */
function drillLabel(target: DrillTarget): string {
  return `${ru.monitoring.drill.open}: ${ru.monitoring.drill.kinds[target.kind] ?? target.kind}`;
}

/**
 * «Показатели организации»: the school's figures as cards (value, target, light, formula and
 * inputs, the lists behind them), execution by month, links to the SWOT form and the news.
 */
export function SchoolDashboardPage() {
  const { organizationId = '' } = useParams();
  const scope = useDistrictScope();
  const { grants, me } = useMe();
  const { year, yearParam } = useAcademicYear();
  const drill = useDrillParam();
  const {
    data: current,
    previousData,
    error,
    refetch,
  } = useQuery(SchoolDashboardQuery, {
    variables: { organizationId, academicYear: year },
    context: scope.context,
    fetchPolicy: 'cache-and-network',
  });
  const data = current ?? previousData;
  const districtSide = hasRole(grants, 'district-officer', 'district-head', 'region-coordinator', 'platform-admin');
  // The region sees the items behind a number, never persons; the district and the school see persons (anonymised for the district).
  const inDistrict = hasRole(grants, 'district-officer', 'district-head', 'school-director', 'school-curator', 'platform-admin');
  const districtParam = scope.chooses ? scope.districtId : null;
  return (
    <>
      {districtSide && (
        <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
          <Link to={monitoringPaths.district(districtParam, yearParam)}>{ru.monitoring.backToDistrict}</Link>
        </nav>
      )}
      <PageTitle>{data ? data.schoolDashboard.shortName : ru.monitoring.schoolTitle}</PageTitle>
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <p className="muted measure">{ru.monitoring.intro}</p>
          {inDistrict && (
            <p className="school-links">
              <Link to={monitoringPaths.swot(organizationId, districtParam, yearParam)}>{ru.monitoring.swotLink}</Link>
              <Link to={monitoringPaths.news(organizationId, districtParam)}>{ru.monitoring.newsLink}</Link>
            </p>
          )}
          <div className="toolbar">
            <YearSelect />
            <p className="muted as-of" data-testid="school-as-of">
              {ru.monitoring.asOf(dateTimeRu(data.schoolDashboard.asOf, me.timeZone))}
            </p>
          </div>
          {!data.schoolDashboard.hasHeadcount && <p className="cell-note-warning">{ru.monitoring.noHeadcount}</p>}
          <LightLegend />
          <h2 id="school-kpis" className="visually-hidden">
            {ru.monitoring.schoolTitle}
          </h2>
          <ul className="kpi-cards" aria-labelledby="school-kpis" data-testid="school-kpis">
            {CARD_ORDER.map((key) => (
              <KpiCard
                key={key}
                kpi={data.schoolDashboard.figures[key] as Kpi}
                drills={drillTargetsFor(key, inDistrict).map((target) => ({
                  to: monitoringPaths.drill(organizationId, target, districtParam, yearParam),
                  label: drillLabel(target),
                }))}
              />
            ))}
          </ul>
          {drill.target && (
            <DrillDownPanel
              key={`${drill.target.kind}-${drill.target.category ?? ''}`}
              organizationId={organizationId}
              academicYear={year}
              target={drill.target}
              onClose={drill.close}
            />
          )}
          <ExecutionPanel academicYear={year} organizationId={organizationId} context={scope.context} />
        </>
      )}
    </>
  );
}
