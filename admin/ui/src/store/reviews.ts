import { signal } from '@preact/signals';
import { api } from '../api';
import type { CycleKind } from '../reviewPeriods';
import type { CycleReview, MyReview, PersonFile, ReviewCycle, ReviewDraft } from '../reviewShapes';
import { keyedResource } from './keyedResource';
import { resource } from './resource';

export const cycles = resource(async () => (await api.get<{ cycles: ReviewCycle[] }>('/api/review-cycles')).cycles);

/** A cycle's reviews (a manager gets their subtree). */
export const cycleReviews = keyedResource((id: number) => api.get<CycleReview[]>(`/api/review-cycles/${id}/reviews`));

export const reviewDraft = keyedResource((id: number) => api.get<ReviewDraft>(`/api/reviews/${id}`));

export interface CycleInput {
  name: string;
  kind: CycleKind;
  periodStart: string;
  periodEnd: string;
  departments?: string[];
  /** Ask the anonymous fairness pulse after release; days after release during which people may appeal. */
  pulse?: boolean;
  appealDays?: number;
}

/** HR and admin plan a cycle (status `planned`); ApiError `unknown_department` / `cycle_exists` otherwise. */
export async function createCycle(input: CycleInput): Promise<number> {
  const { id } = await api.post<{ id: number }>('/api/review-cycles', input);
  await cycles.load();
  return id;
}

/** Cycles opened on this page view, with how many reviews opening made (the row says so). */
export const openedHere = signal<ReadonlyMap<number, number>>(new Map());

/**
 * Opens a planned cycle: one review per person in scope, each drafted (a large company's drafting goes on after the
 * answer, 202: the cycle's row shows its progress). ApiError `no_template` when a function has none.
 */
export async function openCycle(id: number): Promise<number> {
  const { reviews } = await api.post<{ reviews: number; drafting: { drafted: number; total: number } | null }>(`/api/review-cycles/${id}/open`);
  openedHere.value = new Map([...openedHere.value, [id, reviews]]);
  await cycles.load();
  return reviews;
}

/** Cycles released here, with how many messages went out (shown once on the row). */
export const releasedHere = signal(new Map<number, number>());

/** HR releases a cycle's results: everyone hears their grade in chat (only once, however often this runs). */
export async function releaseCycle(id: number): Promise<number> {
  const { told } = await api.post<{ reviews: number; told: number }>(`/api/review-cycles/${id}/release`);
  releasedHere.value = new Map([...releasedHere.value, [id, told]]);
  await cycles.load();
  return told;
}

export interface MetricCorrection {
  email: string;
  metric: string;
  period: string;
  value: number;
  reason: string;
}

/** HR's manual correction of a metric; then the review is read again (its draft is compiled on read). */
export async function correctMetric(reviewId: number, input: MetricCorrection): Promise<void> {
  await api.post('/api/metrics/correct', input);
  const review = reviewDraft.of(reviewId);
  await review.load();
  if (review.error.value) throw review.error.value;
  const cycleId = review.data.value?.cycle.id;
  if (cycleId) void cycleReviews.of(cycleId).load();
}

export interface ManagerInput {
  grade: string;
  feedback: string;
  ratings?: Record<string, string>;
  overrideReason?: string;
}

/** The manager's grade; the answer is the draft. A grade above the cap without a reason → ApiError 422 above-cap. */
export async function submitManagerReview(id: number, input: ManagerInput): Promise<ReviewDraft> {
  const draft = await api.post<ReviewDraft>(`/api/reviews/${id}/manager`, input);
  reviewDraft.of(id).data.value = draft;
  void cycleReviews.of(draft.cycle.id).load();
  void cycles.load();
  return draft;
}

export async function clearFlag(id: number, flag: string, reason: string): Promise<ReviewDraft> {
  const draft = await api.post<ReviewDraft>(`/api/reviews/${id}/flags/${encodeURIComponent(flag)}/clear`, { reason });
  reviewDraft.of(id).data.value = draft;
  void cycleReviews.of(draft.cycle.id).load();
  return draft;
}

/** Reviews whose self-review I submitted on this page view: their card stays, saying so, though they moved on. */
export const selfSubmittedHere = signal<ReadonlySet<number>>(new Set());

export async function submitSelfReview(id: number, answers: (string | null)[]): Promise<ReviewDraft> {
  const draft = await api.post<ReviewDraft>(`/api/reviews/${id}/self`, { answers });
  selfSubmittedHere.value = new Set([...selfSubmittedHere.value, id]);
  reviewDraft.of(id).data.value = draft;
  void myReviews.load();
  return draft;
}

/** The signed-in person's reviews (My page). */
export const myReviews = resource(async () => (await api.get<{ reviews: MyReview[] }>('/api/me/reviews')).reviews);

export const personFile = keyedResource((id: number) => api.get<PersonFile>(`/api/people/${id}/file`));
