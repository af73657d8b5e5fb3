import { parseArgs } from 'node:util';
import type { EvidenceFormat } from '../app/export/evidence-bundle.ts';
import type { MetricsPeriod } from '../domain/metrics/types.ts';

export interface ExportArgs {
  readonly period: MetricsPeriod;
  readonly format: EvidenceFormat;
  readonly out: string;
  readonly databasePath: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A date-only `--to` means the whole of that day (UTC): `--to 2026-03-31` includes 31 March. */
function readDate(value: string, name: string, endOfDay: boolean): Date | string {
  const at = new Date(DAY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(at.getTime())) return `--${name} must be a date like 2026-03-31 or an ISO time`;
  return endOfDay && DAY.test(value) ? new Date(at.getTime() + 86_400_000) : at;
}

/** Reads `--from … --to … [--format csv|json] [--out file.zip] [--db path]`; a string is the problem. */
export function parseExportArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ExportArgs | string {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string', default: 'csv' },
        out: { type: 'string' },
        db: { type: 'string' },
      },
      strict: true,
    }).values as Record<string, string | undefined>;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (!values.from || !values.to) return 'give the period: --from 2026-01-01 --to 2026-03-31';
  const from = readDate(values.from, 'from', false);
  const to = readDate(values.to, 'to', true);
  if (typeof from === 'string') return from;
  if (typeof to === 'string') return to;
  if (to.getTime() <= from.getTime()) return '--to must be after --from';
  if (values.format !== 'csv' && values.format !== 'json') return '--format must be csv or json';
  return {
    period: { from, to },
    format: values.format,
    out: values.out ?? `changeboard-evidence-${values.from.slice(0, 10)}-${values.to.slice(0, 10)}.zip`,
    databasePath: values.db ?? env.DATABASE_PATH ?? './data/changeboard.db',
  };
}
