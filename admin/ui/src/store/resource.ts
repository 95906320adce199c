import { signal, type Signal } from '@preact/signals';

/** One thing read from the server: its latest value, whether a load runs, and the last load's error. */
export interface Resource<T> {
  data: Signal<T | null>;
  loading: Signal<boolean>;
  error: Signal<unknown>;
  /** Loads again; an older load that answers after a newer one is ignored. */
  load(): Promise<void>;
  /** Forgets the value (on sign-out). */
  reset(): void;
}

export function resource<T>(fetch: () => Promise<T>): Resource<T> {
  const data = signal<T | null>(null);
  const loading = signal(false);
  const error = signal<unknown>(null);
  let seq = 0;

  async function load(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    try {
      const value = await fetch();
      if (mine !== seq) return;
      data.value = value;
      error.value = null;
    } catch (err) {
      if (mine === seq) error.value = err;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  function reset(): void {
    seq++;
    data.value = null;
    loading.value = false;
    error.value = null;
  }

  return { data, loading, error, load, reset };
}
