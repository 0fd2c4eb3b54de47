import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { ru } from '../i18n/ru';
import { canSeeRoadmaps, describeGrant, hasRole, navigationFor } from '../lib/access';
import { withMyPairs } from '../lib/my';
import { useMe } from '../me';
import { CalendarFeedSection } from './CalendarFeedSection';
import { CampaignList } from './roadmaps/CampaignList';
import { useDistrictScope } from './roadmaps/useDistrictScope';

export function HomePage() {
  const { me, grants } = useMe();
  const descriptions = [...new Set(grants.map(describeGrant))];
  const links = withMyPairs(grants, navigationFor(grants)).filter((item) => 'to' in item && item.key !== 'home');
  return (
    <>
      <PageTitle title={ru.home.title}>{ru.home.welcome}</PageTitle>
      {descriptions.length === 1 ? (
        <p className="lead" data-testid="signed-in-as">
          {ru.home.signedInAs} <strong>{me.displayName}</strong> — {descriptions[0]}
        </p>
      ) : (
        <>
          <p className="lead" data-testid="signed-in-as">
            {ru.home.signedInAs} <strong>{me.displayName}</strong>
          </p>
          <h2>{ru.home.grantsHeading}</h2>
          <ul className="grant-list">
            {descriptions.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </>
      )}
      {canSeeRoadmaps(grants) && <HomeCampaigns />}
      <h2>{ru.home.whereToStart}</h2>
      {links.length === 0 ? (
        <p>{ru.home.noLinks}</p>
      ) : (
        <ul className="cards">
          {links.map((item) =>
            'to' in item ? (
              <li key={item.key}>
                <Link className="card" to={item.to}>
                  {item.label}
                </Link>
              </li>
            ) : null,
          )}
        </ul>
      )}
      <CalendarFeedSection />
    </>
  );
}

/** The roadmap campaigns of the user's district: school staff see theirs with the next step. */
function HomeCampaigns() {
  const { grants } = useMe();
  const scope = useDistrictScope();
  if (!scope.districtId || scope.chooses) return null;
  const schoolView = hasRole(grants, 'school-director', 'school-curator') && !hasRole(grants, 'district-officer', 'district-head');
  return (
    <>
      <h2 id="home-campaigns">{ru.home.campaigns}</h2>
      <CampaignList schoolView={schoolView} headingId="home-campaigns" />
    </>
  );
}
