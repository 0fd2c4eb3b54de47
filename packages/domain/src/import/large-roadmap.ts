/**
 * A made-up roadmap of 2,000 items (20 sections of 100) for the tests and the benches, one for all of
 * them: the same rows as text, as Word and as PDF. An item's number, topic and protocol are its own,
 * so a row read twice, split in two or shifted shows.
 */

export const LARGE_ROADMAP = { sections: 20, items: 100 } as const;

export const LARGE_ROADMAP_TITLE = 'Дорожная карта реализации целевой модели наставничества на 2024-2025 учебный год';

export const LARGE_ROADMAP_HEADINGS = ['№ п/п', 'Наименование мероприятий', 'Сроки', 'Ответственные', 'Результат. Вид документа'] as const;

const MONTHS = ['Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь', 'Январь', 'Февраль', 'Март', 'Апрель', 'Май'] as const;

/** One item's cells: number, activity, deadline, responsible, result. */
export function largeRoadmapItem(section: number, item: number): [string, string, string, string, string] {
  return [
    `${section}.${item}.`,
    `Встреча наставников и наставляемых «Тема ${item}»`,
    `${MONTHS[(section + item) % MONTHS.length]} 2024`,
    'зам. директора А.Б. Иванова',
    `Протокол № ${section}-${item}`,
  ];
}

/** The table's rows under its heading: each section's row, then its items. */
export function largeRoadmapRows(sections: number = LARGE_ROADMAP.sections, items: number = LARGE_ROADMAP.items): string[][] {
  const out: string[][] = [];
  for (let s = 1; s <= sections; s++) {
    out.push([`${s}.`, `Направление работы № ${s}`, '', '', '']);
    for (let i = 1; i <= items; i++) out.push(largeRoadmapItem(s, i));
  }
  return out;
}

/** The roadmap as tab-separated text (Word's «save as text»): the title, the heading row, the rows. */
export function largeRoadmapText(sections: number = LARGE_ROADMAP.sections, items: number = LARGE_ROADMAP.items): string {
  return [LARGE_ROADMAP_TITLE, LARGE_ROADMAP_HEADINGS.join('\t'), ...largeRoadmapRows(sections, items).map((r) => r.join('\t'))].join('\n');
}
