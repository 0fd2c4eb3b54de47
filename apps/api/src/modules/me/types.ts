import type { PlatformRole, ScopeKind as DomainScopeKind } from '@nastavnik/domain';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { ResolvedGrant } from '../../engine/auth/actor.js';

/** GraphQL names of the platform roles; the values are the domain roles (Keycloak client roles). */
export enum Role {
  PLATFORM_ADMIN = 'platform-admin',
  REGION_COORDINATOR = 'region-coordinator',
  DISTRICT_OFFICER = 'district-officer',
  DISTRICT_HEAD = 'district-head',
  SCHOOL_DIRECTOR = 'school-director',
  SCHOOL_CURATOR = 'school-curator',
  MENTOR = 'mentor',
  MENTEE = 'mentee',
  PARTNER_ADMIN = 'partner-admin',
}

export enum ScopeKind {
  PLATFORM = 'platform',
  REGION = 'region',
  DISTRICT = 'district',
  ORGANIZATION = 'organization',
  PARTNER = 'partner',
}

registerEnumType(Role, { name: 'Role', description: 'Роль платформы (клиентская роль `api` в Keycloak)' });
registerEnumType(ScopeKind, { name: 'ScopeKind', description: 'Уровень иерархии, на котором действует роль' });

// Compile-time proof that the enums list exactly the domain values.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rolesMatch: Same<`${Role}`, PlatformRole> = true;
const kindsMatch: Same<`${ScopeKind}`, DomainScopeKind> = true;
void rolesMatch;
void kindsMatch;

@ObjectType('Grant', { description: 'Роль, действующая в одной точке иерархии' })
export class GrantType {
  @Field(() => Role)
  role!: Role;

  @Field(() => ScopeKind)
  scopeKind!: ScopeKind;

  /** Not exposed: the resolvers load the objects. */
  grant!: ResolvedGrant;
}

@ObjectType('Me', { description: 'Текущий пользователь' })
export class Me {
  @Field(() => ID)
  id!: string;

  @Field()
  username!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true })
  position!: string | null;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => [GrantType])
  grants!: GrantType[];

  @Field({ description: 'Часовой пояс, в котором показываются время на экране и в выгрузках (IANA, например Europe/Moscow).' })
  timeZone!: string;
}
