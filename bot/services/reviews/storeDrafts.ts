import type { Db } from '../../../db/client';
import { preparedOnce } from '../preparedOnce';
import type { CompiledDraft } from './compileDrafts';

/** Writes compiled drafts with their headline columns (total, suggested grade, cap, floor, flags) for lists. */
export function storeDrafts(db: Db, drafts: CompiledDraft[], at: string): void {
  const update = preparedOnce(db, 'reviews.storeDrafts', () =>
    db.$client.prepare(`update reviews set draft = ?, draft_at = ?, total = ?, suggested_grade = ?, cap_grade = ?, floor_grade = ?, flags = ?, updated_at = ? where id = ?`),
  );
  for (const { reviewId, draft, flags } of drafts) {
    update.run(JSON.stringify(draft), at, draft.total, draft.suggestedGrade, draft.cap, draft.floor, JSON.stringify(flags), at, reviewId);
  }
}
