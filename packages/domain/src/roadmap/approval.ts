import type { PlatformRole } from '../roles.js';
import { isIsoDate } from './iso-date.js';
import type { AgreementBlock, ApprovalBlock, RoadmapLevel } from './model.js';

/**
 * The approval of one revision of a roadmap. A school roadmap: the curator drafts, the director
 * approves («УТВЕРЖДАЮ»), the district reviews and agrees («СОГЛАСОВАНО») or returns it. A
 * district's own roadmap climbs one level the same way: the district officer drafts, the district
 * head approves, the region coordinator agrees or returns. The state names are the school's; for a
 * district roadmap «director» reads «district head» and «district» reads «region» (see
 * `roadmapStateLabelRu`).
 *
 * The machine checks role, state and required fields only. Whether the user's scope covers the
 * roadmap, who the user is and when the decision happens are the API's business.
 */

export const ROADMAP_STATES = [
  'draft',
  'withDirector',
  'returnedByDirector',
  'submittedToDistrict',
  'inReview',
  'returnedByDistrict',
  'awaitingHeadSignature',
  'agreed',
  'superseded',
] as const;
export type RoadmapState = (typeof ROADMAP_STATES)[number];

export const APPROVAL_ACTIONS = [
  'submitToDirector',
  'withdraw',
  'approve',
  'returnToCurator',
  'startReview',
  'comment',
  'return',
  'recommendAgreement',
  'agree',
  'createRevision',
] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/** A district's choice: the head signs after the officer's review (default), or the officer agrees alone. */
export interface ApprovalSettings {
  whoAgrees: 'head' | 'officer';
}
export const DEFAULT_APPROVAL_SETTINGS: Readonly<ApprovalSettings> = { whoAgrees: 'head' };

/** A user as the API sees them: their platform roles and whether their scope covers the roadmap. */
export interface ApprovalActor {
  roles: readonly PlatformRole[];
  coversRoadmap: boolean;
}

export interface ApprovalPayload {
  comment?: string | null;
  /** The item a comment is about (a return «ideally on the items concerned»). */
  itemId?: string | null;
  approval?: Partial<ApprovalBlock> | null;
  agreement?: Partial<AgreementBlock> | null;
}

export interface DecisionContext {
  /** The role the user acts in (one of theirs; see `actingRole`). */
  role: PlatformRole;
  level: RoadmapLevel;
  settings?: ApprovalSettings;
  payload?: ApprovalPayload;
}

/** What to persist with the decision; the API adds who (user id, name) and when. */
export interface DecisionRecord {
  action: ApprovalAction;
  role: PlatformRole;
  level: RoadmapLevel;
  from: RoadmapState;
  to: RoadmapState;
  comment: string | null;
  itemId: string | null;
  approval: ApprovalBlock | null;
  agreement: AgreementBlock | null;
}

export type DecisionErrorCode = 'FORBIDDEN' | 'CONFLICT_STATE' | 'BAD_USER_INPUT';

export type Decision =
  | {
      ok: true;
      next: RoadmapState;
      record: DecisionRecord;
      /** createRevision: the API creates a new `draft` revision based on this one; `supersedes` it when it was agreed. */
      newRevision?: { state: 'draft'; supersedes: boolean };
      /** agree: the revision this one supersedes (if any) leaves force and becomes `superseded`. */
      predecessorNext?: 'superseded';
    }
  | {
      ok: false;
      code: DecisionErrorCode;
      message: string;
      field?: string;
      /** BAD_USER_INPUT of a signature block: every missing or malformed field, `field` first. */
      fields?: Array<{ field: string; message: string }>;
    };

// ————— who may do what —————

interface Parties {
  author: PlatformRole;
  approver: PlatformRole;
  reviewer: PlatformRole;
  /** Signs «СОГЛАСОВАНО» after the reviewer's recommendation; the region has no such role. */
  head: PlatformRole | null;
}

const PARTIES: Readonly<Record<RoadmapLevel, Parties>> = {
  school: { author: 'school-curator', approver: 'school-director', reviewer: 'district-officer', head: 'district-head' },
  district: { author: 'district-officer', approver: 'district-head', reviewer: 'region-coordinator', head: null },
};

