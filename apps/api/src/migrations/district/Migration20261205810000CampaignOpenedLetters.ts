import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16, «a new campaign» letters: `opened_letters_at` says when the letters to the campaign's
 * schools were queued (by the job `campaigns.opened-letters`, right after the campaign is opened).
 * Null means they are still to go; campaigns opened before this migration count as done, so a
 * deploy does not announce old campaigns.
 */
export class Migration20261205810000CampaignOpenedLetters extends Migration {
  override name = 'Migration20261205810000CampaignOpenedLetters';

  override up(): void {
    this.addSql(`alter table "campaign" add column "opened_letters_at" timestamptz null;`);
    this.addSql(`update "campaign" set "opened_letters_at" = "created_at";`);
  }

  override down(): void {
    this.addSql(`alter table "campaign" drop column if exists "opened_letters_at";`);
  }
}
