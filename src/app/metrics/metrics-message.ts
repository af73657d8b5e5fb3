import type { PersonRecord } from '../../domain/change/change.ts';
import type { MetricsView } from '../../domain/metrics/metrics-view.ts';

/** Where a metrics message goes: a person's direct messages, or a channel / Teams conversation. */
export type MetricsDestination = { readonly person: PersonRecord } | { readonly channel: string };

/** The figures and the chart image, ready for a platform renderer. */
export interface MetricsMessage {
  readonly view: MetricsView;
  readonly chart: { readonly png: Buffer; readonly filename: string; readonly altText: string };
}
