import { describe, expect, it } from 'vitest';
import { BUILT_IN_FORMS, type MentorshipForm, type MentorshipKind } from './catalog.js';
import {
  keywordStems,
  maxWeightAssignment,
  stemRu,
  suggestMatches,
  type MatchInput,
  type MatchMentee,
  type MatchMentor,
  type MatchPreference,
  type MatchResult,
} from './matching.js';

const ON = '2025-09-01';
const form = (code: string): MentorshipForm => BUILT_IN_FORMS.find((f) => f.code === code) as MentorshipForm;
const TEACHER_PUPIL = form('teacher-pupil');

const mentee = (id: string, requestTags: string[], extra: Partial<MatchMentee> = {}): MatchMentee => ({
  id,
  category: 'pupil',
  birthDate: '2012-03-14',
  organizationId: 'school-1',
  requestTags,
  requestText: '',
  ...extra,
});
const mentor = (id: string, competenceTags: string[], extra: Partial<MatchMentor> = {}): MatchMentor => ({
  id,
  category: 'teacher',
  birthDate: null,
  organizationId: 'school-2',
  partnerId: null,
  competenceTags,
  competenceText: '',
  ...extra,
});

function run(
  mentees: MatchMentee[],
  mentors: MatchMentor[],
  options: Partial<MatchInput['options']> & { preferences?: MatchPreference[]; form?: MentorshipForm } = {},
): MatchResult {
  const { preferences, form: f, ...rest } = options;
  return suggestMatches({ mentees, mentors, preferences, form: f ?? TEACHER_PUPIL, options: { on: ON, ...rest } });
}

/** mentorId → menteeIds, for compact expectations. */
const pairs = (result: MatchResult) => Object.fromEntries(result.suggestions.map((s) => [s.mentorId, s.menteeIds]));
const reasons = (result: MatchResult) => Object.fromEntries(result.unmatched.map((u) => [u.menteeId, u.reason]));

/** Exhaustive optimum of a capacitated assignment, for checking on small cases. */
function bruteForce(n: number, capacity: number[], weights: Map<string, number>): number {
  const load = capacity.map(() => 0);
  let best = 0;
  const go = (i: number, total: number) => {
    if (i === n) {
      best = Math.max(best, total);
      return;
    }
    go(i + 1, total);
    for (let j = 0; j < capacity.length; j++) {
      const w = weights.get(`${i}:${j}`);
      if (w === undefined || (load[j] as number) >= (capacity[j] as number)) continue;
      load[j] = (load[j] as number) + 1;
      go(i + 1, total + w);
      load[j] = (load[j] as number) - 1;
    }
  };
  go(0, 0);
  return best;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('maxWeightAssignment', () => {
  it.each<[string, number, number[], Array<[number, number, number]>, number[]]>([
    // mentee 0 is served first by a mentee-order greedy and takes mentor 0: 10 + 0 instead of 9 + 10
    [
      'beats greedy by mentee order',
      2,
      [1, 1],
      [
        [0, 0, 10],
        [0, 1, 9],
        [1, 0, 10],
      ],
      [1, 0],
    ],
    // the globally best edge (0–0, 10) is not in the optimum: 8 + 9 = 17 > 10 + 1
    [
      'beats greedy over sorted edges',
      2,
      [1, 1],
      [
        [0, 0, 10],
        [0, 1, 8],
        [1, 0, 9],
        [1, 1, 1],
      ],
      [1, 0],
    ],
    // a chain: everyone moves one step to let the last mentee in (3 × 9 + 10 > 3 × 10)
    [
      'moves placed mentees along an alternating path',
      4,
      [1, 1, 1, 1],
      [
        [0, 0, 10],
        [0, 1, 9],
        [1, 1, 10],
        [1, 2, 9],
        [2, 2, 10],
        [2, 3, 9],
        [3, 0, 10],
      ],
      [1, 2, 3, 0],
    ],
    [
      'leaves a mentee out when the total is higher',
      2,
      [1],
      [
        [0, 0, 10],
        [1, 0, 12],
      ],
      [-1, 0],
    ],
    [
      'respects capacities',
      3,
      [2, 1],
      [
        [0, 0, 10],
        [0, 1, 5],
        [1, 0, 10],
        [1, 1, 8],
        [2, 0, 10],
      ],
      [0, 1, 0],
    ],
    [
      'ignores non-positive and out-of-range edges',
      2,
      [1],
      [
        [0, 0, 0],
        [1, 0, -5],
        [2, 0, 50],
        [0, 3, 50],
      ],
      [-1, -1],
    ],
    [
      'keeps the best of duplicate edges',
      1,
      [1],
      [
        [0, 0, 3],
        [0, 0, 7],
      ],
      [0],
    ],
    ['handles no mentors', 2, [], [], [-1, -1]],
  ])('%s', (_, n, capacity, edges, expected) => {
    expect(maxWeightAssignment(n, capacity, edges)).toEqual(expected);
  });

  it('finds the optimum of 400 random small cases (checked exhaustively)', () => {
    const random = prng(42);
    for (let t = 0; t < 400; t++) {
      const n = 1 + Math.floor(random() * 7);
      const m = 1 + Math.floor(random() * 4);
      const capacity = Array.from({ length: m }, () => Math.floor(random() * 3) + (random() < 0.1 ? 0 : 1));
      const edges: Array<[number, number, number]> = [];
      const weights = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          if (random() < 0.6) {
            // few distinct values, so that ties are frequent
            const w = 1 + Math.floor(random() * (random() < 0.5 ? 4 : 20));
            edges.push([i, j, w]);
            weights.set(`${i}:${j}`, w);
          }
        }
      }
      const assignment = maxWeightAssignment(n, capacity, edges);
      const load = capacity.map(() => 0);
      let total = 0;
      for (const [i, j] of assignment.entries()) {
        if (j < 0) continue;
        expect(weights.has(`${i}:${j}`)).toBe(true);
        load[j] = (load[j] as number) + 1;
        total += weights.get(`${i}:${j}`) as number;
      }
      for (const [j, l] of load.entries()) expect(l).toBeLessThanOrEqual(capacity[j] as number);
      expect(total, `case ${t}: ${JSON.stringify({ capacity, edges })}`).toBe(bruteForce(n, capacity, weights));
    }
  });
});

