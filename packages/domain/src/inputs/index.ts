export * from './check.js';
export * from './directory.js';
export * from './programme.js';
