// Bundles the Node-side entry points with esbuild: the Electron main process and preload (for the desktop app),
// and the CLI and benchmark (plain Node). Packages in node_modules stay external (libsql loads its platform's prebuilt binary, pg is
// dynamically loaded); electron-store is bundled because it is ESM-only and the main bundle is CommonJS. The PDFs'
// fonts are not bundled: pdf-fonts.ts finds resources/fonts two folders above dist/electron and dist/node (and inside
// the packaged app.asar, where electron-builder.yml puts it).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  // Node 24 is the project's Node (Electron 45's); node22 because CI's Windows lane runs the CLI bundle under Windows
  // Node 22 in Wine (Node 24's node.exe aborts there), so the bundle must load on 22 as well.
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  tsconfig: 'tsconfig.json',
};

const entries = [
  {
    in: 'electron/shell/main.ts',
    out: 'dist/electron/main.cjs',
    extra: { external: ['electron', 'libsql', 'pg', 'typeorm', 'reflect-metadata', 'pdfkit', 'fontkit', 'bidi-js'], packages: undefined },
  },
  // The core's worker thread (electron/core/host): its own file beside the main bundle, which starts it with
  // join(__dirname, 'core-worker.cjs'). Packaged, it stays inside app.asar: Electron initialises asar support in
  // worker threads (since 17.3, electron/electron#33216), so the worker loads from the archive and requires typeorm
  // and the rest from its node_modules as the main bundle does; native .node files are unpacked by asarUnpack.
  {
    in: 'electron/core/host/core-worker.ts',
    out: 'dist/electron/core-worker.cjs',
    extra: { external: ['electron', 'libsql', 'pg', 'typeorm', 'reflect-metadata', 'pdfkit', 'fontkit', 'bidi-js'], packages: undefined },
  },
  {
    in: 'electron/shell/preload.ts',
    out: 'dist/electron/preload.cjs',
    extra: { external: ['electron'], platform: 'browser', packages: undefined },
  },
  { in: 'electron/cli/main.ts', out: 'dist/node/cli.cjs', extra: { packages: 'external' } },
  // The same worker for the CLI's `serve` (the browser edition), beside dist/node/cli.cjs.
  { in: 'electron/core/host/core-worker.ts', out: 'dist/node/core-worker.cjs', extra: { packages: 'external' } },
  { in: 'electron/bench/bench.ts', out: 'dist/node/bench.cjs', extra: { packages: 'external' } },
  // CI's Windows lane (npm run test:windows): runs the CLI bundle above under Windows Node in Wine.
  { in: 'scripts/windows-lane.ts', out: 'dist/node/windows-lane.cjs', extra: { packages: 'external' } },
];

for (const e of entries) {
  if (!existsSync(e.in)) continue;
  const { packages, ...extra } = e.extra;
  await build({ ...common, entryPoints: [e.in], outfile: e.out, ...(packages ? { packages } : {}), ...extra });
}
