export { formatDateRu } from '@nastavnik/domain';

const numberFormat = new Intl.NumberFormat('ru-RU');

/** 12345 → «12 345». */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}
