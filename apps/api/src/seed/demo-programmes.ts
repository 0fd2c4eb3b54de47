import {
  academicYearOf,
  BUILT_IN_FORMS,
  instantOfWallClock,
  nextAllowedMeetingTypes,
  validateMeeting,
  validateParticipant,
  validatePlan,
  validatePlanPeriod,
  type IsoDate,
  type MeetingType,
  type ParticipantRole,
  type PlanTask,
  type ValidationIssue,
} from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';
import { addDays, isoDateIn } from '../engine/clock.js';
import type { EntityManager, MikroORM } from '../engine/orm/create-orm.js';
import { District } from '../modules/directory/district.entity.js';
import { Organization } from '../modules/directory/organization.entity.js';
import { MentoringPair, PairMeeting } from '../modules/pairs/pair.entity.js';
import { PlannedMeeting } from '../modules/pairs/planned-meeting.entity.js';
import { Participant, ParticipantConsent } from '../modules/participants/participant.entity.js';
import { checkConsents, consentFromInput, toDomainParticipant } from '../modules/participants/participant.service.js';
import type { DemoPerson, DemoProgramme } from './demo-programme-types.js';
import { seedDemoSurveysAndPractices } from './demo-surveys.js';
import { Programme } from '../modules/programmes/programme.entity.js';

/**
 * The demo programmes of the current academic year (so the monitoring dashboards of «today» are not
 * empty): people with their consents, confirmed pairs with plans and meetings. Everything is checked
 * by the same domain rules as the services (participants, consents, plan periods, meeting order).
 */

const pupil = (
  key: string,
  role: ParticipantRole,
  [lastName, firstName, middleName]: [string, string, string],
  age: number,
  birthday: string,
  classOrPosition: string,
  tags: string[],
  text: string,
  representative: DemoPerson['representative'],
  specialGroups: string[] = [],
): DemoPerson => ({ key, role, category: 'pupil', lastName, firstName, middleName, age, birthday, classOrPosition, tags, text, representative, specialGroups });

