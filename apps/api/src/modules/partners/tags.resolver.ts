import { TAG_CATALOGUE } from '@nastavnik/domain';
import { Authorized, Field, ObjectType, Query, Resolver } from 'type-graphql';

@ObjectType('TagCatalogueTag', { description: 'Тег общего каталога компетенций и запросов.' })
class TagCatalogueTagType {
  @Field({ description: 'Тег в каноническом написании (так он хранится).' }) tag!: string;
  @Field(() => [String], { description: 'Другие написания, которые приводятся к этому тегу.' }) synonyms!: string[];
}

@ObjectType('TagCatalogueGroup', { description: 'Группа тегов каталога: «Учебные предметы», «Профориентация»…' })
class TagCatalogueGroupType {
  @Field() code!: string;
  @Field() label!: string;
  @Field(() => [TagCatalogueTagType]) tags!: TagCatalogueTagType[];
}

const GROUPS: TagCatalogueGroupType[] = TAG_CATALOGUE.map((g) => ({
  code: g.code,
  label: g.label,
  tags: g.tags.map((d) => ({ tag: d.tag, synonyms: [...(d.synonyms ?? [])] })),
}));

/**
 * The shared catalogue of competence (mentors) and request (mentees) tags, for suggestions in the
 * forms (packages/domain programmes/tags.ts). Needs a login, not a district: the same for everybody.
 */
@Resolver()
export class TagCatalogueResolver {
  @Authorized()
  @Query(() => [TagCatalogueGroupType], { description: 'Общий каталог тегов компетенций и запросов, по группам.' })
  tagCatalogue(): TagCatalogueGroupType[] {
    return GROUPS;
  }
}
