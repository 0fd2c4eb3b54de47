import type { SchoolCampaignStatus as DomainStatus } from '@nastavnik/domain';
import { registerEnumType } from 'type-graphql';

/** Where a school stands in a campaign; the values are the domain's (packages/domain/src/roadmap). */
export enum SchoolCampaignStatus {
  NOT_STARTED = 'notStarted',
  DRAFT = 'draft',
  WITH_DIRECTOR = 'withDirector',
  SUBMITTED = 'submitted',
  RETURNED = 'returned',
  AGREED = 'agreed',
}

// Compile-time check: every GraphQL value is a domain value and vice versa.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _check: Same<`${SchoolCampaignStatus}`, DomainStatus> = true;
void _check;

registerEnumType(SchoolCampaignStatus, { name: 'SchoolCampaignStatus', description: 'Где организация в кампании' });
