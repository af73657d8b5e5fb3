import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { TeamsConfig } from '../../config.ts';

/**
 * botbuilder's CloudAdapter over the configured identity. With an app id every incoming activity must carry a
 * valid Bot Framework JWT (the adapter answers 401 otherwise) and outgoing calls get tokens for that app. With
 * none — only behind TEAMS_ALLOW_UNAUTHENTICATED — it runs as for the Bot Framework Emulator: nothing is checked
 * and nothing is signed.
 */
export function createBotAdapter(config: TeamsConfig): CloudAdapter {
  if (config.appId === null) {
    if (!config.allowUnauthenticated) {
      throw new Error(
        'Teams needs MICROSOFT_APP_ID, or TEAMS_ALLOW_UNAUTHENTICATED=true for a local emulator',
      );
    }
    return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  }
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppType: config.appType,
    ...(config.appPassword === null ? {} : { MicrosoftAppPassword: config.appPassword }),
    ...(config.tenantId === null ? {} : { MicrosoftAppTenantId: config.tenantId }),
  });
  return new CloudAdapter(auth);
}
