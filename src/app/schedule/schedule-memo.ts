import type { AppContext } from '../context.ts';

/** Entries kept per view; past it the memo starts again (a view is cheap to recompute once). */
const MAX_ENTRIES = 64;

interface Memo<V> {
  generation: number;
  readonly entries: Map<string, V>;
}

/**
 * Views computed from the change schedule, reused while nothing the schedule shows has changed (issue 7: a vote
 * changes no window, so App Home's calendar, the same for a whole CAB, need not be rebuilt for each of them).
 * For views shared by many readers: a view per change would hold as many entries as there are open changes.
 * Validity is the schedule_generation count that triggers bump on every write to windows, states and titles,
 * on either database connection. Inside a transaction nothing is reused or kept: its writes may still roll back
 * and take the count back with them.
 */
export function scheduleMemo<V>(): (ctx: AppContext, key: string, compute: () => V) => V {
  const memos = new WeakMap<AppContext, Memo<V>>();
  return (ctx, key, compute) => {
    if (ctx.database.sqlite.inTransaction) return compute();
    const generation = ctx.repos.schedule.generation();
    let memo = memos.get(ctx);
    if (!memo || memo.generation !== generation || memo.entries.size >= MAX_ENTRIES) {
      memo = { generation, entries: new Map() };
      memos.set(ctx, memo);
    }
    if (memo.entries.has(key)) return memo.entries.get(key) as V;
    const value = compute();
    memo.entries.set(key, value);
    return value;
  };
}
