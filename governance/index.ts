/**
 * govflow's governance rules: pure, deterministic TypeScript with no I/O and no Temporal imports,
 * safe to import from workflow code. See docs/rules.md.
 */
export * from './civil-date';
export * from './bank-holidays';
export * from './working-days';
export * from './notice';
export * from './schedule';
export * from './review-schedule';
export * from './classification';
export * from './voting';
export * from './money';
export * from './standing-orders';
export * from './authority';
export * from './display-dates';
