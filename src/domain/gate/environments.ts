import type { Policy } from '../policy/types.ts';
import { DEFAULT_REQUIRE_CHANGE_IN } from './types.ts';

/** ITIL change enablement: only the environments the policy names need an authorised change to deploy. */
export const environmentRequiresChange = (policy: Policy, environment: string): boolean =>
  (policy.gate?.requireChangeIn ?? DEFAULT_REQUIRE_CHANGE_IN).some(
    (e) => e.toLowerCase() === environment.toLowerCase(),
  );