export const DEMO_PROGRAMMES: readonly DemoProgramme[] = [
  {
    districtCode: 'sibay',
    organizationCode: 'gimnaziya',
    name: 'Вместе',
    forms: ['pupil-pupil', 'teacher-pupil'],
    kinds: ['traditional'],
    targetGroups: ['обучающиеся 5–7 классов', 'обучающиеся с трудностями в учёбе', 'одарённые обучающиеся'],
    curatorName: 'Лилия Фанисовна Исхакова, заместитель директора по УВР',
    createdByName: 'Лилия Фанисовна Исхакова',
    people: [
      // Mentees (pupils, minors: consents of a legal representative).
      pupil(
        'm1',
        'mentee',
        ['Ишмухаметов', 'Азат', 'Ринатович'],
        12,
        '03-14',
        '6 «А»',
        ['математика', 'успеваемость'],
        'Трудности с дробями и текстовыми задачами',
        {
          name: 'Ишмухаметова Гульнара Фаритовна',
          relation: 'mother',
          document: 'Паспорт 80 15 482913, выдан МВД по Республике Башкортостан',
        },
      ),
      pupil(
        'm2',
        'mentee',
        ['Кузнецова', 'Дарья', 'Андреевна'],
        11,
        '05-02',
        '5 «Б»',
        ['адаптация', 'общение'],
        'Перешла из другой школы, нужна помощь с адаптацией в классе',
        {
          name: 'Кузнецов Андрей Викторович',
          relation: 'father',
          document: 'Паспорт 80 12 117640, выдан ОУФМС России по РБ в г. Сибай',
        },
      ),
      pupil(
        'm3',
        'mentee',
        ['Абдрахманова', 'Алина', 'Салаватовна'],
        13,
        '01-27',
        '7 «А»',
        ['робототехника', 'проекты'],
        'Хочет подготовить проект на муниципальную олимпиаду по технологии',
        {
          name: 'Абдрахманова Эльвира Маратовна',
          relation: 'mother',
          document: 'Паспорт 80 17 650218, выдан МВД по Республике Башкортостан',
        },
        ['gifted'],
      ),
      {
        ...pupil(
          'm4',
          'mentee',
          ['Сергеев', 'Максим', 'Олегович'],
          12,
          '07-19',
          '6 «Б»',
          ['русский язык', 'успеваемость'],
          'Ошибки в диктантах, низкая мотивация к чтению',
          {
            name: 'Сергеева Ольга Николаевна',
            relation: 'mother',
            document: 'Паспорт 80 11 903457, выдан ОУФМС России по РБ в г. Сибай',
          },
        ),
        username: 'gimnaziya.mentee',
      },
      pupil(
        'm5',
        'mentee',
        ['Галиев', 'Тимур', 'Ильдарович'],
        13,
        '04-08',
        '7 «Б»',
        ['шахматы', 'олимпиады'],
        'Готовится к олимпиаде по математике',
        {
          name: 'Галиева Лилия Раисовна',
          relation: 'mother',
          document: 'Паспорт 80 16 228301, выдан МВД по Республике Башкортостан',
        },
        ['gifted'],
      ),
      pupil(
        'm6',
        'mentee',
        ['Попова', 'Ксения', 'Дмитриевна'],
        11,
        '02-11',
        '5 «А»',
        ['английский язык'],
        'Нужна помощь с английским языком',
        {
          name: 'Попова Наталья Сергеевна',
          relation: 'guardian',
          document: 'Постановление администрации ГО г. Сибай об установлении опеки № 412 от 14.03.2022',
        },
        ['orphan'],
      ),
      pupil(
        'm7',
        'mentee',
        ['Юлдашбаев', 'Ильдар', 'Азаматович'],
        12,
        '06-30',
        '6 «А»',
        ['спорт', 'дисциплина'],
        'Пропуски уроков, хочет заниматься в спортивной секции',
        {
          name: 'Юлдашбаев Азамат Ришатович',
          relation: 'father',
          document: 'Паспорт 80 10 334982, выдан ОУФМС России по РБ в г. Сибай',
          publication: true,
        },
      ),
      pupil('m8', 'mentee', ['Волкова', 'Полина', 'Игоревна'], 13, '08-05', '7 «А»', ['биология', 'проекты'], 'Исследовательский проект по экологии Зауралья', {
        name: 'Волкова Елена Александровна',
        relation: 'mother',
        document: 'Паспорт 80 14 771205, выдан МВД по Республике Башкортостан',
      }),
      // Mentors: two pupils of the senior classes (minors) and two teachers.
      pupil(
        'p1',
        'mentor',
        ['Хасанова', 'Айгуль', 'Рустамовна'],
        16,
        '02-23',
        '10 «А»',
        ['математика', 'олимпиады', 'шахматы'],
        'Призёр республиканской олимпиады по математике',
        {
          name: 'Хасанов Рустам Ильгизович',
          relation: 'father',
          document: 'Паспорт 80 09 125876, выдан ОУФМС России по РБ в г. Сибай',
        },
      ),
      pupil(
        'p2',
        'mentor',
        ['Морозов', 'Артём', 'Евгеньевич'],
        16,
        '05-17',
        '11 «Б»',
        ['робототехника', 'проекты', 'адаптация'],
        'Руководит школьной командой по робототехнике',
        {
          name: 'Морозова Светлана Викторовна',
          relation: 'mother',
          document: 'Паспорт 80 08 462019, выдан ОУФМС России по РБ в г. Сибай',
        },
      ),
      {
        key: 't1',
        role: 'mentor',
        username: 'gimnaziya.mentor',
        category: 'teacher',
        lastName: 'Байгускарова',
        firstName: 'Зульфия',
        middleName: 'Мидхатовна',
        classOrPosition: 'учитель русского языка и литературы',
        experienceYears: 22,
        email: 'baiguskarova.zm@demo.nastavnik.local',
        phone: '+7 917 345-12-78',
        tags: ['русский язык', 'успеваемость', 'чтение'],
        text: 'Учитель высшей категории, руководитель ШМО',
      },
      {
        key: 't2',
        role: 'mentor',
        category: 'young-specialist',
        lastName: 'Николаев',
        firstName: 'Павел',
        middleName: 'Сергеевич',
        classOrPosition: 'учитель физической культуры',
        experienceYears: 2,
        tags: ['спорт', 'дисциплина'],
        text: 'Тренер школьной секции по волейболу',
      },
    ],
    pairs: [
      {
        form: 'pupil-pupil',
        mentor: 'p1',
        mentees: ['m1'],
        done: 2,
        meetings: 4,
        tasks: [
          'Диагностика пробелов по теме «Дроби»',
          'Еженедельные занятия по решению текстовых задач',
          'Контрольная работа за полугодие на «4» и выше',
          'Участие в школьном этапе олимпиады',
        ],
      },
      {
        form: 'pupil-pupil',
        mentor: 'p2',
        mentees: ['m3'],
        done: 1,
        meetings: 3,
        tasks: ['Выбор темы проекта', 'Сборка прототипа', 'Защита проекта на школьной конференции'],
      },
      {
        form: 'teacher-pupil',
        mentor: 't1',
        mentees: ['m4'],
        done: 1,
        meetings: 2,
        tasks: ['Входной диктант', 'Читательский дневник: 3 книги за четверть', 'Итоговый диктант без «двоек»'],
      },
      {
        form: 'teacher-pupil',
        mentor: 't2',
        mentees: ['m7'],
        done: 3,
        meetings: 5,
        completedAfterDays: 42,
        tasks: ['Посещать секцию по волейболу дважды в неделю', 'Без пропусков уроков в течение месяца', 'Выступить за школу на городских соревнованиях'],
        practice: {
          title: 'Спорт против пропусков: краткосрочное наставничество «учитель – ученик»',
          summary:
            'Шестиклассник часто пропускал уроки и терял интерес к учёбе. Молодой учитель физкультуры предложил ему место в школьной секции по волейболу при условии посещения уроков; встречи раз в неделю, дневник посещаемости, совместный разбор недели.',
          results:
            'За шесть недель — ни одного пропуска без уважительной причины, участие в городских соревнованиях в составе школьной команды; наставляемый сам предложил продолжить занятия в секции.',
        },
      },
    ],
  },
  {
    districtCode: 'kursk',
    organizationCode: 'licey21',
    name: 'Наставник рядом',
    forms: ['teacher-teacher'],
    kinds: ['traditional'],
    targetGroups: ['молодые специалисты', 'учителя, сменившие место работы'],
    curatorName: 'Наталья Сергеевна Белова, заместитель директора по УВР',
    createdByName: 'Наталья Сергеевна Белова',
    people: [
      {
        key: 'y1',
        role: 'mentee',
        category: 'young-specialist',
        lastName: 'Семенова',
        firstName: 'Анастасия',
        middleName: 'Павловна',
        classOrPosition: 'учитель математики',
        experienceYears: 1,
        tags: ['дисциплина на уроке', 'ФГОС'],
        text: 'Первый год в школе: дисциплина в 7-х классах, рабочие программы',
      },
      {
        key: 'y2',
        role: 'mentee',
        category: 'young-specialist',
        lastName: 'Гончаров',
        firstName: 'Кирилл',
        middleName: 'Алексеевич',
        classOrPosition: 'учитель истории',
        experienceYears: 0,
        tags: ['классное руководство', 'работа с родителями'],
        text: 'Классное руководство в 5 классе, родительские собрания',
      },
      {
        key: 'e1',
        role: 'mentor',
        category: 'teacher',
        lastName: 'Лебедева',
        firstName: 'Марина',
        middleName: 'Викторовна',
        classOrPosition: 'учитель математики',
        experienceYears: 27,
        tags: ['ФГОС', 'дисциплина на уроке'],
        text: 'Учитель высшей категории, эксперт ОГЭ',
      },
      {
        key: 'e2',
        role: 'mentor',
        category: 'teacher',
        lastName: 'Тарасов',
        firstName: 'Владимир',
        middleName: 'Иванович',
        classOrPosition: 'учитель истории и обществознания',
        experienceYears: 18,
        tags: ['классное руководство', 'работа с родителями'],
        text: 'Классный руководитель, победитель конкурса «Учитель года» г. Курска',
      },
    ],
    pairs: [
      {
        form: 'teacher-teacher',
        mentor: 'e1',
        mentees: ['y1'],
        done: 2,
        meetings: 4,
        tasks: ['Анализ рабочей программы', 'Взаимопосещение уроков (2 урока)', 'Открытый урок молодого специалиста'],
      },
      {
        form: 'teacher-teacher',
        mentor: 'e2',
        mentees: ['y2'],
        done: 1,
        meetings: 3,
        tasks: ['План воспитательной работы класса', 'Первое родительское собрание', 'Классный час с участием наставника'],
      },
    ],
  },
];

