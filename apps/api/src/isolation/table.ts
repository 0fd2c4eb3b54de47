import { PLATFORM_ROLES, type PlatformRole } from '@nastavnik/domain';

/**
 * Who may call each GraphQL operation at all, and what its `id` argument names. Every Query and
 * Mutation field of schema.graphql must have an entry: the suite fails on a field without one, so
 * a new operation cannot reach the schema without someone deciding who may call it.
 *
 * `roles`: the roles that may call it (row scope still applies to them); every other role must be
 * refused (FORBIDDEN / UNAUTHENTICATED / NOT_FOUND / BAD_USER_INPUT) and get no data.
 * `id`: the kind (table) of the object named by the argument `id`. Other arguments are filled by
 * name (ARG_KINDS); `argKinds` overrides that for one operation.
 * `pending`: the rule is decided but the code does not follow it yet (another change is on its
 * way); a refusal that does not come is reported, not failed.
 */
export interface OperationRule {
  roles: readonly PlatformRole[];
  id?: string;
  argKinds?: Record<string, string>;
  pending?: { roles: readonly PlatformRole[]; why: string };
  /** Kinds the answer may carry although foreign, because the caller named them and the rule allows it (why). */
  echoes?: { kinds: readonly string[]; why: string };
}

const ALL: readonly PlatformRole[] = PLATFORM_ROLES;
const R = {
  admin: 'platform-admin',
  coordinator: 'region-coordinator',
  officer: 'district-officer',
  head: 'district-head',
  director: 'school-director',
  curator: 'school-curator',
  mentor: 'mentor',
  mentee: 'mentee',
  partner: 'partner-admin',
} as const satisfies Record<string, PlatformRole>;
const SCHOOL_MANAGERS = [R.director, R.curator];
const ROADMAP_EDITORS = [R.curator, R.officer];
const MONITORING_READERS = [R.director, R.curator, R.officer, R.head, R.coordinator, R.admin];
const DISTRICT_MONITORING = [R.officer, R.head, R.coordinator, R.admin];
const PARTNER_DECIDERS = [R.officer, R.admin];

