import { z } from 'zod';

export const DECISION_REASON_LIMIT = 2000;

export const DECISION_REASON_RU = {
  /** A partner's application rejected by the district. */
  rejection: 'Причина отклонения',
  /** A proposed partner agreement declined by the other side. */
  decline: 'Причина отказа',
  required: (label: string) => `${label}: поле обязательно`,
  tooLong: (label: string) => `${label}: не более 2000 символов`,
} as const;

/** The reason of a refusal: required, trimmed at the ends, at most 2000 characters. */
export function decisionReasonSchema(label: string) {
  const required = DECISION_REASON_RU.required(label);
  return z.object({
    reason: z
      .string({ error: required })
      .nullish()
      .transform((value) => (value ?? '').trim())
      .pipe(
        z
          .string()
          .min(1, { error: required })
          .max(DECISION_REASON_LIMIT, { error: DECISION_REASON_RU.tooLong(label) }),
      ),
  });
}

/** `rejectPartnerApplication(reason)`: why the district rejects a partner's application. */
export const rejectionReasonSchema = decisionReasonSchema(DECISION_REASON_RU.rejection);
/** `decidePartnerAgreement(accept: false, reason)`: why a proposed agreement is declined. */
export const declineReasonSchema = decisionReasonSchema(DECISION_REASON_RU.decline);

export type DecisionReasonValues = z.output<ReturnType<typeof decisionReasonSchema>>;
