/**
 * A school's mentorship programmes (issue 5): catalogues of forms, kinds, categories and meetings;
 * participant and consent (152-ФЗ) rules; bulk-import row checks; matching of pairs and groups;
 * individual plans, meetings and completion. Pure: no I/O.
 */
export * from './catalog.js';
export * from './participants.js';
export * from './consents.js';
export * from './matching.js';
export * from './plans.js';
export * from './spreadsheet.js';
export * from './csv.js';
export * from './tags.js';
export * from './personal-data.js';
export * from './redaction.js';
