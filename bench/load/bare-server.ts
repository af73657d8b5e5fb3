// A child process of the load harness: the baseline. A bare Bolt app whose only listener acks the vote
// button, or a bare botbuilder CloudAdapter bot that answers every invoke at once; nothing else.
import { createServer } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { SIGNING_SECRET } from './common.ts';

const platform = process.argv[2] ?? 'slack';

if (platform === 'slack') {
  const app = new App({
    token: 'xoxb-bare',
    signingSecret: SIGNING_SECRET,
    botId: 'BBARE',
    botUserId: 'UBARE',
    logLevel: LogLevel.ERROR,
  });
  app.action('change.approve', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as unknown as import('node:http').Server;
  const address = server.address() as { port: number };
  process.send?.({ type: 'ready', port: address.port, path: '/slack/events' });
} else {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  class BareBot extends ActivityHandler {
    protected override async onInvokeActivity(_context: TurnContext): Promise<InvokeResponse> {
      return {
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' },
      };
    }
  }
  const bot = new BareBot();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const request = { body, headers: req.headers, method: req.method };
      let status = 200;
      let sent: unknown = null;
      const response = {
        socket: req.socket,
        header: (name: string, value: unknown) => res.setHeader(name, String(value)),
        status: (code: number) => {
          status = code;
        },
        send: (b?: unknown) => {
          sent = b ?? null;
        },
        end: () => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(sent === null ? '' : JSON.stringify(sent));
        },
      };
      adapter
        .process(request as never, response as never, (context) => bot.run(context))
        .catch(() => {
          if (!res.headersSent) {
            res.writeHead(500);
            res.end();
          }
        });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    process.send?.({ type: 'ready', port: address.port, path: '/api/messages' });
  });
}

// The harness went away (it finished, or was interrupted): do not outlive it.
process.on('disconnect', () => process.exit(0));
