import { Navigate } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ru } from '../../i18n/ru';
import { grantDistrictId, monitoringLevel, platformRoleOf } from '../../lib/access';
import { monitoringPaths } from '../../lib/monitoring';
import { useMe } from '../../me';
import { DistrictDashboardPage } from './DistrictDashboardPage';
import { RegionDashboardPage } from './RegionDashboardPage';
import { Link } from 'react-router';
import { useAcademicYear } from './shared';

/** «Мониторинг»: the region's summary, the district's dashboard or the school's, by the user's grants. */
export function MonitoringPage() {
  const { grants } = useMe();
  const { yearParam } = useAcademicYear();
  const level = monitoringLevel(grants);
  if (level === 'region') return <RegionDashboardPage />;
  if (level === 'district') return <DistrictDashboardPage />;
  if (level === 'school') {
    const schools = grants.filter(
      (grant) => grant.scopeKind === 'ORGANIZATION' && grant.organization && ['school-director', 'school-curator'].includes(platformRoleOf(grant.role) ?? ''),
    );
    const unique = [...new Map(schools.map((grant) => [grant.organization!.id, grant])).values()];
    if (unique.length === 1) return <Navigate replace to={monitoringPaths.school(unique[0]!.organization!.id, null, yearParam)} />;
    return (
      <>
        <PageTitle>{ru.monitoring.title}</PageTitle>
        <p>{ru.monitoring.chooseSchool}</p>
        <ul className="cards">
          {unique.map((grant) => (
            <li key={grant.organization!.id}>
              <Link className="card" to={monitoringPaths.school(grant.organization!.id, grantDistrictId(grant), yearParam)}>
                {grant.organization!.shortName || grant.organization!.name}
              </Link>
            </li>
          ))}
        </ul>
      </>
    );
  }
  return <Navigate replace to="/" />;
}
