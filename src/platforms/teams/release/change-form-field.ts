import type { AppContext } from '../../../app/context.ts';
import { formatReleaseKey } from '../../../domain/release/release-key.ts';
import type { AdaptiveCard, CardElement } from '../render/adaptive-card.ts';
import { systemText } from '../render/text.ts';

/** The change form's optional release input (its id). */
export const RELEASE_FIELD = 'release';

/** The release picked in a submitted change form, or null. */
export function releaseIdOf(data: Readonly<Record<string, unknown>>): number | null {
  const id = Number(data[RELEASE_FIELD]);
  return typeof data[RELEASE_FIELD] === 'string' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * Adds the optional release field to a change form card: the upcoming releases (planned or ready), with
 * the submission's value kept and its error under it. The submission checks the model covers the services.
 */
export function withReleaseField(
  ctx: AppContext,
  form: AdaptiveCard,
  opts: { value?: string; error?: string | null },
): AdaptiveCard {
  const now = ctx.clock();
  const upcoming = ctx.repos.releases.listStartingBetween(
    now,
    new Date(now.getTime() + 90 * 86_400_000),
    ['planned', 'ready'],
    50,
  );
  if (upcoming.length === 0) return form;
  const field: CardElement[] = [
    {
      type: 'Input.ChoiceSet',
      id: RELEASE_FIELD,
      label: 'Release (optional)',
      style: 'compact',
      placeholder: 'No release',
      choices: upcoming.map((r) => ({ title: `${formatReleaseKey(r.id)} ${r.name}`, value: String(r.id) })),
      ...(opts.value ? { value: opts.value } : {}),
    },
    systemText("Ride an upcoming release; its model must cover the change's services.", {
      isSubtle: true,
      size: 'small',
      spacing: 'none',
    }),
    ...(opts.error ? [systemText(opts.error, { color: 'attention', size: 'small', spacing: 'none' })] : []),
  ];
  return { ...form, body: [...form.body, ...field] };
}
