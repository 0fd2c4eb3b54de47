import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useAuth } from '../auth/context';
import { ru } from '../i18n/ru';
import { fixedDistrictId, hasInbox, navigationFor, roleLabel } from '../lib/access';
import { partnerNavItems } from '../lib/partners';
import { withMyPairs } from '../lib/my';
import { useMe } from '../me';
import { InboxCountQuery } from '../pages/roadmaps/documents';
import { GlobalSearch } from './GlobalSearch';

export function TopBar({ children }: { children?: ReactNode }) {
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        {ru.app.skipToContent}
      </a>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          {ru.app.brandMark}
        </span>
        <span className="brand-name">{ru.app.name}</span>
      </div>
      {children}
    </header>
  );
}

export function LogoutButton() {
  const auth = useAuth();
  return (
    <button type="button" className="button button-secondary logout" onClick={() => void auth.logout()}>
      {ru.topBar.logout}
    </button>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { me, districtContext } = useMe();
  // The inbox's count beside «Входящие», refreshed every minute and after each decision.
  const inbox = useQuery(InboxCountQuery, {
    skip: !hasInbox(me.grants),
    context: districtContext(fixedDistrictId(me.grants)),
    pollInterval: 60_000,
  });
  const inboxCount = inbox.data?.inbox.total ?? 0;
  // «Администратор платформы» may be the admin's name, position and role at once: say it once.
  const same = (a: string, b: string) => a.trim().toLocaleLowerCase('ru') === b.trim().toLocaleLowerCase('ru');
  const position = me.position && !same(me.position, me.displayName) ? me.position : null;
  const roles = [...new Set(me.roles.map(roleLabel))].filter((label) => !same(label, me.displayName));
  const general = withMyPairs(me.grants, navigationFor(me.grants));
  const items = [...general, ...partnerNavItems(me.grants, general)];
  return (
    <div className="shell">
      <TopBar>
        <GlobalSearch />
        <div className="user" aria-label={ru.topBar.userLabel} role="group">
          <div className="user-text">
            <span className="user-name">{me.displayName}</span>
            {position && <span className="user-position">{position}</span>}
            {roles.length > 0 && <span className="user-role">{roles.join(', ')}</span>}
          </div>
          <LogoutButton />
        </div>
      </TopBar>
      <div className="body">
        <nav className="sidenav" aria-label={ru.nav.label}>
          <ul>
            {items.map((item) =>
              'to' in item ? (
                <li key={item.key}>
                  <NavLink to={item.to} end={item.end}>
                    {item.label}
                    {item.key === 'inbox' && inboxCount > 0 && (
                      <span className="count-badge" title={ru.nav.inboxCount(inboxCount)}>
                        {inboxCount}
                        <span className="visually-hidden"> — {ru.nav.inboxCount(inboxCount)}</span>
                      </span>
                    )}
                  </NavLink>
                </li>
              ) : (
                <li key={item.key} className="nav-soon" title={ru.nav.soonHint}>
                  <span aria-disabled="true">
                    {item.label} <span className="badge">{ru.nav.soon}</span>
                  </span>
                </li>
              ),
            )}
          </ul>
        </nav>
        <main id="main" className="content">
          {children}
        </main>
      </div>
    </div>
  );
}
