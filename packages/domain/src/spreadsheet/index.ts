export * from './xlsx.js';
export * from './table.js';
