/** Before enrollment: what it is and what it needs; an administrator imports the bureau's file here. */
import { useState } from 'react';
import { Button, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../app/components/notify';
import { useCan } from '../../../app/session/session-context';
import { EnrollDialog } from './enroll-dialog';

export function NotEnrolled({ onEnrolled }: { onEnrolled(): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const title = t('syncUi.notEnrolled.title');
  return (
    <Paper withBorder p="lg" component="section" aria-label={title} data-testid="sync-not-enrolled">
      <Stack gap="sm" maw={760}>
        <Title order={3} size="h4">
          {title}
        </Title>
        <Text size="sm">{t('syncUi.notEnrolled.what')}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('syncUi.notEnrolled.needFile')}</List.Item>
          <List.Item>{t('syncUi.notEnrolled.needCode')}</List.Item>
          <List.Item>{t('syncUi.notEnrolled.once')}</List.Item>
        </List>
        {can('office.manage') ? (
          <div>
            <Button onClick={() => setOpen(true)} data-testid="sync-enroll-open">
              {t('syncUi.notEnrolled.import')}
            </Button>
          </div>
        ) : (
          <Text size="sm" c="dimmed" data-testid="sync-enroll-ask-admin">
            {t('syncUi.notEnrolled.askAdmin')}
          </Text>
        )}
      </Stack>
      <EnrollDialog
        opened={open}
        onClose={() => setOpen(false)}
        onEnrolled={(enrollment) => {
          setOpen(false);
          notifySuccess(t, t('syncUi.enroll.done', { bureau: enrollment.bureauName }));
          onEnrolled();
        }}
      />
    </Paper>
  );
}
