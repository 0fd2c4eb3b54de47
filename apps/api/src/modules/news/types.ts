import { Field, InputType, ObjectType } from 'type-graphql';
import { PageOf } from '../../engine/graphql/pagination.js';
import { SchoolNews } from './news.entity.js';

@InputType('SchoolNewsInput')
export class SchoolNewsInput {
  @Field({ description: 'Заголовок (до 300 символов).' }) title!: string;
  @Field({ description: 'Текст. Проверка на персональные данные — ответственность автора.' }) body!: string;
  @Field(() => String, { nullable: true, description: 'Дата новости, ГГГГ-ММ-ДД; по умолчанию сегодня.' }) publishedOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Опубликовать на публичной странице (по умолчанию — черновик).' }) published?: boolean | null;
}

@ObjectType('SchoolNewsPage')
export class SchoolNewsPage extends PageOf(SchoolNews) {}
