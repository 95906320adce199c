import type { Db } from '../../../db/client';

/** Who hears about appeals: the active HR members, or the admins when the directory has no HR yet. */
export function hrRecipients(db: Db): { id: number; locale: string }[] {
  const hr = db.$client.prepare<[], { id: number; locale: string }>(`select id, locale from people where role = 'hr' and active = 1 order by id`).all();
  return hr.length > 0 ? hr : db.$client.prepare<[], { id: number; locale: string }>(`select id, locale from people where role = 'admin' and active = 1 order by id`).all();
}
