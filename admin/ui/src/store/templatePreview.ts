import { effect, signal } from '@preact/signals';
import type { TemplatePreview } from '../reviewShapes';
import type { Person } from '../types';
import { previewTemplate } from './reviewTemplates';
import { draft, toBody } from './templateDraft';

/** The first and last day of the quarter before the one `today` is in (the usual period to try a template on). */
export function lastQuarter(today = new Date()): { start: string; end: string } {
  const q = Math.floor(today.getMonth() / 3);
  const startMonth = (q + 3) % 4 * 3;
  const year = q === 0 ? today.getFullYear() - 1 : today.getFullYear();
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = new Date(Date.UTC(year, startMonth + 3, 0)).getUTCDate();
  return { start: `${year}-${pad(startMonth + 1)}-01`, end: `${year}-${pad(startMonth + 3)}-${pad(last)}` };
}

const period = lastQuarter();
/** Whom and which period the preview evaluates the template for. */
export const previewPerson = signal<Person | null>(null);
export const previewStart = signal(period.start);
export const previewEnd = signal(period.end);

export const preview = signal<TemplatePreview | null>(null);
export const previewError = signal<unknown>(null);
export const previewLoading = signal(false);

const DEBOUNCE_MS = 400;
let timer: ReturnType<typeof setTimeout> | undefined;
let seq = 0;

async function run(): Promise<void> {
  const body = draft.value;
  const person = previewPerson.value;
  if (!body || !person) return;
  const mine = ++seq;
  previewLoading.value = true;
  try {
    const result = await previewTemplate({ body: toBody(body), email: person.email, periodStart: previewStart.value, periodEnd: previewEnd.value });
    if (mine !== seq) return;
    preview.value = result;
    previewError.value = null;
  } catch (err) {
    if (mine !== seq) return;
    // an outcome of an earlier body would read as if it were this one's
    preview.value = null;
    previewError.value = err;
  } finally {
    if (mine === seq) previewLoading.value = false;
  }
}

// The preview follows the template as it is typed: a short pause after the last change, then one request (an
// answer to an older request is dropped).
effect(() => {
  void draft.value;
  void previewPerson.value;
  void previewStart.value;
  void previewEnd.value;
  clearTimeout(timer);
  if (!draft.value || !previewPerson.value) {
    seq++;
    preview.value = null;
    previewError.value = null;
    previewLoading.value = false;
    return;
  }
  previewLoading.value = true;
  timer = setTimeout(() => void run(), DEBOUNCE_MS);
});
