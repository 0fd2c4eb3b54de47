import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ru } from '../../i18n/ru';
import { hasRole } from '../../lib/access';
import { useMe } from '../../me';
import { DeliveryLog } from './DeliveryLog';
import { MyNotifications } from './MyNotifications';
import { NotificationSettings } from './NotificationSettings';

type Tab = 'inbox' | 'settings' | 'log';

/**
 * «Уведомления» (issue 16): every user's in-app copies of their letters and their choice per kind;
 * the platform admin and district staff also read the delivery log.
 */
export function NotificationsPage() {
  const t = ru.notifications;
  const { grants } = useMe();
  const [params] = useSearchParams();
  const seesLog = hasRole(grants, 'platform-admin') || hasRole(grants, 'district-officer') || hasRole(grants, 'district-head');
  const asked = params.get('view');
  const tab: Tab = asked === 'settings' || (asked === 'log' && seesLog) ? asked : 'inbox';
  const open = (next: Tab) => {
    const query = new URLSearchParams(params);
    query.set('view', next);
    query.delete('npage');
    query.delete('status');
    return `?${query.toString()}`;
  };
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <nav className="tabs" aria-label={t.tabs}>
        <Link to={open('inbox')} aria-current={tab === 'inbox' ? 'page' : undefined}>
          {t.tabInbox}
        </Link>
        <Link to={open('settings')} aria-current={tab === 'settings' ? 'page' : undefined}>
          {t.tabSettings}
        </Link>
        {seesLog && (
          <Link to={open('log')} aria-current={tab === 'log' ? 'page' : undefined}>
            {t.tabLog}
          </Link>
        )}
      </nav>
      {tab === 'inbox' && <MyNotifications />}
      {tab === 'settings' && <NotificationSettings />}
      {tab === 'log' && <DeliveryLog />}
    </>
  );
}