interface Rule {
  action: ApprovalAction;
  role: PlatformRole;
  from: readonly RoadmapState[];
  /** null: the revision keeps its state (a new revision is created instead). */
  to: RoadmapState | null;
}

const AT_DISTRICT: readonly RoadmapState[] = ['submittedToDistrict', 'inReview'];

function rules(level: RoadmapLevel, settings: ApprovalSettings): Rule[] {
  const p = PARTIES[level];
  const list: Rule[] = [
    { action: 'submitToDirector', role: p.author, from: ['draft', 'returnedByDirector'], to: 'withDirector' },
    { action: 'withdraw', role: p.author, from: ['withDirector'], to: 'draft' },
    { action: 'approve', role: p.approver, from: ['withDirector'], to: 'submittedToDistrict' },
    { action: 'returnToCurator', role: p.approver, from: ['withDirector'], to: 'returnedByDirector' },
    { action: 'startReview', role: p.reviewer, from: ['submittedToDistrict'], to: 'inReview' },
    { action: 'comment', role: p.reviewer, from: AT_DISTRICT, to: 'inReview' },
    { action: 'createRevision', role: p.author, from: ['returnedByDistrict', 'agreed'], to: null },
  ];
  if (p.head && settings.whoAgrees === 'head') {
    list.push(
      { action: 'return', role: p.reviewer, from: AT_DISTRICT, to: 'returnedByDistrict' },
      { action: 'recommendAgreement', role: p.reviewer, from: AT_DISTRICT, to: 'awaitingHeadSignature' },
      // The head may still disagree with the recommendation.
      { action: 'return', role: p.head, from: ['awaitingHeadSignature'], to: 'returnedByDistrict' },
      { action: 'agree', role: p.head, from: ['awaitingHeadSignature'], to: 'agreed' },
    );
  } else {
    // The officer (or the region) agrees alone; awaitingHeadSignature is included so that a
    // roadmap caught by a change of the setting is not stuck.
    const from: readonly RoadmapState[] = p.head ? [...AT_DISTRICT, 'awaitingHeadSignature'] : AT_DISTRICT;
    list.push({ action: 'return', role: p.reviewer, from, to: 'returnedByDistrict' }, { action: 'agree', role: p.reviewer, from, to: 'agreed' });
  }
  return list;
}

// ————— Russian texts —————

export const ROADMAP_STATE_LABELS_RU: Readonly<Record<RoadmapState, string>> = {
  draft: 'Черновик',
  withDirector: 'На утверждении у директора',
  returnedByDirector: 'Возвращена директором на доработку',
  submittedToDistrict: 'Направлена на согласование',
  inReview: 'На рассмотрении',
  returnedByDistrict: 'Возвращена на доработку',
  awaitingHeadSignature: 'Ожидает подписи руководителя',
  agreed: 'Согласована',
  superseded: 'Заменена новой редакцией',
};

const DISTRICT_STATE_LABELS_RU: Partial<Record<RoadmapState, string>> = {
  withDirector: 'На утверждении у руководителя органа управления образованием',
  returnedByDirector: 'Возвращена руководителем на доработку',
  submittedToDistrict: 'Направлена на согласование в регион',
  inReview: 'На рассмотрении в регионе',
  returnedByDistrict: 'Возвращена регионом на доработку',
};

export function roadmapStateLabelRu(state: RoadmapState, level: RoadmapLevel = 'school'): string {
  return (level === 'district' ? DISTRICT_STATE_LABELS_RU[state] : undefined) ?? ROADMAP_STATE_LABELS_RU[state];
}

export const APPROVAL_ACTION_LABELS_RU: Readonly<Record<ApprovalAction, string>> = {
  submitToDirector: 'Направить на утверждение',
  withdraw: 'Отозвать с утверждения',
  approve: 'Утвердить',
  returnToCurator: 'Вернуть на доработку куратору',
  startReview: 'Взять на рассмотрение',
  comment: 'Оставить замечание',
  return: 'Вернуть на доработку',
  recommendAgreement: 'Рекомендовать к согласованию',
  agree: 'Согласовать',
  createRevision: 'Создать новую редакцию',
};

