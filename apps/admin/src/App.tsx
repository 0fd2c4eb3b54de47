import type { ApolloClient } from '@apollo/client';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import { lazy, Suspense, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthContext } from './auth/context';
import type { Auth } from './auth/keycloak';
import { ErrorState } from './components/ErrorState';
import { Layout, LogoutButton, TopBar } from './components/Layout';
import { Loading } from './components/Loading';
import { MeProvider, MeQueryDocument } from './me';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';

/**
 * Pages load when first opened: the first screen (and the login redirect before it) needs only
 * the shell, not the code of every page; each page is its own chunk, cached until it changes.
 */
function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const CreateDistrictPage = lazyPage(() => import('./pages/CreateDistrictPage'), 'CreateDistrictPage');
const DistrictPage = lazyPage(() => import('./pages/DistrictPage'), 'DistrictPage');
const DistrictsPage = lazyPage(() => import('./pages/DistrictsPage'), 'DistrictsPage');
const InboxPage = lazyPage(() => import('./pages/InboxPage'), 'InboxPage');
const OrganizationPage = lazyPage(() => import('./pages/OrganizationPage'), 'OrganizationPage');
const OrganizationsPage = lazyPage(() => import('./pages/OrganizationsPage'), 'OrganizationsPage');
const RegionsPage = lazyPage(() => import('./pages/RegionsPage'), 'RegionsPage');
const BackgroundJobsPage = lazyPage(() => import('./pages/jobs/BackgroundJobsPage'), 'BackgroundJobsPage');
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

export function App({ auth, client }: { auth: Auth; client: ApolloClient }) {
  return (
    <AuthContext.Provider value={auth}>
      <ApolloProvider client={client}>
        <BrowserRouter>
          <SignedInShell />
        </BrowserRouter>
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
        <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<HomePage />} />
          <Route path="regions" element={<RegionsPage />} />
          <Route path="districts" element={<DistrictsPage />} />
          <Route path="districts/new" element={<CreateDistrictPage />} />
          <Route path="districts/:districtId" element={<DistrictPage />} />
          <Route path="districts/:districtId/organizations/:organizationId" element={<OrganizationPage />} />
          <Route path="organizations" element={<OrganizationsPage />} />
          <Route path="jobs" element={<BackgroundJobsPage />} />
          <Route path="partners" element={<PartnersPage />} />
          <Route path="my-partner" element={<MyPartnerPage />} />
          <Route path="my-partner/mentors/new" element={<NewPartnerMentorPage />} />
          <Route path="my-partner/mentors/import" element={<ImportPartnerMentorsPage />} />
          <Route path="my-partner/agreements/new" element={<ProposeAgreementPage />} />
          <Route path="partners/applications" element={<PartnerApplicationsPage />} />
          <Route path="partners/applications/:applicationId" element={<PartnerApplicationPage />} />
          <Route path="partners/agreements" element={<PartnerAgreementsPage />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="roadmaps" element={<RoadmapsPage />} />
          <Route path="roadmaps/import" element={<ImportPage />} />
          <Route path="roadmaps/import/bulk" element={<BulkImportPage />} />
          <Route path="roadmaps/settings" element={<DistrictSettingsPage />} />
          <Route path="roadmaps/region" element={<RegionRoadmapsPage />} />
          <Route path="roadmaps/district/new" element={<NewDistrictRoadmapPage />} />
          <Route path="roadmaps/campaigns/new" element={<NewCampaignPage />} />
          <Route path="roadmaps/campaigns/:campaignId" element={<CampaignPage />} />
          <Route path="roadmaps/campaigns/:campaignId/new" element={<NewRoadmapPage />} />
          <Route path="roadmaps/:roadmapId" element={<RoadmapPage />} />
          <Route path="roadmaps/:roadmapId/compare" element={<ComparePage />} />
          <Route path="monitoring" element={<MonitoringPage />} />
          <Route path="monitoring/region" element={<RegionDashboardPage />} />
          <Route path="monitoring/district" element={<DistrictDashboardPage />} />
          <Route path="monitoring/schools/:organizationId" element={<SchoolDashboardPage />} />
          <Route path="monitoring/schools/:organizationId/swot" element={<SwotPage />} />
          <Route path="monitoring/schools/:organizationId/news" element={<NewsPage />} />
          <Route path="programmes" element={<ProgrammesPage />} />
          <Route path="programmes/new" element={<NewProgrammePage />} />
          <Route path="programmes/:programmeId" element={<ProgrammePage />} />
          <Route path="programmes/:programmeId/participants/new" element={<NewParticipantPage />} />
          <Route path="programmes/:programmeId/participants/:participantId" element={<ParticipantPage />} />
          <Route path="programmes/:programmeId/import" element={<ImportBasePage />} />
          <Route path="programmes/:programmeId/pairs/:pairId" element={<PairPage />} />
          <Route path="programmes/:programmeId/questionnaires" element={<QuestionnairesPage />} />
          <Route path="programmes/:programmeId/questionnaires/templates/:templateId" element={<TemplateEditorPage />} />
          <Route path="programmes/:programmeId/practices" element={<PracticesPage />} />
          <Route path="programmes/:programmeId/practices/new" element={<NewPracticePage />} />
          <Route path="programmes/:programmeId/practices/:practiceId" element={<PracticePage />} />
          <Route path="questionnaires/mine/:linkId" element={<MyQuestionnairePage />} />
          <Route path="my" element={<MyPairsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
        </Suspense>
      </Layout>
    </MeProvider>
  );
}
