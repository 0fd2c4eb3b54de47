export * from './check.js';
export * from './directory.js';
export * from './programme.js';
export * from './news.js';
export * from './monitoring.js';
export * from './practices.js';
export * from './questionnaires.js';
export * from './reasons.js';
