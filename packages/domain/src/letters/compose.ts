/**
 * Letters of the platform (issue 16): Russian, plain text plus simple HTML, each with a direct link
 * to its object and why the person receives it. Pure: the API renders a letter when its event
 * happens and keeps it in the outbox as rendered.
 */
export interface LetterContent {
  subject: string;
  text: string;
  html: string;
}

export interface LetterParts {
  /** «Здравствуйте, Анна Сергеевна!» — or the bare greeting without a name. */
  greeting: string;
  /** Paragraphs of plain text. */
  paragraphs: readonly string[];
  /** The object's page. */
  action?: { label: string; url: string };
  /** Why this person receives it (the last line). */
  why: string;
  /** Where to turn this kind of letter off, when it may be turned off. */
  unsubscribeUrl?: string;
}

export const LETTER_SIGNATURE_RU = '— Платформа «Наставник»';

/** A name for the greeting: «Здравствуйте, Анна Сергеевна!» or «Здравствуйте!». */
export function greetingRu(name: string | null | undefined): string {
  const trimmed = name?.trim();
  return trimmed ? `Здравствуйте, ${trimmed}!` : 'Здравствуйте!';
}

/** HTML's five special characters: the letter's HTML copy shows user text as text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

export function composeLetter(subject: string, parts: LetterParts): LetterContent {
  const text = [
    parts.greeting,
    '',
    ...parts.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`, ''] : []),
    LETTER_SIGNATURE_RU,
    '',
    parts.why,
    ...(parts.unsubscribeUrl ? [`Отписаться от таких писем: ${parts.unsubscribeUrl}`] : []),
  ].join('\n');
  const p = (content: string, style = '') => `<p${style ? ` style="${style}"` : ''}>${content}</p>`;
  const html = [
    '<!doctype html><html lang="ru"><head><meta charset="utf-8"></head>',
    '<body style="font-family: Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2933;">',
    p(escapeHtml(parts.greeting)),
    ...parts.paragraphs.map((paragraph) => p(escapeHtml(paragraph).replace(/\n/g, '<br>'))),
    ...(parts.action ? [p(`<a href="${escapeHtml(parts.action.url)}">${escapeHtml(parts.action.label)}</a>`)] : []),
    p(escapeHtml(LETTER_SIGNATURE_RU)),
    p(
      escapeHtml(parts.why) + (parts.unsubscribeUrl ? `<br><a href="${escapeHtml(parts.unsubscribeUrl)}">Отписаться от таких писем</a>` : ''),
      'font-size: 13px; color: #616e7c;',
    ),
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
