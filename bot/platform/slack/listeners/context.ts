import type { Locale } from '../../../i18n';
import type { Logger } from '../../../logger';
import type { ServiceDeps } from '../../../services/context';
import type { SlackDirectory } from '../directory';

/** What Slack listeners share: the use-case dependencies, the directory, and a way to send replies promptly. */
export interface ListenerContext {
  deps: ServiceDeps;
  directory: SlackDirectory;
  /** Starts delivering what the handler enqueued; not awaited, so Slack gets its answer at once. */
  flush: () => void;
  /** Runs a handler's synchronous write in the group commit of this turn (db/groupCommit.ts); resolves once committed. */
  commit: <T>(work: () => T) => Promise<T>;
  log: Logger;
  defaultLocale: Locale;
}
