import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageOf } from '../../engine/graphql/pagination.js';

@ObjectType('KpiInput', { description: 'Исходное значение показателя (для подсказки «как посчитано»).' })
export class KpiInputGql {
  @Field()
  label!: string;

  @Field(() => Float, { nullable: true, description: 'null — нет данных.' })
  value!: number | null;
}

@ObjectType('KpiTarget')
export class KpiTargetGql {
  @Field(() => Float)
  value!: number;

  @Field(() => Boolean, { nullable: true, description: 'Достигнута ли цель; null — нет данных.' })
  met!: boolean | null;

  @Field({ description: '«не менее 10 %».' })
  textRu!: string;
}

@ObjectType('Kpi', { description: 'Показатель мониторинга, вычисленный из данных платформы: значение, формула, исходные данные, цель, светофор.' })
export class KpiGql {
  @Field()
  code!: string;

  @Field()
  labelRu!: string;

  @Field({ description: 'percent | score | scoreChange' })
  unit!: string;

  @Field(() => Float, { nullable: true, description: 'Точное значение; null — нет данных.' })
  value!: number | null;

  @Field({ description: '«12,5 %» или «нет данных».' })
  display!: string;

  @Field(() => Float, { nullable: true })
  numerator!: number | null;

  @Field(() => Float, { nullable: true })
  denominator!: number | null;

  @Field()
  formulaRu!: string;

  @Field(() => [KpiInputGql])
  inputs!: KpiInputGql[];

  @Field(() => KpiTargetGql, { nullable: true })
  target?: KpiTargetGql;

  @Field()
  inconsistent!: boolean;

  @Field(() => String, { nullable: true })
  warningRu!: string | null;

  @Field(() => String, { nullable: true, description: 'Светофор: green | yellow | red | grey; null — у показателя нет цели.' })
  light!: string | null;

  @Field(() => String, { nullable: true, description: 'Светофор по-русски.' })
  lightRu!: string | null;
}

@ObjectType('MonitoringFigures', { description: 'Показатели организации, муниципалитета или региона.' })
export class MonitoringFiguresGql {
  @Field(() => KpiGql) pupilCoverage!: KpiGql;
  @Field(() => KpiGql) teacherCoverage!: KpiGql;
  @Field(() => KpiGql) federalTarget70!: KpiGql;
  @Field(() => KpiGql) consentsCollected!: KpiGql;
  @Field(() => KpiGql) plansDone!: KpiGql;
  @Field(() => KpiGql) plansAtTarget!: KpiGql;
  @Field(() => KpiGql) roadmapExecution!: KpiGql;
  @Field(() => KpiGql) partnerMentorShare!: KpiGql;
  @Field(() => KpiGql, { description: 'Посещаемость итоговых мероприятий (итоговые встречи пар), цель 90 %.' }) finalEventAttendance!: KpiGql;
  @Field(() => KpiGql, { description: 'Удовлетворённость участников (анкеты удовлетворённости), средняя оценка по шкале 1–5.' }) satisfaction!: KpiGql;
  @Field(() => KpiGql, { description: 'Доля ответов с оценкой не ниже 4 из 5.' }) satisfiedShare!: KpiGql;
  @Field(() => KpiGql, { description: 'Изменение результатов: средняя разница оценок «после» − «до» (шкала 1–5).' }) impact!: KpiGql;
  @Field(() => KpiGql, { description: 'Доля участников с ростом оценки «после» относительно «до».' }) improvedShare!: KpiGql;
}

@ObjectType('ExecutionCounts', { description: 'Мероприятия согласованных дорожных карт, действующих в учебном году.' })
export class ExecutionCountsGql {
  @Field(() => Int) total!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Int) notYetDue!: number;
  @Field(() => Int) doneUndated!: number;
}

