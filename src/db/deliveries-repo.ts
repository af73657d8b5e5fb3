import { lt } from 'drizzle-orm';
import type { Database } from './client.ts';
import { processedDeliveries } from './schema.ts';

/** Remembers deliveries already handled, so a platform's retry or redelivery is processed once. */
export function createDeliveriesRepository(database: Database) {
  const insert = database.sqlite.prepare(
    'INSERT OR IGNORE INTO processed_deliveries (key, at) VALUES (?, ?)',
  );

  /** True the first time a key is seen; false for every repeat. */
  function firstTime(key: string, now: Date): boolean {
    return insert.run(key, now.getTime()).changes === 1;
  }

  function forgetBefore(cutoff: Date): number {
    return database.db.delete(processedDeliveries).where(lt(processedDeliveries.at, cutoff)).run().changes;
  }

  return { firstTime, forgetBefore };
}

export type DeliveriesRepository = ReturnType<typeof createDeliveriesRepository>;
