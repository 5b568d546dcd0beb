#!/usr/bin/env node
// The admin CLI's launcher. The CLI itself is TypeScript bundled by `npm run build` into dist/node/cli.cjs.
const path = require('node:path');
const fs = require('node:fs');
const built = path.join(__dirname, '..', 'dist', 'node', 'cli.cjs');
if (!fs.existsSync(built)) {
  process.stderr.write('SENCo Desk is not built yet: run `npm run build` in the project folder, then try again.\n');
  process.exit(2);
}
require(built);
