import { checkInput, DISTRICT_LIMITS, districtSchemaName, ERRORS_RU, newDistrictSchema } from '@nastavnik/domain';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badUserInput, badUserInputs } from '../../engine/errors.js';
import { migrateDistrictSchema } from '../../engine/migrations/district-runner.js';
import { withMigrationLock } from '../../engine/migrations/lock.js';
import { getMigrators } from '../../engine/migrations/migrators.js';
import type { MikroORM } from '../../engine/orm/create-orm.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { MIGRATION_SETS } from '../../migrations/index.js';
import { District } from './district.entity.js';
import { FIELD_LABELS } from './inputs.js';
import { Region } from './region.entity.js';

export interface NewDistrict {
  regionId: string;
  code: string;
  name: string;
  authorityName: string;
}

/** Validates the input of a new district with the shared schema; BAD_USER_INPUT naming every field otherwise. */
export function validateNewDistrict(input: NewDistrict): NewDistrict {
  const checked = checkInput(newDistrictSchema, input);
  if (!checked.ok) throw badUserInputs(checked.issues);
  // The schema name must fit PostgreSQL's 63-byte identifiers (the schema's limit of the code keeps it so).
  if (districtSchemaName(checked.value.code).length > 63) throw badUserInput('code', ERRORS_RU.tooLong(FIELD_LABELS.code, DISTRICT_LIMITS.code));
  return checked.value;
}

async function schemaExists(orm: MikroORM, schema: string): Promise<boolean> {
  const rows = await orm.em.getConnection().execute<unknown[]>('select 1 from pg_namespace where nspname = ?', [schema]);
  return rows.length > 0;
}

/**
 * Creates a district: inserts the row, creates its schema and migrates it. If the migration
 * fails the district is removed again (its schema did not exist before), so the caller can retry.
 * Authorization is the caller's job (DistrictService checks platform-admin).
 */
export async function createDistrictWithSchema(orm: MikroORM, input: NewDistrict): Promise<District> {
  const data = validateNewDistrict(input);
  const em = orm.em.fork({ clear: true });
  const region = isUuid(data.regionId) ? await em.findOne(Region, { id: data.regionId }) : null;
  if (!region) throw badUserInput('regionId', ERRORS_RU.regionNotFound);

  const schemaName = districtSchemaName(data.code);
  const duplicate = () => badUserInput('code', ERRORS_RU.duplicateCode(FIELD_LABELS.code, data.code));
  if ((await em.count(District, { $or: [{ code: data.code }, { schemaName }] })) > 0) throw duplicate();
  if (await schemaExists(orm, schemaName)) throw duplicate();

  const district = em.create(District, {
    code: data.code,
    name: data.name,
    authorityName: data.authorityName,
    region,
    schemaName,
  });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicate();
    throw error;
  }

  try {
    await withMigrationLock(orm, () => migrateDistrictSchema(orm, getMigrators(orm, MIGRATION_SETS), { id: district.id, code: district.code, schemaName }));
  } catch (error) {
    const connection = orm.em.getConnection();
    await connection.execute(`drop schema if exists "${schemaName}" cascade`).catch(() => undefined);
    await connection.execute('delete from "core"."district" where "id" = ?', [district.id]).catch(() => undefined);
    throw error;
  }
  return district;
}