export const OPERATIONS: Readonly<Record<string, OperationRule>> = {
  // Queries
  backgroundJobs: { roles: [R.admin] },
  bestPractice: { roles: ALL, id: 'best_practice' },
  bestPractices: { roles: ALL },
  campaign: { roles: ALL, id: 'campaign' },
  campaigns: { roles: ALL },
  devMailbox: { roles: [R.admin] },
  district: { roles: ALL, id: 'district' },
  districtDashboard: { roles: DISTRICT_MONITORING },
  districtSchoolGrid: { roles: DISTRICT_MONITORING },
  districtSettings: { roles: ALL },
  districts: { roles: ALL },
  executionSeries: { roles: MONITORING_READERS },
  inbox: { roles: ALL },
  kpiDrillDown: { roles: MONITORING_READERS },
  linkableKpis: { roles: ALL },
  me: { roles: ALL },
  myNotificationPreferences: { roles: ALL },
  myNotifications: { roles: ALL },
  myCalendarFeed: { roles: [R.officer, R.head, R.director, R.curator, R.mentor, R.mentee] },
  myPairs: { roles: ALL },
  myPartnerOrganization: { roles: [R.partner] },
  myQuestionnaires: { roles: [R.mentor, R.mentee] },
  notificationLog: { roles: [R.admin, R.officer, R.head] },
  organization: { roles: ALL, id: 'organization' },
  organizations: { roles: ALL },
  pair: { roles: ALL, id: 'mentoring_pair' },
  pairs: { roles: ALL },
  participant: { roles: ALL, id: 'participant' },
  participantAccessLog: { roles: SCHOOL_MANAGERS },
  participants: { roles: ALL },
  partnerAgreementSchools: { roles: [R.partner] },
  // Mentors and mentees see only their own pair and what is addressed to them.
  // Mentors and mentees see only their own pair and what is addressed to them; the region sees figures.
  partnerAgreements: { roles: [R.partner, R.director, R.curator, R.officer, R.head, R.admin] },
  partnerApplications: { roles: PARTNER_DECIDERS },
  partnerMentorShare: { roles: ALL },
  partnerMentors: { roles: [R.partner] },
  partnerOrganizationShare: { roles: ALL },
  partnerOrganizations: { roles: ALL },
  partnerPlacements: { roles: [R.partner] },
  programme: { roles: ALL, id: 'programme' },
  programmes: { roles: ALL },
  questionnaireResponse: { roles: SCHOOL_MANAGERS, id: 'questionnaire_response' },
  questionnaireStatus: { roles: SCHOOL_MANAGERS },
  questionnaireSummary: { roles: SCHOOL_MANAGERS },
  questionnaireTemplate: { roles: ALL, id: 'questionnaire_template' },
  questionnaireTemplates: { roles: ALL },
  region: { roles: ALL, id: 'region' },
  regionDashboard: { roles: [R.coordinator, R.admin] },
  regionRoadmapOverview: { roles: [R.coordinator, R.admin] },
  regions: { roles: ALL },
  revisionDiff: { roles: ALL },
  roadmapDraft: { roles: ROADMAP_EDITORS },
  roadmap: { roles: ALL, id: 'roadmap' },
  roadmapRevision: { roles: ALL, id: 'roadmap_revision' },
  roadmaps: { roles: ALL },
  schoolDashboard: { roles: MONITORING_READERS },
  schoolNews: { roles: MONITORING_READERS },
  search: { roles: ALL },
  suggestMatches: { roles: SCHOOL_MANAGERS },
  swotForm: { roles: MONITORING_READERS },
  tagCatalogue: { roles: ALL },

  // Mutations
  addConsent: { roles: SCHOOL_MANAGERS },
  addParticipantTags: { roles: SCHOOL_MANAGERS },
  addRoadmapItem: { roles: ROADMAP_EDITORS },
  approvePartnerApplication: { roles: PARTNER_DECIDERS, id: 'partner_application' },
  archivePartnerMentor: { roles: [R.partner], id: 'partner_mentor' },
  cancelPlannedMeeting: { roles: [R.director, R.curator, R.mentor] },
  changeBestPracticeStatus: { roles: SCHOOL_MANAGERS, id: 'best_practice' },
  clearRoadmapItemKpiLink: { roles: ROADMAP_EDITORS },
  completePair: { roles: SCHOOL_MANAGERS },
  confirmPairs: { roles: SCHOOL_MANAGERS },
  createBestPractice: { roles: SCHOOL_MANAGERS },
  createCampaign: { roles: [R.officer, R.head, R.admin] },
  createDistrict: { roles: [R.admin] },
  createParticipant: { roles: SCHOOL_MANAGERS },
  createPartnerMentor: { roles: [R.partner] },
  createProgramme: { roles: SCHOOL_MANAGERS },
  createRoadmap: { roles: ROADMAP_EDITORS },
  createRoadmapFromImport: { roles: ROADMAP_EDITORS },
  createSchoolNews: { roles: SCHOOL_MANAGERS },
  decidePartnerAgreement: { roles: [R.director, R.officer, R.admin], id: 'partner_agreement' },
  decideRoadmap: { roles: [R.curator, R.director, R.officer, R.head, R.coordinator] },
  discardRoadmapDraft: { roles: ROADMAP_EDITORS },
  deleteAttachment: { roles: [R.curator, R.director, R.officer, R.head, R.admin], id: 'attachment' },
  deleteBestPractice: { roles: SCHOOL_MANAGERS, id: 'best_practice' },
  deleteProgramme: { roles: SCHOOL_MANAGERS, id: 'programme' },
  deleteSchoolNews: { roles: SCHOOL_MANAGERS, id: 'school_news' },
  erasePartnerApplicantData: { roles: PARTNER_DECIDERS, id: 'partner_application' },
  extendPair: { roles: SCHOOL_MANAGERS },
  issueQuestionnaireLinks: { roles: SCHOOL_MANAGERS },
  markItemDone: { roles: ROADMAP_EDITORS },
  markNotificationsRead: { roles: ALL },
  moveRoadmapItem: { roles: ROADMAP_EDITORS },
  proposePartnerAgreement: {
    roles: [R.partner],
    echoes: {
      kinds: ['organization', 'district', 'region'],
      why: 'a partner proposes to any school or district of the country (the public form lists them); the answer names that party',
    },
  },
  // A member of the pair (mentor or mentee) or the school's staff marks a task of the pair's plan.
  markPlanTask: { roles: [R.director, R.curator, R.mentor, R.mentee] },
  // The pair's next meeting: planned by those who record its meetings.
  planMeeting: { roles: [R.director, R.curator, R.mentor] },
  recordMeeting: { roles: [R.director, R.curator, R.mentor] },
  recordPairsOrder: { roles: SCHOOL_MANAGERS },
  refreshDistrictSnapshot: { roles: [R.officer, R.head, R.admin] },
  rejectPartnerApplication: { roles: PARTNER_DECIDERS, id: 'partner_application' },
  remindCampaignSchools: { roles: [R.officer, R.head] },
  removeRoadmapItem: { roles: ROADMAP_EDITORS },
  reopenReviewComment: { roles: [R.officer, R.head, R.coordinator] },
  replyToReviewComment: { roles: [R.curator, R.director, R.officer, R.head, R.coordinator] },
  resetMyCalendarFeed: { roles: [R.officer, R.head, R.director, R.curator, R.mentor, R.mentee] },
  resetRoadmapItemKpiLink: { roles: ROADMAP_EDITORS },
  resolveReviewComment: { roles: [R.curator, R.director, R.officer, R.head, R.coordinator] },
  restorePartnerMentor: { roles: [R.partner], id: 'partner_mentor' },
  revokeQuestionnaireLink: { roles: SCHOOL_MANAGERS },
  saveRoadmapDraft: { roles: ROADMAP_EDITORS },
  revokeQuestionnaireLinks: { roles: SCHOOL_MANAGERS },
  saveRoadmapRevision: { roles: ROADMAP_EDITORS },
  sendQuestionnaireLinksByEmail: { roles: SCHOOL_MANAGERS },
  saveSwotForm: { roles: SCHOOL_MANAGERS },
  setDistrictSettings: { roles: [R.head, R.admin] },
  setHeadcount: { roles: [R.director, R.curator, R.officer, R.head] },
  setMyNotificationPreference: { roles: ALL },
  setPairPlan: { roles: SCHOOL_MANAGERS },
  setRoadmapItemKpiLink: { roles: ROADMAP_EDITORS },
  submitMyQuestionnaire: { roles: [R.mentor, R.mentee] },
  submitQuestionnaireResponse: { roles: SCHOOL_MANAGERS },
  terminatePartnerAgreement: { roles: [R.partner, R.director, R.officer, R.admin], id: 'partner_agreement' },
  undoItemDone: { roles: ROADMAP_EDITORS },
  updateBestPractice: { roles: SCHOOL_MANAGERS, id: 'best_practice' },
  updateParticipant: { roles: SCHOOL_MANAGERS, id: 'participant' },
  updateProgramme: { roles: SCHOOL_MANAGERS, id: 'programme' },
  updateQuestionnaireTemplate: { roles: SCHOOL_MANAGERS, id: 'questionnaire_template' },
  updateRoadmapItem: { roles: ROADMAP_EDITORS },
  updateSchoolNews: { roles: SCHOOL_MANAGERS, id: 'school_news' },
  withdrawConsent: { roles: SCHOOL_MANAGERS },
};

