import type { ApolloClient } from '@apollo/client';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import { lazy, Suspense, useState, type ComponentType } from 'react';
import { createBrowserRouter, matchPath, Route, RouterProvider, Routes } from 'react-router';
import { AuthContext } from './auth/context';
import type { Auth } from './auth/keycloak';
import { ErrorState } from './components/ErrorState';
import { Layout, LogoutButton, TopBar } from './components/Layout';
import { Loading } from './components/Loading';
import { LeaveGuard } from './lib/leaveGuard';
import { ToastRegion } from './components/Toasts';
import { MeProvider, MeQueryDocument } from './me';
import { HomePage } from './pages/HomePage';
import { ParticipantGate } from './pages/my/ParticipantGate';
import { NotFoundPage } from './pages/NotFoundPage';

/**
 * Pages load when first opened: the first screen (and the login redirect before it) needs only
 * the shell, not the code of every page; each page is its own chunk, cached until it changes.
 */
type LazyPage = ReturnType<typeof lazy<ComponentType>> & { preload(): Promise<unknown> };

function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): LazyPage {
  let loading: Promise<M> | undefined;
  const loadOnce = () => (loading ??= load());
  return Object.assign(
    lazy(async () => ({ default: (await loadOnce())[name] as ComponentType })),
    { preload: loadOnce },
  );
}

const CreateDistrictPage = lazyPage(() => import('./pages/CreateDistrictPage'), 'CreateDistrictPage');
const DistrictPage = lazyPage(() => import('./pages/DistrictPage'), 'DistrictPage');
const DistrictsPage = lazyPage(() => import('./pages/DistrictsPage'), 'DistrictsPage');
const InboxPage = lazyPage(() => import('./pages/InboxPage'), 'InboxPage');
const OrganizationPage = lazyPage(() => import('./pages/OrganizationPage'), 'OrganizationPage');
const OrganizationsPage = lazyPage(() => import('./pages/OrganizationsPage'), 'OrganizationsPage');
const RegionsPage = lazyPage(() => import('./pages/RegionsPage'), 'RegionsPage');
const BackgroundJobsPage = lazyPage(() => import('./pages/jobs/BackgroundJobsPage'), 'BackgroundJobsPage');
const NotificationsPage = lazyPage(() => import('./pages/notifications/NotificationsPage'), 'NotificationsPage');
const PartnerAgreementsPage = lazyPage(() => import('./pages/partners/AgreementsPage'), 'AgreementsPage');
const PartnerApplicationPage = lazyPage(() => import('./pages/partners/ApplicationPage'), 'ApplicationPage');
const PartnerApplicationsPage = lazyPage(() => import('./pages/partners/ApplicationsPage'), 'ApplicationsPage');
const ImportPartnerMentorsPage = lazyPage(() => import('./pages/partners/ImportMentorsPage'), 'ImportMentorsPage');
const MyPartnerPage = lazyPage(() => import('./pages/partners/MyPartnerPage'), 'MyPartnerPage');
const NewPartnerMentorPage = lazyPage(() => import('./pages/partners/NewMentorPage'), 'NewMentorPage');
const PartnersPage = lazyPage(() => import('./pages/partners/PartnersPage'), 'PartnersPage');
const ProposeAgreementPage = lazyPage(() => import('./pages/partners/ProposeAgreementPage'), 'ProposeAgreementPage');
const BulkImportPage = lazyPage(() => import('./pages/roadmaps/BulkImportPage'), 'BulkImportPage');
const CampaignPage = lazyPage(() => import('./pages/roadmaps/CampaignPage'), 'CampaignPage');
const ComparePage = lazyPage(() => import('./pages/roadmaps/ComparePage'), 'ComparePage');
const DistrictSettingsPage = lazyPage(() => import('./pages/roadmaps/DistrictSettingsPage'), 'DistrictSettingsPage');
const ImportPage = lazyPage(() => import('./pages/roadmaps/ImportPage'), 'ImportPage');
const NewCampaignPage = lazyPage(() => import('./pages/roadmaps/NewCampaignPage'), 'NewCampaignPage');
const NewDistrictRoadmapPage = lazyPage(() => import('./pages/roadmaps/NewDistrictRoadmapPage'), 'NewDistrictRoadmapPage');
const NewRoadmapPage = lazyPage(() => import('./pages/roadmaps/NewRoadmapPage'), 'NewRoadmapPage');
const RoadmapPage = lazyPage(() => import('./pages/roadmaps/RoadmapPage'), 'RoadmapPage');
const RegionRoadmapsPage = lazyPage(() => import('./pages/roadmaps/RegionRoadmapsPage'), 'RegionRoadmapsPage');
const RoadmapsPage = lazyPage(() => import('./pages/roadmaps/RoadmapsPage'), 'RoadmapsPage');
const DistrictDashboardPage = lazyPage(() => import('./pages/monitoring/DistrictDashboardPage'), 'DistrictDashboardPage');
const MonitoringPage = lazyPage(() => import('./pages/monitoring/MonitoringPage'), 'MonitoringPage');
const RegionDashboardPage = lazyPage(() => import('./pages/monitoring/RegionDashboardPage'), 'RegionDashboardPage');
const SchoolDashboardPage = lazyPage(() => import('./pages/monitoring/SchoolDashboardPage'), 'SchoolDashboardPage');
const NewsPage = lazyPage(() => import('./pages/news/NewsPage'), 'NewsPage');
const SwotPage = lazyPage(() => import('./pages/swot/SwotPage'), 'SwotPage');
const NewParticipantPage = lazyPage(() => import('./pages/programmes/NewParticipantPage'), 'NewParticipantPage');
const NewProgrammePage = lazyPage(() => import('./pages/programmes/NewProgrammePage'), 'NewProgrammePage');
const ParticipantPage = lazyPage(() => import('./pages/programmes/ParticipantPage'), 'ParticipantPage');
const ProgrammePage = lazyPage(() => import('./pages/programmes/ProgrammePage'), 'ProgrammePage');
const ProgrammesPage = lazyPage(() => import('./pages/programmes/ProgrammesPage'), 'ProgrammesPage');
const ImportBasePage = lazyPage(() => import('./pages/programmes/ImportBasePage'), 'ImportBasePage');
const PairPage = lazyPage(() => import('./pages/programmes/PairPage'), 'PairPage');
const MyPairsPage = lazyPage(() => import('./pages/my/MyPairsPage'), 'MyPairsPage');
const QuestionnairesPage = lazyPage(() => import('./pages/questionnaires/QuestionnairesPage'), 'QuestionnairesPage');
const TemplateEditorPage = lazyPage(() => import('./pages/questionnaires/TemplateEditorPage'), 'TemplateEditorPage');
const MyQuestionnairePage = lazyPage(() => import('./pages/questionnaires/MyQuestionnaires'), 'MyQuestionnairePage');
const PracticesPage = lazyPage(() => import('./pages/practices/PracticesPage'), 'PracticesPage');
const NewPracticePage = lazyPage(() => import('./pages/practices/PracticesPage'), 'NewPracticePage');
const PracticePage = lazyPage(() => import('./pages/practices/PracticePage'), 'PracticePage');

