export * from './check.js';
export * from './directory.js';
export * from './programme.js';
export * from './news.js';
export * from './pairs.js';
