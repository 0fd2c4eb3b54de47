import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isValidCode } from '@nastavnik/domain';
import { describe, expect, it } from 'vitest';
import { DEMO_PARTNERS, DEMO_REGIONS } from './demo-directory.js';

const REALM_FILE = fileURLToPath(new URL('../../../../../infra/keycloak/realm-nastavnik.json', import.meta.url));

interface RealmGroup {
  name: string;
  path: string;
  attributes?: Record<string, string[]>;
  subGroups?: RealmGroup[];
}

function flatten(groups: RealmGroup[]): RealmGroup[] {
  return groups.flatMap((group) => [group, ...flatten(group.subGroups ?? [])]);
}

/** Paths of the demo directory, as the identity provider's group paths. */
function directoryPaths(): Map<string, { kind: string; name: string }> {
  const paths = new Map<string, { kind: string; name: string }>();
  for (const region of DEMO_REGIONS) {
    paths.set(`/${region.code}`, { kind: 'region', name: region.name });
    for (const district of region.districts) {
      paths.set(`/${region.code}/${district.code}`, { kind: 'district', name: district.name });
      for (const organization of district.organizations) {
        paths.set(`/${region.code}/${district.code}/${organization.code}`, { kind: 'organization', name: organization.shortName });
      }
    }
  }
  for (const partner of DEMO_PARTNERS) paths.set(`/partners/${partner.code}`, { kind: 'partner', name: partner.name });
  return paths;
}

describe('demo directory', () => {
  it('uses valid, unique codes', () => {
    const paths = [...directoryPaths().keys()];
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) for (const code of path.split('/').filter(Boolean)) expect(isValidCode(code), code).toBe(true);
  });

  it.skipIf(!existsSync(REALM_FILE))('has an entry, with the same code, for every group of the realm', () => {
    const realm = JSON.parse(readFileSync(REALM_FILE, 'utf8')) as { groups: RealmGroup[] };
    const directory = directoryPaths();
    const groups = flatten(realm.groups).filter((group) => group.attributes?.kind?.[0]);
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      const entry = directory.get(group.path);
      expect(entry, `no directory entry for group ${group.path}`).toBeDefined();
      expect(entry!.kind).toBe(group.attributes!.kind![0]);
      expect(entry!.name).toBe(group.attributes!.displayName?.[0]);
    }
    // …and the other way round: every directory entry is a group users can be put in.
    const groupPaths = new Set(groups.map((group) => group.path));
    for (const path of directory.keys()) expect(groupPaths.has(path), `no realm group for ${path}`).toBe(true);
  });
});
