import type { MigrationObject } from '@mikro-orm/core';
import { Migration20251122000000CoreDirectory } from './Migration20251122000000CoreDirectory.js';
import { Migration20260301000000KpiSnapshot } from './Migration20260301000000KpiSnapshot.js';
import { Migration20260320000000Partners } from './Migration20260320000000Partners.js';
import { Migration20261122200100KpiSnapshotFinalEvents } from './Migration20261122200100KpiSnapshotFinalEvents.js';
import { Migration20261122300100PartnerConsentFiles } from './Migration20261122300100PartnerConsentFiles.js';
import { Migration20261123000000RateLimit } from './Migration20261123000000RateLimit.js';
import { Migration20261205000000DirectoryNotify } from './Migration20261205000000DirectoryNotify.js';
import { Migration20261205100000KpiDirtyMarks } from './Migration20261205100000KpiDirtyMarks.js';
import { Migration20261205600000Notifications } from './Migration20261205600000Notifications.js';
import { Migration20261205700000NotificationAudience } from './Migration20261205700000NotificationAudience.js';
import { Migration20261205800000NotificationPreferences } from './Migration20261205800000NotificationPreferences.js';
import { Migration20261205840000CalendarFeed } from './Migration20261205840000CalendarFeed.js';

/** The shared (`core`) migration set, in order. Add new migrations at the end. */
export const CORE_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20251122000000CoreDirectory', class: Migration20251122000000CoreDirectory },
  { name: 'Migration20260301000000KpiSnapshot', class: Migration20260301000000KpiSnapshot },
  { name: 'Migration20260320000000Partners', class: Migration20260320000000Partners },
  { name: 'Migration20261122200100KpiSnapshotFinalEvents', class: Migration20261122200100KpiSnapshotFinalEvents },
  { name: 'Migration20261122300100PartnerConsentFiles', class: Migration20261122300100PartnerConsentFiles },
  { name: 'Migration20261123000000RateLimit', class: Migration20261123000000RateLimit },
  { name: 'Migration20261205000000DirectoryNotify', class: Migration20261205000000DirectoryNotify },
  { name: 'Migration20261205100000KpiDirtyMarks', class: Migration20261205100000KpiDirtyMarks },
  { name: 'Migration20261205600000Notifications', class: Migration20261205600000Notifications },
  { name: 'Migration20261205700000NotificationAudience', class: Migration20261205700000NotificationAudience },
  { name: 'Migration20261205800000NotificationPreferences', class: Migration20261205800000NotificationPreferences },
  { name: 'Migration20261205840000CalendarFeed', class: Migration20261205840000CalendarFeed },
];