/**
 * The kind (table) of the object an argument or input field names, by its name. Names not here
 * and not ending in Id/Ids are ordinary values; an unknown *Id name fails the suite (add it).
 */
export const ARG_KINDS: Readonly<Record<string, string | null>> = {
  agreementId: 'partner_agreement',
  attachmentId: 'attachment',
  campaignId: 'campaign',
  commentId: 'review_comment',
  consentId: 'participant_consent',
  copyFromRoadmapId: 'roadmap',
  districtId: 'district',
  fromRevisionId: 'roadmap_revision',
  itemId: 'roadmap_item',
  linkId: 'questionnaire_link',
  linkIds: 'questionnaire_link',
  menteeId: 'participant',
  menteeIds: 'participant',
  mentorId: 'participant',
  organizationId: 'organization',
  organizationIds: 'organization',
  pairId: 'mentoring_pair',
  participantId: 'participant',
  participantIds: 'participant',
  partnerId: 'partner_organization',
  programmeId: 'programme',
  // A question of a template: an id inside the template's JSON, not an object.
  questionId: null,
  regionId: 'region',
  responseId: 'questionnaire_response',
  revisionId: 'roadmap_revision',
  roadmapId: 'roadmap',
  roadmapLatestRevisionId: 'roadmap_revision',
  templateId: 'questionnaire_template',
  toRevisionId: 'roadmap_revision',
  // A task of a pair's plan: an id inside the pair's JSON, not an object.
  taskId: null,
  // The preview's stored file.
  uploadId: 'attachment',
};

