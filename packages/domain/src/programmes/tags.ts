/**
 * The shared catalogue of tags (issue 5: «competences (mentors) and requests (mentees) as tags from
 * a shared catalogue plus free text»; issue 6: the partners' mentors): groups of canonical tags with
 * their synonyms, and a normaliser that turns what people type («Английский», «english», «ЕГЭ»,
 * «  Волонтерство ») into one canonical tag, so that a request and a competence meet in matching.
 * Tags outside the catalogue stay allowed (cleaned, lower-case): the catalogue suggests, never limits.
 */

export interface CatalogueTag {
  /** The canonical tag as stored and shown (lower-case unless it is an abbreviation: «подготовка к ЕГЭ»). */
  tag: string;
  /** Other spellings and names that mean the same tag. */
  synonyms?: readonly string[];
}

export interface TagGroup {
  code: string;
  label: string;
  tags: readonly CatalogueTag[];
}

const t = (tag: string, ...synonyms: string[]): CatalogueTag => (synonyms.length ? { tag, synonyms } : { tag });

export const TAG_CATALOGUE: readonly TagGroup[] = [
  {
    code: 'subjects',
    label: 'Учебные предметы',
    tags: [
      t('математика', 'матеша', 'алгебра', 'геометрия', 'math', 'maths'),
      t('физика', 'physics'),
      t('химия', 'chemistry'),
      t('биология', 'biology'),
      t('информатика', 'икт', 'computer science'),
      t('русский язык', 'русский', 'русяз'),
      t('литература', 'чтение'),
      t('история', 'history'),
      t('обществознание', 'общество'),
      t('география', 'geography'),
      t('английский язык', 'английский', 'english', 'англ'),
      t('немецкий язык', 'немецкий', 'german', 'deutsch'),
      t('французский язык', 'французский', 'french'),
      t('китайский язык', 'китайский', 'chinese'),
      t('родной язык', 'башкирский язык', 'татарский язык'),
      t('экономика', 'economics'),
      t('право', 'правоведение'),
      t('астрономия'),
    ],
  },
  {
    code: 'exams',
    label: 'Подготовка к экзаменам',
    tags: [
      t('подготовка к ОГЭ', 'огэ', 'гиа', 'гиа-9'),
      t('подготовка к ЕГЭ', 'егэ', 'гиа-11'),
      t('итоговое сочинение', 'сочинение'),
      t('итоговое собеседование', 'собеседование по русскому языку'),
    ],
  },
  {
    code: 'career',
    label: 'Профориентация',
    tags: [
      t('профориентация', 'профессиональная ориентация', 'выбор профессии', 'кем стать'),
      t('инженерные профессии', 'инженерия', 'инженер'),
      t('медицинские профессии', 'медицина', 'врач'),
      t('IT-профессии', 'it', 'айти', 'ит-профессии', 'it профессии'),
      t('рабочие профессии', 'рабочая профессия', 'колледж'),
      t('педагогические профессии', 'профессия учителя', 'педагог'),
      t('предпринимательство', 'бизнес', 'свое дело'),
      t('финансовая грамотность', 'финграмотность', 'финансы'),
      t('поступление в вуз', 'поступление', 'абитуриент'),
      t('стажировка', 'практика на предприятии', 'профпробы', 'профессиональные пробы'),
    ],
  },
  {
    code: 'adaptation',
    label: 'Адаптация',
    tags: [
      t('адаптация в классе', 'адаптация', 'новый класс', 'новенький'),
      t('адаптация в новой школе', 'новая школа', 'переход в другую школу'),
      t('переход в 5 класс', 'переход в пятый класс', 'пятиклассник'),
      t('переход в 10 класс', 'переход в десятый класс', 'десятиклассник'),
      t('адаптация молодого педагога', 'молодой педагог', 'молодой специалист', 'начинающий учитель'),
      t('языковая адаптация', 'русский как иностранный', 'рки'),
    ],
  },
  {
    code: 'projects',
    label: 'Проекты и исследования',
    tags: [
      t('проектная деятельность', 'проекты', 'проект', 'индивидуальный проект'),
      t('исследовательская работа', 'исследования', 'исследование', 'наука', 'научная работа'),
      t('научно-практическая конференция', 'нпк', 'конференция'),
      t('социальное проектирование', 'социальный проект', 'социальные проекты'),
      t('стартап', 'стартапы', 'startup'),
      t('экология', 'экологический проект'),
    ],
  },
  {
    code: 'olympiads',
    label: 'Олимпиады и конкурсы',
    tags: [
      t('олимпиадная подготовка', 'олимпиады', 'олимпиада', 'всош', 'подготовка к олимпиадам'),
      t('конкурсы', 'конкурс'),
      t('хакатоны', 'хакатон', 'hackathon'),
      t('чемпионаты профмастерства', 'профессионалы', 'worldskills', 'ворлдскиллс'),
    ],
  },
  {
    code: 'digital',
    label: 'Цифровые навыки',
    tags: [
      t('программирование', 'кодинг', 'coding', 'programming'),
      t('робототехника', 'роботы', 'lego', 'лего-конструирование', 'arduino'),
      t('3D-моделирование', '3d', '3д', '3d моделирование', '3д-моделирование', '3d-печать'),
      t('веб-разработка', 'веб', 'сайты', 'web', 'frontend'),
      t('искусственный интеллект', 'ии', 'ai', 'нейросети', 'машинное обучение'),
      t('анализ данных', 'data science', 'аналитика данных'),
      t('кибербезопасность', 'информационная безопасность', 'безопасность в интернете'),
      t('цифровая грамотность', 'компьютерная грамотность'),
      t('дизайн интерфейсов', 'ui', 'ux', 'ui/ux'),
      t('видеомонтаж', 'монтаж видео', 'видео'),
    ],
  },
  {
    code: 'creativity',
    label: 'Творчество',
    tags: [
      t('изобразительное искусство', 'рисование', 'живопись', 'изо'),
      t('музыка', 'музыкальный инструмент'),
      t('вокал', 'пение', 'хор'),
      t('театр', 'театральная студия', 'актерское мастерство'),
      t('хореография', 'танцы', 'танец'),
      t('фотография', 'фото'),
      t('литературное творчество', 'писательство', 'стихи', 'творческое письмо'),
      t('дизайн', 'графический дизайн'),
      t('декоративно-прикладное творчество', 'дпи', 'рукоделие'),
      t('медиа и журналистика', 'журналистика', 'школьные медиа', 'школьная газета', 'блогинг'),
    ],
  },
  {
    code: 'sport',
    label: 'Спорт и здоровье',
    tags: [
      t('физическая культура', 'физкультура', 'физра', 'спорт'),
      t('футбол'),
      t('баскетбол'),
      t('волейбол'),
      t('шахматы', 'chess'),
      t('лёгкая атлетика', 'атлетика', 'бег'),
      t('плавание'),
      t('ГТО', 'нормы гто'),
      t('туризм', 'походы', 'спортивный туризм'),
      t('здоровый образ жизни', 'зож'),
    ],
  },
  {
    code: 'leadership',
    label: 'Лидерство и общественная деятельность',
    tags: [
      t('лидерство', 'лидерские качества', 'лидер'),
      t('ученическое самоуправление', 'самоуправление', 'совет обучающихся', 'школьный парламент'),
      t('волонтёрство', 'волонтерство', 'добровольчество', 'волонтер'),
      t('публичные выступления', 'ораторское искусство', 'риторика', 'выступления'),
      t('командная работа', 'работа в команде', 'командообразование'),
      t('Движение первых', 'движение первых', 'рддм'),
      t('тайм-менеджмент', 'управление временем', 'планирование времени'),
      t('патриотическое воспитание', 'юнармия', 'краеведение'),
    ],
  },
  {
    code: 'support',
    label: 'Психологическая поддержка',
    tags: [
      t('мотивация к учёбе', 'мотивация', 'учебная мотивация', 'неуспеваемость'),
      t('уверенность в себе', 'самооценка', 'неуверенность'),
      t('общение со сверстниками', 'общение', 'коммуникация', 'друзья'),
      t('стрессоустойчивость', 'стресс', 'тревожность', 'волнение на экзаменах'),
      t('профилактика буллинга', 'буллинг', 'травля'),
      t('трудная жизненная ситуация', 'тжс', 'трудная ситуация'),
      t('самоорганизация', 'организованность', 'саморегуляция'),
    ],
  },
  {
    code: 'pedagogy',
    label: 'Педагогическое мастерство',
    tags: [
      t('методика преподавания', 'методика', 'методическая помощь'),
      t('классное руководство', 'классный руководитель'),
      t('работа с родителями', 'родители'),
      t('инклюзивное образование', 'инклюзия', 'овз', 'дети с овз'),
      t('цифровые инструменты педагога', 'цифровые инструменты', 'эор'),
      t('аттестация педагога', 'аттестация'),
    ],
  },
];

