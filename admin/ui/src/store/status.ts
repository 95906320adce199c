import { signal } from '@preact/signals';
import { api } from '../api';
import type { SystemWarning } from '../types';

export const warnings = signal<SystemWarning[]>([]);
/** Hidden for the rest of this page view once the reader has acknowledged them. */
export const warningsDismissed = signal(false);

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
  warningsDismissed.value = false;
}
