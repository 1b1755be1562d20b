/**
 * The ten scans of a parcel from Shanghai to Hangzhou that the tracking benchmarks ingest: status,
 * sub-status, the carrier's text and the site, in the order a parcel meets them.
 */
export const SCAN_ROUTE: ReadonlyArray<readonly [status: string, subStatus: string, text: string, site: string]> = [
  ['picked_up', 'picked_up', '【上海市】快递员已揽收', '上海浦东营业部'],
  ['in_transit', 'departed', '【上海市】快件已从上海浦东营业部发出', '上海浦东营业部'],
  ['in_transit', 'arrived', '【上海市】快件已到达上海转运中心', '上海转运中心'],
  ['in_transit', 'departed', '【上海市】快件已从上海转运中心发出', '上海转运中心'],
  ['in_transit', 'arrived', '【苏州市】快件已到达苏州转运中心', '苏州转运中心'],
  ['in_transit', 'departed', '【苏州市】快件已从苏州转运中心发出', '苏州转运中心'],
  ['in_transit', 'arrived', '【杭州市】快件已到达杭州转运中心', '杭州转运中心'],
  ['in_transit', 'departed', '【杭州市】快件已从杭州转运中心发出', '杭州转运中心'],
  ['out_for_delivery', 'out_for_delivery', '【杭州市】快递员王师傅正在派件', '杭州西湖营业部'],
  ['delivered', 'self', '【杭州市】已签收，签收人：本人', '杭州西湖营业部'],
];