/** The longest tag kept (longer text belongs to the free-text description). */
export const TAG_MAX_LENGTH = 60;

/**
 * The comparison key of a tag: lower-case, «ё» as «е», one space between words, no quotes, «#» or
 * trailing dots, dashes without spaces around them. Two tags with one key are the same tag.
 */
export function tagKey(raw: string): string {
  return raw
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'“”„#]/g, '')
    .replace(/\s*[-‐‑–—]\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s.,;:!?-]+|[\s.,;:!?-]+$/g, '');
}

/** key → canonical tag, for every tag of the catalogue and each of its synonyms. */
const INDEX: ReadonlyMap<string, string> = (() => {
  const index = new Map<string, string>();
  for (const group of TAG_CATALOGUE) {
    for (const def of group.tags) {
      for (const name of [def.tag, ...(def.synonyms ?? [])]) {
        const key = tagKey(name);
        const existing = index.get(key);
        if (existing && existing !== def.tag) throw new Error(`tag catalogue: «${name}» means both «${existing}» and «${def.tag}»`);
        index.set(key, def.tag);
      }
    }
  }
  return index;
})();

const GROUP_OF: ReadonlyMap<string, TagGroup> = new Map(TAG_CATALOGUE.flatMap((g) => g.tags.map((d) => [d.tag, g] as const)));

