import type { ChangeCardView } from '../../domain/views/change-card.ts';
import type { AppContext } from '../context.ts';
import { changeCard } from '../queries.ts';
import { fingerprintOf, stepUpRequired } from './step-up.ts';

/** What a step-up confirmation shows and binds to: the change as stored now, and its fingerprint hash. */
export interface StepUpPrompt {
  readonly card: ChangeCardView;
  readonly fingerprint: string;
}

/** The confirmation for approving a step-up change, or null when it does not exist or needs no step-up. */
export function stepUpPrompt(ctx: AppContext, changeId: number): StepUpPrompt | null {
  const change = ctx.repos.changes.get(changeId);
  if (!change || !stepUpRequired(ctx, change)) return null;
  const card = changeCard(ctx, changeId, 'cab');
  return card ? { card, fingerprint: fingerprintOf(change) } : null;
}
