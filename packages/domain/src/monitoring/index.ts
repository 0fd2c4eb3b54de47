/**
 * Monitoring and reports (issue 7): KPI formulas with their formulas and inputs, traffic lights,
 * linking roadmap indicators to computed figures, rollups for dashboards, and the rows of the
 * federal statistical form. Pure: no I/O.
 */
export { formatShareRu, formatMeanRu, formatPercentRu } from './format.js';
export * from './kpi.js';
export * from './indicators.js';
export * from './links.js';
export * from './rollup.js';
export * from './stat-form.js';
