/** After-sales service notifications (服务通知单): the pure core the service-orders module wires (docs/product.md, docs/architecture.md "After-sales service notifications"). */
export * from './status-profile.js';
export * from './types.js';
export * from './catalogs.js';
export * from './clocks.js';
