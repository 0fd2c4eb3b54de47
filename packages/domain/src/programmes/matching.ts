import type { IsoDate } from '../roadmap/iso-date.js';
import {
  PARTICIPANT_CATEGORY_LABELS_RU,
  formParticipants,
  isGroupKind,
  type MentorshipForm,
  type MentorshipKind,
  type ParticipantCategory,
} from './catalog.js';
import { ageRule, checkAgeRule, type Participant, type ParticipantRole } from './participants.js';

/**
 * Suggestions of pairs and groups (docs/domain.md, «A programme's life», step 5): mentee requests
 * against mentor competences, the preference questionnaire after the networking meeting, the form's
 * categories and the age rules (hard), mentor capacity, the same organisation.
 *
 * How it works, and why it is fast:
 * 1. Hard constraints filter mentees and mentors first; each refusal has a reason.
 * 2. Eligible mentors are indexed by tag and by keyword stem (an inverted index), so a mentee is
 *    scored only against mentors sharing something with it or named in a preference — never against
 *    all mentors. Stems found in the texts of over a quarter of the mentors are ignored (they carry
 *    no information). A mentee keeps its best `maxCandidatesPerMentee` candidates (plus every
 *    preference); the optimum is exact over these candidate edges.
 * 3. The assignment maximises the total score exactly over those candidate edges: a min-cost flow
 *    by successive shortest paths (Dijkstra with potentials), one mentee at a time, where each
 *    mentee may also stay unmatched at cost 0. This is the Hungarian method generalised to mentor
 *    capacities; unlike a greedy pass it gives a mentor to the mentee who needs it most when two
 *    compete, and moves an already placed mentee when that raises the total.
 * 4. Every suggestion explains its score factor by factor, in Russian.
 *
 * Scores are integers, so the optimum is exact and the result deterministic: the same input gives
 * the same output, whatever the order of the lists (they are sorted by id first).
 *
 * Hand-written on purpose: no maintained JavaScript library solves an assignment with mentor
 * capacities and optional mentees and explains its choice; the solver is small, exact, and measured
 * (`npm run bench -w @nastavnik/domain`: 2,000 mentees and 500 mentors).
 */

export interface MatchMentee {
  id: string;
  category: ParticipantCategory;
  birthDate: IsoDate | null;
  organizationId: string | null;
  requestTags: readonly string[];
  requestText: string;
}

export interface MatchMentor {
  id: string;
  category: ParticipantCategory;
  birthDate: IsoDate | null;
  organizationId: string | null;
  /** Set for partner employees: they are matched only when `available` is true. */
  partnerId: string | null;
  competenceTags: readonly string[];
  competenceText: string;
  /** How many mentees the mentor takes in a group (group kind); default `groupSize`. */
  capacity?: number | null;
  /** False: not taking mentees now. A partner employee needs an explicit true. */
  available?: boolean | null;
}

/** One choice of the preference questionnaire: a mentee names a mentor or a mentor a mentee. */
export interface MatchPreference {
  fromId: string;
  toId: string;
  /** 1 = first choice (default). */
  rank?: number | null;
}

export interface MatchWeights {
  /** Points per shared tag (times the tag's weight). */
  tag: number;
  /** Points per shared keyword stem of the free texts… */
  keyword: number;
  /** …counted up to this many stems. */
  maxKeywords: number;
  /** The mentee chose the mentor. */
  menteePreference: number;
  /** The mentor chose the mentee. */
  mentorPreference: number;
  /** Both chose each other (instead of the two above). */
  mutualPreference: number;
  sameOrganization: number;
}

export const DEFAULT_MATCH_WEIGHTS: Readonly<MatchWeights> = {
  tag: 10,
  keyword: 3,
  maxKeywords: 5,
  menteePreference: 30,
  mentorPreference: 20,
  mutualPreference: 80,
  sameOrganization: 5,
};

export const DEFAULT_GROUP_SIZE = 5;
export const DEFAULT_MAX_CANDIDATES = 40;
/** A keyword stem in the texts of more than this share of the mentors (and of at least so many) is ignored. */
export const COMMON_STEM_SHARE = 0.25;
export const COMMON_STEM_MIN_MENTORS = 20;

export interface MatchOptions {
  /** The reference date of the age rules. */
  on: IsoDate;
  kind?: MentorshipKind;
  /** Mentees per mentor in the group kind when the mentor states none. */
  groupSize?: number;
  weights?: Partial<MatchWeights>;
  /** Weight of a tag (default 1): a programme may stress «Профориентация» over «Чтение». */
  tagWeights?: Readonly<Record<string, number>>;
  /** Labels of tag codes for the explanations (default: the code). */
  tagLabels?: Readonly<Record<string, string>>;
  maxCandidatesPerMentee?: number;
}

