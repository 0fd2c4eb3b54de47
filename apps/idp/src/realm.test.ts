import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REALM_FILE, loadRealm, verifyPassword } from './realm.js';

/** The demo users of docs/contracts.md: username → [role, group]. */
const CONTRACT_USERS: Record<string, [string, string | null]> = {
  admin: ['platform-admin', null],
  'rnc.bashkortostan': ['region-coordinator', '/bashkortostan'],
  'sibay.officer': ['district-officer', '/bashkortostan/sibay'],
  'sibay.head': ['district-head', '/bashkortostan/sibay'],
  'gimnaziya.director': ['school-director', '/bashkortostan/sibay/gimnaziya'],
  'gimnaziya.curator': ['school-curator', '/bashkortostan/sibay/gimnaziya'],
  'gimnaziya.mentor': ['mentor', '/bashkortostan/sibay/gimnaziya'],
  'gimnaziya.mentee': ['mentee', '/bashkortostan/sibay/gimnaziya'],
  'sosh4.curator': ['school-curator', '/bashkortostan/sibay/sosh4'],
  'kursk.officer': ['district-officer', '/kursk-oblast/kursk'],
  'licey21.director': ['school-director', '/kursk-oblast/kursk/licey21'],
  'licey21.curator': ['school-curator', '/kursk-oblast/kursk/licey21'],
  'svobodny.officer': ['district-officer', '/sverdlovsk-oblast/svobodny'],
  'sh25.director': ['school-director', '/sverdlovsk-oblast/svobodny/sh25'],
  'sh25.curator': ['school-curator', '/sverdlovsk-oblast/svobodny/sh25'],
  'partner.admin': ['partner-admin', '/partners/sibay-institute'],
};

/** The group tree of docs/contracts.md: path → [displayName, kind]. */
const CONTRACT_GROUPS: Record<string, [string, string | undefined]> = {
  '/bashkortostan': ['Республика Башкортостан', 'region'],
  '/bashkortostan/sibay': ['ГО г. Сибай', 'district'],
  '/bashkortostan/sibay/gimnaziya': ['МОБУ «Гимназия»', 'organization'],
  '/bashkortostan/sibay/sosh4': ['МОБУ «СОШ № 4»', 'organization'],
  '/kursk-oblast': ['Курская область', 'region'],
  '/kursk-oblast/kursk': ['г. Курск', 'district'],
  '/kursk-oblast/kursk/licey21': ['МБОУ «Лицей № 21»', 'organization'],
  '/sverdlovsk-oblast': ['Свердловская область', 'region'],
  '/sverdlovsk-oblast/svobodny': ['ГО ЗАТО Свободный', 'district'],
  '/sverdlovsk-oblast/svobodny/sh25': ['МБОУ «СШ № 25»', 'organization'],
  '/partners': ['Партнёры', undefined],
  '/partners/sibay-institute': ['Сибайский институт (филиал) УУНиТ', 'partner'],
};

const PLATFORM_ROLES = [
  'platform-admin',
  'region-coordinator',
  'district-officer',
  'district-head',
  'school-director',
  'school-curator',
  'mentor',
  'mentee',
  'partner-admin',
];

/** The level each role acts at (packages/domain ROLE_SCOPE_KIND). */
const ROLE_KIND: Record<string, string> = {
  'platform-admin': 'platform',
  'region-coordinator': 'region',
  'district-officer': 'district',
  'district-head': 'district',
  'school-director': 'organization',
  'school-curator': 'organization',
  mentor: 'organization',
  mentee: 'organization',
  'partner-admin': 'partner',
};

const realm = loadRealm();
const raw = JSON.parse(readFileSync(DEFAULT_REALM_FILE, 'utf8')) as Record<string, unknown> & {
  clients: Array<Record<string, unknown>>;
  components: Record<string, Array<{ config: Record<string, string[]> }>>;
};

