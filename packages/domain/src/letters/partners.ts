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