export interface MatchInput {
  mentees: readonly MatchMentee[];
  mentors: readonly MatchMentor[];
  preferences?: readonly MatchPreference[];
  form: MentorshipForm;
  options: MatchOptions;
}

export const MATCH_FACTORS = ['tags', 'keywords', 'mutual-preference', 'mentee-preference', 'mentor-preference', 'same-organization'] as const;
export type MatchFactor = (typeof MATCH_FACTORS)[number];

export const MATCH_FACTOR_LABELS_RU: Readonly<Record<MatchFactor, string>> = {
  tags: 'Запрос и компетенции',
  keywords: 'Общие слова в описаниях',
  'mutual-preference': 'Взаимный выбор',
  'mentee-preference': 'Выбор наставляемого',
  'mentor-preference': 'Выбор наставника',
  'same-organization': 'Одна организация',
};

export interface ScoreFactor {
  factor: MatchFactor;
  points: number;
  text: string;
  /** The mentee of the pair the factor is about (in a group, each mentee has its own factors). */
  menteeId: string;
}

export interface MatchSuggestion {
  mentorId: string;
  menteeIds: string[];
  type: 'pair' | 'group';
  /** Sum of the pair scores of its mentees. */
  score: number;
  /** Each mentee's score with the mentor, in `menteeIds` order. */
  menteeScores: number[];
  explanation: ScoreFactor[];
  notes: string[];
}

export const UNMATCHED_REASONS = [
  'duplicate',
  'category-not-in-form',
  'birth-date-missing',
  'age-out-of-range',
  'no-eligible-mentors',
  'no-common-interest',
  'capacity-exhausted',
] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

export interface UnmatchedMentee {
  menteeId: string;
  reason: UnmatchedReason;
  text: string;
}

export type ExcludedMentorReason =
  'duplicate' | 'category-not-in-form' | 'birth-date-missing' | 'age-out-of-range' | 'unavailable' | 'partner-not-available' | 'no-capacity';

export interface ExcludedMentor {
  mentorId: string;
  reason: ExcludedMentorReason;
  text: string;
}

export interface MatchResult {
  suggestions: MatchSuggestion[];
  unmatched: UnmatchedMentee[];
  excludedMentors: ExcludedMentor[];
  totalScore: number;
  stats: { eligibleMentees: number; eligibleMentors: number; candidateEdges: number };
}

const roleName = (role: ParticipantRole) => (role === 'mentor' ? 'наставником' : 'наставляемым');

export const MATCH_MESSAGES_RU = {
  duplicate: 'Повторяющийся идентификатор: учтена только первая запись',
  categoryNotInForm: (category: ParticipantCategory, role: ParticipantRole, form: string) =>
    `Категория «${PARTICIPANT_CATEGORY_LABELS_RU[category]}» не может быть ${roleName(role)} в форме «${form}»`,
  birthDateMissing: 'Не указана дата рождения: нельзя проверить возрастные ограничения',
  noEligibleMentors: (form: string) => `В форме «${form}» нет ни одного наставника, подходящего по категории и возрасту`,
  noCommonInterest:
    'Ни у одного подходящего наставника нет общих тегов или слов с запросом и нет выбора в анкете предпочтений — уточните запрос или подберите пару вручную',
  capacityExhausted: (candidates: number) => `Подходящие наставники (${candidates}) заняты: их места отданы парам с большей суммарной оценкой`,
  unavailable: 'Наставник сейчас не принимает наставляемых',
  partnerNotAvailable: 'Сотрудник организации-партнёра не отмечен как доступный для этой программы',
  noCapacity: 'Нет свободных мест у наставника',
  groupOfOne: 'В группе один наставляемый: групповой форме нужно не менее двух — оформите пару или добавьте участников',
  tags: (labels: readonly string[]) => `Запрос совпадает с компетенциями: ${labels.map((l) => `«${l}»`).join(', ')}`,
  keywords: (words: readonly string[]) => `Общие слова в описаниях запроса и опыта: ${words.map((w) => `«${w}»`).join(', ')}`,
  mutual: 'Взаимный выбор в анкете предпочтений',
  menteeChose: (rank: number) => `Наставляемый выбрал этого наставника в анкете предпочтений${rank > 1 ? ` (${rank}-й выбор)` : ''}`,
  mentorChose: (rank: number) => `Наставник выбрал этого наставляемого в анкете предпочтений${rank > 1 ? ` (${rank}-й выбор)` : ''}`,
  sameOrganization: 'Наставник и наставляемый из одной организации',
} as const;

// ————— keywords —————

