import type { ApolloClient } from '@apollo/client';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthContext } from './auth/context';
import type { Auth } from './auth/keycloak';
import { ErrorState } from './components/ErrorState';
import { Layout, LogoutButton, TopBar } from './components/Layout';
import { Loading } from './components/Loading';
import { MeProvider, MeQueryDocument } from './me';
import { CreateDistrictPage } from './pages/CreateDistrictPage';
import { DistrictPage } from './pages/DistrictPage';
import { DistrictsPage } from './pages/DistrictsPage';
import { HomePage } from './pages/HomePage';
import { InboxPage } from './pages/InboxPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrganizationPage } from './pages/OrganizationPage';
import { OrganizationsPage } from './pages/OrganizationsPage';
import { RegionsPage } from './pages/RegionsPage';
import { BackgroundJobsPage } from './pages/jobs/BackgroundJobsPage';
import { AgreementsPage as PartnerAgreementsPage } from './pages/partners/AgreementsPage';
import { ApplicationPage as PartnerApplicationPage } from './pages/partners/ApplicationPage';
import { ApplicationsPage as PartnerApplicationsPage } from './pages/partners/ApplicationsPage';
import { ImportMentorsPage as ImportPartnerMentorsPage } from './pages/partners/ImportMentorsPage';
import { MyPartnerPage } from './pages/partners/MyPartnerPage';
import { NewMentorPage as NewPartnerMentorPage } from './pages/partners/NewMentorPage';
import { PartnersPage } from './pages/partners/PartnersPage';
import { ProposeAgreementPage } from './pages/partners/ProposeAgreementPage';
import { BulkImportPage } from './pages/roadmaps/BulkImportPage';
import { CampaignPage } from './pages/roadmaps/CampaignPage';
import { ComparePage } from './pages/roadmaps/ComparePage';
import { DistrictSettingsPage } from './pages/roadmaps/DistrictSettingsPage';
import { ImportPage } from './pages/roadmaps/ImportPage';
import { NewCampaignPage } from './pages/roadmaps/NewCampaignPage';
import { NewDistrictRoadmapPage } from './pages/roadmaps/NewDistrictRoadmapPage';
import { NewRoadmapPage } from './pages/roadmaps/NewRoadmapPage';
import { RoadmapPage } from './pages/roadmaps/RoadmapPage';
import { RegionRoadmapsPage } from './pages/roadmaps/RegionRoadmapsPage';
import { RoadmapsPage } from './pages/roadmaps/RoadmapsPage';
import { DistrictDashboardPage } from './pages/monitoring/DistrictDashboardPage';
import { MonitoringPage } from './pages/monitoring/MonitoringPage';
import { RegionDashboardPage } from './pages/monitoring/RegionDashboardPage';
import { SchoolDashboardPage } from './pages/monitoring/SchoolDashboardPage';
import { NewsPage } from './pages/news/NewsPage';
import { SwotPage } from './pages/swot/SwotPage';
import { NewParticipantPage } from './pages/programmes/NewParticipantPage';
import { NewProgrammePage } from './pages/programmes/NewProgrammePage';
import { ParticipantPage } from './pages/programmes/ParticipantPage';
import { ProgrammePage } from './pages/programmes/ProgrammePage';
import { ProgrammesPage } from './pages/programmes/ProgrammesPage';
import { ImportBasePage } from './pages/programmes/ImportBasePage';
import { PairPage } from './pages/programmes/PairPage';
import { MyPairsPage } from './pages/my/MyPairsPage';
import { QuestionnairesPage } from './pages/questionnaires/QuestionnairesPage';
import { TemplateEditorPage } from './pages/questionnaires/TemplateEditorPage';
import { MyQuestionnairePage } from './pages/questionnaires/MyQuestionnaires';
import { PracticesPage, NewPracticePage } from './pages/practices/PracticesPage';
import { PracticePage } from './pages/practices/PracticePage';

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
      </Layout>
    </MeProvider>
  );
}