describe('keywords', () => {
  it.each([
    ['математика', 'матема'],
    ['математике', 'матема'],
    ['Математический', 'матема'],
    ['олимпиадам', 'олимпи'],
    ['робототехникой', 'робото'],
    ['чтение', 'чтен'],
    ['чтения', 'чтен'],
    ['ёлка', 'елка'],
    ['python', 'python'],
  ])('stem of %s → %s', (word, stem) => {
    expect(stemRu(word)).toBe(stem);
  });

  it('keeps the words that matter, each once, with its first spelling', () => {
    expect([...keywordStems('Хочу подготовиться к олимпиаде по математике; математика — очень нравится! Работа с 3D-принтером, 2024')]).toEqual([
      ['подгот', 'подготовиться'],
      ['олимпи', 'олимпиаде'],
      ['матема', 'математике'],
      ['принте', 'принтером'],
    ]);
  });
});

describe('suggestMatches: known best answers', () => {
  // Tag weights give exact edge scores (10 points × weight).
  const tagWeights = { x1: 1, y8: 0.8, bx: 0.9, by: 0.1 };

  it('beats both greedy strategies: A–Y + B–X = 17, not A–X + B–Y = 11', () => {
    const result = run([mentee('A', ['x1', 'y8']), mentee('B', ['bx', 'by'])], [mentor('X', ['x1', 'bx']), mentor('Y', ['y8', 'by'])], { tagWeights });
    expect(pairs(result)).toEqual({ X: ['B'], Y: ['A'] });
    expect(result.totalScore).toBe(17);
    expect(result.unmatched).toEqual([]);
  });

  it('gives the contested mentor to the mentee without an alternative, whatever the input order', () => {
    const mentees = [mentee('A', ['math', 'physics']), mentee('B', ['math'])];
    const mentors = [mentor('X', ['math']), mentor('Y', ['physics'])];
    for (const order of [mentees, [...mentees].reverse()]) {
      const result = run(order, mentors);
      expect(pairs(result)).toEqual({ X: ['B'], Y: ['A'] });
      expect(result.totalScore).toBe(20);
    }
  });

  it('leaves out the weaker mentee when one mentor is wanted by two', () => {
    const result = run([mentee('A', ['math']), mentee('B', ['math', 'olympiad'])], [mentor('X', ['math', 'olympiad'])]);
    expect(pairs(result)).toEqual({ X: ['B'] });
    expect(result.unmatched).toEqual([
      { menteeId: 'A', reason: 'capacity-exhausted', text: 'Подходящие наставники (1) заняты: их места отданы парам с большей суммарной оценкой' },
    ]);
  });

  it('fills groups up to each mentor’s capacity, optimally', () => {
    // X takes two, Y one. Best: X {A, C} + Y {B} = 10 + 10 + 8 = 28 (not X {A, B} + Y {} = 20, nor X {B, C} + Y {A} = 25).
    const tw = { a: 1, b: 0.5, c: 0.8 };
    const result = run(
      [mentee('A', ['a', 'b']), mentee('B', ['a', 'c']), mentee('C', ['a'])],
      [mentor('X', ['a'], { capacity: 2 }), mentor('Y', ['b', 'c'], { capacity: 1 })],
      { kind: 'group', tagWeights: tw },
    );
    expect(pairs(result)).toEqual({ X: ['A', 'C'], Y: ['B'] });
    expect(result.totalScore).toBe(28);
    expect(result.suggestions.map((s) => [s.type, s.score, s.menteeScores, s.notes])).toEqual([
      ['group', 20, [10, 10], []],
      ['group', 8, [8], ['В группе один наставляемый: групповой форме нужно не менее двух — оформите пару или добавьте участников']],
    ]);
  });

  it('uses the group size option for mentors without a capacity, and one mentee per mentor one to one', () => {
    const mentees = ['A', 'B', 'C'].map((id) => mentee(id, ['math']));
    expect(run(mentees, [mentor('X', ['math'])], { kind: 'group', groupSize: 2 }).suggestions[0]?.menteeIds).toHaveLength(2);
    expect(run(mentees, [mentor('X', ['math'])], { kind: 'group' }).suggestions[0]?.menteeIds).toHaveLength(3);
    for (const kind of ['traditional', 'virtual', 'reverse'] as MentorshipKind[]) {
      expect(run(mentees, [mentor('X', ['math'], { capacity: 3 })], { kind }).suggestions[0]?.menteeIds).toHaveLength(1);
    }
  });

  it('prefers the same organisation when all else is equal', () => {
    const result = run([mentee('A', ['math'])], [mentor('X', ['math']), mentor('Y', ['math'], { organizationId: 'school-1' })]);
    expect(pairs(result)).toEqual({ Y: ['A'] });
    expect(result.totalScore).toBe(15);
  });
});