/** Words of questionnaires that say nothing about the request itself. */
const STOP_WORDS = [
  'хочу',
  'хотел',
  'хотела',
  'хотелось',
  'хотим',
  'нужна',
  'нужен',
  'нужно',
  'нужны',
  'помощь',
  'помощи',
  'помочь',
  'помогу',
  'могу',
  'умею',
  'очень',
  'также',
  'тоже',
  'который',
  'которая',
  'которые',
  'чтобы',
  'этого',
  'этом',
  'свой',
  'своих',
  'свои',
  'есть',
  'было',
  'будет',
  'более',
  'менее',
  'опыт',
  'опыта',
  'опытом',
  'работа',
  'работы',
  'работе',
  'работу',
  'работаю',
  'дети',
  'детей',
  'детьми',
  'класс',
  'класса',
  'классе',
  'классов',
  'школа',
  'школы',
  'школе',
  'ученик',
  'ученики',
  'учеников',
  'учащихся',
  'обучающихся',
  'наставник',
  'наставника',
  'наставничество',
  'интересуюсь',
  'интересно',
  'интерес',
  'занимаюсь',
  'заниматься',
  'хорошо',
  'лучше',
  'люблю',
  'нравится',
  'умение',
  'умения',
  'навыки',
  'навыков',
  'развитие',
  'развития',
  'области',
  'сфере',
  'году',
  'года',
  'время',
  'много',
];

const ENDINGS = [
  'иями',
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ией',
  'ться',
  'ешь',
  'ия',
  'ие',
  'ий',
  'ый',
  'ой',
  'ая',
  'яя',
  'ое',
  'ее',
  'ых',
  'их',
  'ую',
  'юю',
  'ов',
  'ев',
  'ам',
  'ям',
  'ах',
  'ях',
  'ом',
  'ем',
  'ью',
  'ть',
  'ет',
  'ют',
  'ут',
  'ит',
  'ат',
  'ят',
  'а',
  'я',
  'ы',
  'и',
  'е',
  'у',
  'ю',
  'о',
  'ь',
  'й',
];

/**
 * A cheap Russian stem: lower case, «ё» → «е», one common ending off (keeping at least 4 letters),
 * then at most 6 letters. «математика», «математике», «математический» → «матема».
 */
export function stemRu(word: string): string {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  for (const ending of ENDINGS) {
    if (w.length - ending.length >= 4 && w.endsWith(ending)) return w.slice(0, w.length - ending.length).slice(0, 6);
  }
  return w.slice(0, 6);
}

const STOP_STEMS = new Set(STOP_WORDS.map(stemRu));
const WORD = /[a-zа-яё0-9]+/g;

/** Keyword stems of a free text (words of 4+ letters, stop words out), each with its first word as written. */
export function keywordStems(text: string): Map<string, string> {
  const stems = new Map<string, string>();
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    if (word.length < 4 || /^\d+$/.test(word)) continue;
    const stem = stemRu(word);
    if (STOP_STEMS.has(stem) || stems.has(stem)) continue;
    stems.set(stem, word);
  }
  return stems;
}

// ————— the assignment —————

/**
 * A maximum-weight assignment of mentees to mentors with capacities: each mentee gets at most one
 * mentor, mentor j at most `capacity[j]` mentees, and the sum of the chosen edges' weights is the
 * largest possible. Weights must be positive integers (non-positive edges are ignored). Returns the
 * mentor of each mentee, or -1. `order`: the order mentees are placed in (ties between equal optima
 * favour those placed first).
 *
 * Min-cost flow by successive shortest paths: for each mentee in turn, Dijkstra with Johnson
 * potentials finds the cheapest way to place it — directly, by moving placed mentees along an
 * alternating path, by displacing one (who then stays unmatched), or not at all (cost 0). Each step
 * keeps the flow optimal for the mentees placed so far, so the final one is optimal.
 */
export function maxWeightAssignment(
  menteeCount: number,
  capacity: readonly number[],
  edges: ReadonlyArray<readonly [mentee: number, mentor: number, weight: number]>,
  order?: readonly number[],
): number[] {
  const graph = buildGraph(menteeCount, capacity.length, edges);
  return Array.from(solve(graph, Int32Array.from(capacity), order ?? null));
}

interface CandidateGraph {
  n: number;
  m: number;
  /** CSR: edges of mentee i are [start[i], start[i + 1]). */
  start: Int32Array;
  mentor: Int32Array;
  weight: Int32Array;
}

function buildGraph(n: number, m: number, edges: ReadonlyArray<readonly [number, number, number]>): CandidateGraph {
  const best = new Map<number, number>();
  for (const [i, j, w] of edges) {
    if (i < 0 || i >= n || j < 0 || j >= m || !(w > 0)) continue;
    const key = i * m + j;
    best.set(key, Math.max(best.get(key) ?? 0, Math.round(w)));
  }
  const keys = [...best.keys()].sort((a, b) => a - b);
  const start = new Int32Array(n + 1);
  const mentor = new Int32Array(keys.length);
  const weight = new Int32Array(keys.length);
  for (const [e, key] of keys.entries()) {
    const i = Math.floor(key / m);
    start[i + 1] = (start[i + 1] ?? 0) + 1;
    mentor[e] = key % m;
    weight[e] = best.get(key) ?? 0;
  }
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
  return { n, m, start, mentor, weight };
}

