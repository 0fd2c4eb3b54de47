import DataLoader from 'dataloader';
import { loaderById } from '../../engine/loaders.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { Programme } from './programme.entity.js';

export interface ProgrammeLoaders {
  programmeById: DataLoader<string, Programme | null>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    programmes: ProgrammeLoaders;
  }
}

/** Rows already in scope are navigated by id without a second check (their parents are visible). */
export function createProgrammeLoaders(em: EntityManager): ProgrammeLoaders {
  return {
    programmeById: loaderById((ids) => em.find(Programme, { id: { $in: ids } })),
  };
}
