/**
 * A write refreshes what shows it on every screen through the entities its result names (`changed`)
 * and the registry's index, not through the writing feature naming other features' queries: a
 * household move made through the app's own client, with no screen code around it, refreshes the
 * resident page; an import (a job of the imports feature) refreshes the residents list, whose
 * answer would otherwise stay fresh for half a minute.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { composeIdNumber } from '../../shared/domain/id-number';
import type { MethodInput, MethodName } from '../../shared/contract';
import { HEADER, family, personRow, writeCsv } from '../core/imports-fixtures';
import { ADMIN, adminValue, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();
const asAdmin = <M extends MethodName>(method: M, input: MethodInput<M>) => adminValue(core, method, input);

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('a write refreshes other features’ screens through what it changed', () => {
  it('a household move made through the client alone refreshes the resident page, its household card and its history', async () => {
    const head = await asAdmin('residents.create', { name: '王秀兰', idNumber: composeIdNumber('640202', '1951-04-12', 162), household: { mode: 'new', address: '朝阳街幸福小区3号楼' } });
    const son = await asAdmin('residents.create', {
      name: '王建军',
      idNumber: composeIdNumber('640202', '1975-09-09', 55),
      household: { mode: 'existing', householdId: head.householdId ?? '', relation: 'child' },
    });
    window.location.hash = `#/residents/${son.id}`;
    const { user, client } = renderApp();
    await signIn(user, ADMIN.username, ADMIN.password);
    const page = await screen.findByTestId('resident-page', {}, { timeout: 5000 });
    expect(await within(page).findAllByTestId('household-member', {}, { timeout: 5000 })).toHaveLength(2);
    const changes = within(page).getByTestId('resident-changes');
    await waitFor(() => expect(within(changes).getAllByTestId('resident-change').length).toBeGreaterThan(0), { timeout: 5000 });
    const historyBefore = within(changes).getAllByTestId('resident-change').length;

    // The households feature's call, made on the app's own connection without any of its screens.
    await client.call('households.moveMember', { residentId: son.id, to: { mode: 'new', address: '朝阳街新居8号' } });

    // residents.get (his new household id) → households.get of the new household; the history grows.
    await waitFor(() => expect(within(page).getByTestId('resident-household').textContent).toContain('朝阳街新居8号'), { timeout: 5000 });
    expect(within(page).getAllByTestId('household-member')).toHaveLength(1);
    await waitFor(() => expect(within(changes).getAllByTestId('resident-change').length).toBeGreaterThan(historyBefore), { timeout: 5000 });
  }, 60_000);

  it('an import refreshes the residents list the clerk comes back to', async () => {
    await asAdmin('residents.create', { name: '王秀兰', idNumber: composeIdNumber('640202', '1951-04-12', 162), household: { mode: 'new' } });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'civicdesk-entity-refresh-'));
    folders.push(folder);
    const file = writeCsv(path.join(folder, '花名册.csv'), [HEADER, ...family().map(personRow)], 'utf8-bom');

    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('nav-residents'));
    await waitFor(() => expect(screen.getByTestId('residents-count').textContent).toBe('共 1 人'), { timeout: 5000 });

    await user.click(screen.getByTestId('residents-import'));
    await screen.findByTestId('import-wizard');
    await user.click(screen.getByTestId('import-choose'));
    await user.type(await screen.findByTestId('path-prompt-input'), file);
    await user.click(screen.getByTestId('path-prompt-ok'));
    await screen.findByTestId('import-review', {}, { timeout: 10_000 });
    await user.click(screen.getByTestId('import-commit'));
    expect((await screen.findByTestId('import-result', {}, { timeout: 15_000 })).textContent).toContain('新增 4 人');

    // Back to the list well within its 30 s freshness: only the import's `changed` makes it ask again.
    await user.click(within(shell).getByTestId('nav-residents'));
    await waitFor(() => expect(screen.getByTestId('residents-count').textContent).toBe('共 5 人'), { timeout: 5000 });
  }, 60_000);
});
