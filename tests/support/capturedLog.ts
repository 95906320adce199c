import { pino } from 'pino';
import type { Logger } from '../../bot/logger';

export interface LogEntry {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** pino's number for "error"; fatal is above it. */
export const ERROR_LEVEL = 50;

/** A logger that keeps every entry (as pino writes it, parsed) so a test can read what the app logged. */
export function capturedLog(level = 'debug'): { log: Logger; entries: LogEntry[]; errors: () => LogEntry[] } {
  const entries: LogEntry[] = [];
  const log = pino({ level, base: undefined }, { write: (line: string) => void entries.push(JSON.parse(line) as LogEntry) });
  return { log, entries, errors: () => entries.filter((e) => e.level >= ERROR_LEVEL) };
}
