import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger';

/** Bolt, its WebClient and the Socket Mode client log through ours (same level, same output). */
export function boltLogger(log: Logger): BoltLogger {
  const text = (p: unknown): string => {
    if (typeof p === 'string') return p;
    if (p instanceof Error) return p.message;
    try {
      return JSON.stringify(p);
    } catch {
      return String(p);
    }
  };
  const line = (parts: unknown[]) => parts.map(text).join(' ');
  return {
    debug: (...m: unknown[]) => log.debug(line(m)),
    info: (...m: unknown[]) => log.info(line(m)),
    warn: (...m: unknown[]) => log.warn(line(m)),
    error: (...m: unknown[]) => log.error(line(m)),
    setLevel: () => {},
    setName: () => {},
    getLevel: () => {
      const level = log.level;
      return level === 'debug' || level === 'trace' ? LogLevel.DEBUG : level === 'info' ? LogLevel.INFO : level === 'warn' ? LogLevel.WARN : LogLevel.ERROR;
    },
  };
}
