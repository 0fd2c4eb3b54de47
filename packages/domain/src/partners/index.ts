/**
 * Partner organisations (issue 6): ИНН/ОГРН/КПП check digits, partner kinds, the public sign-up
 * form, and cooperation agreements with schools and districts. Pure: no I/O.
 */
export * from './requisites.js';
export * from './application.js';
export * from './agreements.js';
export * from './mentor.js';