describe('suggestMatches: hard constraints', () => {
  it('refuses mentees the form or the age rules exclude, with the reason', () => {
    const result = run(
      [
        mentee('ok', ['math']),
        mentee('parent', ['math'], { category: 'parent' }),
        mentee('young', ['math'], { birthDate: '2016-01-01' }),
        mentee('old', ['math'], { birthDate: '2005-08-31' }),
        mentee('nodate', ['math'], { birthDate: null }),
        mentee('ok', ['math']),
      ],
      [mentor('X', ['math'], { capacity: 9 })],
      { kind: 'group' },
    );
    expect(pairs(result)).toEqual({ X: ['ok'] });
    expect(result.unmatched.map((u) => [u.menteeId, u.reason, u.text])).toEqual([
      ['nodate', 'birth-date-missing', 'Не указана дата рождения: нельзя проверить возрастные ограничения'],
      ['ok', 'duplicate', 'Повторяющийся идентификатор: учтена только первая запись'],
      ['old', 'age-out-of-range', 'Дата рождения: наставляемому-обучающемуся должно быть от 10 до 19 лет (сейчас 20)'],
      ['parent', 'category-not-in-form', 'Категория «Родитель» не может быть наставляемым в форме «Учитель – ученик»'],
      ['young', 'age-out-of-range', 'Дата рождения: наставляемому-обучающемуся должно быть от 10 до 19 лет (сейчас 9)'],
    ]);
  });

  it('excludes mentors by category, age, availability and capacity', () => {
    const pupilPupil = form('pupil-pupil');
    const result = run(
      [mentee('A', ['math'], { birthDate: '2014-01-01' })],
      [
        mentor('teacher', ['math']),
        mentor('pupil-14', ['math'], { category: 'pupil', birthDate: '2011-01-01' }),
        mentor('pupil-nodate', ['math'], { category: 'pupil' }),
        mentor('pupil-busy', ['math'], { category: 'pupil', birthDate: '2009-01-01', available: false }),
        mentor('pupil-full', ['math'], { category: 'pupil', birthDate: '2009-01-01', capacity: 0 }),
        mentor('pupil-16', ['math'], { category: 'pupil', birthDate: '2009-01-01' }),
      ],
      { form: pupilPupil },
    );
    expect(pairs(result)).toEqual({ 'pupil-16': ['A'] });
    expect(result.excludedMentors.map((e) => [e.mentorId, e.reason, e.text])).toEqual([
      ['pupil-14', 'age-out-of-range', 'Дата рождения: наставнику-обучающемуся должно быть от 15 до 19 лет (сейчас 14)'],
      ['pupil-busy', 'unavailable', 'Наставник сейчас не принимает наставляемых'],
      ['pupil-full', 'no-capacity', 'Нет свободных мест у наставника'],
      ['pupil-nodate', 'birth-date-missing', 'Не указана дата рождения: нельзя проверить возрастные ограничения'],
      ['teacher', 'category-not-in-form', 'Категория «Педагог» не может быть наставником в форме «Ученик – ученик»'],
    ]);
  });

  it('takes partner employees only when flagged available', () => {
    const employer = form('employer-pupil');
    const partner = (available: boolean | null) =>
      mentor('P', ['robotics'], { category: 'partner-employee', organizationId: null, partnerId: 'rostelecom', available });
    for (const [available, expected] of [
      [true, { P: ['A'] }],
      [null, {}],
      [false, {}],
    ] as const) {
      const result = run([mentee('A', ['robotics'])], [partner(available)], { form: employer });
      expect(pairs(result)).toEqual(expected);
    }
    expect(run([mentee('A', ['robotics'])], [partner(null)], { form: employer }).excludedMentors[0]?.text).toBe(
      'Сотрудник организации-партнёра не отмечен как доступный для этой программы',
    );
  });

  it('never pairs a person with themself', () => {
    const result = run([mentee('same', ['math'], { birthDate: '2009-01-01' })], [mentor('same', ['math'], { category: 'pupil', birthDate: '2009-01-01' })], {
      form: form('pupil-pupil'),
      preferences: [{ fromId: 'same', toId: 'same' }],
    });
    expect(result.suggestions).toEqual([]);
    expect(reasons(result)).toEqual({ same: 'no-common-interest' });
  });

  it('opens reverse mentoring both ways', () => {
    const teacherTeacher = form('teacher-teacher');
    const young = mentor('young', ['digital'], { category: 'young-specialist' });
    const elder = mentee('elder', ['digital'], { category: 'teacher', birthDate: null });
    expect(run([elder], [young], { form: teacherTeacher }).excludedMentors.map((e) => e.reason)).toEqual(['category-not-in-form']);
    expect(pairs(run([elder], [young], { form: teacherTeacher, kind: 'reverse' }))).toEqual({ young: ['elder'] });
  });
});

