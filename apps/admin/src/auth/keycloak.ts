/**
 * Single sign-on with keycloak-js 26 (Keycloak in production, the embedded Keycloak-compatible
 * provider in development and tests). A visitor without a session is sent to the provider's login
 * page (`login-required`); tokens refresh silently; requests ask for a fresh token first.
 *
 * Tokens live in memory only, so every full load (F5, a typed URL, a link from a letter) must ask
 * the provider again. A browser that signed in before (a hint in localStorage, no token in it) asks
 * in a hidden frame (`check-sso` with /silent-check-sso.html) instead of redirecting the whole page
 * to the provider and back, which would boot the app twice; without the hint, or when the frame
 * says there is no session, the page goes straight to the login page.
 */
import Keycloak from 'keycloak-js';
import type { RuntimeConfig } from '../lib/config';

/** Seconds a token must stay valid before a request uses it. */
export const MIN_TOKEN_VALIDITY = 30;
const RELOGIN_KEY = 'nastavnik.admin.relogin-at';
const RELOGIN_WINDOW_MS = 60_000;
/** Set after a sign-in, removed on logout or when the provider has no session: no secret in it. */
const SESSION_HINT_KEY = 'nastavnik.admin.signed-in';
/** How long the hidden frames may take before the page falls back to a redirect. */
const FRAME_TIMEOUT_MS = 5_000;

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

  const base = { pkceMethod: 'S256', checkLoginIframe: false, silentCheckSsoFallback: false, locale: 'ru' } as const;
  if (hasSessionHint()) {
    let authenticated = false;
    try {
      authenticated = await keycloak.init({
        ...base,
        onLoad: 'check-sso',
        silentCheckSsoRedirectUri: `${window.location.origin}/silent-check-sso.html`,
        messageReceiveTimeout: FRAME_TIMEOUT_MS,
      });
    } catch (error) {
      // A frame that never answered (blocked, slow): the redirect below still works.
      console.warn('check-sso in a frame failed, signing in by redirect', error);
    }
    if (!authenticated) {
      setSessionHint(false);
      await keycloak.login();
    }
  } else {
    await keycloak.init({ ...base, onLoad: 'login-required' });
  }
  setSessionHint(true);

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
      setSessionHint(false);
      return keycloak.logout({ redirectUri: `${window.location.origin}/` });
    },
    get reloginBlocked() {
      return reloginBlocked;
    },
  };
  return auth;
}

function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return false;
  }
}

function setSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SESSION_HINT_KEY, '1');
    else localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // Storage refused (private mode): every load redirects, as without the hint.
  }
}
