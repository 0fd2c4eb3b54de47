import type { NonEmptyArray } from 'type-graphql';
import { systemClock, type Clock } from './engine/clock.js';
import type { ApiConfig } from './engine/config.js';
import { createTokenVerifier } from './engine/auth/token.js';
import { createApolloServer } from './engine/graphql/apollo.js';
import { buildContext, type GraphQLContext } from './engine/graphql/context.js';
import { buildGraphQLSchema, printSortedSchema } from './engine/graphql/schema.js';
import { createReadinessCheck } from './engine/http/readiness.js';
import { startHttpServer } from './engine/http/server.js';
import { createRateLimits } from './engine/http/rate-limit.js';
import { createLogger, type Logger } from './engine/logging.js';
import type { MigrationReport } from './engine/migrations/district-runner.js';
import { DistrictMigrationState } from './modules/directory/district-migration-state.entity.js';
import { migrateAllWith, type MigrateAllOptions } from './engine/migrations/migrate-all.js';
import { createOrmWith, type CreateOrmOptions, type MikroORM } from './engine/orm/create-orm.js';
import { MIGRATION_SETS } from './migrations/index.js';
import { District } from './modules/directory/district.entity.js';
import { DirectoryCache } from './modules/directory/directory-cache.js';
import { createDirectoryLoaders } from './modules/directory/loaders.js';
import { Organization } from './modules/directory/organization.entity.js';
import { PartnerOrganization } from './modules/directory/partner-organization.entity.js';
import { Region } from './modules/directory/region.entity.js';
import { DIRECTORY_RESOLVERS } from './modules/directory/resolvers.js';
import { DistrictService, OrganizationService, PartnerService, RegionService } from './modules/directory/services.js';
import { Headcount } from './modules/headcounts/headcount.entity.js';
import { HeadcountService } from './modules/headcounts/headcount.service.js';
import { createHeadcountLoaders } from './modules/headcounts/loaders.js';
import { HEADCOUNT_RESOLVERS } from './modules/headcounts/resolvers.js';
import { ME_RESOLVERS } from './modules/me/resolvers.js';
import { Attachment, AttachmentContent } from './modules/attachments/attachment.entity.js';
import { AttachmentService } from './modules/attachments/attachment.service.js';
import { ATTACHMENT_MESSAGES_RU } from './modules/attachments/file-types.js';
import { mayReadConsentScan } from './modules/participants/personal-data.js';
import { createAttachmentLoaders } from './modules/attachments/loaders.js';
import { ATTACHMENT_RESOLVERS } from './modules/attachments/resolvers.js';
import { attachmentRoutes } from './modules/attachments/routes.js';
import { createAttachmentStorages } from './modules/attachments/storage.js';
import { CampaignService } from './modules/campaigns/campaign.service.js';
import { CommentThreadService } from './modules/reviews/thread.service.js';
import { ReminderService } from './modules/campaigns/reminder.service.js';
import { RegionRoadmapService } from './modules/roadmaps/region-overview.js';
import { createCampaignLoaders } from './modules/campaigns/loaders.js';
import { CAMPAIGN_RESOLVERS } from './modules/campaigns/resolvers.js';
import { ExecutionService } from './modules/execution/execution.service.js';
import { createExecutionLoaders } from './modules/execution/loaders.js';
import { EXECUTION_RESOLVERS } from './modules/execution/resolvers.js';
import { InboxService } from './modules/inbox/inbox.service.js';
import { INBOX_RESOLVERS } from './modules/inbox/resolvers.js';
import { DocumentService } from './modules/roadmaps/documents.service.js';
import { documentRoutes } from './modules/documents/routes.js';
import { DecisionService } from './modules/reviews/decision.service.js';
import { createReviewLoaders } from './modules/reviews/loaders.js';
import { REVIEW_RESOLVERS } from './modules/reviews/resolvers.js';
import { createRoadmapLoaders } from './modules/roadmaps/loaders.js';
import { ROADMAP_RESOLVERS } from './modules/roadmaps/resolvers.js';
import { RoadmapService } from './modules/roadmaps/roadmap.service.js';
import { DistrictSettingsService } from './modules/roadmaps/settings.service.js';
import { RoadmapDraftService } from './modules/roadmaps/draft.service.js';
import { RoadmapDraft } from './modules/roadmaps/draft.entity.js';
import { Campaign } from './modules/campaigns/campaign.entity.js';
import { CampaignReminder } from './modules/campaigns/reminder.entity.js';
import { ItemExecution } from './modules/execution/item-execution.entity.js';
import { ReviewComment } from './modules/reviews/comment.entity.js';
import { RoadmapEvent } from './modules/roadmaps/event.entity.js';
import { DistrictSettings } from './modules/roadmaps/district-settings.entity.js';
import { RoadmapItem } from './modules/roadmaps/item.entity.js';
import { RoadmapRevision } from './modules/roadmaps/revision.entity.js';
import { Roadmap } from './modules/roadmaps/roadmap.entity.js';
import { RoadmapSection } from './modules/roadmaps/section.entity.js';
import { createImportServices } from './modules/imports/services.js';
import { createImportLoaders } from './modules/imports/loaders.js';
import { IMPORT_RESOLVERS } from './modules/imports/resolvers.js';
import { RoadmapImport } from './modules/imports/roadmap-import.entity.js';
import { importRoutes } from './modules/imports/routes.js';
import { createProgrammeLoaders } from './modules/programmes/loaders.js';
import { createParticipantLoaders } from './modules/participants/loaders.js';
import { createPairLoaders } from './modules/pairs/loaders.js';
import { Programme } from './modules/programmes/programme.entity.js';
import { ProgrammeService } from './modules/programmes/programme.service.js';
import { PROGRAMME_RESOLVERS } from './modules/programmes/resolvers.js';
import { Participant, ParticipantAccessLog, ParticipantConsent } from './modules/participants/participant.entity.js';
import { PersonalDataErasure } from './modules/participants/erasure.entity.js';
import { ParticipantService } from './modules/participants/participant.service.js';
import { forgetQuestionnaireAnswers } from './modules/questionnaires/shared.js';
import { PARTICIPANT_RESOLVERS } from './modules/participants/resolvers.js';
import { programmeRoutes } from './modules/participants/routes.js';
import { pairRoutes } from './modules/pairs/routes.js';
import { MentoringPair, PairMeeting } from './modules/pairs/pair.entity.js';
import { PairService } from './modules/pairs/pair.service.js';
import { PlannedMeeting } from './modules/pairs/planned-meeting.entity.js';
import { PlannedMeetingService } from './modules/pairs/planned-meeting.service.js';
import { PAIR_RESOLVERS } from './modules/pairs/resolvers.js';
import { PairLetters } from './modules/pairs/pair-letters.js';
import { QuestionnaireLinkLetters } from './modules/questionnaires/link-letters.js';
import { idlePairsJob, meetingRemindersJob } from './modules/pairs/letter-jobs.js';
import { personRefOf } from './modules/participants/email-contacts.js';
import { QuestionnaireAnswer, QuestionnaireLink, QuestionnaireResponse, QuestionnaireTemplate } from './modules/questionnaires/questionnaire.entity.js';
import { QuestionnaireLinkService } from './modules/questionnaires/links.service.js';
import { QuestionnaireResultService } from './modules/questionnaires/results.service.js';
import { QuestionnaireTemplateService } from './modules/questionnaires/templates.service.js';
import { QUESTIONNAIRE_RESOLVERS } from './modules/questionnaires/resolvers.js';
import { questionnaireRoutes } from './modules/questionnaires/routes.js';
import { BestPractice } from './modules/practices/practice.entity.js';
import { PracticeService, unpublishPracticesOf } from './modules/practices/practice.service.js';
import { PRACTICE_RESOLVERS } from './modules/practices/resolvers.js';
import { MonitoringService } from './modules/monitoring/monitoring.service.js';
import { MONITORING_RESOLVERS } from './modules/monitoring/resolvers.js';
import { monitoringRoutes } from './modules/monitoring/routes.js';
import { KPI_REFRESH_JOB, kpiRefreshJob } from './modules/monitoring/jobs.js';
import { DistrictKpiSnapshot } from './modules/monitoring/snapshot.entity.js';
import { PublicService } from './modules/public/public.service.js';
import { publicRoutes } from './modules/public/routes.js';
import { RoadmapItemKpiLink } from './modules/monitoring/item-kpi-link.entity.js';
import { SwotForm } from './modules/swot/swot.entity.js';
import { SwotService } from './modules/swot/swot.service.js';
import { SWOT_RESOLVERS } from './modules/swot/resolvers.js';
import { SchoolNews } from './modules/news/news.entity.js';
import { NewsService } from './modules/news/news.service.js';
import { NEWS_RESOLVERS } from './modules/news/resolvers.js';
import { PartnerMatchingSource } from './modules/partners/matching.js';
import {
  PartnerAgreement,
  PartnerAgreementFile,
  PartnerAgreementFileContent,
  PartnerApplication,
  PartnerMentor,
  PartnerMentorConsent,
  PartnerPlacement,
} from './modules/partners/partner.entities.js';
import { PartnerAgreementService } from './modules/partners/agreements.service.js';
import { PartnerApplicationService } from './modules/partners/applications.service.js';
import { PartnerMentorService } from './modules/partners/mentors.service.js';
import { AgreementFileService } from './modules/partners/agreement-files.js';
import { createAccountProvisioner, type AccountProvisioner } from './modules/partners/provisioner.js';
import { PARTNER_RESOLVERS } from './modules/partners/resolvers.js';
import { partnerRoutes } from './modules/partners/routes.js';
import { eraseExpiredApplicantsJob } from './modules/partners/jobs.js';
import { createSmtpMailer, type Mailer } from './engine/mail/mailer.js';
import { emailChannel, inboxChannel, type NotificationChannel } from './modules/notifications/channels.js';
import { DigestService } from './modules/notifications/digest.service.js';
import { InAppInboxService } from './modules/notifications/inbox.service.js';
import { NotificationPreferenceService } from './modules/notifications/preferences.service.js';
import { NotificationPreference } from './modules/notifications/preference.entity.js';
import { unsubscribeRoutes } from './modules/notifications/routes.js';
import { DELIVER_NOTIFICATIONS_JOB, deliverNotificationsJob, sendDigestsJob } from './modules/notifications/jobs.js';
import { WeeklyDigest, weeklyDigestJob } from './modules/inbox/weekly-digest.js';
import { Notification } from './modules/notifications/notification.entity.js';
import { NotificationService } from './modules/notifications/notification.service.js';
import { KeycloakPeopleDirectory, type PeopleDirectory } from './modules/notifications/people.js';
import { KeycloakAdminClient, keycloakAdminAccess } from './engine/auth/keycloak-admin.js';
import { DecisionLetters } from './modules/reviews/decision-letters.js';
import { ReminderLetters } from './modules/campaigns/reminder-letters.js';
import { CampaignLetters } from './modules/campaigns/campaign-letters.js';
import { CAMPAIGN_OPENED_LETTERS_JOB, campaignDeadlineLettersJob, campaignOpenedLettersJob } from './modules/campaigns/jobs.js';
import { ExecutionLetters } from './modules/execution/execution-letters.js';
import { executionWeeklyLettersJob } from './modules/execution/jobs.js';
import { DevMailbox } from './modules/notifications/dev-mailbox.js';
import { NotificationLogService } from './modules/notifications/log.service.js';
import { NOTIFICATION_RESOLVERS } from './modules/notifications/resolvers.js';
import { BackgroundJobService } from './modules/jobs/jobs.service.js';
import { JOB_RESOLVERS } from './modules/jobs/resolvers.js';
import { SEARCH_RESOLVERS } from './modules/search/resolvers.js';
import { CalendarFeed } from './modules/calendar/calendar-feed.entity.js';
import { CalendarFeedService } from './modules/calendar/feed.service.js';
import { CALENDAR_RESOLVERS } from './modules/calendar/resolvers.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { SearchService } from './modules/search/search.service.js';
import type { JobDefinition } from './engine/jobs/definition.js';
import { createJobQueue, type JobQueue } from './engine/jobs/queue.js';
import type { EntityManager } from './engine/orm/create-orm.js';
import type { TenantLoaders } from './engine/tenancy/tenant.js';

