/** Regions: GB/T 2260 divisions, addresses read from text, and route classes (docs/product.md §1, §7). */
export {
  regionOf,
  provinceOf,
  provinceName,
  regionLabel,
  isHmtCode,
  MUNICIPALITY_PREFIXES,
  HMT_PREFIXES,
  type Region,
} from './divisions.js';
export { parseAddress, type ParsedAddress } from './parse-address.js';
export { classifyRoute, ROUTE_CLASSES, type RouteClass, type RouteEnd } from './route.js';
