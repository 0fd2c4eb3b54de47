/**
 * The API's GraphQL enums are SCREAMING_SNAKE (`WITH_DIRECTOR`), the domain's values camelCase
 * (`withDirector`): the labels, the approval machine and the colours are the domain's, so the
 * admin converts at the edge.
 */
import {
  APPROVAL_ACTIONS,
  ROADMAP_STATES,
  SCHOOL_CAMPAIGN_STATUSES,
  roadmapStateLabelRu,
  SCHOOL_CAMPAIGN_STATUS_LABELS_RU,
  type ApprovalAction,
  type RoadmapLevel,
  type RoadmapState,
  type SchoolCampaignStatus,
} from '@nastavnik/domain';

/** `WITH_DIRECTOR` → `withDirector`. */
export function camelOfEnum(name: string): string {
  return name.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** `withDirector` → `WITH_DIRECTOR`. */
export function enumOfCamel(value: string): string {
  return value.replace(/([A-Z])/g, '_$1').toUpperCase();
}

function member<T extends string>(list: readonly T[], name: string): T | null {
  const value = camelOfEnum(name);
  return (list as readonly string[]).includes(value) ? (value as T) : null;
}

export const roadmapStateOf = (name: string): RoadmapState | null => member(ROADMAP_STATES, name);
export const campaignStatusOf = (name: string): SchoolCampaignStatus | null => member(SCHOOL_CAMPAIGN_STATUSES, name);
export const approvalActionOf = (name: string): ApprovalAction | null => member(APPROVAL_ACTIONS, name);
export const roadmapLevelOf = (name: string): RoadmapLevel => (name === 'DISTRICT' ? 'district' : 'school');

/** Colour of a badge: the same five tones everywhere (grey, blue, violet, orange, green). */
export type Tone = 'neutral' | 'progress' | 'review' | 'returned' | 'agreed' | 'muted';

const STATE_TONES: Readonly<Record<RoadmapState, Tone>> = {
  draft: 'neutral',
  withDirector: 'progress',
  returnedByDirector: 'returned',
  submittedToDistrict: 'review',
  inReview: 'review',
  awaitingHeadSignature: 'review',
  returnedByDistrict: 'returned',
  agreed: 'agreed',
  superseded: 'muted',
};

const CAMPAIGN_TONES: Readonly<Record<SchoolCampaignStatus, Tone>> = {
  notStarted: 'muted',
  draft: 'neutral',
  withDirector: 'progress',
  submitted: 'review',
  returned: 'returned',
  agreed: 'agreed',
};

export function stateBadge(name: string, level: RoadmapLevel = 'school'): { label: string; tone: Tone } {
  const state = roadmapStateOf(name);
  return state ? { label: roadmapStateLabelRu(state, level), tone: STATE_TONES[state] } : { label: name, tone: 'neutral' };
}

export function campaignStatusBadge(name: string): { label: string; tone: Tone } {
  const status = campaignStatusOf(name);
  return status ? { label: SCHOOL_CAMPAIGN_STATUS_LABELS_RU[status], tone: CAMPAIGN_TONES[status] } : { label: name, tone: 'neutral' };
}
