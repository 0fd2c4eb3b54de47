import { describe, expect, it } from 'vitest';
import { PLATFORM_ROLES, type PlatformRole } from '../roles.js';
import {
  APPROVAL_ACTION_LABELS_RU,
  APPROVAL_ACTIONS,
  ROADMAP_STATE_LABELS_RU,
  ROADMAP_STATES,
  SCHOOL_CAMPAIGN_STATUS_LABELS_RU,
  actingRole,
  actorAllowedActions,
  allowedActions,
  decide,
  signatureBlockProblems,
  isEditable,
  roadmapStateLabelRu,
  schoolCampaignStatus,
  type ApprovalAction,
  type ApprovalPayload,
  type ApprovalSettings,
  type RoadmapState,
} from './approval.js';
import type { RoadmapLevel } from './model.js';

type Allowed = readonly [state: RoadmapState, action: ApprovalAction, role: PlatformRole, next: RoadmapState];

/** Both levels share the first steps, with their own roles. */
const DRAFTING = (author: PlatformRole, approver: PlatformRole): Allowed[] => [
  ['draft', 'submitToDirector', author, 'withDirector'],
  ['returnedByDirector', 'submitToDirector', author, 'withDirector'],
  ['withDirector', 'withdraw', author, 'draft'],
  ['withDirector', 'approve', approver, 'submittedToDistrict'],
  ['withDirector', 'returnToCurator', approver, 'returnedByDirector'],
  // A new revision is created; this one keeps its state.
  ['returnedByDistrict', 'createRevision', author, 'returnedByDistrict'],
  ['agreed', 'createRevision', author, 'agreed'],
];

const SCHOOL_REVIEW: Allowed[] = [
  ['submittedToDistrict', 'startReview', 'district-officer', 'inReview'],
  ['submittedToDistrict', 'comment', 'district-officer', 'inReview'],
  ['inReview', 'comment', 'district-officer', 'inReview'],
];

/** The explicit allow-list: everything not listed must fail. */
const ALLOWED: Record<RoadmapLevel, Record<ApprovalSettings['whoAgrees'], Allowed[]>> = {
  school: {
    head: [
      ...DRAFTING('school-curator', 'school-director'),
      ...SCHOOL_REVIEW,
      ['submittedToDistrict', 'return', 'district-officer', 'returnedByDistrict'],
      ['inReview', 'return', 'district-officer', 'returnedByDistrict'],
      ['submittedToDistrict', 'recommendAgreement', 'district-officer', 'awaitingHeadSignature'],
      ['inReview', 'recommendAgreement', 'district-officer', 'awaitingHeadSignature'],
      ['awaitingHeadSignature', 'agree', 'district-head', 'agreed'],
      ['awaitingHeadSignature', 'return', 'district-head', 'returnedByDistrict'],
    ],
    officer: [
      ...DRAFTING('school-curator', 'school-director'),
      ...SCHOOL_REVIEW,
      ['submittedToDistrict', 'return', 'district-officer', 'returnedByDistrict'],
      ['inReview', 'return', 'district-officer', 'returnedByDistrict'],
      ['awaitingHeadSignature', 'return', 'district-officer', 'returnedByDistrict'],
      ['submittedToDistrict', 'agree', 'district-officer', 'agreed'],
      ['inReview', 'agree', 'district-officer', 'agreed'],
      ['awaitingHeadSignature', 'agree', 'district-officer', 'agreed'],
    ],
  },
  district: {
    head: [],
    officer: [],
  },
};
// A district roadmap: the region has no «head» role, so the setting makes no difference.
ALLOWED.district.head = ALLOWED.district.officer = [
  ...DRAFTING('district-officer', 'district-head'),
  ['submittedToDistrict', 'startReview', 'region-coordinator', 'inReview'],
  ['submittedToDistrict', 'comment', 'region-coordinator', 'inReview'],
  ['inReview', 'comment', 'region-coordinator', 'inReview'],
  ['submittedToDistrict', 'return', 'region-coordinator', 'returnedByDistrict'],
  ['inReview', 'return', 'region-coordinator', 'returnedByDistrict'],
  ['submittedToDistrict', 'agree', 'region-coordinator', 'agreed'],
  ['inReview', 'agree', 'region-coordinator', 'agreed'],
];

