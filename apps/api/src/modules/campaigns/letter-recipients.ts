import type { PlatformRole } from '@nastavnik/domain';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { PeopleDirectory, Recipient } from '../notifications/people.js';

/** A district the letters' jobs go through: migrated ones only (an unmigrated schema has no tables yet). */
export interface LetterDistrict {
  id: string;
  code: string;
  name: string;
  schemaName: string;
  /** The identity provider's group of the district: `/<region>/<district>`. */
  groupPath: string;
}

export async function migratedDistricts(em: EntityManager): Promise<LetterDistrict[]> {
  return em.getConnection().execute<LetterDistrict[]>(
    `select d.id, d.code, d.name, d.schema_name as "schemaName", '/' || rg.code || '/' || d.code as "groupPath"
     from "core"."district" d
     join "core"."region" rg on rg.id = d.region_id
     join "core"."district_migration_state" m on m.district_id = d.id and m.status = 'migrated'
     order by d.code`,
  );
}

/** Group lookups at a time: enough to keep a thousand schools' run short, few enough not to flood the provider. */
const CONCURRENCY = 8;

/**
 * The holders of `roles` at each of these schools of `district` (a school of another district is
 * left out): one statement for the schools' groups, then one directory call per school (the
 * directory keeps the role lists), a few at a time. Schools nobody holds the roles at are absent.
 */
export async function schoolRecipients(
  em: EntityManager,
  people: PeopleDirectory,
  district: Pick<LetterDistrict, 'id' | 'groupPath'>,
  organizationIds: readonly string[],
  roles: readonly PlatformRole[],
): Promise<Map<string, Recipient[]>> {
  const result = new Map<string, Recipient[]>();
  if (organizationIds.length === 0) return result;
  const ids = [...new Set(organizationIds)];
  const schools = await em
    .getConnection()
    .execute<Array<{ id: string; code: string }>>(
      `select id, code from "core"."organization" where district_id = ? and id in (${ids.map(() => '?').join(', ')})`,
      [district.id, ...ids],
    );
  for (let start = 0; start < schools.length; start += CONCURRENCY) {
    await Promise.all(
      schools.slice(start, start + CONCURRENCY).map(async (school) => {
        const recipients = await people.withRole(`${district.groupPath}/${school.code}`, roles);
        if (recipients.length > 0) result.set(school.id, recipients);
      }),
    );
  }
  return result;
}
