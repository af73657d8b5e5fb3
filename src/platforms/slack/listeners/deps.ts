import type { AppContext } from '../../../app/context.ts';
import type { Logger } from '../../../log.ts';
import type { ErrorPresenter } from '../errors.ts';
import type { IdentityResolver } from '../identity.ts';
import type { SlackSurface } from '../surface.ts';

/** What every listener needs: the use cases' context, who is acting, how to present failures. */
export interface ListenerDeps {
  readonly ctx: AppContext;
  readonly log: Logger;
  readonly identity: IdentityResolver;
  readonly present: ErrorPresenter;
  readonly surface: SlackSurface;
}
