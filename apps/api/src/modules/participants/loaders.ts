import type DataLoader from 'dataloader';
import { loaderById, loaderGrouped } from '../../engine/loaders.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { Participant, ParticipantConsent } from './participant.entity.js';

export interface ParticipantLoaders {
  participantById: DataLoader<string, Participant | null>;
  consentsByParticipant: DataLoader<string, ParticipantConsent[]>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    participants: ParticipantLoaders;
  }
}

/** Rows already in scope are navigated by id without a second check (their parents are visible). */
export function createParticipantLoaders(em: EntityManager): ParticipantLoaders {
  return {
    participantById: loaderById((ids) => em.find(Participant, { id: { $in: ids } })),
    consentsByParticipant: loaderGrouped(
      (ids) => em.find(ParticipantConsent, { participantId: { $in: ids } }, { orderBy: { signedOn: 'asc', id: 'asc' } }),
      (row) => row.participantId,
    ),
  };
}
