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

/**
 * The server's clock in a browser test: starts at a given instant and runs on in real time from there, so writes made
 * one after another get distinct times; `set` moves it to another instant, from which it runs on again.
 */
export class RunningClock {
  private base = 0;
  private setAt = 0;

  constructor(iso: string) {
    this.set(iso);
  }

  now = (): Date => new Date(this.base + (Date.now() - this.setAt));

  set(iso: string): void {
    this.base = Date.parse(iso);
    this.setAt = Date.now();
  }
}
