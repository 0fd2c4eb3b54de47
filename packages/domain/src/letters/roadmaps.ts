import { composeLetter, greetingRu, type LetterContent } from './compose.js';

export interface RoadmapLetterFacts {
  greetingName: string | null;
  /** «МОБУ «Гимназия»». */
  organizationName: string;
  /** «Дорожная карта …» or the programme's name. */
  roadmapTitle: string;
  link: string;
  /** Who decided: «Исхакова Л.Ф., директор». */
  by: string;
}

const OPEN = 'Открыть дорожную карту';

const why = (role: string) => `Вы получили это письмо, потому что вы ${role} в платформе «Наставник».`;

/** To the school's director: the curator submitted the roadmap for approval. */
export function roadmapWaitsForDirectorLetter(facts: RoadmapLetterFacts): LetterContent {
  return composeLetter(`Дорожная карта ждёт утверждения: ${facts.organizationName}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [
      `${facts.by} направил(а) на утверждение дорожную карту «${facts.roadmapTitle}».`,
      'Утвердите её (гриф УТВЕРЖДАЮ) или верните куратору с замечаниями.',
    ],
    action: { label: OPEN, url: facts.link },
    why: why('директор этой организации'),
  });
}

/** To the district's officers: the director approved it and it waits for their agreement. */
export function roadmapSubmittedLetter(facts: RoadmapLetterFacts): LetterContent {
  return composeLetter(`На согласование: дорожная карта ${facts.organizationName}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [`${facts.organizationName} представила на согласование дорожную карту «${facts.roadmapTitle}» (утвердил(а): ${facts.by}).`],
    action: { label: OPEN, url: facts.link },
    why: why('специалист муниципалитета, согласующий дорожные карты школ'),
  });
}

/** To the school's curator: returned by the director or the district, with the remarks. */
export function roadmapReturnedLetter(facts: RoadmapLetterFacts & { byDistrict: boolean; comment: string | null; remarks: readonly string[] }): LetterContent {
  const remarks = facts.remarks.length > 0 ? [`Замечания к мероприятиям:\n${facts.remarks.map((remark) => `• ${remark}`).join('\n')}`] : [];
  return composeLetter(`Дорожная карта возвращена на доработку: ${facts.organizationName}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [
      `${facts.byDistrict ? 'Муниципалитет' : 'Директор'} вернул(а) дорожную карту «${facts.roadmapTitle}» на доработку (${facts.by}).`,
      ...(facts.comment ? [`Комментарий: ${facts.comment}`] : []),
      ...remarks,
      facts.byDistrict
        ? 'Создайте новую редакцию, исправьте замечания и направьте её на утверждение снова.'
        : 'Исправьте замечания и направьте дорожную карту на утверждение снова.',
    ],
    action: { label: OPEN, url: facts.link },
    why: why('куратор программы наставничества этой организации'),
  });
}

/** To the school's curator and director: the district agreed it; it is in force. */
export function roadmapAgreedLetter(facts: RoadmapLetterFacts): LetterContent {
  return composeLetter(`Дорожная карта согласована: ${facts.organizationName}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [`Дорожная карта «${facts.roadmapTitle}» согласована (${facts.by}) и действует. Отмечайте выполнение мероприятий в платформе.`],
    action: { label: OPEN, url: facts.link },
    why: why('куратор или директор этой организации'),
  });
}
