import { ERRORS_RU } from '@nastavnik/domain';
import { Field, ID, InputType } from 'type-graphql';
import { badUserInput } from '../../engine/errors.js';

@InputType('DistrictFilter')
export class DistrictFilter {
  @Field(() => ID, { nullable: true })
  regionId?: string | null;

  @Field(() => String, { nullable: true })
  search?: string | null;
}

@InputType('OrganizationFilter')
export class OrganizationFilter {
  @Field(() => ID, { nullable: true })
  districtId?: string | null;

  @Field(() => String, { nullable: true })
  search?: string | null;
}

@InputType('CreateDistrictInput')
export class CreateDistrictInput {
  @Field(() => ID)
  regionId!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  authorityName!: string;
}

/** Russian names of input fields, used in validation messages («Поле «Код»: …»). */
export const FIELD_LABELS = {
  regionId: 'Регион',
  districtId: 'Муниципалитет',
  code: 'Код',
  name: 'Название',
  authorityName: 'Орган управления образованием',
  search: 'Поиск',
  organizationId: 'Организация',
  academicYear: 'Учебный год',
  pupils: 'Число обучающихся',
  teachers: 'Число педагогов',
} as const;

export type FieldName = keyof typeof FIELD_LABELS;

/** `%text%` for ILIKE, with `\`, `%` and `_` taken literally (backslash is PostgreSQL's default LIKE escape). */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** A search string as an ILIKE pattern (wildcards of the user escaped), or undefined when empty. */
export function searchPattern(search: string | null | undefined): string | undefined {
  const text = (search ?? '').trim();
  if (text.length === 0) return undefined;
  if (text.length > 100) throw badUserInput('search', ERRORS_RU.tooLong(FIELD_LABELS.search, 100));
  return likePattern(text);
}