@ObjectType('RoleCategoryCount', { description: 'Участники по роли и категории.' })
export class RoleCategoryCountGql {
  @Field() role!: string;
  @Field() roleRu!: string;
  @Field() category!: string;
  @Field() categoryRu!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('MonitoringCounts', { description: 'Счётчики, из которых вычислены показатели.' })
export class MonitoringCountsGql {
  @Field(() => Int) schools!: number;
  @Field(() => Int, { description: 'Организаций, указавших численность за учебный год.' }) schoolsWithHeadcount!: number;
  @Field(() => Int) pupils!: number;
  @Field(() => Int) teachers!: number;
  @Field(() => Int) pupilParticipants!: number;
  @Field(() => Int) teacherParticipants!: number;
  @Field(() => Int) mentors!: number;
  @Field(() => Int) mentees!: number;
  @Field(() => Int) partnerMentors!: number;
  @Field(() => Int) participants!: number;
  @Field(() => Int) withConsent!: number;
  @Field(() => Int, { description: 'Участники пар, завершивших работу или проведших итоговую встречу.' }) finalInvited!: number;
  @Field(() => Int, { description: 'Участники пар, проведших итоговую встречу.' }) finalAttended!: number;
  @Field(() => ExecutionCountsGql) execution!: ExecutionCountsGql;
  @Field(() => [RoleCategoryCountGql]) byRoleCategory!: RoleCategoryCountGql[];
}

@ObjectType('SchoolDashboard', { description: 'Показатели организации за учебный год, из данных платформы.' })
export class SchoolDashboardGql {
  @Field(() => ID) organizationId!: string;
  @Field() code!: string;
  @Field() shortName!: string;
  @Field() academicYear!: string;
  @Field({ description: 'Организация указала численность за учебный год.' }) hasHeadcount!: boolean;
  @Field(() => MonitoringCountsGql) counts!: MonitoringCountsGql;
  @Field(() => MonitoringFiguresGql) figures!: MonitoringFiguresGql;
  @Field(() => Date, { description: 'Когда вычислено (данные на этот момент).' }) asOf!: Date;
}

@ObjectType('SchoolDashboardPage')
export class SchoolDashboardPage extends PageOf(SchoolDashboardGql) {}

export enum DashboardSortField {
  NAME = 'NAME',
  PUPIL_COVERAGE = 'PUPIL_COVERAGE',
  TEACHER_COVERAGE = 'TEACHER_COVERAGE',
  FEDERAL_TARGET = 'FEDERAL_TARGET',
  CONSENTS = 'CONSENTS',
  PLANS = 'PLANS',
  EXECUTION = 'EXECUTION',
  FINAL_EVENT = 'FINAL_EVENT',
  PARTICIPANTS = 'PARTICIPANTS',
}
registerEnumType(DashboardSortField, { name: 'DashboardSortField', description: 'Столбец сортировки таблицы организаций.' });

@InputType('DashboardSort')
export class DashboardSortInput {
  @Field(() => DashboardSortField)
  field!: DashboardSortField;

  @Field(() => Boolean, { nullable: true, description: 'По убыванию (по умолчанию — по возрастанию). «Нет данных» всегда в конце.' })
  descending?: boolean | null;
}

@ObjectType('DistrictDashboard', { description: 'Показатели муниципалитета: строка на каждую организацию и итоги (взвешенные).' })
export class DistrictDashboardGql {
  @Field(() => ID) districtId!: string;
  @Field() districtName!: string;
  @Field() academicYear!: string;
  @Field(() => Date) asOf!: Date;
  @Field(() => SchoolDashboardPage) schools!: SchoolDashboardPage;
  @Field(() => MonitoringCountsGql) counts!: MonitoringCountsGql;
  @Field(() => MonitoringFiguresGql) figures!: MonitoringFiguresGql;
}

@ObjectType('DistrictRollup', { description: 'Муниципалитет в сводке региона (из сводной таблицы, на момент as-of).' })
export class DistrictRollupGql {
  @Field(() => ID) districtId!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => Date, { nullable: true, description: 'Когда обновлена сводка муниципалитета; null — ещё не вычислялась.' }) asOf!: Date | null;
  @Field(() => MonitoringCountsGql, { nullable: true }) counts!: MonitoringCountsGql | null;
  @Field(() => MonitoringFiguresGql, { nullable: true }) figures!: MonitoringFiguresGql | null;
}