describe('suggestMatches: preferences', () => {
  it('lets a mutual choice beat shared tags', () => {
    const result = run([mentee('A', ['math', 'olympiad'])], [mentor('X', ['math', 'olympiad']), mentor('Y', [])], {
      preferences: [
        { fromId: 'A', toId: 'Y' },
        { fromId: 'Y', toId: 'A' },
      ],
    });
    expect(pairs(result)).toEqual({ Y: ['A'] });
    expect(result.suggestions[0]?.explanation).toEqual([
      { factor: 'mutual-preference', points: 80, text: 'Взаимный выбор в анкете предпочтений', menteeId: 'A' },
    ]);
  });

  it('scores one-sided choices by rank and ignores unknown people', () => {
    const result = run([mentee('A', []), mentee('B', [])], [mentor('X', []), mentor('Y', [])], {
      preferences: [
        { fromId: 'A', toId: 'X', rank: 2 },
        { fromId: 'Y', toId: 'B', rank: 1 },
        { fromId: 'A', toId: 'ghost' },
        { fromId: 'ghost', toId: 'B' },
        { fromId: 'A', toId: 'B' },
      ],
    });
    expect(pairs(result)).toEqual({ X: ['A'], Y: ['B'] });
    expect(result.suggestions.flatMap((s) => s.explanation)).toEqual([
      { factor: 'mentee-preference', points: 24, text: 'Наставляемый выбрал этого наставника в анкете предпочтений (2-й выбор)', menteeId: 'A' },
      { factor: 'mentor-preference', points: 20, text: 'Наставник выбрал этого наставляемого в анкете предпочтений', menteeId: 'B' },
    ]);
  });

  it('gives a contested mentor to the mentee the mentor chose', () => {
    const result = run([mentee('A', ['math']), mentee('B', ['math'])], [mentor('X', ['math'])], { preferences: [{ fromId: 'X', toId: 'B' }] });
    expect(pairs(result)).toEqual({ X: ['B'] });
  });

  it('keeps chosen mentors even beyond the candidate cap', () => {
    const mentors = [mentor('X', ['a', 'b', 'c']), mentor('Y', ['a', 'b']), mentor('Z', ['a'])];
    const capped = run([mentee('A', ['a', 'b', 'c'])], mentors, { maxCandidatesPerMentee: 1, preferences: [{ fromId: 'A', toId: 'Z', rank: 3 }] });
    expect(capped.stats.candidateEdges).toBe(2);
    expect(pairs(capped)).toEqual({ X: ['A'] });
  });
});

