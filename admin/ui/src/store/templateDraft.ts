import { signal } from '@preact/signals';
import type { Bilingual, LocalText, TemplateBody, TemplateItem, TemplateRule } from '../reviewShapes';

/**
 * The template being edited, with every text as a zh-CN/en pair (the server takes one string or both), so the
 * forms are simple; `toBody` turns it back into what the server takes.
 */
export type EditItem =
  | { kind: 'metric'; metric: string; target: number; floor?: number; weight: number }
  | { kind: 'goals'; weight: number; label: Bilingual }
  | { kind: 'rating'; label: Bilingual; weight: number; potential: boolean; skill: string }
  | { kind: 'text'; label: Bilingual };
export interface EditSection {
  title: Bilingual;
  weight: number;
  items: EditItem[];
}
export interface EditRule {
  when: string;
  effect: TemplateRule['effect'];
  grade: string;
  flag: string;
  reason: Bilingual;
}
export interface EditBody {
  name: string;
  jobFunction: string;
  sections: EditSection[];
  rules: EditRule[];
}

export const pair = (t: LocalText | undefined): Bilingual =>
  t === undefined ? { 'zh-CN': '', en: '' } : typeof t === 'string' ? { 'zh-CN': t, en: t } : { ...t };

/** Both languages → both; one → that one for both; none → '' (the server names the problem). */
export function localTextOf(p: Bilingual): LocalText {
  const zh = p['zh-CN'].trim();
  const en = p.en.trim();
  if (zh && en) return zh === en ? zh : { 'zh-CN': zh, en };
  return zh || en;
}

function editItem(item: TemplateItem): EditItem {
  switch (item.kind) {
    case 'metric':
      return { kind: 'metric', metric: item.metric, target: item.target, floor: item.floor, weight: item.weight };
    case 'goals':
      return { kind: 'goals', weight: item.weight, label: pair(item.label) };
    case 'rating':
      return { kind: 'rating', label: pair(item.label), weight: item.weight, potential: !!item.potential, skill: item.skill ?? '' };
    default:
      return { kind: 'text', label: pair(item.label) };
  }
}

export function fromBody(body: TemplateBody): EditBody {
  return {
    name: body.name,
    jobFunction: body.jobFunction,
    sections: body.sections.map((s) => ({ title: pair(s.title), weight: s.weight, items: s.items.map(editItem) })),
    rules: (body.rules ?? []).map((r) => ({ when: r.when, effect: r.effect, grade: r.grade ?? '', flag: r.flag ?? '', reason: pair(r.reason) })),
  };
}

function bodyItem(item: EditItem): TemplateItem {
  switch (item.kind) {
    case 'metric':
      return { kind: 'metric', metric: item.metric, target: item.target, weight: item.weight, ...(item.floor !== undefined ? { floor: item.floor } : {}) };
    case 'goals': {
      const label = localTextOf(item.label);
      return { kind: 'goals', weight: item.weight, ...(label ? { label } : {}) };
    }
    case 'rating':
      return {
        kind: 'rating', label: localTextOf(item.label), weight: item.weight,
        ...(item.potential ? { potential: true } : {}), ...(item.skill.trim() ? { skill: item.skill.trim() } : {}),
      };
    default:
      return { kind: 'text', label: localTextOf(item.label) };
  }
}

export function toBody(edit: EditBody): TemplateBody {
  return {
    name: edit.name.trim(),
    jobFunction: edit.jobFunction.trim(),
    sections: edit.sections.map((s) => ({ title: localTextOf(s.title), weight: s.weight, items: s.items.map(bodyItem) })),
    rules: edit.rules.map((r) => ({
      when: r.when,
      effect: r.effect,
      ...(r.effect === 'flag' ? { flag: r.flag.trim() } : { grade: r.grade }),
      reason: localTextOf(r.reason),
    })),
  };
}

export const newItem = (kind: EditItem['kind']): EditItem =>
  kind === 'metric' ? { kind, metric: '', target: 1, weight: 0 }
  : kind === 'goals' ? { kind, weight: 0, label: pair(undefined) }
  : kind === 'rating' ? { kind, label: pair(undefined), weight: 0, potential: false, skill: '' }
  : { kind, label: pair(undefined) };

export const newSection = (): EditSection => ({ title: pair(undefined), weight: 0, items: [newItem('rating')] });
export const newRule = (): EditRule => ({ when: '', effect: 'cap', grade: '', flag: '', reason: pair(undefined) });
export const blankBody = (): EditBody => ({ name: '', jobFunction: '', sections: [{ ...newSection(), weight: 100 }], rules: [] });

/** The template on the editor (null before one is open). */
export const draft = signal<EditBody | null>(null);

/** Changes the draft: `change` edits a copy, which becomes the draft (so every view sees the new one). */
export function edit(change: (body: EditBody) => void): void {
  if (!draft.value) return;
  const next = structuredClone(draft.value);
  change(next);
  draft.value = next;
}

/** Moves entry `i` of `list` by `by` places (−1 up, +1 down), when there is room. */
export function move<T>(list: T[], i: number, by: number): void {
  const j = i + by;
  if (j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j], list[i]];
}

/** The weights that count in a section (text items carry none). */
export const sectionSum = (s: EditSection): number => s.items.reduce((sum, i) => sum + (i.kind === 'text' ? 0 : i.weight || 0), 0);
export const overallSum = (b: EditBody): number => b.sections.reduce((sum, s) => sum + (s.weight || 0), 0);
