import { Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { dateRu, labelled } from '../documents/layout.js';
import type { PublicSchoolPage } from './public.service.js';

// Our own fixed stylesheet (no user data): the only raw HTML on the page. A sans-serif text for the
// screen at any width — a phone too: the roadmap table scrolls inside its own frame — and a print
// version (serif, no frame, the addresses of the download links written out).
const STYLE = `:root{color-scheme:light}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"PT Sans",Arial,sans-serif;margin:0 auto;max-width:72rem;padding:1.5rem 1rem 3rem;color:#1b2430;background:#fff;line-height:1.5;font-size:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .5rem}h2{font-size:1.25rem;margin:2.25rem 0 .75rem;padding-bottom:.3rem;border-bottom:2px solid #1f5f8b}h3{font-size:1.05rem;margin:1.5rem 0 .4rem}
.place{color:#4a5563;margin-top:0}a{color:#1f5f8b}ul{padding-left:1.2rem}li{margin:.3rem 0}article{margin-bottom:1.5rem}
.table-frame{overflow-x:auto;border:1px solid #c9d1da;border-radius:6px;margin:.75rem 0}
table{border-collapse:collapse;width:100%;min-width:48rem;font-size:.92rem}th,td{border-bottom:1px solid #dde3ea;padding:.45rem .6rem;vertical-align:top;text-align:left;overflow-wrap:normal;hyphens:auto}
th{background:#eef2f6;font-weight:600}tr.section td{background:#f5f7f9;font-weight:600}
@media print{body{font-family:"PT Serif","Times New Roman",serif;max-width:none;padding:0;font-size:11pt}h2{border-color:#000}.table-frame{overflow:visible;border:none}table{min-width:0}th,td{border:1px solid #777}tr{break-inside:avoid}a{color:#000}.downloads a::after{content:" (" attr(href) ")";font-size:9pt}}`;

/** Paragraphs separated by a blank line; a single line break stays a line break. */
function Paragraphs({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>
          {p.split('\n').map((line, j) => (
            <Fragment key={j}>
              {j > 0 && <br />}
              {line}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
}

function Programmes({ programmes }: { programmes: PublicSchoolPage['programmes'] }) {
  if (!programmes.length) return <p>Программы наставничества не опубликованы.</p>;
  return (
    <ul>
      {programmes.map((p, i) => (
        <li key={i}>
          <strong>{p.name}</strong>
          {` — ${p.forms.join(', ') || 'формы не указаны'}; ${dateRu(p.periodStart)} – ${dateRu(p.periodEnd)}`}
        </li>
      ))}
    </ul>
  );
}

function Roadmap({ roadmap: r }: { roadmap: PublicSchoolPage['roadmaps'][number] }) {
  return (
    <section>
      <h3>{r.title}</h3>
      <p>
        {`${r.programmeName}; ${dateRu(r.periodStart)} – ${dateRu(r.periodEnd)}.`}
        {r.approvalOrder ? ` Утверждена приказом ${r.approvalOrder}.` : ''}
        {r.agreedOn ? ` Согласована ${dateRu(r.agreedOn)}.` : ''}
      </p>
      <p className="downloads">
        <a href={r.docxUrl}>Скачать (Word)</a> · <a href={r.pdfUrl}>Скачать (PDF)</a>
      </p>
      <div className="table-frame">
        <table>
          <thead>
            <tr>
              <th>№</th>
              <th>Мероприятие</th>
              <th>Содержание</th>
              <th>Срок</th>
              <th>Ответственный</th>
              <th>Результат</th>
              <th>Показатель</th>
            </tr>
          </thead>
          <tbody>
            {r.sections.flatMap((s, si) => [
              <tr key={`s${si}`} className="section">
                <td colSpan={7}>{s.task.trim() ? `${s.title} — ${labelled('Задача', s.task)}` : s.title}</td>
              </tr>,
              ...s.items.map((i, ii) => (
                <tr key={`s${si}i${ii}`}>
                  <td>{i.number}</td>
                  <td>{i.activity}</td>
                  <td>{i.content}</td>
                  <td>{i.deadline}</td>
                  <td>{i.responsible}</td>
                  <td>{i.expectedResult}</td>
                  <td>{i.indicator}</td>
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SchoolPage({ page }: { page: PublicSchoolPage }) {
  return (
    <html lang="ru">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`Наставничество — ${page.organization.shortName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <h1>{`Наставничество: ${page.organization.name}`}</h1>
        <p className="place">{page.organization.address ? `${page.district.name}; ${page.organization.address}` : page.district.name}</p>
        <h2>Программы наставничества</h2>
        <Programmes programmes={page.programmes} />
        <h2>Дорожная карта (согласованная, действующая)</h2>
        {page.roadmaps.length ? page.roadmaps.map((r, i) => <Roadmap key={i} roadmap={r} />) : <p>Согласованная дорожная карта пока не опубликована.</p>}
        <h2>Новости</h2>
        {page.news.length ? (
          page.news.map((n, i) => (
            <article key={i}>
              <h3>{n.title}</h3>
              <p>
                <time dateTime={n.date}>{dateRu(n.date)}</time>
              </p>
              <Paragraphs text={n.text} />
            </article>
          ))
        ) : (
          <p>Новостей пока нет.</p>
        )}
        <h2>Лучшие практики</h2>
        {page.bestPractices.length ? (
          page.bestPractices.map((p, i) => (
            <article key={i}>
              <h3>{p.title}</h3>
              <p>{`${p.programmeName}; ${p.formLabel}${p.kindLabel ? `, ${p.kindLabel}` : ''}. Опубликовано ${dateRu(p.publishedOn)}.`}</p>
              <Paragraphs text={p.summary} />
              {p.results ? (
                <>
                  <p>
                    <strong>Результаты:</strong>
                  </p>
                  <Paragraphs text={p.results} />
                </>
              ) : null}
              {p.participants.length ? <p>{`Участники: ${p.participants.join('; ')}`}</p> : null}
            </article>
          ))
        ) : (
          <p>Пока нет опубликованных практик.</p>
        )}
      </body>
    </html>
  );
}

/** A minimal server-rendered page in Russian (no scripts, no external resources), embeddable by link; React escapes every value. */
export function renderPublicSchoolHtml(page: PublicSchoolPage): string {
  return `<!doctype html>\n${renderToStaticMarkup(<SchoolPage page={page} />)}`;
}

/** The page for a school code that leads nowhere (HTTP 404): Russian, no scripts, the same style as the school page. */
export function renderPublicNotFoundHtml(): string {
  const page = (
    <html lang="ru">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Страница не найдена — Наставничество</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <h1>Страница не найдена</h1>
        <p>Страницы наставничества с таким адресом нет. Проверьте ссылку или обратитесь в образовательную организацию.</p>
      </body>
    </html>
  );
  return `<!doctype html>\n${renderToStaticMarkup(page)}`;
}
