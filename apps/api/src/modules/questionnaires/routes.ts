import type { ServerResponse } from 'node:http';
import { IMPACT_PHASE_LABELS_RU, type ImpactPhase, type Question } from '@nastavnik/domain';
import { AppError } from '../../engine/errors.js';
import { HOSTILE_INPUT_MESSAGES_RU, nulParameter } from '../../engine/http/hostile-input.js';
import { isDatabaseUnavailable, OUTAGE_MESSAGES_RU, OUTAGE_RETRY_AFTER_SECONDS } from '../../engine/http/outage.js';
import type { HttpRoute } from '../../engine/http/server.js';
import { setRetryAfter, type PublicRateLimit } from '../../engine/http/rate-limit.js';
import type { Logger } from '../../engine/logging.js';
import type { MikroORM } from '../../engine/orm/create-orm.js';
import type { PublicForm, QuestionnaireLinkService } from './links.service.js';

const FORM_MAX_BYTES = 64 * 1024;

const e = (value: string | null | undefined) =>
  (value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;background:#f4f6f9;color:#1a1a1a;line-height:1.5}
main{max-width:42rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh;box-sizing:border-box}
h1{font-size:1.35rem;margin:.5rem 0 1rem}fieldset{border:1px solid #d0d5dd;border-radius:.5rem;margin:0 0 1rem;padding:.75rem 1rem}
fieldset.invalid{border-color:#b42318;background:#fff6f5}legend{font-weight:600;padding:0 .25rem}
.req{color:#b42318}.error{color:#b42318;font-weight:600;margin:.25rem 0}.hint{color:#475467;font-size:.95rem}
label{display:flex;gap:.5rem;align-items:flex-start;padding:.3rem 0;cursor:pointer}input[type=radio],input[type=checkbox]{width:1.2rem;height:1.2rem;margin-top:.15rem;flex:none}
.scale{display:flex;flex-wrap:wrap;gap:.25rem}.scale label{flex-direction:column;align-items:center;min-width:2.5rem;padding:.25rem;border:1px solid #d0d5dd;border-radius:.375rem}
textarea{width:100%;min-height:6rem;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #98a2b3;border-radius:.375rem}
button{font:inherit;font-size:1.05rem;background:#1d4ed8;color:#fff;border:0;border-radius:.5rem;padding:.75rem 1.5rem;cursor:pointer;width:100%}
.summary{border:2px solid #b42318;border-radius:.5rem;padding:.5rem 1rem;margin-bottom:1rem}.notice{background:#eff4ff;border-radius:.5rem;padding:.75rem 1rem;margin-bottom:1rem}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

export const SURVEY_PAGES_RU = {
  unknown: {
    status: 404,
    title: 'Ссылка не найдена',
    text: 'Такой анкеты нет. Проверьте, что ссылка скопирована полностью, или попросите куратора программы наставничества прислать новую.',
  },
  expired: {
    status: 410,
    title: 'Срок действия ссылки истёк',
    text: 'Анкета по этой ссылке больше не принимает ответы. Попросите куратора программы наставничества прислать новую ссылку.',
  },
  used: {
    status: 410,
    title: 'Анкета уже заполнена',
    text: 'Ответы по этой ссылке уже получены. Спасибо! Если нужно что-то исправить, обратитесь к куратору программы наставничества.',
  },
  revoked: {
    status: 410,
    title: 'Ссылка больше не действует',
    text: 'Куратор выдал новую ссылку на эту анкету или отозвал эту. Воспользуйтесь последней полученной ссылкой.',
  },
  saved: { status: 200, title: 'Спасибо! Ответы отправлены', text: 'Ваши ответы получены куратором программы наставничества. Эту страницу можно закрыть.' },
  error: { status: 500, title: 'Не удалось открыть анкету', text: 'Произошла ошибка на сервере. Попробуйте открыть ссылку ещё раз через несколько минут.' },
} as const;

export const SURVEY_NUL_RU = { title: 'Недопустимый символ в ответе' } as const;
export const SURVEY_UNAVAILABLE_RU = { title: 'Анкета временно недоступна' } as const;

/** Over the per-address limit (pupils of one school share its address, so the limit is generous). */
export const SURVEY_TOO_MANY_RU = {
  title: 'Слишком много отправок',
  text: (minutes: number) =>
    `С этого адреса сети отправлено слишком много анкет. Вернитесь на предыдущую страницу и отправьте анкету ещё раз примерно через ${minutes} мин.`,
};

export function renderTooManyPage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return page(SURVEY_TOO_MANY_RU.title, `<h1>${e(SURVEY_TOO_MANY_RU.title)}</h1>\n<p>${e(SURVEY_TOO_MANY_RU.text(minutes))}</p>`);
}

export function renderMessagePage(kind: keyof typeof SURVEY_PAGES_RU): string {
  const p = SURVEY_PAGES_RU[kind];
  return page(p.title, `<h1>${e(p.title)}</h1>\n<p>${e(p.text)}</p>`);
}

function questionHtml(question: Question, index: number, values: readonly string[], error: string | undefined): string {
  const name = `q_${question.id}`;
  const id = (suffix: string | number) => `${name}_${suffix}`;
  const errorId = `${name}_error`;
  const described = error ? ` aria-describedby="${errorId}"` : '';
  const mark = question.required ? ' <span class="req" aria-hidden="true">*</span>' : ' <span class="hint">(необязательно)</span>';
  let control: string;
  if (question.kind === 'scale5' || question.kind === 'scale10') {
    const max = question.kind === 'scale5' ? 5 : 10;
    control = `<div class="scale">${Array.from({ length: max }, (_, i) => {
      const v = String(i + 1);
      return `<label for="${id(v)}"><input type="radio" id="${id(v)}" name="${name}" value="${v}"${values.includes(v) ? ' checked' : ''}${question.required ? ' required' : ''}${described}>${v}</label>`;
    }).join('')}</div>`;
  } else if (question.kind === 'single' || question.kind === 'multiple') {
    const type = question.kind === 'single' ? 'radio' : 'checkbox';
    control = question.options
      .map(
        (option, i) =>
          `<label for="${id(i)}"><input type="${type}" id="${id(i)}" name="${name}" value="${e(option)}"${values.includes(option) ? ' checked' : ''}${type === 'radio' && question.required ? ' required' : ''}${described}><span>${e(option)}</span></label>`,
      )
      .join('');
  } else {
    control = `<textarea id="${id('text')}" name="${name}" maxlength="4000"${question.required ? ' required' : ''}${described}>${e(values.join('\n'))}</textarea>`;
  }
  return `<fieldset${error ? ' class="invalid"' : ''}>
<legend>${index + 1}. ${e(question.text)}${mark}</legend>
${error ? `<p class="error" id="${errorId}">${e(error)}</p>` : ''}${question.kind === 'multiple' ? '<p class="hint">Можно выбрать несколько вариантов.</p>' : ''}
${control}
</fieldset>`;
}

/**
 * The form of a personal link, server-rendered (no scripts): addressed to the participant by first
 * name only, nothing about other people; a minor's form also asks who fills it in (the pupil or the
 * legal representative). Validation errors stand beside their questions, the entered values kept.
 */
export function renderSurveyForm(
  form: PublicForm,
  action: string,
  values: Record<string, readonly string[]> = {},
  errors: Record<string, string> = {},
  answeredBy = '',
  answeredByError: string | null = null,
): string {
  const t = form.template;
  const count = Object.keys(errors).length + (answeredByError ? 1 : 0);
  const greeting = form.firstName ? `<p>Здравствуйте, ${e(form.firstName)}!</p>` : '';
  const phase = form.phase
    ? `<p class="notice">Этап оценки: <strong>${e(IMPACT_PHASE_LABELS_RU[form.phase as ImpactPhase] ?? form.phase)}</strong> в программе наставничества.</p>`
    : '';
  const minor = form.minor
    ? `<p class="notice">Анкету заполняет обучающийся. Если ему нет 14 лет, рекомендуем заполнить её вместе с родителем (законным представителем); законный представитель может заполнить анкету и сам.</p>
<fieldset${answeredByError ? ' class="invalid"' : ''}>
<legend>Кто заполняет анкету? <span class="req" aria-hidden="true">*</span></legend>
${answeredByError ? `<p class="error" id="answered_by_error">${e(answeredByError)}</p>` : ''}
<label for="answered_by_participant"><input type="radio" id="answered_by_participant" name="answered_by" value="participant"${answeredBy === 'participant' ? ' checked' : ''} required>Обучающийся (сам или вместе с родителем)</label>
<label for="answered_by_representative"><input type="radio" id="answered_by_representative" name="answered_by" value="representative"${answeredBy === 'representative' ? ' checked' : ''}>Родитель (законный представитель)</label>
</fieldset>`
    : '';
  const summary = count
    ? `<div class="summary" role="alert"><p class="error">Анкета не отправлена: проверьте ${count === 1 ? 'отмеченный вопрос' : `отмеченные вопросы (${count})`}.</p></div>`
    : '';
  return page(
    t.title,
    `<h1>${e(t.title)}</h1>
${greeting}${t.intro ? `<p>${e(t.intro)}</p>` : ''}
${phase}${summary}
<form method="post" action="${e(action)}" accept-charset="utf-8" novalidate>
${minor}
${t.questions.map((q, i) => questionHtml(q, i, values[q.id] ?? [], errors[q.id])).join('\n')}
<p class="hint"><span class="req">*</span> — обязательный вопрос. Ответы видит только куратор программы наставничества вашей организации.</p>
<button type="submit">Отправить ответы</button>
</form>`,
  );
}

function send(res: ServerResponse, status: number, html: string) {
  const data = Buffer.from(html, 'utf8');
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('content-length', String(data.length));
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-robots-tag', 'noindex, nofollow');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  res.end(data);
}

/** Form fields `q_<questionId>` (repeated for several options) → answers by question id. */
export function parseSurveyBody(body: string): { raw: Record<string, string[]>; answeredBy: string } {
  const params = new URLSearchParams(body);
  const raw: Record<string, string[]> = {};
  for (const [key, value] of params) {
    if (!key.startsWith('q_')) continue;
    const id = key.slice(2);
    (raw[id] ??= []).push(value);
  }
  return { raw, answeredBy: params.get('answered_by') ?? '' };
}

/**
 * The public form of a personal link (no account, no token header):
 *
 *   GET  /public/surveys/<token>   the form (Russian HTML, no scripts); 404 unknown, 410 expired / used / revoked
 *   POST /public/surveys/<token>   application/x-www-form-urlencoded; 200 thanks, 422 the form again with the
 *                                  errors beside the questions and the answers kept; 429 (a page, `Retry-After` in
 *                                  seconds) beyond SURVEY_SUBMIT_LIMIT_PER_HOUR submissions of any outcome per client
 *                                  address per hour (counted in PostgreSQL across replicas; it also slows down
 *                                  guessing tokens)
 */
export function questionnaireRoutes(deps: {
  orm: MikroORM;
  questionnaires: QuestionnaireLinkService;
  logger?: Logger;
  submitLimit: PublicRateLimit;
}): HttpRoute[] {
  const PATH = /^\/public\/surveys\/([^/]{1,200})$/;
  const match = (pathname: string) => {
    const m = PATH.exec(pathname);
    if (!m) return null;
    try {
      return { token: decodeURIComponent(m[1]!) };
    } catch {
      return { token: '' };
    }
  };
  // The token is the only key to a person's questionnaire: the database keeps its hash, the log nothing.
  const hideToken = (pathname: string) => pathname.replace(PATH, '/public/surveys/[скрыто]');
  const guard = async (res: ServerResponse, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      if (error instanceof AppError && error.extensions.httpStatus === 413) {
        send(res, 413, page('Слишком большой ответ', '<h1>Слишком большой ответ</h1><p>Сократите свободные ответы и отправьте анкету ещё раз.</p>'));
        return;
      }
      if (isDatabaseUnavailable(error)) {
        // The database is away for a moment: 503 with Retry-After, the form can be sent again.
        deps.logger?.warn({ err: error }, 'public survey: database unavailable');
        setRetryAfter(res, OUTAGE_RETRY_AFTER_SECONDS);
        send(res, 503, page(SURVEY_UNAVAILABLE_RU.title, `<h1>${e(SURVEY_UNAVAILABLE_RU.title)}</h1>\n<p>${e(OUTAGE_MESSAGES_RU.unavailable)}</p>`));
        return;
      }
      deps.logger?.error({ err: error }, 'public survey failed');
      send(res, 500, renderMessagePage('error'));
    }
  };
  return [
    {
      method: 'GET',
      match,
      logPath: hideToken,
      async handle({ res, params, url }) {
        await guard(res, async () => {
          const opened = await deps.questionnaires.openByToken(deps.orm, params.token!);
          if (opened.state !== 'open') return send(res, SURVEY_PAGES_RU[opened.state].status, renderMessagePage(opened.state));
          send(res, 200, renderSurveyForm(opened.form, url.pathname));
        });
      },
    },
    {
      method: 'POST',
      match,
      logPath: hideToken,
      async handle({ req, res, params, url, readBody }) {
        await guard(res, async () => {
          // Before the body and the token are looked at: a flood costs one upsert per request.
          const verdict = await deps.submitLimit.take(req);
          if (!verdict.allowed) {
            setRetryAfter(res, verdict.retryAfterSeconds);
            return send(res, 429, renderTooManyPage(verdict.retryAfterSeconds));
          }
          const body = await readBody(FORM_MAX_BYTES, () => new AppError('BAD_USER_INPUT', 'Слишком большой ответ', { field: 'body', httpStatus: 413 }));
          const text = body.toString('utf8');
          // A NUL would fail in PostgreSQL as a 500: refused here, naming the field (issue 12).
          const nulField = nulParameter(new URLSearchParams(text));
          if (nulField)
            return send(res, 400, page(SURVEY_NUL_RU.title, `<h1>${e(SURVEY_NUL_RU.title)}</h1>\n<p>${e(HOSTILE_INPUT_MESSAGES_RU.nul(nulField))}</p>`));
          const { raw, answeredBy } = parseSurveyBody(text);
          const result = await deps.questionnaires.submitByToken(deps.orm, params.token!, raw, answeredBy);
          if (result.state === 'invalid') {
            return send(res, 422, renderSurveyForm(result.form, url.pathname, raw, result.sheet.errors, answeredBy, result.answeredByError));
          }
          send(res, SURVEY_PAGES_RU[result.state].status, renderMessagePage(result.state));
        });
      },
    },
  ];
}
