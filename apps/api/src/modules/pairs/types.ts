import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('MatchFactor')
export class MatchFactorType {
  @Field() factor!: string;
  @Field(() => Int) points!: number;
  @Field({ description: 'Объяснение по-русски.' }) text!: string;
  @Field(() => ID) menteeId!: string;
}

@ObjectType('MatchSuggestion')
export class MatchSuggestionType {
  @Field(() => ID) mentorId!: string;
  @Field(() => [ID]) menteeIds!: string[];
  @Field({ description: 'pair или group.' }) type!: string;
  @Field(() => Int) score!: number;
  @Field(() => [Int]) menteeScores!: number[];
  @Field(() => [MatchFactorType]) explanation!: MatchFactorType[];
  @Field(() => [String]) notes!: string[];
}

@ObjectType('UnmatchedMentee')
export class UnmatchedMenteeType {
  @Field(() => ID) menteeId!: string;
  @Field() reason!: string;
  @Field() text!: string;
}

@ObjectType('ExcludedMentor')
export class ExcludedMentorType {
  @Field(() => ID) mentorId!: string;
  @Field() reason!: string;
  @Field() text!: string;
}

@ObjectType('MatchBase', { description: 'База программы для подбора.' })
export class MatchBaseType {
  @Field(() => Int, { description: 'Наставляемых в базе (с действующим согласием).' }) mentees!: number;
  @Field(() => Int, { description: 'Наставников в базе (с действующим согласием).' }) mentors!: number;
  @Field(() => Int, { description: 'Наставляемых без действующей пары.' }) freeMentees!: number;
  @Field(() => Int, { description: 'Наставников без действующей пары.' }) freeMentors!: number;
  @Field(() => Int, { description: 'Участников, отозвавших согласие: в подборе не участвуют.' }) withoutConsent!: number;
}

@ObjectType('MatchResult', { description: 'Предложения подбора с объяснениями и наставляемые без пары.' })
export class MatchResultType {
  @Field(() => ID) programmeId!: string;
  @Field() form!: string;
  @Field() kind!: string;
  @Field(() => [MatchSuggestionType]) suggestions!: MatchSuggestionType[];
  @Field(() => [UnmatchedMenteeType]) unmatched!: UnmatchedMenteeType[];
  @Field(() => [ExcludedMentorType]) excludedMentors!: ExcludedMentorType[];
  @Field(() => Int) totalScore!: number;
  @Field(() => MatchBaseType, { description: 'Из кого подбирали: чтобы пустой подбор объяснял, чего не хватает.' }) base!: MatchBaseType;
}

@ObjectType('PlanTask')
export class PlanTaskType {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) deadline!: string | null;
  @Field() done!: boolean;
  @Field(() => String, { nullable: true }) doneOn!: string | null;
  @Field(() => String, { nullable: true, description: 'Кто отметил выполнение.' }) doneByName?: string | null;
  @Field(() => String, { nullable: true, description: 'Комментарий к выполнению.' }) doneNote?: string | null;
}

@ObjectType('PlanProgress')
export class PlanProgressType {
  @Field(() => Int) total!: number;
  @Field(() => Int) done!: number;
  @Field(() => Int, { nullable: true }) percent!: number | null;
  @Field(() => Int) overdue!: number;
  @Field() labelRu!: string;
}

@ObjectType('PlanExtension')
export class PlanExtensionType {
  @Field() from!: string;
  @Field() until!: string;
  @Field() on!: string;
  @Field() comment!: string;
}