@ObjectType('RegionDashboard', { description: 'Показатели региона по муниципалитетам — только из сводной таблицы (core.district_kpi_snapshot).' })
export class RegionDashboardGql {
  @Field(() => ID) regionId!: string;
  @Field() regionName!: string;
  @Field() academicYear!: string;
  @Field(() => Date, { nullable: true, description: 'Самая ранняя дата обновления сводок муниципалитетов (данные не старше).' }) asOf!: Date | null;
  @Field(() => Int, { description: 'Муниципалитетов без сводки за учебный год.' }) districtsWithoutSnapshot!: number;
  @Field(() => [DistrictRollupGql]) districts!: DistrictRollupGql[];
  @Field(() => MonitoringCountsGql) counts!: MonitoringCountsGql;
  @Field(() => MonitoringFiguresGql) figures!: MonitoringFiguresGql;
}

@ObjectType('DistrictKpiSnapshot', { description: 'Обновлённая сводка муниципалитета.' })
export class DistrictKpiSnapshotGql {
  @Field(() => ID) districtId!: string;
  @Field() academicYear!: string;
  @Field(() => Date) asOf!: Date;
  @Field(() => MonitoringCountsGql) counts!: MonitoringCountsGql;
}

@ObjectType('ExecutionMonth', { description: 'Исполнение дорожных карт за месяц.' })
export class ExecutionMonthGql {
  @Field({ description: 'ГГГГ-ММ.' }) month!: string;
  @Field({ description: '«сентябрь 2025».' }) monthRu!: string;
  @Field(() => Int, { description: 'Запланировано (срок в этом месяце).' }) planned!: number;
  @Field(() => Int, { description: 'Выполнено в срок (по дате отметки).' }) doneOnTime!: number;
  @Field(() => Int, { description: 'Выполнено с опозданием (по дате отметки).' }) doneLate!: number;
  @Field(() => Int, { description: 'Просрочено (срок в этом месяце прошёл, не выполнено).' }) overdue!: number;
}

@ObjectType('ExecutionSeries', { description: 'Исполнение согласованных дорожных карт по месяцам учебного года.' })
export class ExecutionSeriesGql {
  @Field() academicYear!: string;
  @Field(() => ID, { nullable: true, description: 'Организация; null — все организации муниципалитета.' }) organizationId!: string | null;
  @Field(() => [ExecutionMonthGql]) months!: ExecutionMonthGql[];
}

@ObjectType('GridCell', { description: 'Показатель организации в сетке муниципалитета: светофор и значение.' })
export class GridCellGql {
  @Field() code!: string;
  @Field() labelRu!: string;
  @Field({ description: '«12,5 %» или «нет данных».' }) display!: string;
  @Field(() => String, { nullable: true }) light!: string | null;
  @Field(() => String, { nullable: true }) lightRu!: string | null;
}

@ObjectType('SchoolGridRow', { description: 'Организация в сетке муниципалитета («карта» школ со светофорами).' })
export class SchoolGridRowGql {
  @Field(() => ID) organizationId!: string;
  @Field() code!: string;
  @Field() shortName!: string;
  @Field({ description: 'Худший светофор по основным показателям: red > yellow > green; grey — нет данных ни по одному.' }) worst!: string;
  @Field(() => [GridCellGql]) cells!: GridCellGql[];
}

@ObjectType('SchoolGridPage')
export class SchoolGridPage extends PageOf(SchoolGridRowGql) {}

@ObjectType('SchoolGrid', { description: 'Сетка организаций муниципалитета со светофорами основных показателей.' })
export class SchoolGridGql {
  @Field() academicYear!: string;
  @Field(() => Date) asOf!: Date;
  @Field(() => [String], { description: 'Коды показателей столбцов, по порядку.' }) kpis!: string[];
  @Field(() => SchoolGridPage) schools!: SchoolGridPage;
}