/** The pages behind «Главная»: path (as react-router matches it) and its lazily loaded page. */
const PAGE_ROUTES: ReadonlyArray<{ path: string; Page: LazyPage }> = [
  { path: 'regions', Page: RegionsPage },
  { path: 'districts', Page: DistrictsPage },
  { path: 'districts/new', Page: CreateDistrictPage },
  { path: 'districts/:districtId', Page: DistrictPage },
  { path: 'districts/:districtId/organizations/:organizationId', Page: OrganizationPage },
  { path: 'organizations', Page: OrganizationsPage },
  { path: 'jobs', Page: BackgroundJobsPage },
  { path: 'notifications', Page: NotificationsPage },
  { path: 'partners', Page: PartnersPage },
  { path: 'my-partner', Page: MyPartnerPage },
  { path: 'my-partner/mentors/new', Page: NewPartnerMentorPage },
  { path: 'my-partner/mentors/import', Page: ImportPartnerMentorsPage },
  { path: 'my-partner/agreements/new', Page: ProposeAgreementPage },
  { path: 'partners/applications', Page: PartnerApplicationsPage },
  { path: 'partners/applications/:applicationId', Page: PartnerApplicationPage },
  { path: 'partners/agreements', Page: PartnerAgreementsPage },
  { path: 'inbox', Page: InboxPage },
  { path: 'roadmaps', Page: RoadmapsPage },
  { path: 'roadmaps/import', Page: ImportPage },
  { path: 'roadmaps/import/bulk', Page: BulkImportPage },
  { path: 'roadmaps/settings', Page: DistrictSettingsPage },
  { path: 'roadmaps/region', Page: RegionRoadmapsPage },
  { path: 'roadmaps/district/new', Page: NewDistrictRoadmapPage },
  { path: 'roadmaps/campaigns/new', Page: NewCampaignPage },
  { path: 'roadmaps/campaigns/:campaignId', Page: CampaignPage },
  { path: 'roadmaps/campaigns/:campaignId/new', Page: NewRoadmapPage },
  { path: 'roadmaps/:roadmapId', Page: RoadmapPage },
  { path: 'roadmaps/:roadmapId/compare', Page: ComparePage },
  { path: 'monitoring', Page: MonitoringPage },
  { path: 'monitoring/region', Page: RegionDashboardPage },
  { path: 'monitoring/district', Page: DistrictDashboardPage },
  { path: 'monitoring/schools/:organizationId', Page: SchoolDashboardPage },
  { path: 'monitoring/schools/:organizationId/swot', Page: SwotPage },
  { path: 'monitoring/schools/:organizationId/news', Page: NewsPage },
  { path: 'programmes', Page: ProgrammesPage },
  { path: 'programmes/new', Page: NewProgrammePage },
  { path: 'programmes/:programmeId', Page: ProgrammePage },
  { path: 'programmes/:programmeId/participants/new', Page: NewParticipantPage },
  { path: 'programmes/:programmeId/participants/:participantId', Page: ParticipantPage },
  { path: 'programmes/:programmeId/import', Page: ImportBasePage },
  { path: 'programmes/:programmeId/pairs/:pairId', Page: PairPage },
  { path: 'programmes/:programmeId/questionnaires', Page: QuestionnairesPage },
  { path: 'programmes/:programmeId/questionnaires/templates/:templateId', Page: TemplateEditorPage },
  { path: 'programmes/:programmeId/practices', Page: PracticesPage },
  { path: 'programmes/:programmeId/practices/new', Page: NewPracticePage },
  { path: 'programmes/:programmeId/practices/:practiceId', Page: PracticePage },
  { path: 'questionnaires/mine/:linkId', Page: MyQuestionnairePage },
  { path: 'my', Page: MyPairsPage },
];

