import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageOf } from '../../engine/graphql/pagination.js';

@ObjectType('NotificationLogEntry', {
  description: 'Письмо в журнале доставки: кому (адрес скрыт, если это личный адрес участника), что, когда, доставлено ли.',
})
export class NotificationLogEntryGql {
  @Field(() => ID) id!: string;
  @Field({ description: 'Вид уведомления (код).' }) kind!: string;
  @Field() kindLabel!: string;
  @Field({ description: 'email' }) channel!: string;
  @Field({ description: 'Адрес получателя; личные адреса участников и представителей — скрыты (a***@mail.ru).' }) recipient!: string;
  @Field(() => String, { nullable: true }) recipientName!: string | null;
  @Field() subject!: string;
  @Field({ description: 'pending, sent, failed.' }) status!: string;
  @Field() statusLabel!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true, description: 'Почему не доставлено (ответ почтового сервера).' }) lastError!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Следующая попытка (для ожидающих).' }) nextAttemptAt!: Date | null;
}

@ObjectType('NotificationLogPage')
export class NotificationLogPage extends PageOf(NotificationLogEntryGql) {}

@ObjectType('DevMailboxLetter', { description: 'Письмо во встроенном почтовом перехватчике (только разработка).' })
export class DevMailboxLetterGql {
  @Field(() => ID) id!: string;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => [String]) to!: string[];
  @Field() subject!: string;
  @Field() text!: string;
}

@ObjectType('MyNotification', { description: 'Уведомление во «Входящих уведомлениях» пользователя (копия письма в системе).' })
export class MyNotificationGql {
  @Field(() => ID) id!: string;
  @Field({ description: 'Вид уведомления (код).' }) kind!: string;
  @Field() subject!: string;
  @Field({ description: 'Текст письма.' }) text!: string;
  @Field(() => String, { nullable: true, description: 'Страница объекта.' }) link!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
}

@ObjectType('MyNotificationPage')
export class MyNotificationPage extends PageOf(MyNotificationGql) {
  @Field(() => Int, { description: 'Сколько непрочитанных всего.' }) unread!: number;
}

@ObjectType('NotificationPreference', { description: 'Как пользователь получает уведомления одного вида.' })
export class NotificationPreferenceGql {
  @Field() kind!: string;
  @Field() label!: string;
  @Field({ description: 'immediate — сразу, digest — раз в день сводкой, off — не присылать.' }) mode!: string;
  @Field(() => String, { nullable: true, description: 'Почему этот вид нельзя отключить; null — можно.' }) requiredReason!: string | null;
}
