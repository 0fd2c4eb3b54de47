import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { ru } from '../../i18n/ru';
import { hasRole } from '../../lib/access';
import { dateTimeRu, monitoringPaths } from '../../lib/monitoring';
import { useMe } from '../../me';
import { useDistrictScope } from '../roadmaps/useDistrictScope';
import { SchoolDashboardQuery } from './documents';
import { KpiCard, LightLegend, type Kpi } from './Kpi';
import { useAcademicYear, YearSelect } from './shared';

const CARD_ORDER = ['pupilCoverage', 'teacherCoverage', 'federalTarget70', 'consentsCollected', 'plansDone', 'plansAtTarget', 'roadmapExecution', 'partnerMentorShare'] as const;

/** «Показатели организации»: the school's figures as cards (value, target, light, formula and inputs). */
export function SchoolDashboardPage() {
  const { organizationId = '' } = useParams();
  const scope = useDistrictScope();
  const { grants } = useMe();
  const { year, yearParam } = useAcademicYear();
  const { data: current, previousData, error, refetch } = useQuery(SchoolDashboardQuery, {
    variables: { organizationId, academicYear: year },
    context: scope.context,
    fetchPolicy: 'cache-and-network',
  });
  const data = current ?? previousData;
  const districtSide = hasRole(grants, 'district-officer', 'district-head', 'region-coordinator', 'platform-admin');
  return (
    <>
      {districtSide && (
        <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
          <Link to={monitoringPaths.district(scope.chooses ? scope.districtId : null, yearParam)}>{ru.monitoring.backToDistrict}</Link>
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
          <div className="toolbar">
            <YearSelect />
            <p className="muted as-of" data-testid="school-as-of">
              {ru.monitoring.asOf(dateTimeRu(data.schoolDashboard.asOf))}
            </p>
          </div>
          {!data.schoolDashboard.hasHeadcount && <p className="cell-note-warning">{ru.monitoring.noHeadcount}</p>}
          <LightLegend />
          <h2 id="school-kpis" className="visually-hidden">
            {ru.monitoring.schoolTitle}
          </h2>
          <ul className="kpi-cards" aria-labelledby="school-kpis" data-testid="school-kpis">
            {CARD_ORDER.map((key) => (
              <KpiCard key={key} kpi={data.schoolDashboard.figures[key] as Kpi} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
