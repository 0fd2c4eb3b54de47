/**
 * Single sign-on with keycloak-js 26 (Keycloak in production, the embedded Keycloak-compatible
 * provider in development and tests). A visitor without a session is sent to the provider's login
 * page (`login-required`); tokens refresh silently; requests ask for a fresh token first.
 */
import Keycloak from 'keycloak-js';
import type { RuntimeConfig } from '../lib/config';

/** Seconds a token must stay valid before a request uses it. */
export const MIN_TOKEN_VALIDITY = 30;
const RELOGIN_KEY = 'nastavnik.admin.relogin-at';
const RELOGIN_WINDOW_MS = 60_000;

export interface Auth {
  /** A token valid for at least MIN_TOKEN_VALIDITY seconds (refreshed if needed). */
  getToken(): Promise<string>;
  /**
   * Sends the user to the login page again (the API said UNAUTHENTICATED). Returns false instead
   * when it already did so a moment ago: the API keeps refusing a fresh token, and another
   * redirect would loop.
   */
  relogin(): boolean;
  /** Whether the last relogin() was refused to avoid a loop (the page then says so). */
  readonly reloginBlocked: boolean;
  logout(): Promise<void>;
}

export async function startAuth(config: RuntimeConfig): Promise<Auth> {
  const keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });

  keycloak.onTokenExpired = () => {
    keycloak.updateToken(MIN_TOKEN_VALIDITY).catch(() => void keycloak.login());
  };

  await keycloak.init({
    onLoad: 'login-required',
    pkceMethod: 'S256',
    checkLoginIframe: false,
    silentCheckSsoFallback: false,
    locale: 'ru',
  });

  let reloginBlocked = false;
  const auth: Auth = {
    async getToken() {
      try {
        await keycloak.updateToken(MIN_TOKEN_VALIDITY);
      } catch {
        // The refresh token is gone or the session ended at the provider: log in again.
        await keycloak.login();
        throw new Error('session ended');
      }
      if (!keycloak.token) throw new Error('no token');
      return keycloak.token;
    },
    relogin() {
      const now = Date.now();
      const last = Number(sessionStorage.getItem(RELOGIN_KEY) ?? 0);
      if (now - last < RELOGIN_WINDOW_MS) {
        reloginBlocked = true;
        return false;
      }
      sessionStorage.setItem(RELOGIN_KEY, String(now));
      keycloak.clearToken();
      void keycloak.login();
      return true;
    },
    logout() {
      sessionStorage.removeItem(RELOGIN_KEY);
      return keycloak.logout({ redirectUri: `${window.location.origin}/` });
    },
    get reloginBlocked() {
      return reloginBlocked;
    },
  };
  return auth;
}
