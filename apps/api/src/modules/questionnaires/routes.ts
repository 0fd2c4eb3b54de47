import { AppError } from '../../engine/errors.js';
import { HOSTILE_INPUT_MESSAGES_RU, nulParameter } from '../../engine/http/hostile-input.js';
import { isDatabaseUnavailable, OUTAGE_MESSAGES_RU, OUTAGE_RETRY_AFTER_SECONDS } from '../../engine/http/outage.js';
import type { HttpRoute, RouteReply } from '../../engine/http/routes.js';
import { sendPersonalPage } from '../../engine/http/public-page.js';
import { setRetryAfter, type PublicRateLimit } from '../../engine/http/rate-limit.js';
import type { Logger } from '../../engine/logging.js';
import type { MikroORM } from '../../engine/orm/create-orm.js';
import {
  renderMessagePage,
  renderSurveyForm,
  renderTextPage,
  renderTooManyPage,
  SURVEY_NUL_RU,
  SURVEY_PAGES_RU,
  SURVEY_TOO_LARGE_RU,
  SURVEY_UNAVAILABLE_RU,
} from './form-page.js';
import type { QuestionnaireLinkService } from './links.service.js';

const FORM_MAX_BYTES = 64 * 1024;

const send = sendPersonalPage;

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
  // The token is the only key to a person's questionnaire: the database keeps its hash, the log
  // nothing. Applied to every request's path before routing (even one refused as malformed).
  const hideToken = (pathname: string) => pathname.replace(/^\/public\/surveys\/[^/]+$/, '/public/surveys/[скрыто]');
  const guard = async (reply: RouteReply, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      if (error instanceof AppError && error.extensions.httpStatus === 413) {
        send(reply, 413, renderTextPage(SURVEY_TOO_LARGE_RU.title, SURVEY_TOO_LARGE_RU.text));
        return;
      }
      if (isDatabaseUnavailable(error)) {
        // The database is away for a moment: 503 with Retry-After, the form can be sent again.
        deps.logger?.warn({ err: error }, 'public survey: database unavailable');
        setRetryAfter(reply, OUTAGE_RETRY_AFTER_SECONDS);
        send(reply, 503, renderTextPage(SURVEY_UNAVAILABLE_RU.title, OUTAGE_MESSAGES_RU.unavailable));
        return;
      }
      deps.logger?.error({ err: error }, 'public survey failed');
      send(reply, 500, renderMessagePage('error'));
    }
  };
  return [
    {
      method: 'GET',
      url: '/public/surveys/:token',
      logPath: hideToken,
      async handle({ reply, params, url }) {
        await guard(reply, async () => {
          const opened = await deps.questionnaires.openByToken(deps.orm, params.token!);
          if (opened.state !== 'open') return send(reply, SURVEY_PAGES_RU[opened.state].status, renderMessagePage(opened.state));
          send(reply, 200, renderSurveyForm(opened.form, url.pathname));
        });
      },
    },
    {
      method: 'POST',
      url: '/public/surveys/:token',
      logPath: hideToken,
      async handle({ req, reply, params, url, readBody }) {
        await guard(reply, async () => {
          // Before the body and the token are looked at: a flood costs one upsert per request.
          const verdict = await deps.submitLimit.take(req);
          if (!verdict.allowed) {
            setRetryAfter(reply, verdict.retryAfterSeconds);
            return send(reply, 429, renderTooManyPage(verdict.retryAfterSeconds));
          }
          const body = await readBody(FORM_MAX_BYTES, () => new AppError('BAD_USER_INPUT', 'Слишком большой ответ', { field: 'body', httpStatus: 413 }));
          const text = body.toString('utf8');
          // A NUL would fail in PostgreSQL as a 500: refused here, naming the field (issue 12).
          const nulField = nulParameter(new URLSearchParams(text));
          if (nulField) return send(reply, 400, renderTextPage(SURVEY_NUL_RU.title, HOSTILE_INPUT_MESSAGES_RU.nul(nulField)));
          const { raw, answeredBy } = parseSurveyBody(text);
          const result = await deps.questionnaires.submitByToken(deps.orm, params.token!, raw, answeredBy);
          if (result.state === 'invalid') {
            return send(reply, 422, renderSurveyForm(result.form, url.pathname, raw, result.sheet.errors, answeredBy, result.answeredByError));
          }
          send(reply, SURVEY_PAGES_RU[result.state].status, renderMessagePage(result.state));
        });
      },
    },
  ];
}