const MEETING_ORDER: MeetingType[] = ['acquaintance', 'trial', 'planning', 'regular', 'regular', 'regular'];
const MEETING_NOTES: Record<MeetingType, string> = {
  acquaintance: 'Знакомство, обсуждение ожиданий и интересов',
  trial: 'Пробное занятие, договорились о формате встреч',
  planning: 'Составили индивидуальный план, определили сроки',
  regular: 'Работа по плану, разобрали трудности за неделю',
  final: 'Подведение итогов',
};

function fail(what: string, issues: ValidationIssue[]): void {
  const error = issues.find((i) => i.severity === 'error');
  if (error) throw new Error(`Демо-данные (${what}): ${error.field}: ${error.message}`);
}

const earlier = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/** «Today» of the product by default: the calendar date in TIME_ZONE (Europe/Moscow unless set). */
export function demoToday(): IsoDate {
  return isoDateIn(new Date(), process.env.TIME_ZONE?.trim() || 'Europe/Moscow');
}

/** The current academic year of `today` and its bounds (1 September – 31 August). */
export function demoAcademicYear(today: IsoDate): { academicYear: string; start: IsoDate; end: IsoDate } {
  const academicYear = academicYearOf(new Date(`${today}T00:00:00Z`));
  const first = Number(academicYear.slice(0, 4));
  return { academicYear, start: `${first}-09-01`, end: `${first + 1}-08-31` };
}

