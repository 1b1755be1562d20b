/**
 * `npm run bench:monthly-report` — issue 17 §9 (the monthly report's share); prints numbers, it
 * asserts nothing. One customer's month of BENCH_REPORT_SHIPMENTS parcels (default 100,000),
 * aggregated as the report takes it (`test/support/monthly-report.ts`), rendered as PDF and XLSX
 * in this fresh process: the first report (which reads and parses the two 10 MB Noto Sans SC
 * files) and the median of the next BENCH_REPORT_RUNS (default 5), then the process's peak
 * resident memory (maxRSS, which includes Node itself).
 */
import { renderMonthlyReportPdf } from '../src/modules/reports/monthly/pdf.js';
import { renderMonthlyReportXlsx } from '../src/modules/reports/monthly/xlsx.js';
import { monthlyReportFixture } from '../test/support/monthly-report.js';

const shipments = Number(process.env.BENCH_REPORT_SHIPMENTS ?? 100_000);
const runs = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const data = monthlyReportFixture({ shipments, claims: true });
const baselineRss = process.resourceUsage().maxRSS / 1024;

async function once(): Promise<{ pdfMs: number; xlsxMs: number; pdfBytes: number; xlsxBytes: number }> {
  const t0 = performance.now();
  const pdf = await renderMonthlyReportPdf(data);
  const t1 = performance.now();
  const xlsx = await renderMonthlyReportXlsx(data);
  const t2 = performance.now();
  return { pdfMs: t1 - t0, xlsxMs: t2 - t1, pdfBytes: pdf.length, xlsxBytes: xlsx.length };
}

const first = await once();
const rest = [];
for (let i = 0; i < runs; i++) rest.push(await once());
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const warmPdf = median(rest.map((r) => r.pdfMs));
const warmXlsx = median(rest.map((r) => r.xlsxMs));
const peakRss = process.resourceUsage().maxRSS / 1024;
const ms = (n: number) => `${Math.round(n)} ms`;

console.log(`monthly report for a customer with ${shipments.toLocaleString('en-US')} parcels in the month (PDF ${Math.round(first.pdfBytes / 1024)} KB, XLSX ${Math.round(first.xlsxBytes / 1024)} KB)`);
console.log(`first report (fonts read and parsed): PDF ${ms(first.pdfMs)} + XLSX ${ms(first.xlsxMs)} = ${ms(first.pdfMs + first.xlsxMs)}`);
console.log(`next ${runs}, median: PDF ${ms(warmPdf)} + XLSX ${ms(warmXlsx)} = ${ms(warmPdf + warmXlsx)}`);
console.log(`peak memory of the process (maxRSS): ${Math.round(peakRss)} MB (${Math.round(baselineRss)} MB before the first report)`);
const worst = Math.max(first.pdfMs + first.xlsxMs, warmPdf + warmXlsx);
console.log(`one monthly report (PDF + XLSX) ≤ 2 s, the first included: ${ms(worst)} — target ≤ 2 s: ${worst <= 2000 ? 'met' : 'NOT met'}`);