/** «<verb> может только <who>». */
const ACTION_VERBS_RU: Readonly<Record<ApprovalAction, string>> = {
  submitToDirector: 'Направить дорожную карту на утверждение',
  withdraw: 'Отозвать дорожную карту с утверждения',
  approve: 'Утвердить',
  returnToCurator: 'Вернуть дорожную карту на доработку до утверждения',
  startReview: 'Взять дорожную карту на рассмотрение',
  comment: 'Оставлять замечания',
  return: 'Вернуть дорожную карту на доработку',
  recommendAgreement: 'Рекомендовать к согласованию',
  agree: 'Согласовать',
  createRevision: 'Создать новую редакцию',
};

const ROLE_NOUNS_RU: Partial<Record<PlatformRole, string>> = {
  'school-curator': 'куратор наставничества',
  'school-director': 'директор организации',
  'district-officer': 'специалист органа управления образованием',
  'district-head': 'руководитель органа управления образованием',
  'region-coordinator': 'координатор региона (РНЦ)',
};

export const APPROVAL_MESSAGES_RU = {
  agreed: 'Дорожная карта уже согласована — изменения оформляются новой редакцией',
  superseded: 'Эта редакция заменена новой — изменить её нельзя',
  returnedByDistrict: 'Дорожная карта возвращена на доработку — создайте новую редакцию',
  notApplicable: (action: ApprovalAction) => `Действие «${APPROVAL_ACTION_LABELS_RU[action]}» для этой дорожной карты не предусмотрено`,
  wrongState: (action: ApprovalAction, state: RoadmapState, level: RoadmapLevel) =>
    `Действие «${APPROVAL_ACTION_LABELS_RU[action]}» недоступно: дорожная карта в состоянии «${roadmapStateLabelRu(state, level)}»`,
  onlyRoles: (action: ApprovalAction, roles: readonly PlatformRole[]) =>
    `${ACTION_VERBS_RU[action]} может только ${roles.map((r) => ROLE_NOUNS_RU[r] ?? r).join(' или ')}`,
} as const;

// ————— the machine —————

const TEXT_MAX = 300;
export const COMMENT_MAX = 4000;

type Invalid = { field: string; message: string };
const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A required field of an approval/agreement block: its label (for «…: не более N символов») and the «Укажите …» message. */
interface FieldCheck<K extends string> {
  key: K;
  kind: 'text' | 'date';
  label: string;
  missing: string;
  max?: number;
}

/** Reads a block's fields in order; every missing or malformed one is reported, the first as `field`. */
function readBlock<K extends string>(
  checks: ReadonlyArray<FieldCheck<K>>,
  source: Partial<Record<K, unknown>> | null | undefined,
  prefix: string,
): (Invalid & { fields: Invalid[] }) | Record<K, string> {
  const out: Partial<Record<K, string>> = {};
  const problems: Invalid[] = [];
  for (const { key, kind, label, missing, max = TEXT_MAX } of checks) {
    const field = `${prefix}.${key}`;
    const value = trimmed(source?.[key]);
    if (!value) problems.push({ field, message: missing });
    else if (kind === 'date' && !isIsoDate(value)) problems.push({ field, message: `${label}: некорректная дата` });
    else if (value.length > max) problems.push({ field, message: `${label}: не более ${max} символов` });
    else out[key] = value;
  }
  return problems.length ? { ...problems[0]!, fields: problems } : (out as Record<K, string>);
}

/**
 * The problems of a «УТВЕРЖДАЮ» (approve) or «СОГЛАСОВАНО» (agree) block as typed, all at once, with
 * the same fields and messages the decision gives (`approval.orderNumber`): the admin's dialog shows
 * them before sending.
 */
export function signatureBlockProblems(action: 'approve' | 'agree', source: Record<string, unknown>): Invalid[] {
  const block = action === 'approve' ? readBlock(APPROVAL_CHECKS, source, 'approval') : readBlock(AGREEMENT_CHECKS, source, 'agreement');
  return 'message' in block ? (block.fields as Invalid[]) : [];
}

