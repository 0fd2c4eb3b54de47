export * from './compose.js';
export * from './partners.js';
