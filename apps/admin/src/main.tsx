/**
 * Boot: read /config.json, sign in through the identity provider (a visitor without a session is
 * redirected to its login page), then render the app. Keycloak is initialised once, outside React.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startAuth } from './auth/keycloak';
import { ru } from './i18n/ru';
import { ConfigError, loadRuntimeConfig } from './lib/config';
import { isPublicPath } from './public/paths';
import './styles.css';

const container = document.getElementById('root')!;
const root = createRoot(container);

function BootMessage({ text, failed }: { text: string; failed?: boolean }) {
  return (
    <main className="boot" id="main">
      <p className="brand-name">{ru.app.name}</p>
      <p role={failed ? 'alert' : 'status'}>{text}</p>
      {failed && (
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {ru.boot.retry}
        </button>
      )}
    </main>
  );
}

async function boot() {
  // Public pages (the partners' sign-up): no login, no Keycloak.
  if (isPublicPath(window.location.pathname)) {
    const { PublicApp } = await import('./public/PublicApp');
    root.render(
      <StrictMode>
        <PublicApp />
      </StrictMode>,
    );
    return;
  }
  root.render(<BootMessage text={ru.boot.signingIn} />);
  let config;
  try {
    config = await loadRuntimeConfig();
  } catch (error) {
    root.render(<BootMessage text={error instanceof ConfigError ? error.message : ru.boot.configError} failed />);
    return;
  }
  // The app's code loads while the sign-in runs (after /config.json, which must not queue behind
  // two dozen chunks on the browser's six connections): a visitor without a session is sent to the
  // login page without waiting for it, a signed-in one finds it loaded.
  const app = Promise.all([import('./App'), import('./lib/apollo')]);
  app.then(([{ preloadPage }]) => preloadPage(window.location.pathname)).catch(() => undefined);
  let auth;
  try {
    auth = await startAuth(config);
  } catch (error) {
    console.error(error);
    root.render(<BootMessage text={ru.boot.authError} failed />);
    return;
  }
  let App, createApolloClient;
  try {
    [{ App }, { createApolloClient }] = await app;
  } catch (error) {
    console.error(error);
    root.render(<BootMessage text={ru.boot.loadError} failed />);
    return;
  }
  const client = createApolloClient(auth);
  root.render(
    <StrictMode>
      <App auth={auth} client={client} />
    </StrictMode>,
  );
}

void boot();
