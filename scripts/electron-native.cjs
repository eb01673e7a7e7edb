#!/usr/bin/env node
/**
 * Build the Electron-ABI copy of better-sqlite3-multiple-ciphers for `npm start`.
 *
 * Why a copy: node_modules keeps the Node-ABI build that `npm test` (plain Node) needs; the
 * unpackaged Electron app needs a build for Electron's ABI. Rebuilding node_modules in place
 * would break whichever one ran second, so this script copies the package to
 * build/electron-native/better-sqlite3-multiple-ciphers/ and builds it there; electron/main
 * passes that binary to the core as `nativeBinding`. Packaged apps do not use this: electron-builder
 * rebuilds node_modules for Electron while packaging.
 *
 * Order of attempts: a prebuilt binary for Electron (prebuild-install, as `npm install` does for
 * Node), then node-gyp against Electron's headers. Offline with no cached headers it skips with a
 * message and exits 0, so `npm start` still gets as far as it can.
 *
 *   node scripts/electron-native.cjs            build when missing or stale
 *   node scripts/electron-native.cjs --force    rebuild
 *   CIVICDESK_SKIP_ELECTRON_NATIVE=1            skip entirely
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const https = require('node:https');
const { spawnSync } = require('node:child_process');

const PACKAGE = 'better-sqlite3-multiple-ciphers';
const HEADERS_URL = 'https://electronjs.org/headers';
const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'build', 'electron-native');
const target = path.join(outDir, PACKAGE);
const stampFile = path.join(outDir, 'stamp.json');
// Electron's own advice: keep Electron headers apart from Node's node-gyp cache.
const devDir = process.env.CIVICDESK_ELECTRON_GYP_DIR || path.join(os.homedir(), '.electron-gyp');

const say = (message) => process.stdout.write(`[electron-native] ${message}\n`);
const warn = (message) => process.stderr.write(`[electron-native] ${message}\n`);

function resolveFrom(request) {
  return require.resolve(request, { paths: [root] });
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function binaryIn(dir) {
  return path.join(dir, 'build', 'Release', 'better_sqlite3.node');
}

/** HEAD the headers index: any answer means we are online; only errors and timeouts mean offline. */
function reachable(url, timeoutMs = 8000) {
  return new Promise((resolve) => {
    const request = https.request(url, { method: 'HEAD', timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode !== undefined && response.statusCode < 500);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(false));
    request.end();
  });
}

function run(command, args, cwd) {
  say(`$ ${path.basename(command)} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.error) warn(String(result.error));
  return result.status === 0;
}

async function main() {
  if (process.env.CIVICDESK_SKIP_ELECTRON_NATIVE) {
    say('skipped (CIVICDESK_SKIP_ELECTRON_NATIVE is set).');
    return 0;
  }
  const force = process.argv.includes('--force');
  const source = path.dirname(resolveFrom(`${PACKAGE}/package.json`));
  const electronVersion = readJson(resolveFrom('electron/package.json')).version;
  const moduleVersion = readJson(path.join(source, 'package.json')).version;
  const want = { electron: electronVersion, module: moduleVersion, platform: process.platform, arch: process.arch };

  if (!force && fs.existsSync(binaryIn(target)) && fs.existsSync(stampFile)) {
    const have = readJson(stampFile);
    if (Object.keys(want).every((key) => have[key] === want[key])) {
      say(`up to date: ${PACKAGE} ${moduleVersion} for Electron ${electronVersion} (${binaryIn(target)})`);
      return 0;
    }
  }

  const headersCached = fs.existsSync(path.join(devDir, electronVersion, 'installVersion'));
  const online = await reachable(`${HEADERS_URL}/v${electronVersion}/SHASUMS256.txt`);
  if (!online && !headersCached) {
    warn(
      `skipped: ${HEADERS_URL} cannot be reached (offline?) and no Electron ${electronVersion} headers are cached in ${devDir}.\n` +
        '  The Electron window will not be able to open its database until this has run once with internet access:\n' +
        '    node scripts/electron-native.cjs',
    );
    return 0;
  }

  // Build in a staging folder and swap it in only when a binary exists, so an interrupted build
  // is never mistaken for a finished one.
  const staging = path.join(outDir, `.staging-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  say(`copying ${source} -> ${staging}`);
  fs.cpSync(source, staging, {
    recursive: true,
    // The Node-ABI build and its objects stay behind; node_modules inside the package are not needed to compile.
    filter: (file) => {
      const rel = path.relative(source, file);
      const top = rel.split(path.sep)[0];
      return top !== 'build' && top !== 'node_modules';
    },
  });

  const arch = process.arch;
  let built = false;
  if (online) {
    try {
      const prebuildInstall = resolveFrom('prebuild-install/bin.js');
      built =
        run(process.execPath, [prebuildInstall, '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--platform=${process.platform}`, '--verbose'], staging) &&
        fs.existsSync(binaryIn(staging));
      if (!built) say('no prebuilt binary for this Electron; compiling from source instead (a few minutes).');
    } catch (error) {
      say(`prebuild-install unavailable (${error.message}); compiling from source.`);
    }
  }
  if (!built) {
    let nodeGyp;
    try {
      nodeGyp = resolveFrom('node-gyp/bin/node-gyp.js');
    } catch {
      nodeGyp = process.env.npm_config_node_gyp;
    }
    if (!nodeGyp) {
      warn('node-gyp not found; install it (npm install) and run this script again.');
      return 1;
    }
    built =
      run(
        process.execPath,
        [
          nodeGyp,
          'rebuild',
          '--release',
          `--target=${electronVersion}`,
          `--arch=${arch}`,
          `--dist-url=${HEADERS_URL}`,
          '--runtime=electron',
          `--devdir=${devDir}`,
        ],
        staging,
      ) && fs.existsSync(binaryIn(staging));
  }
  if (!built) {
    fs.rmSync(staging, { recursive: true, force: true });
    warn(
      `failed to build ${PACKAGE} for Electron ${electronVersion}.\n` +
        (process.platform === 'win32'
          ? '  On Windows node-gyp needs Python 3 and "Visual Studio Build Tools" with the "Desktop development with C++" workload.\n'
          : '  node-gyp needs Python 3, make and a C++ compiler (e.g. apt-get install python3 make g++).\n') +
        '  Fix that and run: node scripts/electron-native.cjs --force',
    );
    return 1;
  }

  // Keep the binary main looks for; drop compiler intermediates (tens of MB).
  for (const name of ['obj', 'obj.target', '.deps', 'sqlite3.a', 'test_extension.node']) {
    fs.rmSync(path.join(staging, 'build', 'Release', name), { recursive: true, force: true });
  }
  for (const name of ['deps', 'src']) fs.rmSync(path.join(staging, name), { recursive: true, force: true });
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(staging, target);
  fs.writeFileSync(stampFile, JSON.stringify({ ...want, builtAt: new Date().toISOString() }, null, 2) + '\n');
  say(`built ${binaryIn(target)}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    warn(error && error.stack ? error.stack : String(error));
    process.exitCode = 1;
  },
);
