/**
 * Public holidays of mainland China (法定节假日) and the weekend days worked in exchange (调休上班),
 * as the State Council publishes them each year. docs/product.md §7: "a business calendar where the rule
 * says working days/hours (holidays included)". The dates are data: the default business calendar
 * is built from them, and admins edit the calendar when the next year's notice comes out.
 *
 * Every date is listed explicitly, including the weekend days inside a break: a weekend day listed
 * as a holiday is harmless (it is a rest day anyway) and lets a reader check each break's length
 * against the notice.
 */

import { CITATIONS, source } from '../sources.js';

export interface ChinaHolidayYear {
  year: number;
  /** the document the dates were copied from */
  source: string;
  holidays: { date: string; name: string }[];
  workdays: { date: string; name: string }[];
}

const days = (name: string, ...dates: string[]) => dates.map((date) => ({ date, name }));

export const CHINA_PUBLIC_HOLIDAYS: ChinaHolidayYear[] = [
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    holidays: [
      // 元旦: 1月1日至3日放假调休，共3天；1月4日（周日）上班
      ...days('元旦', '2026-01-01', '2026-01-02', '2026-01-03'),
      // 春节: 2月15日至23日放假调休，共9天；2月14日（周六）、2月28日（周六）上班
      ...days(
        '春节',
        '2026-02-15',
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
        '2026-02-21',
        '2026-02-22',
        '2026-02-23',
      ),
      // 清明节: 4月4日至6日放假，共3天
      ...days('清明节', '2026-04-04', '2026-04-05', '2026-04-06'),
      // 劳动节: 5月1日至5日放假调休，共5天；5月9日（周六）上班
      ...days('劳动节', '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'),
      // 端午节: 6月19日至21日放假，共3天
      ...days('端午节', '2026-06-19', '2026-06-20', '2026-06-21'),
      // 中秋节: 9月25日至27日放假，共3天
      ...days('中秋节', '2026-09-25', '2026-09-26', '2026-09-27'),
      // 国庆节: 10月1日至7日放假调休，共7天；9月20日（周日）、10月10日（周六）上班
      ...days('国庆节', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'),
    ],
    workdays: [
      ...days('元旦调休上班', '2026-01-04'),
      ...days('春节调休上班', '2026-02-14', '2026-02-28'),
      ...days('劳动节调休上班', '2026-05-09'),
      ...days('国庆节调休上班', '2026-09-20', '2026-10-10'),
    ],
  },
  {
    year: 2027,
    // Only the fixed-date statutory day is certain before the notice is published; the rest of the
    // year (春节, 国庆节 and every 调休 Saturday/Sunday) would be guesswork, so it is left out, and
    // the console warns that the 2027 arrangement is missing (holidayArrangementMissing).
    source: source(CITATIONS.newYearStatutory),
    holidays: days('元旦', '2027-01-01'),
    workdays: [],
  },
];

/**
 * A year with fewer rest days than this, and no 调休 working day, has not had its State Council
 * arrangement entered. 《全国年节及纪念日放假办法》 (revised 2024, in force from 2025) gives 13
 * statutory rest days a year, and the notices add the weekends around them and 调休 working days
 * (2026: 33 rest days listed, 6 worked). 10 stays below the 13 statutory days alone, so an admin who
 * entered only those is not warned, and above what is certain before the notice is out (元旦 alone).
 */
export const ARRANGEMENT_MIN_REST_DAYS = 10;

/**
 * Whether `year` still lacks the State Council's holiday arrangement (国务院办公厅关于部分节假日安排的
 * 通知): without it every clock that counts working time counts 春节 and 国庆节 as working days.
 * `days` are the calendar's special days; those of other years are ignored.
 */
export function holidayArrangementMissing(year: number, days: readonly { date: string; kind: 'holiday' | 'workday' }[]): boolean {
  const ofYear = days.filter((day) => day.date.startsWith(`${year}-`));
  const restDays = ofYear.filter((day) => day.kind === 'holiday').length;
  const workedWeekendDays = ofYear.length - restDays;
  return workedWeekendDays === 0 && restDays < ARRANGEMENT_MIN_REST_DAYS;
}
