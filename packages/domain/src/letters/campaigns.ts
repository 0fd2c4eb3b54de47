import { formatDateRu } from '../dates.js';
import { composeLetter, greetingRu, type LetterContent } from './compose.js';

/** To a school's curator and director: the district reminds them of a campaign's due date («Напомнить»). */
export function campaignReminderLetter(facts: {
  greetingName: string | null;
  organizationName: string;
  campaignTitle: string;
  /** ГГГГ-ММ-ДД. */
  dueDate: string;
  overdue: boolean;
  by: string;
  link: string;
}): LetterContent {
  const due = formatDateRu(facts.dueDate);
  return composeLetter(`Напоминание: дорожная карта ${facts.overdue ? 'не представлена' : `до ${due}`} — ${facts.campaignTitle}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [
      facts.overdue
        ? `Срок представления дорожной карты по кампании «${facts.campaignTitle}» истёк ${due}, а дорожная карта ${facts.organizationName} ещё не представлена.`
        : `Дорожную карту ${facts.organizationName} по кампании «${facts.campaignTitle}» нужно представить до ${due}.`,
      `Напоминает: ${facts.by}.`,
    ],
    action: { label: 'Открыть кампанию', url: facts.link },
    why: 'Вы получили это письмо, потому что вы куратор или директор этой организации в платформе «Наставник».',
  });
}
