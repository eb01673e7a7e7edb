/**
 * Static checks on what ships: the renderer's CSP, the built main/preload bundles (no trace of the
 * browser-preview HTTP transport), the import graph of main and preload, and the packaging config.
 * `npm test` runs `electron-vite build` first, so out/ must exist here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../shared/renderer-serving';

const root = path.resolve(__dirname, '..', '..');
const read = (...parts: string[]) => fs.readFileSync(path.join(root, ...parts), 'utf8');

function filesUnder(dir: string, match: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, match) : match.test(entry.name) ? [full] : [];
  });
}

/** `directive -> sources` from the CSP meta tag of renderer/index.html. */
function rendererCsp(): Map<string, string[]> {
  const html = read('renderer', 'index.html');
  const meta = /<meta\s+[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html);
  expect(meta, 'renderer/index.html has a CSP meta tag').not.toBeNull();
  const attr = /content=(?:"([^"]*)"|'([^']*)')/i.exec(meta?.[0] ?? '');
  const content = attr?.[1] ?? attr?.[2] ?? '';
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

const TRANSPORT_MARKERS = ['createHttpTransport', 'api-events', 'http-server', 'x-civicdesk-token', 'preview-browser'];

describe('renderer CSP', () => {
  it('allows no eval and no inline script', () => {
    const csp = rendererCsp();
    const scriptSrc = csp.get('script-src') ?? csp.get('default-src');
    expect(scriptSrc, 'script-src or default-src is set').toEqual(expect.arrayContaining(["'self'"]));
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    for (const [name, sources] of csp) expect(sources, name).not.toContain("'unsafe-eval'");
    expect(scriptSrc?.some((s) => /^(https?:|\*|data:|blob:)/.test(s))).toBe(false);
  });

  it('locks down objects, base URIs and frames', () => {
    const csp = rendererCsp();
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-src') ?? csp.get('child-src')).toEqual(["'none'"]);
  });

  it('is the policy the app:// protocol and the preview send as a header, which adds only frame-ancestors (a meta tag cannot carry it)', () => {
    const header = new Map(
      RENDERER_CSP.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...sources]) => [name.toLowerCase(), sources]),
    );
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    header.delete('frame-ancestors');
    expect(Object.fromEntries(rendererCsp())).toEqual(Object.fromEntries(header));
  });

  it('takes fonts only from the app itself, and the built renderer brings its CJK font as files, not data: URLs', () => {
    expect(rendererCsp().get('font-src')).toEqual(["'self'"]);
    const assets = path.join(root, 'out', 'renderer', 'assets');
    const css = filesUnder(assets, /\.css$/).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(css).not.toMatch(/url\(\s*["']?data:(font|application)/);
    expect(filesUnder(assets, /^noto-sans-sc-.*\.woff2$/).length, 'Noto Sans SC slices in out/renderer/assets').toBeGreaterThan(100);
    // Only woff2 is emitted: the woff copies would be ~9 MB that no Chromium loads.
    expect(filesUnder(assets, /\.woff$/)).toEqual([]);
  });
});

describe('built bundles', () => {
  const mainFiles = filesUnder(path.join(root, 'out', 'main'), /\.c?js$/);
  const preloadFiles = filesUnder(path.join(root, 'out', 'preload'), /\.c?js$/);

  it('exist (npm test builds before testing)', () => {
    expect(mainFiles.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['index.js', 'core-worker.js']));
    expect(preloadFiles.map((f) => path.basename(f))).toEqual(['index.js']);
  });

  it('contain no trace of the browser-preview HTTP transport', () => {
    for (const file of [...mainFiles, ...preloadFiles]) {
      const text = fs.readFileSync(file, 'utf8');
      for (const marker of TRANSPORT_MARKERS) expect(text.includes(marker), `${path.relative(root, file)} mentions ${marker}`).toBe(false);
      expect(/require\(["'](?:node:)?(?:http|https|net)["']\)/.test(text), `${path.relative(root, file)} requires a network module`).toBe(false);
    }
  });

  it('preload requires nothing but electron (a sandboxed preload cannot)', () => {
    const text = fs.readFileSync(path.join(root, 'out', 'preload', 'index.js'), 'utf8');
    const required = new Set([...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
  });

  it('preload carries no zod and no schemas: it checks method names against a plain list', () => {
    const file = path.join(root, 'out', 'preload', 'index.js');
    const text = fs.readFileSync(file, 'utf8');
    expect(/\$?Zod(Type|Error)\b/.test(text), 'zod is bundled into the preload').toBe(false);
    // With the contract and zod it was ~230 KB; the bridge alone is a few KB.
    expect(fs.statSync(file).size).toBeLessThan(32 * 1024);
  });

  it('main loads the renderer and preload the window expects, and only honours the dev URL unpackaged', () => {
    const text = fs.readFileSync(path.join(root, 'out', 'main', 'index.js'), 'utf8');
    expect(text).toContain('ELECTRON_RENDERER_URL');
    expect(text).toContain('core-worker.js');
    // The page comes from the app:// scheme, never from a file (the fuse below is off).
    expect(text).toContain('registerSchemesAsPrivileged');
    expect(text).not.toMatch(/\.loadFile\(/);
  });
});

describe('source import graph', () => {
  it('main and preload never import the CLI, the HTTP transport or the bureau', () => {
    const sources = [...filesUnder(path.join(root, 'electron', 'main'), /\.ts$/), ...filesUnder(path.join(root, 'electron', 'preload'), /\.ts$/)];
    expect(sources.length).toBeGreaterThan(0);
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        expect(spec, `${path.relative(root, file)} imports ${spec}`).not.toMatch(/(^|\/)(cli|transport|bureau)(\/|$)|http-server/);
      }
    }
  });

  it('preload imports only electron, shared/ and the contract method names made at build time', () => {
    for (const file of filesUnder(path.join(root, 'electron', 'preload'), /\.ts$/)) {
      for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/from\s+["']([^"']+)["']/g)) {
        const ok = spec === 'electron' || spec === 'virtual:contract-method-names' || spec.startsWith('../../shared/') || spec.startsWith('./');
        expect(ok, `${file} imports ${spec}`).toBe(true);
      }
    }
  });
});

describe('packaging config (electron-builder.yml)', () => {
  const yml = read('electron-builder.yml');
  /** The block of `key:` up to the next top-level key, for simple assertions without a YAML parser. */
  const block = (key: string) => new RegExp(`^${key}:\\n((?:[ #].*\\n|\\n)*)`, 'm').exec(yml)?.[1] ?? '';

  it('flips the security fuses', () => {
    const fuses = block('electronFuses');
    for (const line of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'enableCookieEncryption: true',
      'enableEmbeddedAsarIntegrityValidation: true',
      'onlyLoadAppFromAsar: true',
      // The window's page comes from app:// (electron/main/app-protocol.ts): file:// needs no extras.
      'grantFileProtocolExtraPrivileges: false',
    ]) {
      expect(fuses).toContain(`  ${line}\n`);
    }
  });

  it('ships only out/ and package.json, in an asar with native code unpacked', () => {
    const included = block('files')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('- ') && !l.startsWith('- "!'))
      .map((l) => l.slice(2).replace(/^"|"$/g, ''));
    expect(included.sort()).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']);
    expect(yml).toMatch(/^asar: true$/m);
    expect(block('asarUnpack')).toContain('"**/*.node"');
    expect(yml).toMatch(/^appId: cn\.gov\.civicdesk$/m);
    expect(yml).toMatch(/^ {2}output: dist$/m);
  });

  it('never deletes the office database on uninstall', () => {
    expect(block('nsis')).toContain('deleteAppDataOnUninstall: false');
  });

  it('has the icons it names', () => {
    for (const icon of ['resources/icon.ico', 'resources/icon.png']) {
      expect(yml).toContain(icon);
      expect(fs.statSync(path.join(root, icon)).size).toBeGreaterThan(0);
    }
    expect(fs.readFileSync(path.join(root, 'resources', 'icon.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
