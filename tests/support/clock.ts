/** A clock tests move by hand. */
export class TestClock {
  private t: number;

  constructor(iso: string) {
    this.t = Date.parse(iso);
  }

  now = (): Date => new Date(this.t);

  set(iso: string): void {
    this.t = Date.parse(iso);
  }

  advance(ms: number): void {
    this.t += ms;
  }
}
