import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Logger } from '../log.ts';
import { emptyState, type PlaygroundState, type PlaygroundStore } from './store.ts';

/** How long changes are gathered before the page state is written (a vote causes a burst of updates). */
const WRITE_DELAY_MS = 250;

/**
 * The page state (what the playground's Slack and Teams show) beside the playground's database, so a restart
 * shows the same channels as the database it continues. A database that is new starts a new page state: the
 * two never disagree about which changes exist.
 */
export function openScreens(databasePath: string, log: Logger) {
  const file = databasePath === ':memory:' ? null : `${databasePath}.screens.json`;
  const databaseIsNew = file === null || !existsSync(databasePath);
  let initial = emptyState();
  if (file && !databaseIsNew && existsSync(file)) {
    try {
      const loaded = JSON.parse(readFileSync(file, 'utf8')) as PlaygroundState;
      if (loaded?.slack && loaded.teams && typeof loaded.seq === 'number')
        initial = { ...loaded, clockOffsetMs: loaded.clockOffsetMs ?? 0 };
    } catch (error) {
      log.warn('playground: could not read the saved page state; starting with empty channels', {
        file,
        error,
      });
    }
  }

  return {
    databaseIsNew,
    initial,
    /** Writes the state after each burst of changes; returns a flush for shutdown. */
    keep(store: PlaygroundStore): () => void {
      if (!file) return () => {};
      let timer: NodeJS.Timeout | null = null;
      const write = () => {
        timer = null;
        try {
          writeFileSync(`${file}.tmp`, JSON.stringify(store.state));
          renameSync(`${file}.tmp`, file);
        } catch (error) {
          log.warn('playground: could not save the page state', { file, error });
        }
      };
      const later = () => {
        timer ??= setTimeout(write, WRITE_DELAY_MS);
      };
      store.subscribe(later);
      later();
      return () => {
        if (timer) clearTimeout(timer);
        write();
      };
    },
  };
}
