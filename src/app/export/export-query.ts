import type { MetricsPeriod } from '../../domain/metrics/types.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { EvidenceFormat } from './evidence-bundle.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `2026-01-01 2026-03-31 [csv|json]` from chat: whole days in UTC, the end day included. */
export function parseExportQuery(
  args: readonly string[],
): Result<{ period: MetricsPeriod; format: EvidenceFormat }> {
  const words = args.map((a) => a.trim()).filter((a) => a !== '');
  const [from = '', to = '', format = 'csv', ...extra] = words;
  const usage = 'Give the period as two dates and optionally the format, e.g. `2026-01-01 2026-03-31 csv`.';
  if (!DAY.test(from) || !DAY.test(to) || extra.length > 0) return fail('bad_export_query', usage);
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return fail('bad_export_query', usage);
  if (end.getTime() <= start.getTime())
    return fail('bad_export_query', 'The end date must not be before the start.');
  const lower = format.toLowerCase();
  if (lower !== 'csv' && lower !== 'json') return fail('bad_export_query', 'The format is csv or json.');
  return ok({ period: { from: start, to: end }, format: lower });
}
