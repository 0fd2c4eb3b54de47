import { NO_DATA_RU } from '../programmes/plans.js';

/**
 * Russian number formats of the monitoring figures: one decimal, a decimal comma, a space before
 * «%» (as `planProgress` writes «67 %»).
 *
 * Shares are truncated, never rounded up: 89,96 % shows «89,9 %», so a figure on screen never
 * reaches a target («не менее 90 %», «100 % согласий») that the exact value misses. Means and
 * changes round half away from zero (4,35 → «4,4»; −0,25 → «−0,3»).
 *
 * The digits are taken from the integer ratio (numerator × 1000 ÷ denominator), not from a float
 * already multiplied by 100, so 29 ÷ 100 shows «29,0 %», not «28,9 %».
 */

/** Whole tenths of a percent, truncated: ⌊numerator × 1000 ÷ denominator⌋ (for non-negative inputs). */
function percentTenths(numerator: number, denominator: number): number {
  return Math.floor((numerator * 1000) / denominator);
}

/** Whole tenths of a ratio, rounded half away from zero. */
function roundedTenths(numerator: number, denominator: number): number {
  const q = (numerator * 10) / denominator;
  return Math.sign(q) * Math.floor(Math.abs(q) + 0.5);
}

/** «12,5» from 125 tenths; a minus sign (U+2212) for negatives; `plus` adds «+» to positives. */
function tenthsRu(tenths: number, plus = false): string {
  const abs = Math.abs(tenths);
  const digits = `${Math.floor(abs / 10)},${abs % 10}`;
  if (tenths < 0) return `−${digits}`;
  return plus && tenths > 0 ? `+${digits}` : digits;
}

/** «12,5 %» for 1 of 8; «нет данных» when the share cannot be computed. */
export function formatShareRu(numerator: number | null, denominator: number | null): string {
  if (numerator === null || denominator === null || !(denominator > 0) || !(numerator >= 0)) return NO_DATA_RU;
  return `${tenthsRu(percentTenths(numerator, denominator))} %`;
}

/**
 * «4,3» for a mean of sum ÷ count; «нет данных» without answers. `signed` writes «+0,8»;
 * `truncate` cuts instead of rounding (an average percentage compared with a target).
 */
export function formatMeanRu(sum: number | null, count: number | null, options: { signed?: boolean; truncate?: boolean } = {}): string {
  if (sum === null || count === null || !(count > 0) || !Number.isFinite(sum)) return NO_DATA_RU;
  const tenths = options.truncate ? Math.floor((sum * 10) / count) : roundedTenths(sum, count);
  return tenthsRu(tenths, options.signed);
}

/** A percentage already computed (a district's own target, an average): «70 %», «12,5 %»; truncated to one decimal. */
export function formatPercentRu(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA_RU;
  const tenths = Math.floor(Math.round(value * 1e6) / 1e5);
  return `${tenthsRu(tenths).replace(/,0$/, '')} %`;
}
