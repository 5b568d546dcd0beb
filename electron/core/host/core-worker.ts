/**
 * The worker thread's entry (bundled by scripts/build-node.mjs as dist/electron/core-worker.cjs for the desktop app
 * and dist/node/core-worker.cjs for the CLI's `serve`): the core, served over the host protocol (runtime.ts).
 */
import { parentPort } from 'node:worker_threads';
import { serveCore } from './runtime';

if (!parentPort) throw new Error('core-worker runs only as a worker thread (electron/core/host/core-host.ts).');
const port = parentPort;
serveCore(port, { onClosed: () => port.close() });
