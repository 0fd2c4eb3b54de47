// Only the date type and its check leave the folder: the other date helpers are internal and too
// generic for the package's root.
export { isIsoDate, type IsoDate } from './iso-date.js';
export * from './deadline.js';
export * from './approval.js';
export * from './model.js';
export * from './messages.js';
export * from './work-moves.js';
