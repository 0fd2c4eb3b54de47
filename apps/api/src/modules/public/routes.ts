import type { ServerResponse } from 'node:http';
import type { HttpRoute } from '../../engine/http/server.js';
import { create as contentDisposition } from 'content-disposition';
import { dateRu } from '../documents/layout.js';
import type { PublicSchoolPage, PublicService } from './public.service.js';

const escapeHtml = (value: string | null | undefined) =>
  (value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}

/** A minimal server-rendered page in Russian (no scripts, no external resources), embeddable by link. */
export function renderPublicSchoolHtml(page: PublicSchoolPage): string {
  const e = escapeHtml;
  const programmes = page.programmes.length
    ? `<ul>${page.programmes
        .map(
          (p) =>
            `<li><strong>${e(p.name)}</strong> — ${e(p.forms.join(', ') || 'формы не указаны')}; ${e(dateRu(p.periodStart))} – ${e(dateRu(p.periodEnd))}</li>`,
        )
        .join('')}</ul>`
    : '<p>Программы наставничества не опубликованы.</p>';
  const roadmaps = page.roadmaps.length
    ? page.roadmaps
        .map(
          (r) => `<section>
<h3>${e(r.title)}</h3>
<p>${e(r.programmeName)}; ${e(dateRu(r.periodStart))} – ${e(dateRu(r.periodEnd))}.${r.approvalOrder ? ` Утверждена приказом ${e(r.approvalOrder)}.` : ''}${
            r.agreedOn ? ` Согласована ${e(dateRu(r.agreedOn))}.` : ''
          }</p>
<p><a href="${e(r.docxUrl)}">Скачать (Word)</a> · <a href="${e(r.pdfUrl)}">Скачать (PDF)</a></p>
<table>
<thead><tr><th>№</th><th>Мероприятие</th><th>Содержание</th><th>Срок</th><th>Ответственный</th><th>Результат</th><th>Показатель</th></tr></thead>
<tbody>${r.sections
            .map(
              (s) =>
                `<tr class="section"><td colspan="7">${e(s.title)}${s.task ? ` — Задача: ${e(s.task)}` : ''}</td></tr>` +
                s.items
                  .map(
                    (i) =>
                      `<tr><td>${e(i.number)}</td><td>${e(i.activity)}</td><td>${e(i.content)}</td><td>${e(i.deadline)}</td><td>${e(i.responsible)}</td><td>${e(i.expectedResult)}</td><td>${e(i.indicator)}</td></tr>`,
                  )
                  .join(''),
            )
            .join('')}</tbody>
</table>
</section>`,
        )
        .join('\n')
    : '<p>Согласованная дорожная карта пока не опубликована.</p>';
  const paragraphs = (text: string) =>
    text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => `<p>${e(p).replace(/\n/g, '<br>')}</p>`)
      .join('');
  const news = page.news.length
    ? page.news
        .map((n) => `<article><h3>${e(n.title)}</h3><p><time datetime="${e(n.date)}">${e(dateRu(n.date))}</time></p>${paragraphs(n.text)}</article>`)
        .join('\n')
    : '<p>Новостей пока нет.</p>';
  const practices = page.bestPractices.length
    ? page.bestPractices
        .map(
          (p) => `<article><h3>${e(p.title)}</h3>
<p>${e(p.programmeName)}; ${e(p.formLabel)}${p.kindLabel ? `, ${e(p.kindLabel)}` : ''}. Опубликовано ${e(dateRu(p.publishedOn))}.</p>
${paragraphs(p.summary)}${p.results ? `<p><strong>Результаты:</strong></p>${paragraphs(p.results)}` : ''}${
            p.participants.length ? `<p>Участники: ${e(p.participants.join('; '))}</p>` : ''
          }</article>`,
        )
        .join('\n')
    : '<p>Пока нет опубликованных практик.</p>';
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Наставничество — ${e(page.organization.shortName)}</title>
<style>
body{font-family:"PT Serif","Times New Roman",serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1a1a1a;line-height:1.45}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border:1px solid #999;padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#eef1f5}tr.section td{background:#f6f6f6;font-weight:bold}h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2rem}
</style>
</head>
<body>
<h1>Наставничество: ${e(page.organization.name)}</h1>
<p>${e(page.district.name)}${page.organization.address ? `; ${e(page.organization.address)}` : ''}</p>
<h2>Программы наставничества</h2>
${programmes}
<h2>Дорожная карта (согласованная, действующая)</h2>
${roadmaps}
<h2>Новости</h2>
${news}
<h2>Лучшие практики</h2>
${practices}
</body>
</html>
`;
}

/** No scripts, no forms, no external resources; any site may frame the page. */
export const EMBEDDABLE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

function sendBody(res: ServerResponse, status: number, contentType: string, body: Buffer | string, extra: Record<string, string> = {}) {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', String(data.length));
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'public, max-age=300');
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  res.end(data);
}

/**
 * Public pages, no token (the GraphQL context is never built):
 *
 *   GET /public/schools/<districtCode>/<organizationCode>                         JSON
 *   GET /public/schools/<districtCode>/<organizationCode>.html                    the page in Russian
 *   GET /public/schools/<districtCode>/<organizationCode>/roadmaps/<id>.docx|pdf  the agreed revision in force only
 */
export function publicRoutes(service: PublicService): HttpRoute[] {
  const PAGE = /^\/public\/schools\/([^/]+)\/([^/]+?)(\.html)?$/;
  const FILE = /^\/public\/schools\/([^/]+)\/([^/]+)\/roadmaps\/([^/]+)\.(docx|pdf)$/;
  return [
    {
      method: 'GET',
      match: (pathname) => {
        const m = PAGE.exec(pathname);
        return m ? { district: decode(m[1]!), organization: decode(m[2]!), html: m[3] ? '1' : '' } : null;
      },
      async handle({ res, params }) {
        const page = await service.page(params.district!, params.organization!);
        // Schools embed the page on their own sites (an iframe) or read the JSON from a script:
        // framing and cross-origin reads are allowed; the page itself runs no script.
        if (params.html) sendBody(res, 200, 'text/html; charset=utf-8', renderPublicSchoolHtml(page), { 'content-security-policy': EMBEDDABLE_PAGE_CSP });
        else sendBody(res, 200, 'application/json; charset=utf-8', JSON.stringify(page), { 'access-control-allow-origin': '*' });
      },
    },
    {
      method: 'GET',
      match: (pathname) => {
        const m = FILE.exec(pathname);
        return m ? { district: decode(m[1]!), organization: decode(m[2]!), revision: decode(m[3]!), format: m[4]! } : null;
      },
      async handle({ res, params }) {
        const file = await service.roadmapFile(params.district!, params.organization!, params.revision!, params.format as 'docx' | 'pdf');
        sendBody(res, 200, file.contentType, file.data, { 'content-disposition': contentDisposition(file.fileName) });
      },
    },
  ];
}
