#!/usr/bin/env node
// The `infodiff` command: runs the CLI bundle that `npm install` builds (the package's prepare script).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const bundle = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(bundle)) {
  process.stderr.write('infodiff: the CLI is not built yet. Run `npm run build` in ' + join(__dirname, '..') + ' first.\n');
  process.exit(1);
}
require(bundle);
