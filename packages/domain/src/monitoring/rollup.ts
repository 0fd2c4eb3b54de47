import { coverage, type Kpi, type TargetOption } from './kpi.js';

/**
 * Rollups of school figures to a district, and of district figures to a region, for the
 * dashboards. Counts are summed and shares recomputed from the sums — never averaged: a district's
 * coverage is Σ participants ÷ Σ members, so a school of 1 000 pupils weighs more than one of 50.
 */

export interface CountSum {
  /** Σ of the reported values; null when no row reported one. */
  sum: number | null;
  /** Rows with a value (finite, non-negative). */
  reported: number;
  /** Rows without one («нет данных»): the sum is a lower bound while this is above zero. */
  missing: number;
}

/** Column sums of count rows (a district over its schools), with how many rows had no value. */
export function sumCounts<K extends string>(rows: readonly Partial<Record<K, number | null | undefined>>[], keys: readonly K[]): Record<K, CountSum> {
  const result = {} as Record<K, CountSum>;
  for (const key of keys) {
    let sum = 0;
    let reported = 0;
    for (const row of rows) {
      const value = row[key];
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
        sum += value;
        reported++;
      }
    }
    result[key] = { sum: reported > 0 ? sum : null, reported, missing: rows.length - reported };
  }
  return result;
}

export interface CoverageRow {
  participants: number | null | undefined;
  groupSize: number | null | undefined;
}

export type WeightedCoverageKpi = Kpi & {
  /** Rows in the sums: both counts present and a group of at least one member. */
  rowsCounted: number;
  /** Rows left out: a count missing, or an empty group. */
  rowsWithoutData: number;
};

/**
 * Coverage over many rows: Σ participants ÷ Σ group sizes over the rows that have both counts and
 * a non-empty group. A row with participants but no headcount is left out of both sums (its
 * participants would otherwise inflate the share) and counted in `rowsWithoutData`.
 */
export function weightedCoverage(
  rows: readonly CoverageRow[],
  options: TargetOption & {
    groupRu?: string;
    /** What a row is, in the genitive plural for the inputs: «организаций» (default), «муниципалитетов». */
    rowsRu?: string;
  } = {},
): WeightedCoverageKpi {
  const valid = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  let participants = 0;
  let groupSize = 0;
  let rowsCounted = 0;
  for (const row of rows) {
    if (valid(row.participants) && valid(row.groupSize) && row.groupSize > 0) {
      participants += row.participants;
      groupSize += row.groupSize;
      rowsCounted++;
    }
  }
  const kpi = rowsCounted > 0 ? coverage(participants, groupSize, options) : coverage(null, null, options);
  const rowsRu = options.rowsRu ?? 'организаций';
  kpi.formulaRu = 'Σ участники ÷ Σ численность группы × 100 %';
  kpi.inputs.push({ label: `Учтено ${rowsRu}`, value: rowsCounted }, { label: `Без данных (${rowsRu})`, value: rows.length - rowsCounted });
  return { ...kpi, rowsCounted, rowsWithoutData: rows.length - rowsCounted };
}
