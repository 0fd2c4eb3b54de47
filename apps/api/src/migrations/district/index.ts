import type { MigrationObject } from '@mikro-orm/core';
import { Migration20251122000100Headcounts } from './Migration20251122000100Headcounts.js';
import { Migration20251201000000Roadmaps } from './Migration20251201000000Roadmaps.js';
import { Migration20251215000000RoadmapImports } from './Migration20251215000000RoadmapImports.js';
import { Migration20260110000000Programmes } from './Migration20260110000000Programmes.js';
import { Migration20260201000000AttachmentS3 } from './Migration20260201000000AttachmentS3.js';
import { Migration20261122100000QuestionnairesPractices } from './Migration20261122100000QuestionnairesPractices.js';
import { Migration20261122200000MonitoringLinksSwotNews } from './Migration20261122200000MonitoringLinksSwotNews.js';
import { Migration20261205000000PersonalDataErasure } from './Migration20261205000000PersonalDataErasure.js';
import { Migration20261205100000KpiDirtyTriggers } from './Migration20261205100000KpiDirtyTriggers.js';
import { Migration20261205200000DashboardAggregates } from './Migration20261205200000DashboardAggregates.js';
import { Migration20261205300000RoadmapDrafts } from './Migration20261205300000RoadmapDrafts.js';
import { Migration20261205400000RemindersCommentThreads } from './Migration20261205400000RemindersCommentThreads.js';
import { Migration20261205500000PlannedMeetings } from './Migration20261205500000PlannedMeetings.js';
import { Migration20261205810000CampaignOpenedLetters } from './Migration20261205810000CampaignOpenedLetters.js';
import { Migration20261205820000ConsentContactEmail } from './Migration20261205820000ConsentContactEmail.js';
import { Migration20261206100000ImportFormats } from './Migration20261206100000ImportFormats.js';

/** The per-district migration set, applied to every district schema in order. Add new ones at the end. */
export const DISTRICT_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20251122000100Headcounts', class: Migration20251122000100Headcounts },
  { name: 'Migration20251201000000Roadmaps', class: Migration20251201000000Roadmaps },
  { name: 'Migration20251215000000RoadmapImports', class: Migration20251215000000RoadmapImports },
  { name: 'Migration20260110000000Programmes', class: Migration20260110000000Programmes },
  { name: 'Migration20260201000000AttachmentS3', class: Migration20260201000000AttachmentS3 },
  { name: 'Migration20261122100000QuestionnairesPractices', class: Migration20261122100000QuestionnairesPractices },
  { name: 'Migration20261122200000MonitoringLinksSwotNews', class: Migration20261122200000MonitoringLinksSwotNews },
  { name: 'Migration20261205000000PersonalDataErasure', class: Migration20261205000000PersonalDataErasure },
  { name: 'Migration20261205100000KpiDirtyTriggers', class: Migration20261205100000KpiDirtyTriggers },
  { name: 'Migration20261205200000DashboardAggregates', class: Migration20261205200000DashboardAggregates },
  { name: 'Migration20261205300000RoadmapDrafts', class: Migration20261205300000RoadmapDrafts },
  { name: 'Migration20261205400000RemindersCommentThreads', class: Migration20261205400000RemindersCommentThreads },
  { name: 'Migration20261205500000PlannedMeetings', class: Migration20261205500000PlannedMeetings },
  { name: 'Migration20261205810000CampaignOpenedLetters', class: Migration20261205810000CampaignOpenedLetters },
  { name: 'Migration20261205820000ConsentContactEmail', class: Migration20261205820000ConsentContactEmail },
  { name: 'Migration20261206100000ImportFormats', class: Migration20261206100000ImportFormats },
];
