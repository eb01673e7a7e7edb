import type { ReactNode } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../../app/components/language-toggle';
import { ThemeSelect } from '../../app/components/theme-toggle';
import { useCan } from '../../app/session/session-context';
import { BackupSection } from '../backup/backup-section';
import { ChangePasswordSection } from './change-password-section';
import { DatabaseKeySection } from './database-key-section';
import { IntegritySection } from './integrity-section';
import { OfficeSettingsSection } from './office-settings-section';
import { RecoveryKeySection } from './recovery-key-section';
import { UsersSection } from './users-section';

export function SettingsSection({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-label={title} data-testid={testId}>
      <Title order={3} size="h4" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Stack gap="lg" maw={960}>
      <Title order={2}>{t('settings.title')}</Title>
      <SettingsSection title={t('settings.preferences')} testId="settings-preferences">
        <Stack gap="md">
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('language.label')}
            </Text>
            <LanguageSelect />
            <Text size="xs" c="dimmed" mt={4}>
              {t('settings.languageHint')}
            </Text>
          </div>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('theme.label')}
            </Text>
            <ThemeSelect />
          </div>
        </Stack>
      </SettingsSection>
      <ChangePasswordSection />
      {/* Hidden when the role lacks the permission; the core refuses these calls regardless. */}
      {can('office.manage') && <OfficeSettingsSection />}
      {can('accounts.manage') && <UsersSection />}
      {can('accounts.manage') && <RecoveryKeySection />}
      {can('accounts.manage') && <DatabaseKeySection />}
      {can('system.maintain') && <IntegritySection />}
      {can('system.maintain') && <BackupSection />}
    </Stack>
  );
}
