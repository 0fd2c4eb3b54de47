import { normalizePage } from '@nastavnik/domain';
import { Field, InputType, Int, ObjectType, type ClassType } from 'type-graphql';

@InputType('PageInput', { description: 'Страница списка: limit по умолчанию 20, не больше 100.' })
export class PageInput {
  @Field(() => Int, { nullable: true })
  limit?: number | null;

  @Field(() => Int, { nullable: true })
  offset?: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** The bounded window of a list request (never trusts the client's size). */
export function pageWindow(page: PageInput | null | undefined): { limit: number; offset: number } {
  return normalizePage(page ?? undefined);
}

/** `{ items, total, limit, offset }` for an item type (RegionPage, DistrictPage, …). */
export function PageOf<T extends object>(itemType: ClassType<T>) {
  @ObjectType()
  abstract class PageClass implements Page<T> {
    @Field(() => [itemType])
    items!: T[];

    @Field(() => Int)
    total!: number;

    @Field(() => Int)
    limit!: number;

    @Field(() => Int)
    offset!: number;
  }
  return PageClass;
}
