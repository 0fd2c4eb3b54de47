import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageOf } from '../../engine/graphql/pagination.js';
import { SchoolCampaignStatus } from './enums.js';
import { Campaign } from './campaign.entity.js';

/** One school's line on a campaign page. */
@ObjectType('CampaignSchool')
export class CampaignSchool {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => SchoolCampaignStatus)
  status!: SchoolCampaignStatus;

  @Field({ description: 'Срок прошёл, а карта не представлена (не начата, черновик, у директора, возвращена).' })
  overdue!: boolean;

  @Field({ description: 'У карты есть согласованная редакция, которая действует (даже если идёт изменение).' })
  hasAgreedRevision!: boolean;

  campaignId!: string;
  roadmapId!: string | null;
  latestRevisionId!: string | null;
}

@ObjectType('CampaignCounts', { description: 'Число организаций по состояниям (в пределах видимого пользователю).' })
export class CampaignCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  notStarted!: number;

  @Field(() => Int)
  draft!: number;

  @Field(() => Int)
  withDirector!: number;

  @Field(() => Int)
  submitted!: number;

  @Field(() => Int)
  returned!: number;

  @Field(() => Int)
  agreed!: number;

  @Field(() => Int, { description: 'Просрочили представление.' })
  overdue!: number;
}

@ObjectType('CampaignPage')
export class CampaignPage extends PageOf(Campaign) {}

@ObjectType('CampaignSchoolPage')
export class CampaignSchoolPage extends PageOf(CampaignSchool) {}
