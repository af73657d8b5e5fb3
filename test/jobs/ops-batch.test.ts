import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpsBatch } from '../../src/observability/ops-batch.ts';
import type { OpsObservation } from '../../src/observability/ops-metrics.ts';

const run = (kind: string): OpsObservation => ({ metric: 'job_run', kind, lateSeconds: 0, outcome: 'done' });

afterEach(() => vi.useRealTimers());

describe('the job thread’s batch of Prometheus observations', () => {
  it('sends the observations of one window in one message, in order', () => {
    vi.useFakeTimers();
    const sent: (readonly OpsObservation[])[] = [];
    const batch = createOpsBatch((o) => sent.push(o), { flushMs: 1_000 });
    batch.add(run('a'));
    batch.add(run('b'));
    batch.add({ metric: 'error', source: 'job' });
    vi.advanceTimersByTime(999);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[run('a'), run('b'), { metric: 'error', source: 'job' }]]);
    // The next observation opens a new window.
    batch.add(run('c'));
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([[run('a'), run('b'), { metric: 'error', source: 'job' }], [run('c')]]);
  });

  it('flushes at once on demand, and sends nothing when nothing waits', () => {
    vi.useFakeTimers();
    const sent: (readonly OpsObservation[])[] = [];
    const batch = createOpsBatch((o) => sent.push(o), { flushMs: 1_000 });
    batch.flush();
    expect(sent).toEqual([]);
    batch.add(run('a'));
    batch.flush();
    expect(sent).toEqual([[run('a')]]);
    // The window's timer went with the flush: no second, empty message.
    vi.advanceTimersByTime(5_000);
    expect(sent).toHaveLength(1);
  });

  it('sends a full batch without waiting for the window', () => {
    vi.useFakeTimers();
    const sent: (readonly OpsObservation[])[] = [];
    const batch = createOpsBatch((o) => sent.push(o), { flushMs: 1_000, max: 3 });
    for (const k of ['a', 'b', 'c', 'd']) batch.add(run(k));
    expect(sent).toEqual([[run('a'), run('b'), run('c')]]);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([[run('a'), run('b'), run('c')], [run('d')]]);
  });
});
