import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IMPACT_PHASE_LABELS_RU, type ImpactPhase, type Question } from '@nastavnik/domain';
import type { PublicForm } from './links.service.js';

// Our own fixed stylesheet (no user data): the only raw HTML on the pages.
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

function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html lang="ru">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}

const html = (element: ReactNode) => `<!doctype html>\n${renderToStaticMarkup(element)}\n`;

/** A page of a heading and one paragraph (thanks, expired link, errors). */
export function renderTextPage(title: string, text: string): string {
  return html(
    <Page title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
    </Page>,
  );
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
export const SURVEY_TOO_LARGE_RU = { title: 'Слишком большой ответ', text: 'Сократите свободные ответы и отправьте анкету ещё раз.' } as const;

/** Over the per-address limit (pupils of one school share its address, so the limit is generous). */
export const SURVEY_TOO_MANY_RU = {
  title: 'Слишком много отправок',
  text: (minutes: number) =>
    `С этого адреса сети отправлено слишком много анкет. Вернитесь на предыдущую страницу и отправьте анкету ещё раз примерно через ${minutes} мин.`,
};

export function renderTooManyPage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return renderTextPage(SURVEY_TOO_MANY_RU.title, SURVEY_TOO_MANY_RU.text(minutes));
}

export function renderMessagePage(kind: keyof typeof SURVEY_PAGES_RU): string {
  const p = SURVEY_PAGES_RU[kind];
  return renderTextPage(p.title, p.text);
}

function QuestionField({ question, index, values, error }: { question: Question; index: number; values: readonly string[]; error: string | undefined }) {
  const name = `q_${question.id}`;
  const id = (suffix: string | number) => `${name}_${suffix}`;
  const errorId = `${name}_error`;
  const described = error ? errorId : undefined;
  let control: ReactNode;
  if (question.kind === 'scale5' || question.kind === 'scale10') {
    const max = question.kind === 'scale5' ? 5 : 10;
    control = (
      <div className="scale">
        {Array.from({ length: max }, (_, i) => {
          const v = String(i + 1);
          return (
            <label key={v} htmlFor={id(v)}>
              <input
                type="radio"
                id={id(v)}
                name={name}
                value={v}
                defaultChecked={values.includes(v)}
                required={question.required}
                aria-describedby={described}
              />
              {v}
            </label>
          );
        })}
      </div>
    );
  } else if (question.kind === 'single' || question.kind === 'multiple') {
    const type = question.kind === 'single' ? 'radio' : 'checkbox';
    control = question.options.map((option, i) => (
      <label key={i} htmlFor={id(i)}>
        <input
          type={type}
          id={id(i)}
          name={name}
          value={option}
          defaultChecked={values.includes(option)}
          required={type === 'radio' && question.required}
          aria-describedby={described}
        />
        <span>{option}</span>
      </label>
    ));
  } else {
    control = (
      <textarea id={id('text')} name={name} maxLength={4000} required={question.required} aria-describedby={described} defaultValue={values.join('\n')} />
    );
  }
  return (
    <fieldset className={error ? 'invalid' : undefined}>
      <legend>
        {`${index + 1}. ${question.text} `}
        {question.required ? (
          <span className="req" aria-hidden="true">
            *
          </span>
        ) : (
          <span className="hint">(необязательно)</span>
        )}
      </legend>
      {error ? (
        <p className="error" id={errorId}>
          {error}
        </p>
      ) : null}
      {question.kind === 'multiple' ? <p className="hint">Можно выбрать несколько вариантов.</p> : null}
      {control}
    </fieldset>
  );
}

function AnsweredBy({ value, error }: { value: string; error: string | null }) {
  return (
    <>
      <p className="notice">
        Анкету заполняет обучающийся. Если ему нет 14 лет, рекомендуем заполнить её вместе с родителем (законным представителем); законный представитель может
        заполнить анкету и сам.
      </p>
      <fieldset className={error ? 'invalid' : undefined}>
        <legend>
          {'Кто заполняет анкету? '}
          <span className="req" aria-hidden="true">
            *
          </span>
        </legend>
        {error ? (
          <p className="error" id="answered_by_error">
            {error}
          </p>
        ) : null}
        <label htmlFor="answered_by_participant">
          <input type="radio" id="answered_by_participant" name="answered_by" value="participant" defaultChecked={value === 'participant'} required />
          Обучающийся (сам или вместе с родителем)
        </label>
        <label htmlFor="answered_by_representative">
          <input type="radio" id="answered_by_representative" name="answered_by" value="representative" defaultChecked={value === 'representative'} />
          Родитель (законный представитель)
        </label>
      </fieldset>
    </>
  );
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
  return html(
    <Page title={t.title}>
      <h1>{t.title}</h1>
      {form.firstName ? <p>{`Здравствуйте, ${form.firstName}!`}</p> : null}
      {t.intro ? <p>{t.intro}</p> : null}
      {form.phase ? (
        <p className="notice">
          {'Этап оценки: '}
          <strong>{IMPACT_PHASE_LABELS_RU[form.phase as ImpactPhase] ?? form.phase}</strong>
          {' в программе наставничества.'}
        </p>
      ) : null}
      {count ? (
        <div className="summary" role="alert">
          <p className="error">{`Анкета не отправлена: проверьте ${count === 1 ? 'отмеченный вопрос' : `отмеченные вопросы (${count})`}.`}</p>
        </div>
      ) : null}
      <form method="post" action={action} acceptCharset="utf-8" noValidate>
        {form.minor ? <AnsweredBy value={answeredBy} error={answeredByError} /> : null}
        {t.questions.map((q, i) => (
          <QuestionField key={q.id} question={q} index={i} values={values[q.id] ?? []} error={errors[q.id]} />
        ))}
        <p className="hint">
          <span className="req">*</span> — обязательный вопрос. Ответы видит только куратор программы наставничества вашей организации.
        </p>
        <button type="submit">Отправить ответы</button>
      </form>
    </Page>,
  );
}
