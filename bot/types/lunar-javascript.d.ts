/**
 * The part of lunar-javascript (6tail, no bundled types) the statutory-holiday rule uses: lunar dates to solar
 * dates and the solar terms (节气) of a lunar year.
 */
declare module 'lunar-javascript' {
  export class Solar {
    static fromYmd(year: number, month: number, day: number): Solar;
    /** The day `days` later (negative: earlier). */
    next(days: number): Solar;
    /** "YYYY-MM-DD". */
    toYmd(): string;
  }
  export class Lunar {
    /** A lunar date (month 1–12; a leap month is negative). */
    static fromYmd(year: number, month: number, day: number): Lunar;
    getSolar(): Solar;
    /** The solar terms around this lunar year by Chinese name ("清明", "冬至"…). */
    getJieQiTable(): Record<string, Solar>;
  }
}