/** How an HTTP route is checked. */
export type RouteCheck =
  /** Named object of another side: 403/404, never the file or data. */
  | { kind: 'foreign'; path: (id: string, academicYear: string) => string; idKind: string; method: 'GET' | 'POST'; body?: string }
  /** Public by design (no login): only checked to be in the table. */
  | { kind: 'public'; sample: string; method: 'GET' | 'POST'; why: string }
  /** Static or own-data only (templates, the caller's own tenant): not a foreign object. */
  | { kind: 'own'; sample: string; method: 'GET' | 'POST'; why: string };

/**
 * Every REST route of the API (apps/api/src/app.ts collects them from the modules' routes.ts
 * files). The suite fails when the server has a route no entry here matches.
 */
export const ROUTES: Readonly<Record<string, RouteCheck>> = {
  'GET /attachments/:id': { kind: 'foreign', method: 'GET', idKind: 'attachment', path: (id) => `/attachments/${id}` },
  'POST /attachments?organizationId': {
    kind: 'foreign',
    method: 'POST',
    idKind: 'organization',
    path: (id) => `/attachments?organizationId=${id}&fileName=x.txt`,
    body: 'x',
  },
  'GET /exports/revisions/:id.docx': { kind: 'foreign', method: 'GET', idKind: 'roadmap_revision', path: (id) => `/exports/revisions/${id}.docx` },
  'GET /exports/revisions/:id.pdf': { kind: 'foreign', method: 'GET', idKind: 'roadmap_revision', path: (id) => `/exports/revisions/${id}.pdf` },
  'GET /exports/campaigns/:id.xlsx': { kind: 'foreign', method: 'GET', idKind: 'campaign', path: (id) => `/exports/campaigns/${id}.xlsx` },
  'POST /imports/preview?organizationId': {
    kind: 'foreign',
    method: 'POST',
    idKind: 'organization',
    path: (id) => `/imports/preview?organizationId=${id}&fileName=x.txt`,
    body: 'Дорожная карта\n1\tМероприятие\tсентябрь\tКуратор\tПлан\tДа',
  },
  'POST /imports/:id/preview': { kind: 'foreign', method: 'POST', idKind: 'attachment', path: (id) => `/imports/${id}/preview`, body: '{}' },
  'POST /imports/bulk?organizationId': {
    kind: 'foreign',
    method: 'POST',
    idKind: 'campaign',
    path: (id) => `/imports/bulk?campaignId=${id}&fileName=x.zip`,
    body: 'x',
  },
  'POST /participants/import?programmeId': {
    kind: 'foreign',
    method: 'POST',
    idKind: 'programme',
    path: (id) => `/participants/import?programmeId=${id}&fileName=x.csv`,
    body: 'Фамилия;Имя\nИванов;Иван',
  },
  'GET /participants/import-template.csv': { kind: 'own', method: 'GET', sample: '/participants/import-template.csv', why: 'an empty template' },
  'GET /participants/import-template.xlsx': { kind: 'own', method: 'GET', sample: '/participants/import-template.xlsx', why: 'an empty template' },
  'GET /exports/programmes/:id/pairs-order.docx': {
    kind: 'foreign',
    method: 'GET',
    idKind: 'programme',
    path: (id) => `/exports/programmes/${id}/pairs-order.docx`,
  },
  'GET /exports/pairs/:id/planned-meeting.ics': {
    kind: 'foreign',
    method: 'GET',
    idKind: 'mentoring_pair',
    path: (id) => `/exports/pairs/${id}/planned-meeting.ics`,
  },
  'POST /partner-files/agreements/:id': {
    kind: 'foreign',
    method: 'POST',
    idKind: 'partner_agreement',
    path: (id) => `/partner-files/agreements/${id}?fileName=x.pdf`,
    // A file of an allowed type, so that the agreement is looked up (the type is checked first).
    body: '%PDF-1.4\n%%EOF\n',
  },
  'GET /partner-files/:id': { kind: 'foreign', method: 'GET', idKind: 'partner_agreement_file', path: (id) => `/partner-files/${id}` },
  'GET /partners/districts': { kind: 'public', method: 'GET', sample: '/partners/districts', why: 'the application form lists the districts' },
  'POST /partners/mentors/import': { kind: 'own', method: 'POST', sample: '/partners/mentors/import', why: "into the caller's own partner organisation" },
  'POST /partners/apply': { kind: 'public', method: 'POST', sample: '/partners/apply', why: 'the public application form' },
  'GET /exports/stat-form.xlsx?regionId': {
    kind: 'foreign',
    method: 'GET',
    idKind: 'region',
    path: (id, year) => `/exports/stat-form.xlsx?academicYear=${year}&regionId=${id}`,
  },
  'GET /exports/district-note.docx': {
    kind: 'own',
    method: 'GET',
    sample: '/exports/district-note.docx',
    why: "the caller's own district (X-District-Id checked like /graphql)",
  },
  'GET /exports/swot.docx?organizationId': {
    kind: 'foreign',
    method: 'GET',
    idKind: 'organization',
    path: (id, year) => `/exports/swot.docx?academicYear=${year}&organizationId=${id}`,
  },
  'GET /public/schools/:district/:school': { kind: 'public', method: 'GET', sample: '/public/schools/sibay/gimnaziya', why: 'the public school page' },
  'GET /public/schools/:district/:school/roadmaps/:id.docx': {
    kind: 'public',
    method: 'GET',
    sample: '/public/schools/sibay/gimnaziya/roadmaps/00000000-0000-7000-8000-000000000000.docx',
    why: "a school's roadmap in force, public; another school's roadmap under this school's path is checked apart",
  },
  'GET /public/calendar/:token.ics': {
    kind: 'public',
    method: 'GET',
    sample: '/public/calendar/abc.ics',
    why: 'a personal calendar feed (secret token); the events are the token owner’s own',
  },
  'GET /public/surveys/:token': { kind: 'public', method: 'GET', sample: '/public/surveys/abc', why: 'a personal survey link (secret token)' },
  'POST /public/surveys/:token': { kind: 'public', method: 'POST', sample: '/public/surveys/abc', why: 'a personal survey link (secret token)' },
  'GET /public/unsubscribe/:token': { kind: 'public', method: 'GET', sample: '/public/unsubscribe/abc', why: "a letter's unsubscribe link (secret token)" },
  'POST /public/unsubscribe/:token': {
    kind: 'public',
    method: 'POST',
    sample: '/public/unsubscribe/abc',
    why: "a letter's one-click unsubscribe (secret token)",
  },
};
