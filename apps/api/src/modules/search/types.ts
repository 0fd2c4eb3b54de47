import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum SearchHitKind {
  ORGANIZATION = 'organization',
  ROADMAP = 'roadmap',
  PROGRAMME = 'programme',
  PARTICIPANT = 'participant',
  PARTNER = 'partner',
  PARTNER_MENTOR = 'partner-mentor',
}
registerEnumType(SearchHitKind, {
  name: 'SearchHitKind',
  description: 'Что найдено: школа/организация, дорожная карта, программа, участник, партнёр, наставник партнёра.',
});

@ObjectType('SearchHit', { description: 'Одна находка глобального поиска: что это, как называется и где открыть в кабинете.' })
export class SearchHit {
  @Field(() => SearchHitKind)
  kind!: SearchHitKind;

  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  subtitle!: string | null;

  @Field({ description: 'Путь страницы в кабинете (начинается с «/»).' })
  path!: string;
}
