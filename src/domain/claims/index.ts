/** Claims and compensation (理赔/赔偿): the pure core the claims module wires (docs/product.md §3, §7; docs/architecture.md "Claims: the pure core"). */
export * from './policy.js';
export * from './clocks.js';
export * from './clock-changes.js';
export * from './usable.js';
export * from './proposal.js';
export * from './approval.js';
export * from './evidence.js';
export * from './claim-state.js';
export * from './settlement.js';
export * from './responsibility.js';
export * from './labels.js';
export * from './amounts.js';
