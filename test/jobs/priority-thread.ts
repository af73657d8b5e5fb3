// Runs in a worker thread (plain Node, native type stripping): lowers its own priority and says which thread it is.
import { parentPort } from 'node:worker_threads';
import { lowerThisThreadsPriority } from '../../src/jobs/thread-priority.ts';

parentPort?.postMessage(lowerThisThreadsPriority());
