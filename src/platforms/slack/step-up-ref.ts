import { z } from 'zod';
import { BadReference } from './ids.ts';

/** The step-up confirmation modal's callback_id. */
export const STEP_UP_VIEW = 'vote.step_up';

const StepUpRefSchema = z.object({
  changeId: z.number().int().positive(),
  version: z.number().int().positive(),
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
});

/** What the confirmation modal carries: the version and the fingerprint the approver saw, nothing else. */
export type StepUpRef = z.infer<typeof StepUpRefSchema>;

export const encodeStepUpRef = (ref: StepUpRef): string => JSON.stringify(ref);

export function decodeStepUpRef(raw: string | undefined): StepUpRef {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    throw new BadReference('step-up reference');
  }
  const parsed = StepUpRefSchema.safeParse(json);
  if (!parsed.success) throw new BadReference('step-up reference');
  return parsed.data;
}
