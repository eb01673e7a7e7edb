import { defineFeature } from '../../app/registry/feature';
import { SettingsPage } from './settings-page';

/** 设置: language and theme, the office's settings, accounts, password, recovery key, backups, checks. */
export const settingsFeature = defineFeature({
  id: 'settings',
  folder: 'settings',
  routes: [{ path: '/settings', element: <SettingsPage /> }],
  nav: { label: 'settings', path: '/settings' },
  queries: { 'accounts.users.list': ['users'], 'office.settings.get': ['settings'] },
});
