/** Time limits (时效): the versioned policy, working-day clocks and promised times (docs/product.md §7). */
export * from './policy.js';
export * from './working-days.js';
export * from './compute.js';
