/** Dates are shown as ДД.ММ.ГГГГ everywhere in the product. */
export function formatDateRu(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}.${mm}.${date.getUTCFullYear()}`;
}