/** A binary min-heap of (key, node) in typed arrays, with lazy deletion by the caller. */
class MinHeap {
  keys = new Float64Array(64);
  nodes = new Int32Array(64);
  size = 0;

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = this.keys[parent] as number;
      if (pk < key || (pk === key && (this.nodes[parent] as number) <= node)) break;
      this.keys[i] = pk;
      this.nodes[i] = this.nodes[parent] as number;
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  /** Removes the top; read `topKey`/`topNode` first. */
  pop(): void {
    const last = --this.size;
    if (last === 0) return;
    const key = this.keys[last] as number;
    const node = this.nodes[last] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (
        right < last &&
        ((this.keys[right] as number) < (this.keys[child] as number) ||
          ((this.keys[right] as number) === (this.keys[child] as number) && (this.nodes[right] as number) < (this.nodes[child] as number)))
      ) {
        child = right;
      }
      const ck = this.keys[child] as number;
      if (key < ck || (key === ck && node <= (this.nodes[child] as number))) break;
      this.keys[i] = ck;
      this.nodes[i] = this.nodes[child] as number;
      i = child;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  get topKey(): number {
    return this.keys[0] as number;
  }
  get topNode(): number {
    return this.nodes[0] as number;
  }
}

/**
 * Nodes: mentees 0…n-1, mentors n…n+m-1, the sink T = n+m. Residual edges: mentee→mentor (cost
 * −w) unless assigned there; mentor→its mentees (cost +w); mentor→T (0) while it has room;
 * mentee→T (0, «stays unmatched») for a placed mentee, and for the one being placed.
 */
function solve(g: CandidateGraph, capacity: Int32Array, order: readonly number[] | null): Int32Array {
  const { n, m, start, mentor, weight } = g;
  const T = n + m;
  const assigned = new Int32Array(n).fill(-1);
  const assignedW = new Int32Array(n);
  const members: number[][] = Array.from({ length: m }, () => []);
  const pot = new Float64Array(n + m + 1);
  // Feasible potentials for the reduced costs: mentor j at −(its best edge), T below all mentors.
  for (let e = 0; e < mentor.length; e++) {
    const j = n + (mentor[e] as number);
    pot[j] = Math.min(pot[j] as number, -(weight[e] as number));
  }
  let potT = 0;
  for (let j = 0; j < m; j++) potT = Math.min(potT, pot[n + j] as number);
  pot[T] = potT;

  const dist = new Float64Array(n + m + 1);
  const stamp = new Int32Array(n + m + 1);
  const settled = new Int32Array(n + m + 1);
  const prev = new Int32Array(n + m + 1);
  const prevW = new Int32Array(n + m + 1);
  const settledList = new Int32Array(n + m + 1);
  const heap = new MinHeap();
  const path: number[] = [];

  const sequence = order ?? Array.from({ length: n }, (_, i) => i);
  let phase = 0;
  for (const s of sequence) {
    if (s < 0 || s >= n || assigned[s] !== -1 || (start[s] as number) === (start[s + 1] as number)) continue;
    phase++;
    // A fresh source has no incoming edges: choose its potential to make its edges non-negative.
    let ps = pot[T] as number;
    for (let e = start[s] as number; e < (start[s + 1] as number); e++) {
      ps = Math.max(ps, (pot[n + (mentor[e] as number)] as number) + (weight[e] as number));
    }
    pot[s] = ps;

    let bestT = ps - (pot[T] as number); // s stays unmatched
    let prevT = s;
    let settledCount = 0;
    heap.size = 0;
    dist[s] = 0;
    stamp[s] = phase;
    heap.push(0, s);
    while (heap.size > 0) {
      const d = heap.topKey;
      const u = heap.topNode;
      heap.pop();
      if (settled[u] === phase || d > (dist[u] as number)) continue;
      if (d >= bestT) break;
      settled[u] = phase;
      settledList[settledCount++] = u;
      const pu = pot[u] as number;
      if (u < n) {
        const current = assigned[u] as number;
        if (current >= 0 && u !== s) {
          const nd = d + pu - (pot[T] as number);
          if (nd < bestT) {
            bestT = nd;
            prevT = u;
          }
        }
        for (let e = start[u] as number; e < (start[u + 1] as number); e++) {
          const j = mentor[e] as number;
          if (j === current) continue;
          const v = n + j;
          if (settled[v] === phase) continue;
          const w = weight[e] as number;
          const nd = d - w + pu - (pot[v] as number);
          if (nd >= bestT) continue;
          if (stamp[v] !== phase || nd < (dist[v] as number)) {
            stamp[v] = phase;
            dist[v] = nd;
            prev[v] = u;
            prevW[v] = w;
            heap.push(nd, v);
          }
        }
      } else {
        const j = u - n;
        const list = members[j] as number[];
        if (list.length < (capacity[j] as number)) {
          const nd = d + pu - (pot[T] as number);
          if (nd < bestT) {
            bestT = nd;
            prevT = u;
          }
        }
        for (const i of list) {
          if (settled[i] === phase) continue;
          const nd = d + (assignedW[i] as number) + pu - (pot[i] as number);
          if (nd >= bestT) continue;
          if (stamp[i] !== phase || nd < (dist[i] as number)) {
            stamp[i] = phase;
            dist[i] = nd;
            prev[i] = u;
            heap.push(nd, i);
          }
        }
      }
    }

    // Potentials: settled nodes move by dist − dist(T), the rest stay (a uniform shift is free).
    for (let k = 0; k < settledCount; k++) {
      const v = settledList[k] as number;
      pot[v] = (pot[v] as number) + (dist[v] as number) - bestT;
    }

    // Augment along s → … → prevT → T.
    path.length = 0;
    for (let v = prevT; ; v = prev[v] as number) {
      path.push(v);
      if (v === s) break;
    }
    path.reverse();
    for (let k = 0; k + 1 < path.length; k++) {
      const a = path[k] as number;
      const b = path[k + 1] as number;
      if (a < n) {
        // mentee a moves to mentor b − n
        const j = b - n;
        assigned[a] = j;
        assignedW[a] = prevW[b] as number;
        (members[j] as number[]).push(a);
      } else {
        // mentor a − n gives up mentee b
        const list = members[a - n] as number[];
        list.splice(list.indexOf(b), 1);
      }
    }
    const last = path[path.length - 1] as number;
    if (last < n) assigned[last] = -1;
  }
  return assigned;
}

// ————— scoring —————

interface Weights extends MatchWeights {
  tagWeights: Readonly<Record<string, number>>;
}

function tagPoints(tag: string, w: Weights): number {
  const weight = w.tagWeights[tag] ?? 1;
  return Number.isFinite(weight) ? Math.max(0, Math.round(w.tag * weight)) : 0;
}

function rankFactor(rank: number | null | undefined): number {
  if (rank == null || rank <= 1) return 1;
  return rank === 2 ? 0.8 : 0.6;
}

interface PreferenceLink {
  /** Rank the mentee gave the mentor, or 0. */
  menteeRank: number;
  /** Rank the mentor gave the mentee, or 0. */
  mentorRank: number;
}

function preferenceFactors(link: PreferenceLink | undefined, w: Weights): Array<{ factor: MatchFactor; points: number; text: string }> {
  if (!link) return [];
  if (link.menteeRank > 0 && link.mentorRank > 0) {
    const points = Math.round((w.mutualPreference * (rankFactor(link.menteeRank) + rankFactor(link.mentorRank))) / 2);
    return [{ factor: 'mutual-preference', points, text: MATCH_MESSAGES_RU.mutual }];
  }
  if (link.menteeRank > 0) {
    return [
      {
        factor: 'mentee-preference',
        points: Math.round(w.menteePreference * rankFactor(link.menteeRank)),
        text: MATCH_MESSAGES_RU.menteeChose(link.menteeRank),
      },
    ];
  }
  return [
    { factor: 'mentor-preference', points: Math.round(w.mentorPreference * rankFactor(link.mentorRank)), text: MATCH_MESSAGES_RU.mentorChose(link.mentorRank) },
  ];
}

function sortById<T extends { id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The pair's factors as the curator sees them; their points add up to the pair's score. */
function explainPair(
  mentee: MatchMentee,
  menteeStems: Map<string, string>,
  mentor: MatchMentor,
  mentorStems: ReadonlySet<string>,
  link: PreferenceLink | undefined,
  w: Weights,
  labels: Readonly<Record<string, string>>,
): ScoreFactor[] {
  const factors: ScoreFactor[] = [];
  const add = (f: { factor: MatchFactor; points: number; text: string }) => {
    if (f.points > 0) factors.push({ ...f, menteeId: mentee.id });
  };
  for (const f of preferenceFactors(link, w)) add(f);
  const competences = new Set(mentor.competenceTags);
  const shared = [...new Set(mentee.requestTags)].filter((t) => competences.has(t) && tagPoints(t, w) > 0);
  if (shared.length > 0) {
    const points = shared.reduce((sum, t) => sum + tagPoints(t, w), 0);
    add({ factor: 'tags', points, text: MATCH_MESSAGES_RU.tags(shared.map((t) => labels[t] ?? t)) });
  }
  const words = [...menteeStems].filter(([stem]) => mentorStems.has(stem)).map(([, word]) => word);
  if (words.length > 0) {
    const counted = words.slice(0, Math.max(0, w.maxKeywords));
    add({ factor: 'keywords', points: counted.length * w.keyword, text: MATCH_MESSAGES_RU.keywords(counted) });
  }
  if (mentee.organizationId !== null && mentee.organizationId === mentor.organizationId) {
    add({ factor: 'same-organization', points: w.sameOrganization, text: MATCH_MESSAGES_RU.sameOrganization });
  }
  return factors;
}

// ————— suggestMatches —————

/**
 * Suggests pairs (or groups, for the group kind) with explanations, lists the mentees left without a
 * mentor with the reason, and the mentors excluded by the hard constraints.
 */
export function suggestMatches(input: MatchInput): MatchResult {
  const { form, options } = input;
  const kind = options.kind ?? 'traditional';
  // Scores stay non-negative integers: the optimum is then exact and the explanations add up.
  const w = { tagWeights: options.tagWeights ?? {} } as Weights;
  for (const key of Object.keys(DEFAULT_MATCH_WEIGHTS) as Array<keyof MatchWeights>) {
    const value = options.weights?.[key] ?? DEFAULT_MATCH_WEIGHTS[key];
    w[key] = Number.isFinite(value) ? Math.max(0, Math.round(value)) : DEFAULT_MATCH_WEIGHTS[key];
  }
  const labels = options.tagLabels ?? {};
  const maxCandidates = Math.max(1, options.maxCandidatesPerMentee ?? DEFAULT_MAX_CANDIDATES);
  const allowed = formParticipants(form, kind);
  const M = MATCH_MESSAGES_RU;

  // 1. Hard constraints.
  const unmatched: UnmatchedMentee[] = [];
  const excludedMentors: ExcludedMentor[] = [];
  const mentees: MatchMentee[] = [];
  const menteeIds = new Set<string>();
  for (const mentee of sortById(input.mentees)) {
    const refuse = (reason: UnmatchedReason, text: string) => unmatched.push({ menteeId: mentee.id, reason, text });
    if (menteeIds.has(mentee.id)) refuse('duplicate', M.duplicate);
    else if (!allowed.mentee.includes(mentee.category)) refuse('category-not-in-form', M.categoryNotInForm(mentee.category, 'mentee', form.labelRu));
    else if (ageRule(mentee.category, 'mentee') && mentee.birthDate === null) refuse('birth-date-missing', M.birthDateMissing);
    else {
      const broken = checkAgeRule(mentee, 'mentee', options.on);
      if (broken) refuse('age-out-of-range', broken.message);
      else mentees.push(mentee);
    }
    menteeIds.add(mentee.id);
  }
  const group = isGroupKind(kind);
  const mentors: MatchMentor[] = [];
  const caps: number[] = [];
  const mentorIds = new Set<string>();
  for (const mentor of sortById(input.mentors)) {
    const exclude = (reason: ExcludedMentorReason, text: string) => excludedMentors.push({ mentorId: mentor.id, reason, text });
    const cap = Math.max(0, Math.floor(group ? (mentor.capacity ?? options.groupSize ?? DEFAULT_GROUP_SIZE) : Math.min(1, mentor.capacity ?? 1)));
    if (mentorIds.has(mentor.id)) exclude('duplicate', M.duplicate);
    else if (!allowed.mentor.includes(mentor.category)) exclude('category-not-in-form', M.categoryNotInForm(mentor.category, 'mentor', form.labelRu));
    else if (ageRule(mentor.category, 'mentor') && mentor.birthDate === null) exclude('birth-date-missing', M.birthDateMissing);
    else if (mentor.available === false) exclude('unavailable', M.unavailable);
    else if (mentor.partnerId !== null && mentor.available !== true) exclude('partner-not-available', M.partnerNotAvailable);
    else if (cap === 0) exclude('no-capacity', M.noCapacity);
    else {
      const broken = checkAgeRule(mentor, 'mentor', options.on);
      if (broken) exclude('age-out-of-range', broken.message);
      else {
        mentors.push(mentor);
        caps.push(cap);
      }
    }
    mentorIds.add(mentor.id);
  }
  const n = mentees.length;
  const m = mentors.length;

  // 2. Inverted indexes of the eligible mentors, by tag and by keyword stem.
  const byTag = new Map<string, number[]>();
  const byStem = new Map<string, number[]>();
  const mentorStems: Array<Set<string>> = [];
  const mentorIndex = new Map<string, number>();
  for (const [j, mentor] of mentors.entries()) {
    mentorIndex.set(mentor.id, j);
    for (const tag of new Set(mentor.competenceTags)) {
      const list = byTag.get(tag);
      if (list) list.push(j);
      else byTag.set(tag, [j]);
    }
    const stems = new Set(keywordStems(mentor.competenceText).keys());
    mentorStems.push(stems);
    for (const stem of stems) {
      const list = byStem.get(stem);
      if (list) list.push(j);
      else byStem.set(stem, [j]);
    }
  }
  // Words most mentors use («готов», «помогать») say nothing about a match: like stop words, they
  // neither score nor make candidates.
  const commonLimit = Math.max(COMMON_STEM_MIN_MENTORS, m * COMMON_STEM_SHARE);
  for (const [stem, list] of byStem) {
    if (list.length <= commonLimit) continue;
    byStem.delete(stem);
    for (const j of list) mentorStems[j]?.delete(stem);
  }
  const menteeIndex = new Map(mentees.map((mentee, i) => [mentee.id, i]));

  // Preferences, both directions, per mentee.
  const links: Array<Map<number, PreferenceLink>> = Array.from({ length: n }, () => new Map());
  for (const pref of input.preferences ?? []) {
    const rank = Number.isFinite(pref.rank) ? Math.max(1, Math.floor(pref.rank as number)) : 1;
    let i = menteeIndex.get(pref.fromId);
    let j = mentorIndex.get(pref.toId);
    let byMentee = true;
    if (i === undefined || j === undefined) {
      i = menteeIndex.get(pref.toId);
      j = mentorIndex.get(pref.fromId);
      byMentee = false;
    }
    if (i === undefined || j === undefined || mentees[i]?.id === mentors[j]?.id) continue;
    const map = links[i] as Map<number, PreferenceLink>;
    const link = map.get(j) ?? { menteeRank: 0, mentorRank: 0 };
    if (byMentee) link.menteeRank = link.menteeRank === 0 ? rank : Math.min(link.menteeRank, rank);
    else link.mentorRank = link.mentorRank === 0 ? rank : Math.min(link.mentorRank, rank);
    map.set(j, link);
  }

  // 3. Candidates per mentee: only mentors reached through the indexes or a preference. Scores
  // accumulate in typed arrays indexed by mentor; `mark` tells which entries belong to this mentee.
  const tagAcc = new Int32Array(m);
  const kwAcc = new Int32Array(m);
  const mark = new Int32Array(m).fill(-1);
  const touched = new Int32Array(m);
  const score = new Int32Array(m);
  const mentorOrg = mentors.map((r) => r.organizationId);
  const edgeStart = new Int32Array(n + 1);
  const edgeMentor: number[] = [];
  const edgeWeight: number[] = [];
  const bestEdge = new Int32Array(n);
  const menteeStems: Array<Map<string, string>> = [];
  const byScore = (a: number, b: number) => (score[b] as number) - (score[a] as number) || a - b;
  for (let i = 0; i < n; i++) {
    const mentee = mentees[i] as MatchMentee;
    let count = 0;
    for (const tag of new Set(mentee.requestTags)) {
      const points = tagPoints(tag, w);
      const list = points > 0 ? byTag.get(tag) : undefined;
      if (!list) continue;
      for (const j of list) {
        if (mark[j] !== i) {
          mark[j] = i;
          tagAcc[j] = 0;
          kwAcc[j] = 0;
          touched[count++] = j;
        }
        tagAcc[j] = (tagAcc[j] as number) + points;
      }
    }
    const stems = keywordStems(mentee.requestText);
    menteeStems.push(stems);
    if (w.keyword > 0 && w.maxKeywords > 0) {
      for (const stem of stems.keys()) {
        const list = byStem.get(stem);
        if (!list) continue;
        for (const j of list) {
          if (mark[j] !== i) {
            mark[j] = i;
            tagAcc[j] = 0;
            kwAcc[j] = 0;
            touched[count++] = j;
          }
          kwAcc[j] = (kwAcc[j] as number) + 1;
        }
      }
    }
    const prefs = links[i] as Map<number, PreferenceLink>;
    for (const j of prefs.keys()) {
      if (mark[j] !== i) {
        mark[j] = i;
        tagAcc[j] = 0;
        kwAcc[j] = 0;
        touched[count++] = j;
      }
    }

    const candidates: number[] = [];
    const preferred: number[] = [];
    const org = mentee.organizationId;
    for (let k = 0; k < count; k++) {
      const j = touched[k] as number;
      let s = (tagAcc[j] as number) + Math.min(kwAcc[j] as number, w.maxKeywords) * w.keyword;
      const link = prefs.size > 0 ? prefs.get(j) : undefined;
      if (link) for (const f of preferenceFactors(link, w)) s += f.points;
      if (s <= 0 || (mentors[j] as MatchMentor).id === mentee.id) continue; // a shared interest or a preference is required
      if (org !== null && org === mentorOrg[j]) s += w.sameOrganization;
      score[j] = s;
      candidates.push(j);
      if (link) preferred.push(j);
    }
    let kept = candidates;
    if (candidates.length > maxCandidates) {
      candidates.sort(byScore);
      kept = candidates.slice(0, maxCandidates);
      for (const j of preferred) if (!kept.includes(j)) kept.push(j);
    }
    kept.sort((a, b) => a - b);
    let best = 0;
    for (const j of kept) {
      edgeMentor.push(j);
      edgeWeight.push(score[j] as number);
      best = Math.max(best, score[j] as number);
    }
    edgeStart[i + 1] = edgeMentor.length;
    bestEdge[i] = best;
  }

  // 4. The optimal assignment; mentees with the strongest best candidate are placed first.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (bestEdge[b] as number) - (bestEdge[a] as number) || a - b);
  const graph: CandidateGraph = { n, m, start: edgeStart, mentor: Int32Array.from(edgeMentor), weight: Int32Array.from(edgeWeight) };
  const assignment = solve(graph, Int32Array.from(caps), order);

  // 5. Suggestions with explanations, unmatched with reasons.
  const edgeScore = (i: number, j: number): number => {
    for (let e = graph.start[i] as number; e < (graph.start[i + 1] as number); e++) if (graph.mentor[e] === j) return graph.weight[e] as number;
    return 0;
  };
  const byMentor = new Map<number, Array<{ i: number; score: number }>>();
  let totalScore = 0;
  for (let i = 0; i < n; i++) {
    const j = assignment[i] as number;
    const mentee = mentees[i] as MatchMentee;
    if (j < 0) {
      const candidates = (edgeStart[i + 1] as number) - (edgeStart[i] as number);
      if (m === 0) unmatched.push({ menteeId: mentee.id, reason: 'no-eligible-mentors', text: M.noEligibleMentors(form.labelRu) });
      else if (candidates === 0) unmatched.push({ menteeId: mentee.id, reason: 'no-common-interest', text: M.noCommonInterest });
      else unmatched.push({ menteeId: mentee.id, reason: 'capacity-exhausted', text: M.capacityExhausted(candidates) });
      continue;
    }
    const score = edgeScore(i, j);
    totalScore += score;
    const list = byMentor.get(j);
    if (list) list.push({ i, score });
    else byMentor.set(j, [{ i, score }]);
  }
  const suggestions: MatchSuggestion[] = [];
  for (const [j, members] of byMentor) {
    const mentor = mentors[j] as MatchMentor;
    members.sort((a, b) => b.score - a.score || a.i - b.i);
    const explanation = members.flatMap(({ i }) =>
      explainPair(mentees[i] as MatchMentee, menteeStems[i] as Map<string, string>, mentor, mentorStems[j] as Set<string>, links[i]?.get(j), w, labels),
    );
    suggestions.push({
      mentorId: mentor.id,
      menteeIds: members.map(({ i }) => (mentees[i] as MatchMentee).id),
      type: group ? 'group' : 'pair',
      score: members.reduce((sum, x) => sum + x.score, 0),
      menteeScores: members.map((x) => x.score),
      explanation,
      notes: group && members.length === 1 ? [M.groupOfOne] : [],
    });
  }
  suggestions.sort((a, b) => b.score - a.score || (a.mentorId < b.mentorId ? -1 : a.mentorId > b.mentorId ? 1 : 0));
  unmatched.sort((a, b) => (a.menteeId < b.menteeId ? -1 : a.menteeId > b.menteeId ? 1 : 0));
  return {
    suggestions,
    unmatched,
    excludedMentors,
    totalScore,
    stats: { eligibleMentees: n, eligibleMentors: m, candidateEdges: graph.mentor.length },
  };
}

/** Full participant records work as match inputs: a convenience for the API. */
export function toMatchMentee(p: Participant): MatchMentee {
  return {
    id: p.id,
    category: p.category,
    birthDate: p.birthDate,
    organizationId: p.organizationId,
    requestTags: p.requestTags,
    requestText: p.requestText,
  };
}

export function toMatchMentor(p: Participant, extra: { capacity?: number | null; available?: boolean | null } = {}): MatchMentor {
  return {
    id: p.id,
    category: p.category,
    birthDate: p.birthDate,
    organizationId: p.organizationId,
    partnerId: p.partnerId,
    competenceTags: p.competenceTags,
    competenceText: p.competenceText,
    capacity: extra.capacity ?? null,
    available: extra.available ?? null,
  };
}
