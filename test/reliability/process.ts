import { type ChildProcess, fork } from 'node:child_process';

import { NODE_FLAGS } from '../../src/node-flags.ts';

const SERVER = new URL('../../bench/load/changeboard-server.ts', import.meta.url);

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Runs every due job in the job thread and resolves when none is left. */
  drain(): Promise<void>;
  /** Graceful stop (SIGTERM-like: the server's own stop). */
  stop(): Promise<void>;
  /** The whole process, at once, as a crash or the OOM killer would. */
  kill(): Promise<void>;
}

/** Starts Changeboard in its own process on a database file (the job worker in its thread, as in production). */
export function startServer(options: {
  databasePath: string;
  slackApiUrl: string;
  cabSize: number;
}): Promise<ServerProcess> {
  const child = fork(SERVER, [JSON.stringify({ ...options, jobWorker: 'thread' })], {
    execArgv: [...NODE_FLAGS],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const early = () => reject(new Error('the server exited before it was ready'));
    child.once('exit', early);
    child.once('message', (ready: { port: number }) => {
      child.off('exit', early);
      resolve({
        child,
        port: ready.port,
        drain: () =>
          new Promise<void>((done) => {
            const on = (m: { type: string }) => {
              if (m.type !== 'drained') return;
              child.off('message', on);
              done();
            };
            child.on('message', on);
            child.send({ type: 'drain' });
          }),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.send({ type: 'stop' });
          await exited;
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}
