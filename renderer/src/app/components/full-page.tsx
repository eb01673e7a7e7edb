import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../../shared/contract';
import { ErrorText } from '../forms/contract-errors';
import { LanguageToggle } from './language-toggle';
import { ThemeToggle } from './theme-toggle';

/** The frame of the screens shown before the shell: setup, login, the lock screen. */
export function FullPage({ children, width = 420 }: { children: ReactNode; width?: number }) {
  return (
    <Center mih="100vh" p="md" component="main">
      <Stack w="100%" maw={width} gap="xs">
        <Group justify="flex-end" gap="xs">
          <LanguageToggle />
          <ThemeToggle />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" role="status" aria-label={t('app.loading')}>
      <Loader />
    </Center>
  );
}

export function CoreUnavailable({ error, onRetry }: { error: ContractError; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <FullPage>
      <Alert color="red" title={t('app.coreUnavailableTitle')} role="alert">
        <Text size="sm">{t('app.coreUnavailableBody')}</Text>
        <Text size="sm" mt="xs">
          <ErrorText error={error} />
        </Text>
      </Alert>
      <Button mt="md" onClick={onRetry} autoFocus>
        {t('app.retry')}
      </Button>
    </FullPage>
  );
}
