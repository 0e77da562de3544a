/** The one place workflows, the worker, the CLI and tests take names, schemas and message definitions from. */
export * from './common';
export * from './status';
export * from './search-attributes';
export * from './effectiveness-review';
export * from './recommendation';
export * from './decision';
export * from './board';
export * from './holidays';
export * from './meeting';
export * from './sign-offs';
export * from './consultation';
export * from './pooled-budget';
export * from './partnership-recommendation';
