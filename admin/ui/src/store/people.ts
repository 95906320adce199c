import { signal } from '@preact/signals';
import { api } from '../api';
import type { Person } from '../types';

export const peopleQuery = signal('');
export const people = signal<Person[]>([]);
export const peopleLoading = signal(false);
export const peopleError = signal<unknown>(null);

let requestSeq = 0;
let debounceTimer: ReturnType<typeof setTimeout> | undefined;

export async function loadPeople(): Promise<void> {
  const seq = ++requestSeq;
  const q = peopleQuery.value.trim();
  peopleLoading.value = true;
  try {
    const params = new URLSearchParams({ q, limit: '50' });
    const res = await api.get<{ people: Person[] }>(`/api/people?${params}`);
    if (seq !== requestSeq) return; // a newer search superseded this one
    people.value = res.people ?? [];
    peopleError.value = null;
  } catch (err) {
    if (seq === requestSeq) peopleError.value = err;
  } finally {
    if (seq === requestSeq) peopleLoading.value = false;
  }
}

/** Update the search box and reload the list after a short pause in typing. */
export function setPeopleQuery(q: string): void {
  peopleQuery.value = q;
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => void loadPeople(), 250);
}
