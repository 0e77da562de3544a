/** Every workflow the govflow worker runs; one process per file. */
export { effectivenessReview } from './effectiveness-review';
export { decision } from './decision';
export { recommendation } from './recommendation';
export { board } from './board';
export { meeting } from './meeting';
export { consultation } from './consultation';
export { pooledBudget } from './pooled-budget';
export { partnershipRecommendation } from './partnership-recommendation';
