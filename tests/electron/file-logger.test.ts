import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../electron/main/file-logger';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';

afterEach(disposeTestResources);

const fixedClock = () => new Date('2026-03-01T08:00:00.000Z');

describe('main file logger', () => {
  it('writes timestamped, scoped lines to userData/logs/civicdesk.log, creating the folder', () => {
    const dir = path.join(makeTempDir(), 'logs');
    const log = createFileLogger({ dir, now: fixedClock });
    log.info('started');
    log.child('core').warn('slow query', { ms: 1200 });
    expect(log.file).toBe(path.join(dir, 'civicdesk.log'));
    expect(fs.readFileSync(log.file, 'utf8')).toBe(
      '2026-03-01T08:00:00.000Z INFO [main] started\n2026-03-01T08:00:00.000Z WARN [core] slow query {"ms":1200}\n',
    );
  });

  it('never writes a full ID number or a password', () => {
    const dir = makeTempDir();
    const log = createFileLogger({ dir, now: fixedClock });
    log.error('INTERNAL in residents.create: duplicate 11010519491231002X', { password: 'hunter22' });
    log.error('login input {"username":"wf","password":"s3cret-pass"}');
    const text = fs.readFileSync(log.file, 'utf8');
    expect(text).not.toContain('11010519491231002X');
    expect(text).toContain('110105********002X');
    expect(text).not.toContain('hunter22');
    expect(text).not.toContain('s3cret-pass');
  });

  it('indents the continuation lines of a stack so each entry stays one record', () => {
    const dir = makeTempDir();
    const log = createFileLogger({ dir, now: fixedClock });
    log.error('boom\n    at a (x.ts:1:1)\n    at b (y.ts:2:2)');
    expect(fs.readFileSync(log.file, 'utf8').split('\n').filter(Boolean).every((line, i) => i === 0 || line.startsWith('    '))).toBe(true);
  });

  it('rotates by size and keeps only the configured number of old files', () => {
    const dir = makeTempDir();
    const log = createFileLogger({ dir, maxBytes: 200, keep: 2, now: fixedClock });
    for (let i = 0; i < 40; i++) log.info(`line ${i} ${'x'.repeat(20)}`);
    expect(fs.readdirSync(dir).sort()).toEqual(['civicdesk.1.log', 'civicdesk.2.log', 'civicdesk.log']);
    for (const name of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(200);
    expect(fs.readFileSync(log.file, 'utf8')).toContain('line 39');
    expect(fs.readFileSync(path.join(dir, 'civicdesk.1.log'), 'utf8')).not.toContain('line 39');
  });

  it('continues an existing log after a restart, counting its size', () => {
    const dir = makeTempDir();
    createFileLogger({ dir, maxBytes: 200, now: fixedClock }).info('x'.repeat(150));
    createFileLogger({ dir, maxBytes: 200, now: fixedClock }).info('y'.repeat(100));
    expect(fs.readFileSync(path.join(dir, 'civicdesk.1.log'), 'utf8')).toContain('x'.repeat(150));
    expect(fs.readFileSync(path.join(dir, 'civicdesk.log'), 'utf8')).toContain('y'.repeat(100));
  });
});
