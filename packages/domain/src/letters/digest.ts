import { formatDateRu } from '../dates.js';
import { pluralRu } from '../plural.js';
import { ROADMAP_STATE_LABELS_RU, type RoadmapState } from '../roadmap/approval.js';
import { composeLetter, greetingRu, type LetterContent } from './compose.js';

/**
 * The weekly digest of a district's officers and head (issue 16): what waits for the district,
 * what is overdue, what changed in the last seven days. Counts and school names only — never a
 * participant's data.
 */
export interface WeeklyDigestFacts {
  greetingName: string | null;
  districtName: string;
  /** ГГГГ-ММ-ДД: the day the digest is about (Monday). */
  today: string;
  /** School roadmaps waiting for the district, oldest first (the letter lists the first LIST_LIMIT). */
  waiting: ReadonlyArray<{ organizationName: string; roadmapTitle: string; state: RoadmapState; waitingDays: number }>;
  waitingTotal: number;
  /** Campaigns past their due date with schools that have not submitted. */
  overdueCampaigns: ReadonlyArray<{ title: string; dueDate: string; notSubmitted: readonly string[]; notSubmittedTotal: number; link: string }>;
  /** Schools with overdue items of their roadmap in force, most first. */
  overdueItems: ReadonlyArray<{ organizationName: string; count: number }>;
  overdueItemsSchools: number;
  changes: { agreed: number; returned: number; partnerApplications: number; pairsConfirmed: number };
  inboxLink: string;
}

export const DIGEST_LIST_LIMIT = 15;

const days = (n: number) => `${n} ${pluralRu(n, ['день', 'дня', 'дней'])}`;
const more = (shown: number, total: number) => (total > shown ? `\n…и ещё ${total - shown}` : '');

/** Nothing waits, nothing is overdue, nothing changed: no letter. */
export function isDigestEmpty(facts: Pick<WeeklyDigestFacts, 'waitingTotal' | 'overdueCampaigns' | 'overdueItemsSchools' | 'changes'>): boolean {
  const { agreed, returned, partnerApplications, pairsConfirmed } = facts.changes;
  return (
    facts.waitingTotal === 0 &&
    facts.overdueCampaigns.length === 0 &&
    facts.overdueItemsSchools === 0 &&
    agreed + returned + partnerApplications + pairsConfirmed === 0
  );
}

export function weeklyDigestLetter(facts: WeeklyDigestFacts): LetterContent {
  const waiting =
    facts.waitingTotal === 0
      ? 'Ждут решения муниципалитета: ничего.'
      : `Ждут решения муниципалитета — ${facts.waitingTotal} ${pluralRu(facts.waitingTotal, ['дорожная карта', 'дорожные карты', 'дорожных карт'])}:\n` +
        facts.waiting
          .slice(0, DIGEST_LIST_LIMIT)
          .map((w) => `• ${w.organizationName} — «${w.roadmapTitle}» (${ROADMAP_STATE_LABELS_RU[w.state].toLowerCase()}, ждёт ${days(w.waitingDays)})`)
          .join('\n') +
        more(Math.min(facts.waiting.length, DIGEST_LIST_LIMIT), facts.waitingTotal);
  const campaigns =
    facts.overdueCampaigns.length === 0
      ? 'Просроченных кампаний нет.'
      : 'Срок кампании истёк, дорожные карты представили не все школы:\n' +
        facts.overdueCampaigns
          .map(
            (c) =>
              `• «${c.title}» — срок ${formatDateRu(c.dueDate)}, не представили ${c.notSubmittedTotal}: ${c.notSubmitted.join(', ')}${c.notSubmittedTotal > c.notSubmitted.length ? ' и др.' : ''}\n  ${c.link}`,
          )
          .join('\n');
  const items =
    facts.overdueItemsSchools === 0
      ? 'Просроченных мероприятий действующих дорожных карт нет.'
      : `Просроченные мероприятия действующих дорожных карт — ${facts.overdueItemsSchools} ${pluralRu(facts.overdueItemsSchools, ['школа', 'школы', 'школ'])}:\n` +
        facts.overdueItems
          .slice(0, DIGEST_LIST_LIMIT)
          .map((s) => `• ${s.organizationName}: ${s.count}`)
          .join('\n') +
        more(Math.min(facts.overdueItems.length, DIGEST_LIST_LIMIT), facts.overdueItemsSchools);
  const c = facts.changes;
  const changes = [
    'За последние 7 дней:',
    `• согласовано дорожных карт: ${c.agreed}`,
    `• возвращено на доработку: ${c.returned}`,
    `• новых заявок партнёров: ${c.partnerApplications}`,
    `• подтверждено наставнических пар и групп: ${c.pairsConfirmed}`,
  ].join('\n');
  return composeLetter(`Сводка за неделю: ${facts.districtName}, ${formatDateRu(facts.today)}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [`Еженедельная сводка платформы «Наставник» по муниципалитету ${facts.districtName}.`, waiting, campaigns, items, changes],
    action: { label: 'Открыть «Входящие»', url: facts.inboxLink },
    why: 'Вы получили это письмо, потому что вы специалист или руководитель органа управления образованием этого муниципалитета в платформе «Наставник».',
  });
}
