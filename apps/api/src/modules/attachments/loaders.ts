import type DataLoader from 'dataloader';
import { loaderById } from '../../engine/loaders.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { Attachment } from './attachment.entity.js';

export interface AttachmentLoaders {
  byId: DataLoader<string, Attachment | null>;
}

declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    attachments: AttachmentLoaders;
  }
}

export function createAttachmentLoaders(em: EntityManager): AttachmentLoaders {
  return { byId: loaderById((ids) => em.find(Attachment, { id: { $in: ids } })) };
}
