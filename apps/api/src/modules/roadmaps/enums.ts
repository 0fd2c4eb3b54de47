import type { ApprovalAction as DomainAction, RoadmapLevel as DomainLevel, RoadmapState as DomainState } from '@nastavnik/domain';
import { registerEnumType } from 'type-graphql';

/**
 * GraphQL names of the roadmap enums; the values are the domain's (packages/domain/src/roadmap), so
 * a resolver argument is already the domain value. The `satisfies` lines keep them in step.
 */
export enum RoadmapState {
  DRAFT = 'draft',
  WITH_DIRECTOR = 'withDirector',
  RETURNED_BY_DIRECTOR = 'returnedByDirector',
  SUBMITTED_TO_DISTRICT = 'submittedToDistrict',
  IN_REVIEW = 'inReview',
  RETURNED_BY_DISTRICT = 'returnedByDistrict',
  AWAITING_HEAD_SIGNATURE = 'awaitingHeadSignature',
  AGREED = 'agreed',
  SUPERSEDED = 'superseded',
}

export enum ApprovalAction {
  SUBMIT_TO_DIRECTOR = 'submitToDirector',
  WITHDRAW = 'withdraw',
  APPROVE = 'approve',
  RETURN_TO_CURATOR = 'returnToCurator',
  START_REVIEW = 'startReview',
  COMMENT = 'comment',
  RETURN = 'return',
  RECOMMEND_AGREEMENT = 'recommendAgreement',
  AGREE = 'agree',
  CREATE_REVISION = 'createRevision',
}

export enum RoadmapLevel {
  SCHOOL = 'school',
  DISTRICT = 'district',
}

export enum WhoAgrees {
  HEAD = 'head',
  OFFICER = 'officer',
}

export enum RoadmapSource {
  TEMPLATE = 'template',
  COPY = 'copy',
  EMPTY = 'empty',
}

// Compile-time checks: every GraphQL value is a domain value and vice versa.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _checks: [Same<`${RoadmapState}`, DomainState>, Same<`${ApprovalAction}`, DomainAction>, Same<`${RoadmapLevel}`, DomainLevel>] = [true, true, true];
void _checks;

registerEnumType(RoadmapState, { name: 'RoadmapState', description: 'Состояние редакции дорожной карты' });
registerEnumType(ApprovalAction, { name: 'ApprovalAction', description: 'Действие согласования над редакцией' });
registerEnumType(RoadmapLevel, { name: 'RoadmapLevel', description: 'Дорожная карта организации или муниципалитета' });
registerEnumType(WhoAgrees, { name: 'WhoAgrees', description: 'Кто согласует дорожные карты организаций в муниципалитете' });
registerEnumType(RoadmapSource, { name: 'RoadmapSource', description: 'Из чего создать дорожную карту' });
