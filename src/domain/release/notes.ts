import type { IncludedChange } from './types.ts';

export interface ReleaseNoteLine {
  readonly key: string;
  readonly title: string;
  readonly type: string;
  readonly services: readonly string[];
  readonly requester: string;
  readonly link: string | null;
}

/**
 * ITIL release communication: release notes assembled from the included changes (title, type, services,
 * requester, link), in key order, so readers see what the release makes available.
 */
export function releaseNotes(changes: readonly IncludedChange[]): ReleaseNoteLine[] {
  return [...changes]
    .sort((a, b) => a.id - b.id)
    .map((c) => ({
      key: `CHG-${c.id}`,
      title: c.title,
      type: c.type,
      services: c.services,
      requester: c.requesterName,
      link: c.link,
    }));
}
