import { composeLetter, escapeHtml, greetingRu, type LetterContent } from './compose.js';
import { NOTIFICATION_KINDS } from './kinds.js';

const kindLabel = (kind: string) => NOTIFICATION_KINDS[kind]?.label ?? kind;

/**
 * Adds the one-click unsubscribe for the letter's kind (issue 16) as its last line, in text and in
 * HTML: the sender renders the letter, the outbox adds the link when the kind may be switched off.
 */
export function withUnsubscribeLink(letter: LetterContent, kind: string, url: string): LetterContent {
  const label = kindLabel(kind);
  const line = `Отписаться от писем «${label}»: ${url}`;
  const html = `<p style="font-size: 13px; color: #616e7c;"><a href="${escapeHtml(url)}">Отписаться от писем «${escapeHtml(label)}»</a></p>`;
  return {
    subject: letter.subject,
    text: `${letter.text}\n${line}`,
    html: letter.html.includes('</body>') ? letter.html.replace('</body>', `${html}\n</body>`) : `${letter.html}\n${html}`,
  };
}

export interface DigestEntry {
  subject: string;
  link: string | null;
}

/** The daily digest of the letters a user chose to receive once a day. */
export function digestLetter(input: { greetingName: string | null; entries: readonly DigestEntry[]; preferencesUrl: string }): LetterContent {
  const count = input.entries.length;
  return composeLetter(`Сводка уведомлений: ${count} ${pluralLetters(count)}`, {
    greeting: greetingRu(input.greetingName),
    paragraphs: [
      'Письма, которые вы выбрали получать раз в день:',
      input.entries.map((entry, index) => `${index + 1}. ${entry.subject}${entry.link ? ` — ${entry.link}` : ''}`).join('\n'),
    ],
    action: { label: 'Настроить уведомления', url: input.preferencesUrl },
    why: 'Вы получили эту сводку, потому что для этих видов писем выбрали режим «Раз в день, сводкой».',
  });
}

function pluralLetters(count: number): string {
  const mod10 = count % 10;
  const mod100 = count % 100;
  if (mod10 === 1 && mod100 !== 11) return 'письмо';
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 'письма';
  return 'писем';
}

/** The public unsubscribe page's texts (no login: the link in the letter is the key). */
export const UNSUBSCRIBE_PAGE_RU = {
  title: 'Отписка от писем',
  confirm: (label: string, address: string) => `Больше не присылать письма «${label}» на адрес ${address}?`,
  button: 'Отписаться',
  done: (label: string) => `Готово: письма «${label}» больше не придут. Вернуть их можно в разделе «Уведомления» после входа в систему.`,
  unknown: 'Ссылка для отписки не найдена: возможно, она устарела или письмо было удалено.',
  required: (label: string) => `Письма «${label}» отключить нельзя: они нужны для работы процесса.`,
  tooMany: 'Слишком много запросов. Попробуйте позже.',
  failed: 'Не удалось выполнить запрос. Попробуйте позже.',
} as const;