/** Unknown calendar links a client address may try per hour (guessing costs; feeds that exist are not counted). */
const CALENDAR_MISSES_PER_HOUR = 30;

/** The composition root: which entities, migrations, resolvers and services make up the API. */
export const CORE_ENTITIES = [
  Region,
  District,
  Organization,
  PartnerOrganization,
  DistrictMigrationState,
  DistrictKpiSnapshot,
  PartnerApplication,
  PartnerMentor,
  PartnerMentorConsent,
  PartnerAgreement,
  PartnerPlacement,
  PartnerAgreementFile,
  PartnerAgreementFileContent,
  Notification,
  NotificationPreference,
  CalendarFeed,
];
export const TENANT_ENTITIES = [
  Headcount,
  DistrictSettings,
  Campaign,
  Roadmap,
  RoadmapRevision,
  RoadmapDraft,
  RoadmapSection,
  RoadmapItem,
  ReviewComment,
  RoadmapEvent,
  ItemExecution,
  Attachment,
  AttachmentContent,
  RoadmapImport,
  Programme,
  Participant,
  ParticipantConsent,
  ParticipantAccessLog,
  PersonalDataErasure,
  MentoringPair,
  PairMeeting,
  PlannedMeeting,
  QuestionnaireTemplate,
  QuestionnaireLink,
  QuestionnaireResponse,
  QuestionnaireAnswer,
  BestPractice,
  RoadmapItemKpiLink,
  SwotForm,
  SchoolNews,
  CampaignReminder,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql types its resolver classes so
export const RESOLVERS: NonEmptyArray<Function> = [
  ...DIRECTORY_RESOLVERS,
  ...HEADCOUNT_RESOLVERS,
  ...ME_RESOLVERS,
  ...CAMPAIGN_RESOLVERS,
  ...ROADMAP_RESOLVERS,
  ...REVIEW_RESOLVERS,
  ...EXECUTION_RESOLVERS,
  ...ATTACHMENT_RESOLVERS,
  ...INBOX_RESOLVERS,
  ...IMPORT_RESOLVERS,
  ...PROGRAMME_RESOLVERS,
  ...PARTICIPANT_RESOLVERS,
  ...PAIR_RESOLVERS,
  ...QUESTIONNAIRE_RESOLVERS,
  ...PRACTICE_RESOLVERS,
  ...PARTNER_RESOLVERS,
  ...MONITORING_RESOLVERS,
  ...SWOT_RESOLVERS,
  ...NEWS_RESOLVERS,
  ...JOB_RESOLVERS,
  ...NOTIFICATION_RESOLVERS,
  ...SEARCH_RESOLVERS,
  ...CALENDAR_RESOLVERS,
];

/** The dataloaders of one tenant fork (per request, or per CLI run). */
export function createTenantLoaders(em: EntityManager): TenantLoaders {
  return {
    headcounts: createHeadcountLoaders(em),
    roadmaps: createRoadmapLoaders(em),
    campaigns: createCampaignLoaders(em),
    reviews: createReviewLoaders(em),
    execution: createExecutionLoaders(em),
    attachments: createAttachmentLoaders(em),
    imports: createImportLoaders(em),
    programmes: createProgrammeLoaders(em),
    participants: createParticipantLoaders(em),
    pairs: createPairLoaders(em),
  };
}

export function createOrm(config: ApiConfig, options: Omit<CreateOrmOptions, 'entities'> = {}): Promise<MikroORM> {
  return createOrmWith(config, { ...options, entities: [...CORE_ENTITIES, ...TENANT_ENTITIES] });
}

/** Core migrations, then every district schema (see engine/migrations/migrate-all.ts). */
export function migrateAll(orm: MikroORM, logger?: Logger, options?: MigrateAllOptions): Promise<MigrationReport> {
  return migrateAllWith(orm, MIGRATION_SETS, logger, options);
}

export function buildApiSchema() {
  return buildGraphQLSchema(RESOLVERS);
}

/** The SDL committed as apps/api/schema.graphql. */
export async function emitSchemaSdl(): Promise<string> {
  return printSortedSchema(await buildApiSchema());
}

export interface StartApiServerOptions {
  config: ApiConfig;
  /** An ORM to use (not closed on stop); when omitted one is created from config.databaseUrl and closed on stop. */
  orm?: MikroORM;
  /** Overrides config.port; 0 picks a free port. */
  port?: number;
  logger?: Logger;
  /** «Today» and «now» (default: the system clock in config.timeZone); tests move it. */
  clock?: Clock;
  /** Where partner administrators' accounts are created (default: Keycloak's admin API or the embedded provider, see partners/provisioner.ts). */
  provisioner?: AccountProvisioner;
  /** Background jobs besides the product's own (tests; see engine/jobs). */
  extraJobs?: JobDefinition[];
  /** Who receives letters (default: the identity provider's admin API). */
  people?: PeopleDirectory;
}

export interface RunningApiServer {
  /** http://localhost:PORT */
  url: string;
  graphqlUrl: string;
  port: number;
  orm: MikroORM;
  /** The background job queue of this process (workers only when config.jobs.enabled). */
  jobs: JobQueue;
  /** The directory as the requests' context reads it (kept while its change channel is up). */
  directory: DirectoryCache;
  stop(): Promise<void>;
}

export async function startApiServer(options: StartApiServerOptions): Promise<RunningApiServer> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config);
  const ownsOrm = !options.orm;
  const orm = options.orm ?? (await createOrm(config, { logger }));
  let jobQueue: JobQueue | undefined;
  let mailer: Mailer | undefined;
  const directory = new DirectoryCache();
  try {
    // LISTEN needs a session of its own: the direct URL when a pooler (transaction mode) is in front.
    await directory.start(orm, { connectionString: config.databaseDirectUrl ?? orm.config.get('clientUrl')!, logger });
    const clock = options.clock ?? systemClock(config.timeZone);
    const organizations = new OrganizationService();
    const roadmaps = new RoadmapService(clock);
    // A campaign opened: its «new campaign» letters go from a job, not from the request (issue 16).
    const campaigns = new CampaignService(
      clock,
      () => void jobQueue?.request(CAMPAIGN_OPENED_LETTERS_JOB).catch((error: unknown) => logger.warn({ err: error }, 'campaign letters could not be queued')),
    );
    const storages = createAttachmentStorages(config.attachments);
    const attachments = new AttachmentService(
      config.attachments,
      storages,
      clock,
      (ctx, attachment) => mayReadConsentScan(ctx.actor, ctx.tenant, attachment.id),
      // What keeps a file from deletion: its owners answer, attachments does not know them.
      [
        async (tenant, id) => ((await tenant.em.count(ItemExecution, { attachmentId: id })) ? ATTACHMENT_MESSAGES_RU.inUse : null),
        async (tenant, id) => ((await tenant.em.count(RoadmapImport, { attachment: id })) ? ATTACHMENT_MESSAGES_RU.roadmapSource : null),
        async (tenant, id) => ((await tenant.em.count(ParticipantConsent, { attachmentId: id })) ? ATTACHMENT_MESSAGES_RU.consentScan : null),
      ],
    );
    // A programme with participants may not be deleted (participants sit above programmes).
    const programmes = new ProgrammeService(clock, async (em, programmeId) => (await em.count(Participant, { programmeId })) > 0);
    const questionnaireTemplates = new QuestionnaireTemplateService(clock, programmes);
    const partnerMatching = new PartnerMatchingSource(clock);
    // Notifications (issue 16): the outbox, sent by the job below through the configured channels.
    mailer = config.mail.smtpUrl ? createSmtpMailer({ ...config.mail, smtpUrl: config.mail.smtpUrl }) : undefined;
    // Two channels now (issue 16, item 4): e-mail when SMTP is configured, and the in-app inbox always.
    const channels = new Map<string, NotificationChannel>([['inbox', inboxChannel()], ...(mailer ? [['email', emailChannel(mailer)] as const] : [])]);
    const notifications = new NotificationService(clock, channels, {
      adminUrl: config.mail.adminUrl,
      wake: () =>
        void jobQueue?.request(DELIVER_NOTIFICATIONS_JOB).catch((error: unknown) => logger.warn({ err: error }, 'notification delivery could not be queued')),
    });
    const notificationPreferences = new NotificationPreferenceService();
    // Who holds a role where (the letters' recipients): the identity provider's admin API.
    const people = options.people ?? new KeycloakPeopleDirectory(new KeycloakAdminClient(keycloakAdminAccess(config)));
    const reminders = new ReminderService(clock, config.timeZone, campaigns, new ReminderLetters(clock, notifications, people, config.mail.adminUrl));
    // Programme letters (issue 16): to pair members who consented to contact by e-mail, minors through their representatives.
    const pairLetters = new PairLetters(clock, notifications, people, { adminUrl: config.mail.adminUrl, timeZone: config.timeZone });
    const partnerApplications = new PartnerApplicationService(clock, options.provisioner ?? createAccountProvisioner(config), notifications, {
      adminUrl: config.mail.adminUrl,
      timeZone: config.timeZone,
    });
    const partnerMentors = new PartnerMentorService(clock);
    const partnerAgreements = new PartnerAgreementService(clock);
    const partnerFiles = new AgreementFileService(config.attachments, storages, clock, partnerAgreements);
    const monitoring = new MonitoringService(clock, {
      staleSeconds: config.monitoringStaleSeconds,
      // A view of changed figures asks for the background refresh instead of waiting for its schedule.
      requestRefresh: () => void jobQueue?.request(KPI_REFRESH_JOB).catch((error: unknown) => logger.warn({ err: error }, 'KPI refresh could not be queued')),
    });
    const campaignLetters = new CampaignLetters(clock, campaigns, notifications, people, config.mail.adminUrl);
    // The modules' background jobs (engine/jobs): scheduled, retried, one run at a time across replicas.
    jobQueue = createJobQueue({
      connectionString: orm.config.get('clientUrl')!,
      schema: config.jobs.schema,
      definitions: [
        kpiRefreshJob({ monitoring, intervalSeconds: config.kpiRefreshIntervalSeconds, timeZone: config.timeZone }),
        eraseExpiredApplicantsJob({ applications: partnerApplications, timeZone: config.timeZone }),
        deliverNotificationsJob({ notifications }),
        sendDigestsJob({ digests: new DigestService(clock, notifications, config.mail.adminUrl), timeZone: config.timeZone }),
        meetingRemindersJob({ letters: pairLetters }),
        idlePairsJob({ letters: pairLetters, days: config.pairIdleDays }),
        campaignOpenedLettersJob({ letters: campaignLetters, timeZone: config.timeZone }),
        campaignDeadlineLettersJob({ letters: campaignLetters, timeZone: config.timeZone }),
        executionWeeklyLettersJob({
          letters: new ExecutionLetters(clock, notifications, people, config.mail.adminUrl),
          timeZone: config.timeZone,
        }),
        weeklyDigestJob({ digest: new WeeklyDigest(clock, notifications, people, config.mail.adminUrl, config.timeZone) }),
        ...(options.extraJobs ?? []),
      ],
      orm,
      logger,
      workers: config.jobs.enabled,
      pollIntervalSeconds: config.jobs.pollIntervalSeconds,
      cronCheckSeconds: config.jobs.cronCheckSeconds,
      timeZone: config.timeZone,
    });
    await jobQueue.start();
    // A withdrawal also reaches the questionnaires' free text and the published practices (modules above participants).
    // ... and the person's letters, and their pairs' letters naming them, are failed and blanked (notifications).
    const participants = new ParticipantService(clock, programmes, storages, [
      forgetQuestionnaireAnswers,
      unpublishPracticesOf,
      async (em, schemaName, participantId) => {
        await notifications.eraseFor(em, personRefOf(participantId));
        await pairLetters.eraseAbout(em, schemaName, participantId);
      },
    ]);
    const pairs = new PairService(clock, programmes, partnerMatching, pairLetters);
    const questionnaireLinks = new QuestionnaireLinkService(clock, programmes, questionnaireTemplates);
    const plannedMeetings = new PlannedMeetingService(clock, config.timeZone, pairs);
    const services = {
      clock,
      timeZone: config.timeZone,
      regions: new RegionService(),
      districts: new DistrictService(orm),
      organizations,
      partners: new PartnerService(),
      headcounts: new HeadcountService(organizations),
      roadmaps,
      campaigns,
      reminders,
      regionRoadmaps: new RegionRoadmapService(clock),
      decisions: new DecisionService(clock, roadmaps, new DecisionLetters(notifications, people, config.mail.adminUrl)),
      commentThreads: new CommentThreadService(clock),
      execution: new ExecutionService(clock, attachments),
      attachments,
      inbox: new InboxService(clock, campaigns, reminders),
      districtSettings: new DistrictSettingsService(clock),
      roadmapDrafts: new RoadmapDraftService(clock),
      documents: new DocumentService(clock, config.timeZone, roadmaps, campaigns),
      ...createImportServices(config, storages, clock, roadmaps, logger),
      programmes,
      participants,
      pairs,
      plannedMeetings,
      questionnaireTemplates,
      questionnaireLinks,
      questionnaireLinkLetters: new QuestionnaireLinkLetters(clock, notifications, programmes, questionnaireLinks, config.mail.adminUrl, config.timeZone),
      questionnaireResults: new QuestionnaireResultService(clock, programmes, questionnaireTemplates),
      practices: new PracticeService(clock),
      notifications,
      notificationLog: new NotificationLogService(),
      notificationPreferences,
      inAppInbox: new InAppInboxService(clock),
      devMailbox: new DevMailbox(config.mail.catcherUrl),
      partnerApplications,
      partnerMentors,
      partnerAgreements,
      partnerFiles,
      partnerMatching,
      monitoring,
      jobs: new BackgroundJobService(jobQueue),
      swot: new SwotService(clock),
      news: new NewsService(clock),
      search: new SearchService(clock, participants),
      // The personal calendar feed: read without a login, so it re-checks the user's roles with the identity provider.
      calendarFeeds: new CalendarFeedService({
        orm,
        clock,
        timeZone: config.timeZone,
        adminUrl: config.mail.adminUrl,
        publicUrl: config.mail.adminUrl,
        people,
        resolveGrants: directory.resolveGrants,
        tenantDirectory: directory.tenantDirectory,
        createTenantLoaders,
        pairs,
        plannedMeetings,
      }),
    };
    // Per-client limits of the endpoints without a login (counters in PostgreSQL, shared by replicas).
    const limits = await createRateLimits({ orm, config, logger });
    const HOUR = 3600;
    const schema = await buildApiSchema();
    const apollo = await createApolloServer<GraphQLContext>({ schema, config, logger });
    const verifyToken = createTokenVerifier(config);
    const http = await startHttpServer(
      {
        config,
        logger,
        apollo,
        readiness: createReadinessCheck(orm, config),
        routes: [
          ...attachmentRoutes(),
          ...documentRoutes(),
          ...importRoutes(),
          ...programmeRoutes(),
          ...pairRoutes({ timeZone: config.timeZone, adminUrl: config.mail.adminUrl }),
          ...questionnaireRoutes({
            orm,
            questionnaires: services.questionnaireLinks,
            logger,
            submitLimit: limits.rule({ name: 'survey-submit', points: config.publicEndpoints.surveySubmitPerHour, durationSeconds: HOUR }),
          }),
          ...partnerRoutes({
            orm,
            applications: partnerApplications,
            mentors: partnerMentors,
            files: partnerFiles,
            applyLimit: limits.rule({ name: 'partner-apply', points: config.publicEndpoints.partnerApplyPerHour, durationSeconds: HOUR }),
          }),
          ...monitoringRoutes(config.timeZone),
          ...publicRoutes(new PublicService(orm, clock, roadmaps)),
          ...unsubscribeRoutes({
            orm,
            preferences: notificationPreferences,
            logger,
            // As generous as the survey links' limit: a person clicks a few links, a token guesser many.
            limit: limits.rule({ name: 'unsubscribe', points: config.publicEndpoints.surveySubmitPerHour, durationSeconds: HOUR }),
          }),
          ...calendarRoutes({
            feeds: services.calendarFeeds,
            timeZone: config.timeZone,
            logger,
            missLimit: limits.rule({ name: 'calendar-miss', points: CALENDAR_MISSES_PER_HOUR, durationSeconds: HOUR }),
          }),
        ],
        buildContext: (request) =>
          buildContext(
            {
              orm,
              verifyToken,
              resolveGrants: directory.resolveGrants,
              tenantDirectory: directory.tenantDirectory,
              createLoaders: (em, actor) => ({ directory: createDirectoryLoaders(em, actor) }),
              createTenantLoaders,
              services,
            },
            request,
          ),
      },
      options.port ?? config.port,
    );
    const url = `http://localhost:${http.port}`;
    logger.info({ url: `${url}/graphql`, issuer: config.keycloak.issuer }, 'API started');
    let stopped = false;
    return {
      url,
      graphqlUrl: `${url}/graphql`,
      port: http.port,
      orm,
      jobs: jobQueue,
      directory,
      async stop() {
        if (stopped) return;
        stopped = true;
        await jobQueue!.stop();
        mailer?.close();
        await http.close();
        await apollo.stop();
        await directory.stop();
        if (ownsOrm) await orm.close();
      },
    };
  } catch (error) {
    await jobQueue?.stop().catch(() => undefined);
    mailer?.close();
    await directory.stop().catch(() => undefined);
    if (ownsOrm) await orm.close();
    throw error;
  }
}
