export * from './roles.js';
export * from './scopes.js';
export * from './pagination.js';
export * from './codes.js';
export * from './messages.ru.js';
export * from './academic-year.js';
export * from './dates.js';
export * from './roadmap/index.js';