/** Databases seeded before the demo logins existed get them linked to the same people. */
async function linkDemoLogins(em: EntityManager, programme: Programme, demo: DemoProgramme): Promise<void> {
  let changed = false;
  for (const d of demo.people) {
    if (!d.username) continue;
    const person = await em.findOne(Participant, { programmeId: programme.id, lastName: d.lastName, firstName: d.firstName, anonymized: false });
    if (person && !person.username) {
      person.username = d.username;
      changed = true;
    }
  }
  if (changed) await em.flush();
}

/**
 * Creates the demo programmes of the academic year of `today`, unless the school already has a
 * programme of that name starting on 1 September of that year (idempotent: restarts add nothing).
 * Meetings and done tasks are dated no later than `today`.
 */
export async function seedDemoProgrammes(orm: MikroORM, today: IsoDate = demoToday()): Promise<void> {
  const { start, end } = demoAcademicYear(today);
  const first = Number(start.slice(0, 4));
  const em = orm.em.fork({ clear: true });
  for (const demo of DEMO_PROGRAMMES) {
    const district = await em.findOne(District, { code: demo.districtCode });
    if (!district) continue;
    const organization = await em.findOne(Organization, { district, code: demo.organizationCode });
    if (!organization) continue;
    const tenantEm = orm.em.fork({ clear: true, schema: district.schemaName });
    const existing = await tenantEm.findOne(Programme, { organizationId: organization.id, name: demo.name, periodStart: start });
    if (existing) {
      await linkDemoLogins(tenantEm, existing, demo);
      await seedDemoSurveysAndPractices(orm.em.fork({ clear: true, schema: district.schemaName }), district.schemaName, existing, demo, today);
      continue;
    }

    const programme = new Programme();
    Object.assign(programme, {
      organizationId: organization.id,
      name: demo.name,
      forms: demo.forms,
      kinds: demo.kinds,
      targetGroups: demo.targetGroups,
      periodStart: start,
      periodEnd: end,
      curatorName: demo.curatorName,
      orderNumber: `${demo.organizationCode === 'gimnaziya' ? '214' : '87'}-од`,
      orderDate: earlier(addDays(start, 13), today),
      createdByUserId: 'demo',
    });

    const signedOn = earlier(addDays(start, 4), today);
    const people = new Map<string, Participant>();
    const consents: ParticipantConsent[] = [];
    for (const d of demo.people) {
      const person = new Participant();
      Object.assign(person, {
        organizationId: organization.id,
        programmeId: programme.id,
        role: d.role,
        category: d.category,
        lastName: d.lastName,
        firstName: d.firstName,
        middleName: d.middleName,
        birthDate: d.age !== undefined ? `${first - d.age}-${d.birthday}` : null,
        classOrPosition: d.classOrPosition,
        experienceYears: d.experienceYears ?? null,
        email: d.email ?? null,
        phone: d.phone ?? null,
        specialGroups: d.specialGroups ?? [],
        tags: d.tags,
        freeText: d.text,
        username: d.username ?? null,
      });
      const domain = toDomainParticipant(person);
      fail(`${d.lastName}`, validateParticipant(domain, { role: d.role, on: today }));
      const consent = consentFromInput(
        d.representative
          ? {
              givenBy: 'representative',
              representativeName: d.representative.name,
              representativeRelation: d.representative.relation,
              representativeDocument: d.representative.document,
              scopes: d.representative.publication ? ['processing', 'publication'] : ['processing'],
              textVersion: 'Согласие на обработку ПДн, ред. 2025',
              signedOn,
            }
          : { givenBy: 'self', scopes: ['processing', 'publication'], textVersion: 'Согласие на обработку ПДн, ред. 2025', signedOn },
        person.id,
        demo.curatorName.split(',')[0]!,
        0,
      );
      checkConsents(domain, [consent], today);
      people.set(d.key, person);
      consents.push(consent);
    }

    const pairStart = earlier(addDays(start, 14), today);
    const pairEnd = `${first + 1}-05-31`;
    fail('период пары', validatePlanPeriod(pairStart, pairEnd));
    const pairs: MentoringPair[] = [];
    const meetings: PairMeeting[] = [];
    const planned: PlannedMeeting[] = [];
    for (const d of demo.pairs) {
      const form = BUILT_IN_FORMS.find((f) => f.code === d.form);
      const mentor = people.get(d.mentor)!;
      const mentees = d.mentees.map((key) => people.get(key)!);
      if (!form || !demo.forms.includes(d.form)) throw new Error(`Демо-данные: форма ${d.form} не в программе ${demo.name}`);
      for (const p of [mentor, ...mentees])
        fail(`${p.lastName} в паре`, validateParticipant(toDomainParticipant(p), { role: p.role, on: today, form, kind: 'traditional' }));
      const completedOn = d.completedAfterDays !== undefined ? addDays(pairStart, d.completedAfterDays) : null;
      const completed = completedOn !== null && completedOn <= today;
      const step = completed ? Math.floor(d.completedAfterDays! / (d.tasks.length + 1)) : 21;
      const tasks: PlanTask[] = d.tasks.map((title, i) => {
        const deadline = addDays(pairStart, step * (i + 1));
        const done = i < d.done && deadline <= today;
        return { id: uuidv7(), title, deadline, done, doneOn: done ? deadline : null };
      });
      fail('план', validatePlan({ start: pairStart, end: pairEnd, tasks, extensions: [] }));
      const pair = new MentoringPair();
      Object.assign(pair, {
        programmeId: programme.id,
        organizationId: organization.id,
        form: d.form,
        kind: 'traditional',
        mentorId: mentor.id,
        menteeIds: mentees.map((m) => m.id),
        startDate: pairStart,
        endDate: completed ? completedOn : pairEnd,
        status: completed ? 'completed' : 'active',
        completionReason: completed ? 'plan-done' : null,
        completedOn: completed ? completedOn : null,
        score: null,
        explanation: [],
        tasks,
        extensions: [],
      });
      pairs.push(pair);
      const history: Array<{ type: MeetingType; date: IsoDate }> = [];
      const order: MeetingType[] = completed ? [...MEETING_ORDER.slice(0, d.meetings - 1), 'final'] : MEETING_ORDER;
      for (let i = 0; i < d.meetings; i++) {
        const date = completed && order[i] === 'final' ? completedOn! : addDays(pairStart, 7 * i);
        if (date > today) break;
        const meeting = { type: order[i]!, date, notes: MEETING_NOTES[order[i]!], feedback: 'Встреча полезна, договорились о следующей' };
        fail('встреча', validateMeeting(meeting, history));
        history.push(meeting);
        const row = new PairMeeting();
        Object.assign(row, { pairId: pair.id, ...meeting, recordedByName: demo.curatorName.split(',')[0]! });
        meetings.push(row);
      }
      // An active pair has its next meeting planned a week ahead (the participant's page shows it).
      const nextOn = addDays(today, 7);
      const [nextType] = nextAllowedMeetingTypes(history.map((meeting) => meeting.type));
      if (!completed && nextType && nextOn <= pairEnd) {
        const next = new PlannedMeeting();
        Object.assign(next, {
          pairId: pair.id,
          startsAt: instantOfWallClock(nextOn, '15:30', 'Europe/Moscow'),
          type: nextType,
          place: 'Кабинет наставника, 2 этаж',
          plannedByName: demo.curatorName.split(',')[0]!,
        });
        planned.push(next);
      }
    }

    await tenantEm.transactional(async (tx) => {
      tx.persist(programme);
      for (const row of [...people.values(), ...consents, ...pairs, ...meetings, ...planned]) tx.persist(row);
      await tx.flush();
    });
    await seedDemoSurveysAndPractices(orm.em.fork({ clear: true, schema: district.schemaName }), district.schemaName, programme, demo, today);
  }
}