describe('realm-nastavnik.json', () => {
  it('is realm nastavnik, Russian by default', () => {
    expect(realm.realm).toBe('nastavnik');
    expect(raw.defaultLocale).toBe('ru');
    expect(raw.internationalizationEnabled).toBe(true);
    expect(raw.supportedLocales).toEqual(expect.arrayContaining(['ru', 'en']));
  });

  it('has the group tree of the contract with displayName and kind', () => {
    expect(realm.groups.map((g) => g.path).sort()).toEqual(Object.keys(CONTRACT_GROUPS).sort());
    for (const [path, [displayName, kind]] of Object.entries(CONTRACT_GROUPS)) {
      const group = realm.groupByPath(path)!;
      expect(group.displayName, path).toBe(displayName);
      expect(group.kind, path).toBe(kind);
      expect(group.name, path).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    }
  });

  it('has every contract user with exactly its role and group, consistent with the role level', () => {
    expect(realm.users.map((u) => u.username).sort()).toEqual(Object.keys(CONTRACT_USERS).sort());
    for (const user of realm.users) {
      const [role, group] = CONTRACT_USERS[user.username]!;
      expect(user.roles, user.username).toEqual([role]);
      expect(user.groups, user.username).toEqual(group ? [group] : []);
      expect(user.enabled && user.emailVerified, user.username).toBe(true);
      expect(user.email, user.username).toBe(`${user.username}@demo.nastavnik.local`);
      expect(user.firstName, user.username).toBeTruthy();
      expect(user.position, user.username).toBeTruthy();
      expect(verifyPassword(user, 'demo'), user.username).toBe(true);
      expect(verifyPassword(user, 'wrong'), user.username).toBe(false);
      const kind = ROLE_KIND[role]!;
      if (kind === 'platform') expect(user.groups).toEqual([]);
      else expect(realm.groupByPath(user.groups[0]!)?.kind, user.username).toBe(kind);
    }
    const officer = realm.userByUsername('sibay.officer')!;
    expect([officer.firstName, officer.middleName, officer.lastName]).toEqual(['Галина', 'Рашитовна', 'Ильясова']);
    expect(officer.position).toBe('методист управления образования');
  });

  it('declares the clients admin (public, PKCE), api (bearer-only, platform roles) and cli (password grant)', () => {
    const admin = realm.client('admin')!;
    expect(admin).toMatchObject({ publicClient: true, standardFlowEnabled: true, directAccessGrantsEnabled: false, pkceMethod: 'S256' });
    expect(admin.redirectUris).toContain('http://localhost:5173/*');
    expect(admin.webOrigins).toEqual(['+']);

    const api = realm.client('api')!;
    expect(api.bearerOnly).toBe(true);
    expect(api.roles.map((r) => r.name).sort()).toEqual([...PLATFORM_ROLES].sort());
    for (const role of api.roles) expect(role.description, role.name).toMatch(/[а-яё]/i);

    const cli = realm.client('cli')!;
    expect(cli).toMatchObject({ publicClient: true, standardFlowEnabled: false, directAccessGrantsEnabled: true });

    for (const clientId of ['admin', 'cli']) {
      const rep = raw.clients.find((c) => c.clientId === clientId)! as { protocolMappers: Array<{ protocolMapper: string; config: Record<string, string> }> };
      const byType = (type: string) => rep.protocolMappers.filter((m) => m.protocolMapper === type);
      expect(byType('oidc-audience-mapper')[0]?.config['included.client.audience']).toBe('api');
      expect(byType('oidc-group-membership-mapper')[0]?.config).toMatchObject({ 'claim.name': 'groups', 'full.path': 'true' });
      const attributes = byType('oidc-usermodel-attribute-mapper').map((m) => [m.config['user.attribute'], m.config['claim.name']]);
      expect(attributes).toEqual(
        expect.arrayContaining([
          ['middleName', 'middle_name'],
          ['position', 'position'],
        ]),
      );
    }
  });

  it('declares the confidential provisioner whose service account may manage users, and no login for it', () => {
    const rep = raw.clients.find((c) => c.clientId === 'provisioner')!;
    expect(rep).toMatchObject({ publicClient: false, serviceAccountsEnabled: true, standardFlowEnabled: false, directAccessGrantsEnabled: false });
    const users = (raw as unknown as { users: Array<{ serviceAccountClientId?: string; clientRoles?: Record<string, string[]> }> }).users;
    const account = users.find((u) => u.serviceAccountClientId === 'provisioner')!;
    expect(account.clientRoles?.['realm-management']?.sort()).toEqual(['manage-users', 'query-groups', 'view-clients', 'view-users']);
    expect(realm.userByUsername('service-account-provisioner')).toBeUndefined();
  });

  it('declares middleName and position in the user profile (Keycloak drops undeclared attributes)', () => {
    const [profile] = raw.components['org.keycloak.userprofile.UserProfileProvider']!;
    const config = JSON.parse(profile!.config['kc.user.profile.config']![0]!) as { attributes: Array<{ name: string; displayName: string }> };
    const names = config.attributes.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['username', 'email', 'firstName', 'lastName', 'middleName', 'position']));
    expect(config.attributes.find((a) => a.name === 'middleName')?.displayName).toBe('Отчество');
    expect(config.attributes.find((a) => a.name === 'position')?.displayName).toBe('Должность');
  });
});
