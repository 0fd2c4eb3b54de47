/** HTML of the embedded provider: the Russian login page, error pages and keycloak-js iframe stubs, rendered by React (it escapes every value). */
import { Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

// Our own fixed stylesheet and logout script (no user data): the only raw HTML on the pages.
const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
  font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
  background:#eef2f7;color:#1f2937}
.card{width:100%;max-width:380px;margin:24px;padding:32px 32px 28px;background:#fff;border-radius:12px;
  box-shadow:0 1px 3px rgba(15,23,42,.08),0 8px 24px rgba(15,23,42,.08)}
h1{margin:0 0 24px;font-size:20px;font-weight:600;line-height:1.35;text-align:center}
label{display:block;margin:0 0 6px;font-size:14px;font-weight:500}
input[type=text],input[type=password]{display:block;width:100%;height:42px;margin:0 0 16px;padding:0 12px;
  font:inherit;font-size:15px;border:1px solid #cbd5e1;border-radius:8px;background:#fff;color:inherit}
input:focus{outline:none;border-color:#2563eb;box-shadow:0 0 0 3px rgba(37,99,235,.2)}
button{display:block;width:100%;height:44px;margin-top:8px;border:0;border-radius:8px;background:#2563eb;color:#fff;
  font:inherit;font-size:15px;font-weight:600;cursor:pointer}
button:hover{background:#1d4ed8}
.alert{margin:0 0 16px;padding:10px 12px;border-radius:8px;background:#fef2f2;border:1px solid #fecaca;color:#b91c1c;font-size:14px}
.muted{margin:16px 0 0;font-size:13px;color:#64748b;text-align:center}
a{color:#2563eb}
`;
const AUTO_SUBMIT_SCRIPT = "document.addEventListener('DOMContentLoaded',function(){document.forms[0].submit()});";

function Layout({ title, head, children }: { title: string; head?: ReactNode; children: ReactNode }) {
  return (
    <html lang="ru">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
        {head}
      </head>
      <body>
        <main className="card">{children}</main>
      </body>
    </html>
  );
}

const html = (element: ReactNode) => `<!DOCTYPE html>\n${renderToStaticMarkup(element)}`;

export const LOGIN_ERROR = 'Неверное имя пользователя или пароль';

export function loginPage(options: { realmDisplayName: string; action: string; username?: string; error?: string }): string {
  const title = `Вход в систему «${options.realmDisplayName}»`;
  const invalid = options.error ? true : undefined;
  return html(
    <Layout title={title}>
      <h1 id="kc-page-title">{title}</h1>
      {options.error ? (
        <div className="alert" id="input-error" role="alert" aria-live="polite">
          {options.error}
        </div>
      ) : null}
      <form id="kc-form-login" method="post" action={options.action} noValidate>
        <label htmlFor="username">Имя пользователя</label>
        <input
          id="username"
          name="username"
          type="text"
          defaultValue={options.username ?? ''}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          aria-invalid={invalid}
        />
        <label htmlFor="password">Пароль</label>
        <input id="password" name="password" type="password" autoComplete="current-password" aria-invalid={invalid} />
        <button id="kc-login" name="login" type="submit">
          Войти
        </button>
      </form>
    </Layout>,
  );
}

/** The one-time link's form (issue 16): Keycloak's field ids, so the same browser steps work on both. */
export function setPasswordPage(options: { action: string; error?: string }): string {
  const title = 'Установка пароля';
  const invalid = options.error ? true : undefined;
  return html(
    <Layout title={title}>
      <h1 id="kc-page-title">{title}</h1>
      {options.error ? (
        <div className="alert" id="input-error" role="alert" aria-live="polite">
          {options.error}
        </div>
      ) : null}
      <form id="kc-passwd-update-form" method="post" action={options.action} noValidate>
        <label htmlFor="password-new">Новый пароль</label>
        <input id="password-new" name="password-new" type="password" autoComplete="new-password" autoFocus aria-invalid={invalid} />
        <label htmlFor="password-confirm">Подтвердите пароль</label>
        <input id="password-confirm" name="password-confirm" type="password" autoComplete="new-password" aria-invalid={invalid} />
        <button id="kc-submit" type="submit">
          Установить пароль
        </button>
      </form>
      <p className="muted">От 8 до 128 символов, хотя бы одна буква и одна цифра.</p>
    </Layout>,
  );
}

/** After the password is set: where to sign in. */
export function passwordSetPage(signInUrl: string | null): string {
  const title = 'Пароль установлен';
  return html(
    <Layout title={title}>
      <h1>{title}</h1>
      <p>Теперь войдите в платформу «Наставник» со своим именем пользователя и новым паролем.</p>
      {signInUrl ? (
        <p>
          <a id="sign-in" href={signInUrl}>
            Перейти ко входу
          </a>
        </p>
      ) : null}
    </Layout>,
  );
}

export function messagePage(title: string, message: string, details?: Record<string, unknown>): string {
  const rows = details ? Object.entries(details).filter(([, v]) => v !== undefined) : [];
  return html(
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      {rows.length ? (
        <p className="muted">
          {rows.map(([k, v]) => (
            <Fragment key={k}>
              <br />
              <code>{`${k}: ${String(v ?? '')}`}</code>
            </Fragment>
          ))}
        </p>
      ) : null}
    </Layout>,
  );
}

/** Auto-submitting logout form: keycloak-js expects logout to come straight back, without a confirmation screen. */
export function logoutPage(action: string, xsrf: string): string {
  return html(
    <Layout title="Выход из системы" head={<script dangerouslySetInnerHTML={{ __html: AUTO_SUBMIT_SCRIPT }} />}>
      <h1>Выход из системы…</h1>
      <form id="kc-logout-form" method="post" action={action}>
        <input type="hidden" name="xsrf" value={xsrf} />
        <input type="hidden" name="logout" value="yes" />
        <noscript>
          <button id="kc-logout" type="submit">
            Выйти
          </button>
        </noscript>
      </form>
    </Layout>,
  );
}

/**
 * Keycloak's third-party-cookie probe (`3p-cookies/step1.html`). keycloak-js waits for
 * "supported" or "unsupported"; "unsupported" disables the session iframe, and check-sso then
 * uses a plain `prompt=none` redirect, which this provider answers reliably.
 */
export const THIRD_PARTY_COOKIES_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>3p-cookies</title></head>
<body><script>window.parent.postMessage("unsupported", "*");</script></body></html>`;

/**
 * `login-status-iframe.html`: answers keycloak-js' "<clientId> <sessionId>" messages with
 * "unchanged" / "changed" / "error", like Keycloak's, from `init` (client + origin check)
 * and `status` (the provider session of this browser).
 */
export const LOGIN_STATUS_IFRAME_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>login-status-iframe</title></head>
<body><script>
(function () {
  var base = location.pathname;
  var initialized = {};
  function check(clientId, origin, sessionId) {
    var key = clientId + ' ' + origin;
    var ready = initialized[key]
      ? Promise.resolve(true)
      : fetch(base + '/init?client_id=' + encodeURIComponent(clientId) + '&origin=' + encodeURIComponent(origin), { credentials: 'same-origin' })
          .then(function (r) { if (r.status === 204) { initialized[key] = true; return true; } return false; });
    return ready.then(function (ok) {
      if (!ok) return 'error';
      return fetch(base + '/status?client_id=' + encodeURIComponent(clientId), { credentials: 'same-origin', cache: 'no-store' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s) return 'error';
          if (!sessionId) return s.loggedIn ? 'changed' : 'unchanged';
          return s.loggedIn && s.sid === sessionId ? 'unchanged' : 'changed';
        });
    });
  }
  window.addEventListener('message', function (event) {
    if (typeof event.data !== 'string' || !event.source) return;
    var parts = event.data.split(' ');
    var source = event.source;
    var origin = event.origin;
    check(parts[0] || '', origin, parts[1] || '').then(
      function (result) { source.postMessage(result, origin); },
      function () { source.postMessage('error', origin); }
    );
  }, false);
})();
</script></body></html>`;
