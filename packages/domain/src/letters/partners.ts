import { formatDateTimeRu } from '../dates.js';
import { composeLetter, greetingRu, type LetterContent } from './compose.js';

const WHY_APPLICANT = 'Вы получили это письмо, потому что указаны контактным лицом в заявке организации-партнёра на платформе «Наставник».';

/** To the applicant: the application reached the district, what happens next. */
export function partnerApplicationReceivedLetter(input: { contactName: string; organizationName: string; districtName: string }): LetterContent {
  return composeLetter(`Заявка «${input.organizationName}» получена`, {
    greeting: greetingRu(input.contactName),
    paragraphs: [
      `Заявка организации «${input.organizationName}» на участие в программах наставничества получена. Её рассмотрит муниципалитет: ${input.districtName}.`,
      'О решении мы сообщим письмом. При одобрении вы получите учётную запись администратора организации-партнёра.',
    ],
    why: WHY_APPLICANT,
  });
}

/** To the applicant: rejected, with the officer's reason. */
export function partnerApplicationRejectedLetter(input: {
  contactName: string;
  organizationName: string;
  districtName: string;
  reason: string;
}): LetterContent {
  return composeLetter(`Заявка «${input.organizationName}» отклонена`, {
    greeting: greetingRu(input.contactName),
    paragraphs: [
      `Муниципалитет (${input.districtName}) рассмотрел заявку организации «${input.organizationName}» и отклонил её.`,
      `Причина: ${input.reason}`,
      'Вы можете подать новую заявку, исправив указанное.',
    ],
    why: WHY_APPLICANT,
  });
}

/**
 * How the new administrator sets their password: a one-time link in this letter (the embedded sign-in
 * service), a separate letter from the sign-in service (Keycloak sends it), or — when the service
 * could not be reached — the temporary password the officer was shown.
 */
export type PasswordSetupFacts = { via: 'link'; link: string; expiresAt: Date } | { via: 'provider-letter'; expiresAt: Date } | { via: 'ask-district' };

/** To the applicant: approved; the login, and how to set the password. */
export function partnerApplicationApprovedLetter(input: {
  contactName: string;
  organizationName: string;
  districtName: string;
  username: string;
  /** The admin's address (sign-in). */
  adminUrl: string;
  setup: PasswordSetupFacts;
  timeZone: string;
}): LetterContent {
  const setup = input.setup;
  const until = setup.via === 'ask-district' ? '' : formatDateTimeRu(setup.expiresAt, input.timeZone);
  const howTo =
    setup.via === 'link'
      ? [`Чтобы войти, сначала установите свой пароль по ссылке ниже. Ссылка одноразовая и действует до ${until}.`]
      : setup.via === 'provider-letter'
        ? [
            `Ссылку для установки пароля вы получите отдельным письмом от службы входа «Наставник». Ссылка действует до ${until}.`,
            'Если письма нет, проверьте папку «Спам» или обратитесь в муниципалитет.',
          ]
        : [`Временный пароль сообщит специалист муниципалитета (${input.districtName}); при первом входе задайте свой.`];
  return composeLetter(`Заявка «${input.organizationName}» одобрена`, {
    greeting: greetingRu(input.contactName),
    paragraphs: [
      `Муниципалитет (${input.districtName}) одобрил заявку организации «${input.organizationName}». Для вас создана учётная запись администратора организации-партнёра.`,
      `Имя пользователя: ${input.username}`,
      ...howTo,
      `Платформа: ${input.adminUrl}`,
    ],
    ...(setup.via === 'link' ? { action: { label: 'Установить пароль', url: setup.link } } : {}),
    why: WHY_APPLICANT,
  });
}
