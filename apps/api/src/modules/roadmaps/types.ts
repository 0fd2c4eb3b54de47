import { Field, Int, ObjectType } from 'type-graphql';

/** «УТВЕРЖДАЮ»: Директор МОБУ «Гимназия» И.И. Варламова, дата, приказ № … от …. */
@ObjectType('ApprovalBlock')
export class ApprovalBlockType {
  @Field()
  position!: string;

  @Field()
  organization!: string;

  @Field()
  name!: string;

  @Field({ description: 'ГГГГ-ММ-ДД' })
  date!: string;

  @Field()
  orderNumber!: string;

  @Field({ description: 'ГГГГ-ММ-ДД' })
  orderDate!: string;
}

/** «СОГЛАСОВАНО»: должность, орган, ФИО, дата. */
@ObjectType('AgreementBlock')
export class AgreementBlockType {
  @Field()
  position!: string;

  @Field()
  authority!: string;

  @Field()
  name!: string;

  @Field({ description: 'ГГГГ-ММ-ДД' })
  date!: string;
}

@ObjectType('DateSpan')
export class DateSpanType {
  @Field()
  start!: string;

  @Field()
  end!: string;
}

/**
 * What the platform read from a deadline text (packages/domain `Deadline`), flattened: the fields
 * that a kind does not have are null. `original` is the text as typed.
 */
@ObjectType('ItemDeadline')
export class ItemDeadlineType {
  @Field({ description: 'date | range | months | recurring | continuous | bySchedule | endOfAcademicYear | unrecognized' })
  kind!: string;

  @Field()
  original!: string;

  @Field({ description: 'Как платформа поняла срок, по-русски.' })
  description!: string;

  @Field(() => String, { nullable: true })
  due!: string | null;

  @Field(() => String, { nullable: true })
  start!: string | null;

  @Field(() => String, { nullable: true })
  end!: string | null;

  @Field(() => Boolean, { nullable: true, description: '«до …»' })
  before!: boolean | null;

  @Field(() => String, { nullable: true, description: 'yearly | quarterly | termly | monthly' })
  frequency!: string | null;

  @Field(() => [DateSpanType])
  occurrences!: DateSpanType[];

  @Field(() => String, { nullable: true, description: 'Почему срок не распознан.' })
  reason!: string | null;
}

@ObjectType('ValidationIssue')
export class ValidationIssueType {
  @Field({ description: 'Путь: sections[1].items[0].activity' })
  field!: string;

  @Field()
  message!: string;

  @Field({ description: 'error | warning' })
  severity!: string;
}

@ObjectType('FieldChange')
export class FieldChangeType {
  @Field()
  field!: string;

  @Field()
  before!: string;

  @Field()
  after!: string;
}

/** An item as it was in a revision (a snapshot for the comparison). */
@ObjectType('DiffItem')
export class DiffItemType {
  @Field()
  key!: string;

  @Field()
  section!: string;

  @Field()
  number!: string;

  @Field()
  activity!: string;

  @Field()
  content!: string;

  @Field()
  deadlineText!: string;

  @Field()
  responsible!: string;

  @Field()
  expectedResult!: string;

  @Field()
  indicator!: string;
}

@ObjectType('ItemChange')
export class ItemChangeType {
  @Field(() => DiffItemType)
  before!: DiffItemType;

  @Field(() => DiffItemType)
  after!: DiffItemType;

  @Field(() => [FieldChangeType])
  changes!: FieldChangeType[];
}

@ObjectType('DiffSection')
export class DiffSectionType {
  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field()
  task!: string;

  @Field()
  result!: string;
}

@ObjectType('SectionChange')
export class SectionChangeType {
  @Field(() => DiffSectionType)
  before!: DiffSectionType;

  @Field(() => DiffSectionType)
  after!: DiffSectionType;

  @Field(() => [FieldChangeType])
  changes!: FieldChangeType[];
}

/** What changed from one revision to another (packages/domain `diffRevisions`). */
@ObjectType('RevisionDiff')
export class RevisionDiffType {
  @Field(() => [DiffItemType])
  itemsAdded!: DiffItemType[];

  @Field(() => [DiffItemType])
  itemsRemoved!: DiffItemType[];

  @Field(() => [ItemChangeType])
  itemsChanged!: ItemChangeType[];

  @Field(() => [DiffSectionType])
  sectionsAdded!: DiffSectionType[];

  @Field(() => [DiffSectionType])
  sectionsRemoved!: DiffSectionType[];

  @Field(() => [SectionChangeType])
  sectionsChanged!: SectionChangeType[];

  @Field(() => Int)
  unchangedItems!: number;
}

@ObjectType('RoadmapExecution', { description: 'Исполнение действующей (согласованной) редакции.' })
export class RoadmapExecutionType {
  @Field(() => Int)
  itemsCount!: number;

  @Field(() => Int)
  doneCount!: number;

  @Field(() => Int, { description: 'Просроченные невыполненные мероприятия на сегодня.' })
  overdueCount!: number;
}
