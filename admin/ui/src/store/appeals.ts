import { api } from '../api';
import type { Appeal, AppealReport, CycleReport, PulseReport } from '../appealShapes';
import { keyedResource } from './keyedResource';
import { myReviews } from './reviews';
import { resource } from './resource';

/** HR's queue (everyone else: their own scope), open ones first by deadline. */
export const appeals = resource(async () => (await api.get<{ appeals: Appeal[] }>('/api/appeals')).appeals);

export const appealReport = resource(() => api.get<AppealReport>('/api/appeals/report'));
export const pulseReport = resource(() => api.get<PulseReport>('/api/pulse/report'));

/** A cycle's grades before and after calibration (HR: everyone; a manager: their subtree). */
export const cycleReport = keyedResource((cycleId: number) => api.get<CycleReport>(`/api/review-cycles/${cycleId}/report`));
export const cycleReportFile = (cycleId: number, format: 'csv' | 'xlsx'): string => `/api/review-cycles/${cycleId}/report?format=${format}`;

/** My page: appeal my released review. ApiError appeal_exists / appeal_window_closed / no_appealable_review. */
export async function fileAppeal(reviewId: number, reason: string): Promise<void> {
  await api.post('/api/appeals', { reviewId, reason });
  await myReviews.load();
}

export interface AppealOutcome {
  outcome: 'upheld' | 'changed';
  grade?: string;
  note: string;
  overrideReason?: string;
}

/** HR answers: 400 without a note (or without a grade for "changed"), 422 above-cap, 403 own_appeal, 409 appeal_resolved. */
export async function resolveAppeal(id: number, outcome: AppealOutcome): Promise<void> {
  await api.post(`/api/appeals/${id}/resolve`, outcome);
  await appeals.load();
}
