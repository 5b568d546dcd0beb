/** Test builds only (host/testing/blocking.ts): the core's worker entry with the test-only blocking operation. */
import { parentPort } from 'node:worker_threads';
import { serveCore } from '../runtime';
import { blockingIntercept } from './blocking';

if (!parentPort) throw new Error('blocking-worker runs only as a worker thread.');
const port = parentPort;
serveCore(port, { intercept: blockingIntercept, onClosed: () => port.close() });
