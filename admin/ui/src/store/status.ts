import { computed, signal } from '@preact/signals';
import { api } from '../api';
import type { SystemWarning } from '../types';

export const warnings = signal<SystemWarning[]>([]);

const DISMISSED_KEY = 'perf.warningsDismissed';

/** What the warnings say: a dismissal holds until this changes (another year missing, a new kind of warning). */
const content = computed(() => JSON.stringify(warnings.value.map((w) => [w.code, w.params ?? {}, w.message])));

function storedDismissal(): string | null {
  try {
    return localStorage.getItem(DISMISSED_KEY);
  } catch {
    return null; // storage switched off: the dismissal lasts for this page view
  }
}

const dismissedContent = signal<string | null>(storedDismissal());

/** The reader dismissed exactly these warnings (remembered in this browser until they change). */
export const warningsDismissed = computed(() => warnings.value.length > 0 && dismissedContent.value === content.value);

export function dismissWarnings(): void {
  dismissedContent.value = content.value;
  try {
    localStorage.setItem(DISMISSED_KEY, content.value);
  } catch {
    // kept in memory only
  }
}

export async function loadWarnings(): Promise<void> {
  try {
    const res = await api.get<{ warnings?: SystemWarning[] }>('/api/system/status');
    warnings.value = Array.isArray(res?.warnings) ? res.warnings : [];
  } catch (err) {
    console.error(err); // the banner is advisory; the console works without it
  }
}

export function resetWarnings(): void {
  warnings.value = [];
}
