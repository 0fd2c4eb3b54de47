// Benchmark of `suggestMatches` on a large school network: 2,000 mentees × 500 mentors, ~60 tags,
// preferences for 20 %. Plain node over the built package (run `npm run build -w @nastavnik/domain`
// first). Deterministic: a seeded PRNG. Exits non-zero when a median exceeds the budget.
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The budget of the issue; BENCH_BUDGET_MS overrides it (e.g. to check that a miss fails the run).
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 2000);
const RUNS = 5;
const MENTEES = 2000;
const MENTORS = 500;
const SCHOOLS = 25;
const PREFERENCE_SHARE = 0.2;

const dist = new URL('../dist/programmes/index.js', import.meta.url);
if (!existsSync(fileURLToPath(dist))) {
  console.error('dist/programmes/index.js not found: run `npm run build -w @nastavnik/domain` first.');
  process.exit(2);
}
const { suggestMatches } = await import(dist.href);

/** mulberry32: a small seeded PRNG, so every run sees the same network. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// code, label, words that people write about it
const TAGS = [
  ['math', 'Математика', 'математика задачи алгебра геометрия'],
  ['physics', 'Физика', 'физика опыты механика'],
  ['chemistry', 'Химия', 'химия реакции лаборатория'],
  ['biology', 'Биология', 'биология растения животные'],
  ['russian', 'Русский язык', 'грамотность орфография сочинение'],
  ['literature', 'Литература', 'литература чтение книги поэзия'],
  ['english', 'Английский язык', 'английский разговорный грамматика'],
  ['history', 'История', 'история события даты'],
  ['social', 'Обществознание', 'обществознание право экономика'],
  ['geography', 'География', 'география карты путешествия'],
  ['informatics', 'Информатика', 'информатика алгоритмы компьютер'],
  ['programming', 'Программирование', 'программирование python сайты'],
  ['robotics', 'Робототехника', 'робототехника конструирование arduino'],
  ['3d', '3D-моделирование', 'моделирование печать проектирование'],
  ['olympiad', 'Олимпиады', 'олимпиада подготовка призёр'],
  ['oge', 'Подготовка к ОГЭ', 'экзамен подготовка тренировка'],
  ['ege', 'Подготовка к ЕГЭ', 'экзамен баллы поступление'],
  ['projects', 'Проектная деятельность', 'проект исследование защита'],
  ['research', 'Исследования', 'исследование гипотеза эксперимент'],
  ['career', 'Профориентация', 'профессия выбор будущее'],
  ['speaking', 'Публичные выступления', 'выступление презентация уверенность'],
  ['debate', 'Дебаты', 'дебаты аргументы спор'],
  ['volunteering', 'Волонтёрство', 'волонтёрство помощь акции'],
  ['media', 'Школьные медиа', 'газета новости медиацентр'],
  ['theatre', 'Театр', 'театр сцена спектакль'],
  ['music', 'Музыка', 'музыка гитара хор'],
  ['art', 'Изобразительное искусство', 'рисование живопись графика'],
  ['design', 'Дизайн', 'дизайн композиция макет'],
  ['photo', 'Фотография', 'фотография съёмка камера'],
  ['football', 'Футбол', 'футбол тренировки команда'],
  ['basketball', 'Баскетбол', 'баскетбол броски команда'],
  ['chess', 'Шахматы', 'шахматы партии турнир'],
  ['tourism', 'Туризм', 'туризм походы маршрут'],
  ['ecology', 'Экология', 'экология природа отходы'],
  ['local-history', 'Краеведение', 'краеведение музей земляки'],
  ['finance', 'Финансовая грамотность', 'финансы бюджет деньги'],
  ['business', 'Предпринимательство', 'предпринимательство бизнес стартап'],
  ['leadership', 'Лидерство', 'лидерство команда самоуправление'],
  ['time', 'Тайм-менеджмент', 'планирование время расписание'],
  ['adaptation', 'Адаптация', 'адаптация переезд новый коллектив'],
  ['conflicts', 'Разрешение конфликтов', 'конфликты общение примирение'],
  ['communication', 'Коммуникация', 'общение друзья знакомства'],
  ['confidence', 'Уверенность в себе', 'уверенность самооценка страхи'],
  ['reading', 'Читательская грамотность', 'чтение тексты понимание'],
  ['writing', 'Письмо', 'сочинение эссе тексты'],
  ['digital', 'Цифровая грамотность', 'безопасность интернет приложения'],
  ['video', 'Видеомонтаж', 'видео монтаж ролики'],
  ['gamedev', 'Разработка игр', 'игры unity разработка'],
  ['engineering', 'Инженерия', 'инженерия чертежи техника'],
  ['medicine', 'Медицина', 'медицина здоровье анатомия'],
  ['law', 'Право', 'право законы юрист'],
  ['journalism', 'Журналистика', 'журналистика интервью репортаж'],
  ['psychology', 'Психология', 'психология эмоции стресс'],
  ['agro', 'Агротехнологии', 'сельское хозяйство теплица агротехнологии'],
  ['cooking', 'Кулинария', 'кулинария рецепты выпечка'],
  ['dance', 'Танцы', 'танцы хореография ансамбль'],
  ['crafts', 'Технология и ремёсла', 'столярное дело поделки мастерская'],
  ['military', 'Военно-патриотическое', 'юнармия строевая поисковый отряд'],
  ['first-aid', 'Первая помощь', 'первая помощь спасатели'],
  ['astronomy', 'Астрономия', 'астрономия звёзды космос'],
];
const FILLER = 'хочу научиться лучше понимать очень нравится занимаюсь давно готов помогать ребятам делиться опытом'.split(' ');

function network(seed) {
  const rnd = prng(seed);
  const int = (min, max) => min + Math.floor(rnd() * (max - min + 1));
  // Zipf-like popularity: some tags are asked for far more often than others.
  const zipf = TAGS.map((_, k) => 1 / (k + 1) ** 0.8);
  const total = zipf.reduce((a, b) => a + b, 0);
  const pickTag = () => {
    let x = rnd() * total;
    for (let k = 0; k < TAGS.length; k++) {
      x -= zipf[k];
      if (x <= 0) return k;
    }
    return TAGS.length - 1;
  };
  const tagsAndText = (min, max) => {
    const count = int(min, max);
    const picked = new Set();
    while (picked.size < count) picked.add(pickTag());
    const ks = [...picked];
    const words = [];
    for (const k of ks) {
      const own = TAGS[k][2].split(' ');
      words.push(own[int(0, own.length - 1)], own[int(0, own.length - 1)]);
      words.push(FILLER[int(0, FILLER.length - 1)]);
    }
    // A third of the people leave a tag out and only write about it.
    const tags = ks.filter(() => rnd() > 0.15).map((k) => TAGS[k][0]);
    return { tags, text: words.join(' ') };
  };
  const date = (year) => `${year}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  const mentees = [];
  for (let i = 0; i < MENTEES; i++) {
    const { tags, text } = tagsAndText(1, 4);
    mentees.push({
      id: `mentee-${String(i).padStart(4, '0')}`,
      category: 'pupil',
      birthDate: date(int(2009, 2014)),
      organizationId: `school-${int(1, SCHOOLS)}`,
      requestTags: tags,
      requestText: text,
    });
  }
  const mentors = [];
  for (let j = 0; j < MENTORS; j++) {
    const { tags, text } = tagsAndText(2, 6);
    const r = rnd();
    const category = r < 0.6 ? 'teacher' : r < 0.85 ? 'pupil' : 'partner-employee';
    mentors.push({
      id: `mentor-${String(j).padStart(3, '0')}`,
      category,
      birthDate: category === 'pupil' ? date(int(2008, 2009)) : date(int(1965, 2000)),
      organizationId: category === 'partner-employee' ? null : `school-${int(1, SCHOOLS)}`,
      partnerId: category === 'partner-employee' ? `partner-${int(1, 10)}` : null,
      competenceTags: tags,
      competenceText: text,
      capacity: int(2, 6),
      available: category === 'partner-employee' ? rnd() < 0.7 : rnd() < 0.97,
    });
  }
  const preferences = [];
  for (const mentee of mentees) {
    if (rnd() >= PREFERENCE_SHARE) continue;
    const choices = int(1, 3);
    for (let c = 1; c <= choices; c++) preferences.push({ fromId: mentee.id, toId: mentors[int(0, MENTORS - 1)].id, rank: c });
  }
  for (const mentor of mentors) {
    if (rnd() >= PREFERENCE_SHARE) continue;
    const choices = int(1, 3);
    for (let c = 1; c <= choices; c++) preferences.push({ fromId: mentor.id, toId: mentees[int(0, MENTEES - 1)].id, rank: c });
  }
  // Mutual choices after the networking meeting: some mentors answer their mentees' choices.
  for (const p of preferences.slice(0, 150)) {
    if (p.fromId.startsWith('mentee') && rnd() < 0.5) preferences.push({ fromId: p.toId, toId: p.fromId, rank: 1 });
  }
  return { mentees, mentors, preferences };
}

const FORM = {
  code: 'teacher-pupil-network',
  labelRu: 'Учитель – ученик (сетевая, с партнёрами)',
  mentorCategories: ['teacher', 'pupil', 'partner-employee'],
  menteeCategories: ['pupil'],
  source: { level: 'district', code: 'bench' },
};
const tagLabels = Object.fromEntries(TAGS.map(([code, label]) => [code, label]));
const { mentees, mentors, preferences } = network(20250901);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

let failed = false;
globalThis.gc?.();
const baseline = { heap: process.memoryUsage().heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 };
console.log(
  `suggestMatches: ${MENTEES} mentees × ${MENTORS} mentors, ${TAGS.length} tags, ${preferences.length} preference answers; ${RUNS} runs each, budget ${BUDGET_MS} ms (median)`,
);
for (const kind of ['traditional', 'group']) {
  const times = [];
  const heapDeltas = [];
  let result;
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    result = suggestMatches({ mentees, mentors, preferences, form: FORM, options: { on: '2025-09-01', kind, tagLabels } });
    const t1 = performance.now();
    heapDeltas.push(process.memoryUsage().heapUsed - before);
    times.push(t1 - t0);
  }
  const med = median(times);
  const max = Math.max(...times);
  const matched = result.suggestions.reduce((s, x) => s + x.menteeIds.length, 0);
  const reasons = {};
  for (const u of result.unmatched) reasons[u.reason] = (reasons[u.reason] ?? 0) + 1;
  console.log(
    [
      `\n${kind === 'group' ? 'group (capacity 2–6)' : 'traditional (one to one)'}:`,
      `  time: median ${med.toFixed(1)} ms, max ${max.toFixed(1)} ms, runs [${times.map((t) => t.toFixed(0)).join(', ')}] ms`,
      `  heap: +${mb(Math.max(...heapDeltas))} at most right after a run (before any GC; a lower bound of the peak)${globalThis.gc ? '' : ' — run with --expose-gc for a clean baseline'}`,
      `  eligible ${result.stats.eligibleMentees} mentees / ${result.stats.eligibleMentors} mentors, ${result.stats.candidateEdges} candidate edges`,
      `  matched ${matched} mentees in ${result.suggestions.length} suggestions, total score ${result.totalScore}`,
      `  unmatched: ${JSON.stringify(reasons)}; excluded mentors: ${result.excludedMentors.length}`,
    ].join('\n'),
  );
  if (med > BUDGET_MS) {
    console.error(`  FAIL: median ${med.toFixed(1)} ms exceeds ${BUDGET_MS} ms`);
    failed = true;
  }
}
const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(
  `\nprocess peak RSS ${mb(peakRss)} (before the runs ${mb(baseline.maxRss)}, growth ${mb(peakRss - baseline.maxRss)}); heap before the runs ${mb(baseline.heap)}`,
);
process.exit(failed ? 1 : 0);