/**
 * Starts loading the page that `pathname` opens (a full load of /monitoring/district, a link from a
 * letter) while the sign-in still runs, instead of after it.
 */
export function preloadPage(pathname: string): void {
  const route = PAGE_ROUTES.find(({ path }) => matchPath({ path: `/${path}`, end: true }, pathname));
  void route?.Page.preload().catch(() => undefined);
}

export function App({ auth, client }: { auth: Auth; client: ApolloClient }) {
  // A data router, for its navigation blocker (a half-filled form asks before the page changes);
  // the pages themselves stay declared as <Routes> below the one catch-all route.
  const [router] = useState(() => createBrowserRouter([{ path: '*', element: <SignedInShell /> }]));
  return (
    <AuthContext.Provider value={auth}>
      <ApolloProvider client={client}>
        <RouterProvider router={router} />
        {/* Outside the routes: a toast shown right before a navigation survives it. */}
        <ToastRegion />
      </ApolloProvider>
    </AuthContext.Provider>
  );
}

/** Loads `me` once; without it (no grants, API down) the user sees why and can log out. */
function SignedInShell() {
  const { data, error, refetch } = useQuery(MeQueryDocument, { fetchPolicy: 'cache-first' });
  if (!data) {
    return (
      <div className="shell">
        <TopBar>{error && <LogoutButton />}</TopBar>
        <main id="main" className="content content-centered">
          {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : <Loading />}
        </main>
      </div>
    );
  }
  return (
    <MeProvider me={data.me}>
      <Layout>
        <LeaveGuard>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route index element={<HomePage />} />
              {PAGE_ROUTES.map(({ path, Page }) => (
                <Route
                  key={path}
                  path={path}
                  element={
                    <ParticipantGate>
                      <Page />
                    </ParticipantGate>
                  }
                />
              ))}
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </LeaveGuard>
      </Layout>
    </MeProvider>
  );
}
