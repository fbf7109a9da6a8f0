/** The case domain (docs/CASES.md): pure rules, no I/O, clocks passed in. */
export * from './model.js';
export * from './priority.js';
export * from './plan.js';
export * from './decide.js';
export * from './holds.js';
export * from './notice.js';
