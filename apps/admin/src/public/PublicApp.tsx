import { BrowserRouter, Route, Routes } from 'react-router';
import { TopBar } from '../components/Layout';
import { ru } from '../i18n/ru';
import { JoinPage } from './JoinPage';

/**
 * The public shell: no Keycloak, no Apollo — only the brand, «Войти» (the admin, which signs in)
 * and the public pages (see PUBLIC_PATHS).
 */
export function PublicApp() {
  return (
    <BrowserRouter>
      <div className="shell public-shell">
        <TopBar>
          <nav aria-label={ru.partnerPortal.publicShell.label}>
            {/* A full page load: the admin starts the login there. */}
            <a className="button button-secondary" href="/">
              {ru.partnerPortal.publicShell.signIn}
            </a>
          </nav>
        </TopBar>
        <main id="main" className="content public-content">
          <Routes>
            <Route path="join/*" element={<JoinPage />} />
            <Route path="*" element={<p>{ru.partnerPortal.publicShell.notFound}</p>} />
          </Routes>
        </main>
      </div>
    </BrowserRouter>
  );
}
