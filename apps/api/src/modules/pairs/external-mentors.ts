import type { TenantServiceContext } from '../../engine/services.js';
import type { Programme } from '../programmes/programme.entity.js';

/**
 * Mentors from outside the school that matching may offer (partner organisations' mentors, issue 6).
 * Pairs define what they need and the partners module implements it (PartnerMatchingSource), wired
 * in app.ts: pairs sit below partners and do not import them.
 */
export interface ExternalMentorSource {
  /** Copies the mentors available to the school into the programme's base (idempotent). */
  sync(ctx: TenantServiceContext, programme: Programme): Promise<void>;
  /** Per participant id of a copied mentor: may they be matched now (agreement in force, not archived)? */
  states(ctx: TenantServiceContext, programme: Programme): Promise<Map<string, { available: boolean }>>;
}

export const EXTERNAL_MENTOR_MESSAGES_RU = {
  notInForce: 'Соглашение с организацией-партнёром не действует: новые пары с её наставниками не создаются',
} as const;
