export * from './compose.js';
export * from './partners.js';
export * from './kinds.js';