describe('suggestMatches: unmatched reasons and explanations', () => {
  it('tells why a mentee has no pair', () => {
    expect(reasons(run([mentee('A', ['chess'])], [mentor('X', ['math'])]))).toEqual({ A: 'no-common-interest' });
    const none = run([mentee('A', ['math'])], [mentor('X', ['math'], { available: false })]);
    expect(none.unmatched).toEqual([
      { menteeId: 'A', reason: 'no-eligible-mentors', text: 'В форме «Учитель – ученик» нет ни одного наставника, подходящего по категории и возрасту' },
    ]);
    expect(run([], []).suggestions).toEqual([]);
  });

  it('explains a pair factor by factor, in Russian, adding up to the score', () => {
    const result = run(
      [mentee('A', ['math', 'olympiad', 'chess'], { requestText: 'Хочу готовиться к олимпиаде по математике', organizationId: 'school-2' })],
      [mentor('X', ['math', 'olympiad', 'physics'], { competenceText: 'Готовлю к олимпиадам, веду кружок математики' })],
      { tagLabels: { math: 'Математика', olympiad: 'Олимпиады' } },
    );
    expect(result.suggestions).toEqual([
      {
        mentorId: 'X',
        menteeIds: ['A'],
        type: 'pair',
        score: 31,
        menteeScores: [31],
        notes: [],
        explanation: [
          { factor: 'tags', points: 20, text: 'Запрос совпадает с компетенциями: «Математика», «Олимпиады»', menteeId: 'A' },
          { factor: 'keywords', points: 6, text: 'Общие слова в описаниях запроса и опыта: «олимпиаде», «математике»', menteeId: 'A' },
          { factor: 'same-organization', points: 5, text: 'Наставник и наставляемый из одной организации', menteeId: 'A' },
        ],
      },
    ]);
  });

  it('ignores words most mentors use', () => {
    const mentors = Array.from({ length: 24 }, (_, j) =>
      mentor(`r${String(j).padStart(2, '0')}`, [], { competenceText: 'Готова поддержать, всегда на связи' }),
    );
    mentors.push(mentor('robot', [], { competenceText: 'Всегда на связи, веду робототехнику' }));
    const result = run([mentee('A', [], { requestText: 'Чтобы кто-то был на связи и помог с робототехникой' })], mentors);
    expect(result.stats.candidateEdges).toBe(1);
    expect(result.suggestions.map((x) => [x.mentorId, x.explanation.map((f) => f.text)])).toEqual([
      ['robot', ['Общие слова в описаниях запроса и опыта: «робототехникой»']],
    ]);
  });

  it('keeps scores non-negative integers whatever the weights given', () => {
    const result = run(
      [mentee('A', ['math'], { requestText: 'робототехника' }), mentee('B', ['math'])],
      [mentor('X', ['math'], { competenceText: 'робототехника', organizationId: 'school-1' })],
      {
        weights: { tag: 7.6, keyword: -3, sameOrganization: Number.NaN, menteePreference: -30 },
        tagWeights: { math: 0.5 },
        preferences: [{ fromId: 'B', toId: 'X', rank: Number.NaN }],
      },
    );
    // math: round(8 × 0.5) = 4; keywords off; same organisation back to its default 5; B's choice counts 0
    expect(result.suggestions.map((x) => [x.mentorId, x.menteeIds, x.score, x.explanation.map((f) => [f.factor, f.points])])).toEqual([
      [
        'X',
        ['A'],
        9,
        [
          ['tags', 4],
          ['same-organization', 5],
        ],
      ],
    ]);
  });

  it('matches on free text alone, up to the keyword cap', () => {
    const text = 'робототехника программирование конструирование моделирование электроника схемотехника';
    const result = run([mentee('A', [], { requestText: text })], [mentor('X', [], { competenceText: text })]);
    expect(result.totalScore).toBe(15);
    expect(result.suggestions[0]?.explanation[0]?.text).toBe(
      'Общие слова в описаниях запроса и опыта: «робототехника», «программирование», «конструирование», «моделирование», «электроника»',
    );
  });
});

