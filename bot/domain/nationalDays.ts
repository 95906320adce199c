import chineseDays from 'chinese-days';
import { Lunar } from 'lunar-javascript';
import { addLocalDays } from './localTime';

/** A national day of mainland China: a public holiday (off) or a make-up workday (work, 调休). */
export interface NationalDay {
  date: string;
  name: { 'zh-CN': string; en: string };
  kind: 'off' | 'work';
  /** Computed from the lunar calendar because the State Council's notice for the year is not in chinese-days yet. */
  provisional: boolean;
}

type Name = NationalDay['name'];
const n = (zh: string, en: string): Name => ({ 'zh-CN': zh, en });
const NEW_YEAR = n('元旦', "New Year's Day");
const SPRING = n('春节', 'Spring Festival');
const QINGMING = n('清明节', 'Tomb-sweeping Day');
const LABOUR = n('劳动节', 'Labour Day');
const DRAGON_BOAT = n('端午节', 'Dragon Boat Festival');
const MID_AUTUMN = n('中秋节', 'Mid-autumn Festival');
const NATIONAL = n('国庆节', 'National Day');

/**
 * The statutory days off of a year (全体公民放假的节日, as amended in 2024: 13 days), from the lunar calendar:
 * 元旦 1, 春节 4 from 除夕 (the day before lunar 1/1), 清明 1 (the solar term), 劳动节 2, 端午 1 (lunar 5/5),
 * 中秋 1 (lunar 8/15), 国庆 3. All provisional: the notice adds make-up workdays and bridge days nobody can compute.
 * Two festivals on one date (中秋 inside 国庆) make one day with both names.
 */
export function statutoryHolidays(year: number): NationalDay[] {
  const newYear = Lunar.fromYmd(year, 1, 1);
  const eve = newYear.getSolar().next(-1).toYmd();
  const days: [string, Name][] = [
    [`${year}-01-01`, NEW_YEAR],
    ...[0, 1, 2, 3].map((i): [string, Name] => [addLocalDays(eve, i), SPRING]),
    [newYear.getJieQiTable()['清明'].toYmd(), QINGMING],
    [`${year}-05-01`, LABOUR],
    [`${year}-05-02`, LABOUR],
    [Lunar.fromYmd(year, 5, 5).getSolar().toYmd(), DRAGON_BOAT],
    [Lunar.fromYmd(year, 8, 15).getSolar().toYmd(), MID_AUTUMN],
    [`${year}-10-01`, NATIONAL],
    [`${year}-10-02`, NATIONAL],
    [`${year}-10-03`, NATIONAL],
  ];
  const byDate = new Map<string, NationalDay>();
  for (const [date, name] of days) {
    const seen = byDate.get(date);
    if (seen) seen.name = n(`${seen.name['zh-CN']}、${name['zh-CN']}`, `${seen.name.en} / ${name.en}`);
    else byDate.set(date, { date, name: { ...name }, kind: 'off', provisional: true });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const covered = new Map<number, boolean>();

/** Whether chinese-days holds the State Council's published holidays for that year. */
export function nationalYearCovered(year: number): boolean {
  let known = covered.get(year);
  if (known === undefined) {
    known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    covered.set(year, known);
  }
  return known;
}

/**
 * A year's national days: the published holidays and make-up workdays from chinese-days, or — for a year not
 * published yet — the provisional statutory days off (no make-up days: those stay unknown until the notice).
 */
export function nationalDays(year: number): NationalDay[] {
  if (!nationalYearCovered(year)) return statutoryHolidays(year);
  const out: NationalDay[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addLocalDays(d, 1)) {
    const detail = chineseDays.getDayDetail(d);
    // chinese-days names a holiday or make-up day "English,中文,days"; plain days carry the weekday's name
    const [en, zh] = detail.name.split(',');
    if (zh === undefined) continue;
    out.push({ date: d, name: n(zh, en), kind: detail.work ? 'work' : 'off', provisional: false });
  }
  return out;
}

const provisionalOff = new Map<number, Set<string>>();

/** The provisional statutory days off of an unpublished year, as a set of dates (memoised per year). */
export function provisionalDaysOff(year: number): Set<string> {
  let set = provisionalOff.get(year);
  if (!set) {
    set = new Set(statutoryHolidays(year).map((d) => d.date));
    provisionalOff.set(year, set);
  }
  return set;
}
