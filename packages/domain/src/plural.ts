/** Forms of a Russian noun after a number: [one, few, many] — «день», «дня», «дней». */
export type RussianPluralForms = readonly [one: string, few: string, many: string];

// One instance for the process: building PluralRules loads locale data.
const RULES = new Intl.PluralRules('ru-RU');

/**
 * The form of a noun after `n` by CLDR's Russian rules (`Intl.PluralRules`): 1, 21, 101 → one;
 * 2–4, 22–24 → few; 0, 5–20, 25–30, 111 → many. Fractions are CLDR's «other» and take the few form,
 * the genitive singular: «1,5 года», «2,5 дня».
 */
export function pluralRu(n: number, forms: RussianPluralForms): string {
  const [one, few, many] = forms;
  switch (RULES.select(n)) {
    case 'one':
      return one;
    case 'few':
    case 'other':
      return few;
    default:
      return many;
  }
}