const APPROVAL_CHECKS: ReadonlyArray<FieldCheck<Exclude<keyof ApprovalBlock, 'organization'>>> = [
  { key: 'position', kind: 'text', label: 'Должность утверждающего', missing: 'Укажите должность утверждающего' },
  { key: 'name', kind: 'text', label: 'ФИО утверждающего', missing: 'Укажите фамилию и инициалы утверждающего' },
  { key: 'date', kind: 'date', label: 'Дата утверждения', missing: 'Укажите дату утверждения' },
  { key: 'orderNumber', kind: 'text', label: 'Номер приказа', missing: 'Укажите номер приказа об утверждении', max: 50 },
  { key: 'orderDate', kind: 'date', label: 'Дата приказа', missing: 'Укажите дату приказа об утверждении' },
];

const AGREEMENT_CHECKS: ReadonlyArray<FieldCheck<keyof AgreementBlock>> = [
  { key: 'position', kind: 'text', label: 'Должность согласующего', missing: 'Укажите должность согласующего' },
  { key: 'authority', kind: 'text', label: 'Орган', missing: 'Укажите орган, согласующий дорожную карту' },
  { key: 'name', kind: 'text', label: 'ФИО согласующего', missing: 'Укажите фамилию и инициалы согласующего' },
  { key: 'date', kind: 'date', label: 'Дата согласования', missing: 'Укажите дату согласования' },
];

const COMMENT_REQUIRED: Partial<Record<ApprovalAction, string>> = {
  returnToCurator: 'Укажите, что нужно доработать: комментарий обязателен при возврате',
  return: 'Укажите, что нужно доработать: комментарий обязателен при возврате',
  comment: 'Введите текст замечания',
};

function conflictMessage(action: ApprovalAction, state: RoadmapState, level: RoadmapLevel): string {
  if (state === 'agreed') return APPROVAL_MESSAGES_RU.agreed;
  if (state === 'superseded') return APPROVAL_MESSAGES_RU.superseded;
  if (state === 'returnedByDistrict') return APPROVAL_MESSAGES_RU.returnedByDistrict;
  return APPROVAL_MESSAGES_RU.wrongState(action, state, level);
}

/**
 * Decides one action on one revision. Checks, in order: the role may take this action at all
 * (FORBIDDEN), the revision's state allows it (CONFLICT_STATE), the required fields (BAD_USER_INPUT).
 */
export function decide(state: RoadmapState, action: ApprovalAction, context: DecisionContext): Decision {
  const { role, level, settings = DEFAULT_APPROVAL_SETTINGS, payload = {} } = context;
  const forAction = rules(level, settings).filter((r) => r.action === action);
  if (forAction.length === 0) return { ok: false, code: 'FORBIDDEN', message: APPROVAL_MESSAGES_RU.notApplicable(action) };
  const mine = forAction.filter((r) => r.role === role);
  if (mine.length === 0) {
    const roles = [...new Set(forAction.map((r) => r.role))];
    return { ok: false, code: 'FORBIDDEN', message: APPROVAL_MESSAGES_RU.onlyRoles(action, roles) };
  }
  const rule = mine.find((r) => r.from.includes(state));
  if (!rule) return { ok: false, code: 'CONFLICT_STATE', message: conflictMessage(action, state, level) };

  const comment = trimmed(payload.comment) || null;
  const required = COMMENT_REQUIRED[action];
  if (required && !comment) return { ok: false, code: 'BAD_USER_INPUT', message: required, field: 'comment' };
  if (comment && comment.length > COMMENT_MAX) {
    return { ok: false, code: 'BAD_USER_INPUT', message: `Комментарий: не более ${COMMENT_MAX} символов`, field: 'comment' };
  }

  let approval: ApprovalBlock | null = null;
  let agreement: AgreementBlock | null = null;
  if (action === 'approve') {
    const block = readBlock(APPROVAL_CHECKS, payload.approval, 'approval');
    if ('message' in block) return { ok: false, code: 'BAD_USER_INPUT', ...block };
    // The organisation is printed under the position; optional, the API may fill it from the roadmap.
    approval = { ...block, organization: trimmed(payload.approval?.organization).slice(0, TEXT_MAX) };
  }
  if (action === 'agree') {
    const block = readBlock(AGREEMENT_CHECKS, payload.agreement, 'agreement');
    if ('message' in block) return { ok: false, code: 'BAD_USER_INPUT', ...block };
    agreement = block;
  }

  const next = rule.to ?? state;
  const record: DecisionRecord = {
    action,
    role,
    level,
    from: state,
    to: next,
    comment,
    itemId: trimmed(payload.itemId) || null,
    approval,
    agreement,
  };
  if (action === 'createRevision') return { ok: true, next, record, newRevision: { state: 'draft', supersedes: state === 'agreed' } };
  if (action === 'agree') return { ok: true, next, record, predecessorNext: 'superseded' };
  return { ok: true, next, record };
}

