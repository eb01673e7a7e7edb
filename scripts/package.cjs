#!/usr/bin/env node
/**
 * Run electron-builder (arguments passed through) without leaving node_modules broken for tests.
 *
 * electron-builder rebuilds native modules *in place* in the project's node_modules for Electron's
 * ABI; afterwards plain Node (vitest, the CLI, the browser preview) can no longer load the SQLite
 * binding. This wrapper saves the Node-ABI binary first and puts it back when packaging ends,
 * successfully or not. The packaged app keeps its own copy of the Electron build.
 *
 *   node scripts/package.cjs --win nsis --x64
 *   node scripts/package.cjs --linux deb AppImage --x64
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const binary = path.join(path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json', { paths: [root] })), 'build', 'Release', 'better_sqlite3.node');
const saved = path.join(root, 'build', 'node-abi-backup', 'better_sqlite3.node');
const cli = require.resolve('electron-builder/cli.js', { paths: [root] });

const say = (message) => process.stdout.write(`[package] ${message}\n`);

let code = 1;
const hadBinary = fs.existsSync(binary);
if (hadBinary) {
  fs.mkdirSync(path.dirname(saved), { recursive: true });
  fs.copyFileSync(binary, saved);
  say(`saved the Node-ABI SQLite binding (${binary})`);
}
try {
  const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  code = result.status ?? 1;
} finally {
  if (hadBinary) {
    fs.copyFileSync(saved, binary);
    fs.rmSync(path.dirname(saved), { recursive: true, force: true });
    say('restored the Node-ABI SQLite binding for npm test');
  }
}
process.exitCode = code;