const FULL_PAYLOAD: ApprovalPayload = {
  comment: 'Уточнить сроки в разделе 2',
  itemId: 'item-2-1',
  approval: {
    position: 'Директор МОБУ Гимназия',
    organization: 'МОБУ «Гимназия»',
    name: 'И.И. Варламова',
    date: '2021-09-15',
    orderNumber: '336',
    orderDate: '2021-08-31',
  },
  agreement: {
    position: 'И.о. начальника управления образования',
    authority: 'Управление образования Администрации ГО г. Сибай РБ',
    name: 'А.Р. Бикмурзина',
    date: '2021-09-20',
  },
};

describe('decide: every state × action × role', () => {
  for (const level of ['school', 'district'] as const) {
    for (const whoAgrees of ['head', 'officer'] as const) {
      const allowed = ALLOWED[level][whoAgrees];
      // A role that may take the action in some state gets CONFLICT_STATE elsewhere; any other role FORBIDDEN.
      const actors = new Set(allowed.map(([, action, role]) => `${action}/${role}`));
      for (const state of ROADMAP_STATES) {
        it(`${level}, whoAgrees=${whoAgrees}, ${state}`, () => {
          const mismatches: string[] = [];
          for (const action of APPROVAL_ACTIONS) {
            for (const role of PLATFORM_ROLES) {
              const entry = allowed.find(([s, a, r]) => s === state && a === action && r === role);
              const result = decide(state, action, { role, level, settings: { whoAgrees }, payload: FULL_PAYLOAD });
              const expected = entry ? `ok→${entry[3]}` : actors.has(`${action}/${role}`) ? 'CONFLICT_STATE' : 'FORBIDDEN';
              const actual = result.ok ? `ok→${result.next}` : result.code;
              if (actual !== expected) mismatches.push(`${action} by ${role}: expected ${expected}, got ${actual}`);
              if (!result.ok && !result.message) mismatches.push(`${action} by ${role}: empty message`);
              if (result.ok && (result.record.from !== state || result.record.to !== result.next || result.record.action !== action)) {
                mismatches.push(`${action} by ${role}: wrong record`);
              }
            }
          }
          expect(mismatches).toEqual([]);
        });
        it(`${level}, whoAgrees=${whoAgrees}, ${state}: allowedActions`, () => {
          for (const role of PLATFORM_ROLES) {
            const expected = APPROVAL_ACTIONS.filter((a) => allowed.some(([s, x, r]) => s === state && x === a && r === role));
            expect(allowedActions(state, role, level, { whoAgrees }), role).toEqual(expected);
          }
        });
      }
    }
  }

  it('uses whoAgrees=head by default', () => {
    expect(allowedActions('awaitingHeadSignature', 'district-head', 'school')).toEqual(['return', 'agree']);
    expect(decide('inReview', 'agree', { role: 'district-officer', level: 'school', payload: FULL_PAYLOAD })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('decide: messages', () => {
  const school = { level: 'school' as const };

  it('names who may act', () => {
    expect(decide('withDirector', 'approve', { ...school, role: 'school-curator', payload: FULL_PAYLOAD })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: 'Утвердить может только директор организации',
    });
    expect(decide('withDirector', 'approve', { role: 'school-director', level: 'district', payload: FULL_PAYLOAD })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: 'Утвердить может только руководитель органа управления образованием',
    });
    expect(decide('awaitingHeadSignature', 'agree', { ...school, role: 'district-officer', payload: FULL_PAYLOAD })).toMatchObject({
      message: 'Согласовать может только руководитель органа управления образованием',
    });
    expect(decide('inReview', 'agree', { ...school, role: 'district-head', settings: { whoAgrees: 'officer' }, payload: FULL_PAYLOAD })).toMatchObject({
      message: 'Согласовать может только специалист органа управления образованием',
    });
    expect(decide('awaitingHeadSignature', 'return', { ...school, role: 'school-director', payload: FULL_PAYLOAD })).toMatchObject({
      message: 'Вернуть дорожную карту на доработку может только специалист органа управления образованием или руководитель органа управления образованием',
    });
    expect(decide('inReview', 'recommendAgreement', { ...school, role: 'district-officer', settings: { whoAgrees: 'officer' } })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: 'Действие «Рекомендовать к согласованию» для этой дорожной карты не предусмотрено',
    });
  });

  it('explains a wrong state', () => {
    expect(decide('agreed', 'submitToDirector', { ...school, role: 'school-curator' })).toEqual({
      ok: false,
      code: 'CONFLICT_STATE',
      message: 'Дорожная карта уже согласована — изменения оформляются новой редакцией',
    });
    expect(decide('returnedByDistrict', 'submitToDirector', { ...school, role: 'school-curator' })).toMatchObject({
      code: 'CONFLICT_STATE',
      message: 'Дорожная карта возвращена на доработку — создайте новую редакцию',
    });
    expect(decide('superseded', 'createRevision', { ...school, role: 'school-curator' })).toMatchObject({
      code: 'CONFLICT_STATE',
      message: 'Эта редакция заменена новой — изменить её нельзя',
    });
    expect(decide('draft', 'approve', { ...school, role: 'school-director', payload: FULL_PAYLOAD })).toMatchObject({
      code: 'CONFLICT_STATE',
      message: 'Действие «Утвердить» недоступно: дорожная карта в состоянии «Черновик»',
    });
    expect(decide('draft', 'approve', { role: 'district-head', level: 'district', payload: FULL_PAYLOAD })).toMatchObject({
      code: 'CONFLICT_STATE',
      message: 'Действие «Утвердить» недоступно: дорожная карта в состоянии «Черновик»',
    });
  });

  const approve = (approval: ApprovalPayload['approval']) => decide('withDirector', 'approve', { ...school, role: 'school-director', payload: { approval } });
  const full = FULL_PAYLOAD.approval!;

  it('requires every field of «УТВЕРЖДАЮ», in order', () => {
    expect(approve(undefined)).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'approval.position', message: 'Укажите должность утверждающего' });
    expect(approve({ ...full, position: '  ' })).toMatchObject({ field: 'approval.position', message: 'Укажите должность утверждающего' });
    expect(approve({ ...full, name: '' })).toMatchObject({ field: 'approval.name', message: 'Укажите фамилию и инициалы утверждающего' });
    expect(approve({ ...full, date: undefined })).toMatchObject({ field: 'approval.date', message: 'Укажите дату утверждения' });
    expect(approve({ ...full, date: '15.09.2021' })).toMatchObject({ field: 'approval.date', message: 'Дата утверждения: некорректная дата' });
    expect(approve({ ...full, orderNumber: '' })).toEqual({
      ok: false,
      code: 'BAD_USER_INPUT',
      field: 'approval.orderNumber',
      message: 'Укажите номер приказа об утверждении',
      fields: [{ field: 'approval.orderNumber', message: 'Укажите номер приказа об утверждении' }],
    });
    expect(approve({ ...full, orderNumber: '1'.repeat(51) })).toMatchObject({ field: 'approval.orderNumber', message: 'Номер приказа: не более 50 символов' });
    expect(approve({ ...full, orderDate: '' })).toMatchObject({ field: 'approval.orderDate', message: 'Укажите дату приказа об утверждении' });
    expect(approve({ ...full, orderDate: '2021-02-30' })).toMatchObject({ field: 'approval.orderDate', message: 'Дата приказа: некорректная дата' });
    expect(approve({ ...full, position: 'Д'.repeat(301) })).toMatchObject({ message: 'Должность утверждающего: не более 300 символов' });
  });

  it('reports every problem of the block at once: a bad date and an empty order number together', () => {
    expect(approve({ ...full, date: '15.09.2021', orderNumber: ' ' })).toMatchObject({
      field: 'approval.date',
      fields: [
        { field: 'approval.date', message: 'Дата утверждения: некорректная дата' },
        { field: 'approval.orderNumber', message: 'Укажите номер приказа об утверждении' },
      ],
    });
    expect(signatureBlockProblems('approve', { ...full, date: '15.09.2021', orderNumber: ' ' }).map((p) => p.field)).toEqual([
      'approval.date',
      'approval.orderNumber',
    ]);
    expect(signatureBlockProblems('approve', { ...full })).toEqual([]);
    expect(signatureBlockProblems('agree', {}).map((p) => p.field)).toEqual(['agreement.position', 'agreement.authority', 'agreement.name', 'agreement.date']);
  });

  it('records the approval, trimmed; the organisation is optional', () => {
    const result = approve({ ...full, name: '  И.И. Варламова ', organization: undefined, orderNumber: '376/а' });
    expect(result).toEqual({
      ok: true,
      next: 'submittedToDistrict',
      record: {
        action: 'approve',
        role: 'school-director',
        level: 'school',
        from: 'withDirector',
        to: 'submittedToDistrict',
        comment: null,
        itemId: null,
        approval: {
          position: 'Директор МОБУ Гимназия',
          organization: '',
          name: 'И.И. Варламова',
          date: '2021-09-15',
          orderNumber: '376/а',
          orderDate: '2021-08-31',
        },
        agreement: null,
      },
    });
  });

  it('requires every field of «СОГЛАСОВАНО»', () => {
    const agree = (agreement: ApprovalPayload['agreement']) =>
      decide('awaitingHeadSignature', 'agree', { ...school, role: 'district-head', payload: { agreement } });
    const a = FULL_PAYLOAD.agreement!;
    expect(agree(null)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agreement.position', message: 'Укажите должность согласующего' });
    expect(agree({ ...a, authority: ' ' })).toMatchObject({ field: 'agreement.authority', message: 'Укажите орган, согласующий дорожную карту' });
    expect(agree({ ...a, name: '' })).toMatchObject({ field: 'agreement.name', message: 'Укажите фамилию и инициалы согласующего' });
    // Paper roadmaps often leave «___» _____ 2021: the platform does not.
    expect(agree({ ...a, date: '' })).toMatchObject({ field: 'agreement.date', message: 'Укажите дату согласования' });
    expect(agree({ ...a, date: '2021-13-01' })).toMatchObject({ field: 'agreement.date', message: 'Дата согласования: некорректная дата' });
    const ok = agree(a);
    expect(ok).toMatchObject({ ok: true, next: 'agreed', predecessorNext: 'superseded', record: { agreement: a, approval: null } });
  });

  it('requires a comment to return or to comment', () => {
    const message = 'Укажите, что нужно доработать: комментарий обязателен при возврате';
    expect(decide('withDirector', 'returnToCurator', { ...school, role: 'school-director' })).toEqual({
      ok: false,
      code: 'BAD_USER_INPUT',
      field: 'comment',
      message,
    });
    expect(decide('inReview', 'return', { ...school, role: 'district-officer', payload: { comment: '   ' } })).toMatchObject({ field: 'comment', message });
    expect(decide('inReview', 'comment', { ...school, role: 'district-officer', payload: {} })).toMatchObject({
      field: 'comment',
      message: 'Введите текст замечания',
    });
    expect(decide('inReview', 'comment', { ...school, role: 'district-officer', payload: { comment: 'x'.repeat(4001) } })).toMatchObject({
      field: 'comment',
      message: 'Комментарий: не более 4000 символов',
    });
    expect(
      decide('submittedToDistrict', 'comment', { ...school, role: 'district-officer', payload: { comment: ' Срок п. 2.4 ', itemId: 'i-24' } }),
    ).toMatchObject({
      ok: true,
      next: 'inReview',
      record: { comment: 'Срок п. 2.4', itemId: 'i-24' },
    });
    // Optional elsewhere.
    expect(decide('draft', 'submitToDirector', { ...school, role: 'school-curator' })).toMatchObject({ ok: true, record: { comment: null } });
  });

  it('asks the API for a new revision', () => {
    expect(decide('agreed', 'createRevision', { ...school, role: 'school-curator' })).toMatchObject({
      ok: true,
      next: 'agreed',
      newRevision: { state: 'draft', supersedes: true },
    });
    expect(decide('returnedByDistrict', 'createRevision', { ...school, role: 'school-curator' })).toMatchObject({
      ok: true,
      next: 'returnedByDistrict',
      newRevision: { state: 'draft', supersedes: false },
    });
  });
});

describe('a roadmap’s life', () => {
  it('goes round, is returned, amended and agreed, and the amendment supersedes it', () => {
    const step = (state: RoadmapState, action: ApprovalAction, role: PlatformRole, payload: ApprovalPayload = FULL_PAYLOAD) => {
      const result = decide(state, action, { role, level: 'school', payload });
      if (!result.ok) throw new Error(result.message);
      return result.next;
    };
    let r1: RoadmapState = 'draft';
    r1 = step(r1, 'submitToDirector', 'school-curator');
    r1 = step(r1, 'returnToCurator', 'school-director');
    expect(isEditable(r1)).toBe(true);
    r1 = step(r1, 'submitToDirector', 'school-curator');
    r1 = step(r1, 'approve', 'school-director');
    r1 = step(r1, 'startReview', 'district-officer');
    r1 = step(r1, 'return', 'district-officer');
    expect(r1).toBe('returnedByDistrict');
    expect(isEditable(r1)).toBe(false);

    let r2: RoadmapState = 'draft';
    for (const [action, role] of [
      ['submitToDirector', 'school-curator'],
      ['approve', 'school-director'],
      ['comment', 'district-officer'],
      ['recommendAgreement', 'district-officer'],
      ['agree', 'district-head'],
    ] as const) {
      r2 = step(r2, action, role);
    }
    expect(r2).toBe('agreed');
    expect(schoolCampaignStatus(r2)).toBe('agreed');
    const amend = decide(r2, 'createRevision', { role: 'school-curator', level: 'school' });
    expect(amend).toMatchObject({ ok: true, newRevision: { supersedes: true } });
    let r3: RoadmapState = 'draft';
    r3 = step(r3, 'submitToDirector', 'school-curator');
    r3 = step(r3, 'approve', 'school-director');
    r3 = step(r3, 'recommendAgreement', 'district-officer');
    const agreed = decide(r3, 'agree', { role: 'district-head', level: 'school', payload: FULL_PAYLOAD });
    expect(agreed).toMatchObject({ ok: true, next: 'agreed', predecessorNext: 'superseded' });
  });
});

describe('actors, editing, labels, campaigns', () => {
  it('picks the role a user acts in', () => {
    const both = { roles: ['school-curator', 'school-director'] as PlatformRole[], coversRoadmap: true };
    expect(actingRole(both, 'withDirector', 'approve', 'school')).toBe('school-director');
    expect(actingRole(both, 'withDirector', 'withdraw', 'school')).toBe('school-curator');
    expect(actingRole(both, 'inReview', 'agree', 'school')).toBeNull();
    expect(actingRole({ ...both, coversRoadmap: false }, 'withDirector', 'approve', 'school')).toBeNull();
    expect(actorAllowedActions(both, 'withDirector', 'school')).toEqual(['withdraw', 'approve', 'returnToCurator']);
    expect(actorAllowedActions({ ...both, coversRoadmap: false }, 'withDirector', 'school')).toEqual([]);
  });

  it('edits only drafts', () => {
    const editable = ROADMAP_STATES.filter(isEditable);
    expect(editable).toEqual(['draft', 'returnedByDirector']);
  });

  it('labels every state and action in Russian', () => {
    for (const state of ROADMAP_STATES) expect(ROADMAP_STATE_LABELS_RU[state]).toMatch(/[А-Яа-я]/);
    for (const action of APPROVAL_ACTIONS) expect(APPROVAL_ACTION_LABELS_RU[action]).toMatch(/[А-Яа-я]/);
    expect(roadmapStateLabelRu('withDirector')).toBe('На утверждении у директора');
    expect(roadmapStateLabelRu('withDirector', 'district')).toBe('На утверждении у руководителя органа управления образованием');
    expect(roadmapStateLabelRu('agreed', 'district')).toBe('Согласована');
  });

  it('derives a school’s campaign status from its latest revision', () => {
    const expected: Record<RoadmapState | 'null', string> = {
      null: 'notStarted',
      draft: 'draft',
      returnedByDirector: 'draft',
      withDirector: 'withDirector',
      submittedToDistrict: 'submitted',
      inReview: 'submitted',
      awaitingHeadSignature: 'submitted',
      returnedByDistrict: 'returned',
      agreed: 'agreed',
      superseded: 'agreed',
    };
    for (const state of [null, ...ROADMAP_STATES]) expect(schoolCampaignStatus(state), String(state)).toBe(expected[state ?? 'null']);
    expect(SCHOOL_CAMPAIGN_STATUS_LABELS_RU).toEqual({
      notStarted: 'не начата',
      draft: 'черновик',
      withDirector: 'у директора',
      submitted: 'на согласовании',
      returned: 'возвращена',
      agreed: 'согласована',
    });
  });
});
