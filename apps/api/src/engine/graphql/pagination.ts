import { normalizePage, pageProblem } from '@nastavnik/domain';
import { Field, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput } from '../errors.js';

// The description stays as committed in schema.graphql (the admin's codegen reads it); since issue 12
// a limit outside 1..100 or an offset outside 0..100 000 is refused, not clamped.
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

/** The bounded window of a list request: out-of-range `page.limit` / `page.offset` → BAD_USER_INPUT naming it. */
export function pageWindow(page: PageInput | null | undefined): { limit: number; offset: number } {
  const problem = pageProblem(page ?? undefined);
  if (problem) throw badUserInput(problem.field, problem.message);
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
