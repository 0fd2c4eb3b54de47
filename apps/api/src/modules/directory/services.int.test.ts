import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantsFromToken } from '@nastavnik/domain';
import { createOrm } from '../../app.js';
import { accessOf, type Actor } from '../../engine/auth/actor.js';
import { loadConfig } from '../../engine/config.js';
import type { MikroORM } from '../../engine/orm/create-orm.js';
import { createDistrict, createOrganization, createRegion, groups } from '../../test/factories.js';
import { resolveGrants } from './grants.js';
import { DistrictService, OrganizationService } from './services.js';

/** Services run without HTTP: an explicit { actor, em } is all they need. */
let orm: MikroORM;

beforeAll(async () => {
  orm = await createOrm(loadConfig({ NODE_ENV: 'test', DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' }));
});

afterAll(async () => {
  await orm?.close();
});

async function actorFor(roles: string[], groupPaths: string[]): Promise<Actor> {
  const grants = await resolveGrants(orm.em.fork(), grantsFromToken(roles, groupPaths));
  return {
    userId: 'test',
    username: 'test',
    displayName: 'Тест',
    position: null,
    roles: [...new Set(grants.map((g) => g.role))],
    grants,
    access: accessOf(grants),
  };
}

describe('directory services (no HTTP)', () => {
  it('grants naming unknown or mismatched places resolve to nothing', async () => {
    const region = await createRegion(orm);
    const district = await createDistrict(orm, region);
    const other = await createRegion(orm);
    expect((await actorFor(['district-officer'], [groups.district(region, district)])).grants).toHaveLength(1);
    // Right district code under the wrong region.
    expect((await actorFor(['district-officer'], [`/${other.code}/${district.code}`])).grants).toEqual([]);
    expect((await actorFor(['school-director'], [`${groups.district(region, district)}/nope`])).grants).toEqual([]);
    expect((await actorFor(['partner-admin'], ['/partners/nope'])).grants).toEqual([]);
  });

  it('organisation lists and lookups apply the row scope', async () => {
    const region = await createRegion(orm);
    const district = await createDistrict(orm, region);
    const mine = await createOrganization(orm, district);
    const sibling = await createOrganization(orm, district);
    const curator = await actorFor(['school-curator'], [groups.organization(region, district, mine)]);
    const service = new OrganizationService();
    const context = { actor: curator, em: orm.em.fork() };
    expect((await service.list(context)).items.map((o) => o.id)).toEqual([mine.id]);
    await expect(service.get(context, sibling.id)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(service.getWritable(context, mine.id)).resolves.toMatchObject({ id: mine.id });
    const mentor = await actorFor(['mentor'], [groups.organization(region, district, mine)]);
    await expect(service.getWritable({ actor: mentor, em: orm.em.fork() }, mine.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('only platform admins create districts', async () => {
    const region = await createRegion(orm);
    const service = new DistrictService(orm);
    const coordinator = await actorFor(['region-coordinator'], [groups.region(region)]);
    await expect(
      service.create({ actor: coordinator, em: orm.em.fork() }, { regionId: region.id, code: 'x-forbidden', name: 'X', authorityName: 'Y' }),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
