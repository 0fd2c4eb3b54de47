import DataLoader from 'dataloader';
import type { Actor } from '../../engine/auth/actor.js';
import type { Tenant } from '../../engine/tenancy/tenant.js';
import type { Participant } from './participant.entity.js';

/**
 * The access log of personal data (152-ФЗ): every person shown to an actor is recorded — who, when,
 * which person, in which operation. Entries of one request are collected by a DataLoader and written
 * with one multi-row insert per batch (not one per person); the same person and operation is logged
 * once per request.
 */
const accessLoggers = new WeakMap<Tenant, DataLoader<string, true>>();

export function accessLogger(tenant: Tenant, actor: Actor): DataLoader<string, true> {
  let loader = accessLoggers.get(tenant);
  if (!loader) {
    loader = new DataLoader<string, true>(async (keys) => {
      const rows = keys.map((key) => key.split('|') as [string, string, string]);
      const schema = `"${tenant.district.schemaName}"`;
      const values = rows.map(() => '(gen_random_uuid(), ?, ?, ?, ?, ?)').join(', ');
      const params = rows.flatMap(([participantId, organizationId, operation]) => [
        participantId,
        organizationId,
        actor.userId,
        actor.displayName || actor.username,
        operation,
      ]);
      await tenant.em
        .getConnection()
        .execute(
          `insert into ${schema}."participant_access_log" ("id", "participant_id", "organization_id", "user_id", "user_name", "operation") values ${values}`,
          params,
          'run',
        );
      return keys.map(() => true as const);
    });
    accessLoggers.set(tenant, loader);
  }
  return loader;
}

export async function logAccess(tenant: Tenant, actor: Actor, people: ReadonlyArray<Pick<Participant, 'id' | 'organizationId'>>, operation: string) {
  if (people.length === 0) return;
  await accessLogger(tenant, actor).loadMany(people.map((p) => `${p.id}|${p.organizationId}|${operation}`));
}
