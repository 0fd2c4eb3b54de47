export * from './compose.js';
export * from './partners.js';
export * from './kinds.js';
export * from './roadmaps.js';
export * from './campaigns.js';
export * from './preferences.js';
export * from './digest.js';
