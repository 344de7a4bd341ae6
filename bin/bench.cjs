#!/usr/bin/env node
// `npm run bench -- NAME [args…]` runs test/bench/NAME.bench.{ts,mts} under tsx; without NAME, lists them.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const benchDir = path.join(__dirname, '..', 'test', 'bench');
const names = readdirSync(benchDir).filter((f) => /\.bench\.m?ts$/u.test(f)).map((f) => f.replace(/\.bench\.m?ts$/u, '')).sort();
const [name, ...args] = process.argv.slice(2);
if (name === undefined || name === '--help') {
  console.log(`usage: npm run bench -- NAME [options]\nbenchmarks: ${names.join(', ')}\n(see README.md, "Performance", for what each measures)`);
  process.exit(0);
}
if (!names.includes(name)) {
  console.error(`infodiff bench: no benchmark "${name}"; there are: ${names.join(', ')}`);
  process.exit(2);
}
const file = ['ts', 'mts'].map((ext) => path.join(benchDir, `${name}.bench.${ext}`)).find((f) => existsSync(f));
const tsx = path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
const result = spawnSync(process.execPath, [tsx, file, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
