export { startIdp, redirectUriMatches, type RunningIdp, type StartIdpOptions, type TokenResponse } from './server.js';
export {
  API_CLIENT_ID,
  DEFAULT_REALM_FILE,
  effectiveRealmRoles,
  findLoginUser,
  loadRealm,
  parseRealm,
  profileClaims,
  roleClaims,
  verifyPassword,
  type GroupKind,
  type Realm,
  type RealmClient,
  type RealmGroup,
  type RealmPasswordCredential,
  type RealmRole,
  type RealmUser,
} from './realm.js';
export { DEFAULT_IDP_ADMIN_TOKEN } from './admin.js';
