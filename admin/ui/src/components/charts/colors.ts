/** The console's chart colours: the accent, on time, late, missing, excused (muted), a second series (purple). */
export const COLORS = { accent: '#2563eb', ok: '#047857', late: '#f59e0b', missing: '#dc2626', muted: '#9ca3af', purple: '#7c3aed' };
