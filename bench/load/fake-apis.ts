// A child process of the load harness: the test helpers' fake Slack Web API and fake Bot Connector, so
// Changeboard's outgoing calls touch no network. Tells the parent its URLs, and counts calls on request.
import { startFakeBotConnector } from '../../test/helpers/fake-bot-connector.ts';
import { startFakeSlackApi } from '../../test/helpers/fake-slack-api.ts';
import { voters } from './common.ts';

const cabSize = Number(process.argv[2] ?? 70);
const slack = await startFakeSlackApi();
const cab = voters(cabSize);
for (const v of cab) slack.addUser(v.slack, { name: v.name, email: v.email, tz: 'Europe/Paris' });
slack.addUser('UBENCHREQ', { name: 'Requester', email: 'requester@bench.example', tz: 'Europe/Paris' });
const connector = await startFakeBotConnector({
  members: cab.map((v) => ({
    id: v.teamsChannelAccount,
    name: v.name,
    aadObjectId: v.teams,
    email: v.email,
  })),
});

let teamsBase = 0;
const METHODS = ['chat.update', 'chat.postMessage', 'views.publish', 'users.info'];
process.on('message', (message: { type: string }) => {
  if (message.type === 'counts') {
    const counts: Record<string, number> = {};
    for (const m of METHODS) counts[m] = slack.callsTo(m).length;
    counts['teams.calls'] = connector.calls.length - teamsBase;
    process.send?.({ type: 'counts', counts });
  } else if (message.type === 'clear') {
    slack.clear();
    teamsBase = connector.calls.length;
    process.send?.({ type: 'cleared' });
  } else if (message.type === 'stop') {
    void Promise.all([slack.close(), connector.close()]).then(() => process.exit(0));
  }
});
process.send?.({ type: 'ready', slackApiUrl: slack.apiUrl, serviceUrl: connector.serviceUrl });

// The harness went away (it finished, or was interrupted): do not outlive it.
process.on('disconnect', () => process.exit(0));