/** The actions a role may take on a revision in this state (the admin shows them as buttons). */
export function allowedActions(
  state: RoadmapState,
  role: PlatformRole,
  level: RoadmapLevel,
  settings: ApprovalSettings = DEFAULT_APPROVAL_SETTINGS,
): ApprovalAction[] {
  const possible = new Set(
    rules(level, settings)
      .filter((r) => r.role === role && r.from.includes(state))
      .map((r) => r.action),
  );
  return APPROVAL_ACTIONS.filter((a) => possible.has(a));
}

/** The role a user with several roles (a director who is also the curator) acts in; null if none fits. */
export function actingRole(
  actor: ApprovalActor,
  state: RoadmapState,
  action: ApprovalAction,
  level: RoadmapLevel,
  settings: ApprovalSettings = DEFAULT_APPROVAL_SETTINGS,
): PlatformRole | null {
  if (!actor.coversRoadmap) return null;
  return actor.roles.find((role) => allowedActions(state, role, level, settings).includes(action)) ?? null;
}

/** All actions a user may take, over all of their roles. */
export function actorAllowedActions(
  actor: ApprovalActor,
  state: RoadmapState,
  level: RoadmapLevel,
  settings: ApprovalSettings = DEFAULT_APPROVAL_SETTINGS,
): ApprovalAction[] {
  if (!actor.coversRoadmap) return [];
  const possible = new Set(actor.roles.flatMap((role) => allowedActions(state, role, level, settings)));
  return APPROVAL_ACTIONS.filter((a) => possible.has(a));
}

/** Only a draft, or one the director returned, is edited in place; everything later is a new revision. */
export function isEditable(state: RoadmapState): boolean {
  return state === 'draft' || state === 'returnedByDirector';
}

/** An agreed revision is in force until its successor is agreed. */
export function isInForce(state: RoadmapState): boolean {
  return state === 'agreed';
}

// ————— campaigns —————

export const SCHOOL_CAMPAIGN_STATUSES = ['notStarted', 'draft', 'withDirector', 'submitted', 'returned', 'agreed'] as const;
export type SchoolCampaignStatus = (typeof SCHOOL_CAMPAIGN_STATUSES)[number];

export const SCHOOL_CAMPAIGN_STATUS_LABELS_RU: Readonly<Record<SchoolCampaignStatus, string>> = {
  notStarted: 'не начата',
  draft: 'черновик',
  withDirector: 'у директора',
  submitted: 'на согласовании',
  returned: 'возвращена',
  agreed: 'согласована',
};

const CAMPAIGN_STATUS_OF: Readonly<Record<RoadmapState, SchoolCampaignStatus>> = {
  draft: 'draft',
  // Returned inside the school: the district sees it as still being drafted.
  returnedByDirector: 'draft',
  withDirector: 'withDirector',
  submittedToDistrict: 'submitted',
  inReview: 'submitted',
  awaitingHeadSignature: 'submitted',
  returnedByDistrict: 'returned',
  agreed: 'agreed',
  // Only reachable if the caller passes an older revision: it was agreed.
  superseded: 'agreed',
};

/** Where a school stands in a district's campaign, from the state of its latest revision (null: none yet). */
export function schoolCampaignStatus(latestRevisionState: RoadmapState | null): SchoolCampaignStatus {
  return latestRevisionState === null ? 'notStarted' : CAMPAIGN_STATUS_OF[latestRevisionState];
}