/**
 * One tag as typed → its canonical form: a catalogue tag when the text is the tag or one of its
 * synonyms (case, «ё», spaces and quotes aside), else the cleaned text in lower case; null when
 * nothing is left. Longer than TAG_MAX_LENGTH: cut at a word boundary.
 */
export function normalizeTag(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const key = tagKey(raw);
  if (!key) return null;
  const known = INDEX.get(key);
  if (known) return known;
  const cleaned = raw
    .normalize('NFC')
    .toLowerCase()
    .replace(/[«»"'“”„#]/g, '')
    .replace(/\s*[-‐‑–—]\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s.,;:!?-]+|[\s.,;:!?-]+$/g, '');
  if (cleaned.length <= TAG_MAX_LENGTH) return cleaned;
  const cut = cleaned.slice(0, TAG_MAX_LENGTH);
  const space = cut.lastIndexOf(' ');
  return (space > 20 ? cut.slice(0, space) : cut).trim();
}

/** A list of tags → canonical, without empties and duplicates (the first spelling's position kept). */
export function normalizeTags(raw: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    const tag = normalizeTag(item);
    if (!tag) continue;
    const key = tagKey(tag);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** Tags typed in one field, separated by commas or semicolons («математика; ЕГЭ, english»). */
export function parseTagText(text: string): string[] {
  return normalizeTags(text.split(/[,;\n]/));
}

/**
 * The tags of a field that will be saved in another spelling than typed: a synonym becomes its
 * catalogue tag («english» → «английский язык»), an over-long tag is cut. Case, «ё», spaces and
 * quotes alone are not a rewrite. Shown under the field, so the change is never a surprise.
 */
export function tagRewrites(text: string): Array<{ typed: string; saved: string }> {
  const rewrites: Array<{ typed: string; saved: string }> = [];
  for (const part of text.split(/[,;\n]/)) {
    const typed = part.trim();
    const saved = normalizeTag(typed);
    if (saved && tagKey(saved) !== tagKey(typed) && !rewrites.some((r) => r.saved === saved && r.typed === typed)) rewrites.push({ typed, saved });
  }
  return rewrites;
}

/** Is this tag from the catalogue (in its canonical spelling)? */
export function isCatalogueTag(tag: string): boolean {
  return GROUP_OF.has(tag);
}

/** The catalogue group of a canonical tag, if any. */
export function tagGroupOf(tag: string): TagGroup | null {
  return GROUP_OF.get(tag) ?? null;
}

/** Every canonical tag of the catalogue, in catalogue order. */
export function catalogueTags(): string[] {
  return TAG_CATALOGUE.flatMap((g) => g.tags.map((d) => d.tag));
}

/**
 * Suggestions for what is being typed: catalogue tags whose key or a synonym's key starts with (then
 * contains) the typed key; the canonical tag once per match, at most `limit`.
 */
export function suggestTags(typed: string, limit = 10): string[] {
  const key = tagKey(typed);
  if (!key) return [];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const [name, tag] of INDEX) {
    if (name.startsWith(key)) starts.push(tag);
    else if (name.includes(key)) contains.push(tag);
  }
  return [...new Set([...starts, ...contains])].slice(0, limit);
}
