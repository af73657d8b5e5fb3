import { z } from 'zod';
import { BadReference } from '../ids.ts';

/** The release slash command (also in manifests/slack/manifest*.json). */
export const RELEASE_COMMAND = '/release';

/** Every release button's action_id; values carry references only. */
export const RELEASE_ACTION = {
  ready: 'release.ready',
  start: 'release.start',
  complete: 'release.complete',
  cancel: 'release.cancel',
  skip: 'release.skip',
  notes: 'release.notes',
  /** The checklist's checkboxes (the release id is in the block id). */
  checklist: 'release.checklist',
  nudge: 'release.nudge',
  drop: 'release.drop',
} as const;

export const RELEASE_VIEW = {
  form: 'release.form',
  complete: 'release.complete',
} as const;

/** Block id of a release card's checklist: `release.checklist.<releaseId>`. */
export const checklistBlockId = (releaseId: number) => `${RELEASE_ACTION.checklist}.${releaseId}`;

const id = z.number().int().positive();
const ReleaseRefSchema = z.object({ releaseId: id });
const ReleaseChangeRefSchema = z.object({ releaseId: id, changeId: id });

export type ReleaseRef = z.infer<typeof ReleaseRefSchema>;
export type ReleaseChangeRef = z.infer<typeof ReleaseChangeRefSchema>;

function decode<T>(schema: z.ZodType<T>, raw: string | undefined): T {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the refusal below
  }
  throw new BadReference('release reference');
}

export const encodeReleaseRef = (ref: ReleaseRef | ReleaseChangeRef) => JSON.stringify(ref);
export const decodeReleaseRef = (raw: string | undefined) => decode(ReleaseRefSchema, raw);
export const decodeReleaseChangeRef = (raw: string | undefined) => decode(ReleaseChangeRefSchema, raw);

/** The release id in a checklist block id, or a BadReference. */
export function releaseIdOfBlock(blockId: string | undefined): number {
  const match = /^release\.checklist\.(\d{1,15})$/.exec(blockId ?? '');
  const n = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(n) || n <= 0) throw new BadReference('release checklist');
  return n;
}