/** A seeded random network, small enough for exhaustive checks. */
function randomNetwork(seed: number, n: number, m: number) {
  const random = prng(seed);
  const tags = ['math', 'physics', 'chess', 'robotics', 'theatre', 'career'];
  const words = ['олимпиада', 'робототехника', 'шахматы', 'театр', 'профессия', 'экзамены', 'проекты'];
  const pick = <T>(list: readonly T[], k: number) => list.filter(() => random() < k / list.length);
  const mentees = Array.from({ length: n }, (_, i) =>
    mentee(`e${i}`, pick(tags, 2), { requestText: pick(words, 2).join(' '), organizationId: `school-${Math.floor(random() * 3)}` }),
  );
  const mentors = Array.from({ length: m }, (_, j) =>
    mentor(`r${j}`, pick(tags, 3), {
      competenceText: pick(words, 2).join(' '),
      organizationId: `school-${Math.floor(random() * 3)}`,
      capacity: 1 + Math.floor(random() * 3),
    }),
  );
  const preferences: MatchPreference[] = [];
  for (const e of mentees) if (random() < 0.3) preferences.push({ fromId: e.id, toId: `r${Math.floor(random() * m)}`, rank: 1 + Math.floor(random() * 3) });
  for (const r of mentors) if (random() < 0.3) preferences.push({ fromId: r.id, toId: `e${Math.floor(random() * n)}` });
  return { mentees, mentors, preferences };
}

describe('suggestMatches: optimality, consistency, determinism', () => {
  it('reaches the exhaustive optimum on random small networks', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const kind: MentorshipKind = seed % 2 ? 'group' : 'traditional';
      const { mentees, mentors, preferences } = randomNetwork(seed, 6, 3);
      // every pair's score, from the function itself on the pair alone
      const weights = new Map<string, number>();
      for (const [i, e] of mentees.entries()) {
        for (const [j, r] of mentors.entries()) {
          const own = preferences.filter((p) => (p.fromId === e.id && p.toId === r.id) || (p.fromId === r.id && p.toId === e.id));
          const score = run([e], [r], { kind, preferences: own }).totalScore;
          if (score > 0) weights.set(`${i}:${j}`, score);
        }
      }
      const capacity = mentors.map((r) => (kind === 'group' ? (r.capacity as number) : 1));
      const result = run(mentees, mentors, { kind, preferences });
      expect(result.totalScore, `seed ${seed}`).toBe(bruteForce(mentees.length, capacity, weights));
    }
  });

  it('explains every suggestion with factors that add up to its score', () => {
    const { mentees, mentors, preferences } = randomNetwork(7, 80, 30);
    const result = run(mentees, mentors, { kind: 'group', preferences });
    expect(result.suggestions.length).toBeGreaterThan(10);
    for (const s of result.suggestions) {
      expect(s.score).toBe(s.menteeScores.reduce((a, b) => a + b, 0));
      for (const [k, id] of s.menteeIds.entries()) {
        const points = s.explanation.filter((f) => f.menteeId === id).reduce((sum, f) => sum + f.points, 0);
        expect(points).toBe(s.menteeScores[k]);
      }
    }
    const matched = result.suggestions.flatMap((s) => s.menteeIds);
    expect(new Set(matched).size).toBe(matched.length);
    expect(matched.length + result.unmatched.length).toBe(mentees.length);
    expect(result.totalScore).toBe(result.suggestions.reduce((a, s) => a + s.score, 0));
  });

  it('gives the same output for the same input, in any order', () => {
    const { mentees, mentors, preferences } = randomNetwork(11, 120, 40);
    const first = run(mentees, mentors, { kind: 'group', preferences });
    expect(run(mentees, mentors, { kind: 'group', preferences })).toEqual(first);
    const shuffle = <T>(list: T[], seed: number) => {
      const random = prng(seed);
      return list
        .map((x) => [random(), x] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, x]) => x);
    };
    expect(run(shuffle(mentees, 1), shuffle(mentors, 2), { kind: 'group', preferences: shuffle(preferences, 3) })).toEqual(first);
  });
});
