import { api } from '../api';
import type { MetricDefinition, RatingScale, ScaleGrade } from '../reviewShapes';
import { resource } from './resource';

/** The current rating scale (best grade first). */
export const ratingScale = resource(async () => (await api.get<RatingScale>('/api/rating-scale')).grades ?? []);

/** The metric catalogue. */
export const metricDefinitions = resource(
  async () => (await api.get<{ definitions: MetricDefinition[] }>('/api/metric-definitions')).definitions ?? [],
);

/** Saves the scale; throws the server's ApiError (400 lists the problems). */
export async function saveScale(grades: ScaleGrade[]): Promise<void> {
  const saved = await api.put<RatingScale>('/api/rating-scale', { grades });
  ratingScale.data.value = saved.grades ?? grades;
}
