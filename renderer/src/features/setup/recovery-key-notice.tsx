import { useState } from 'react';
import { Alert, Button, Checkbox, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RecoveryKeyDisplay } from '../../app/components/recovery-key-display';

/**
 * 恢复密钥: an encrypted database returns its recovery key once, at setup. It is the only way back
 * in if every password is lost, so the clerk must confirm it is written down before going on.
 */
export function RecoveryKeyNotice({ recoveryKey, onContinue }: { recoveryKey: string; onContinue: () => void }) {
  const { t } = useTranslation();
  const [kept, setKept] = useState(false);
  return (
    <Stack gap="md" data-testid="recovery-key-notice">
      <Title order={1} size="h3">
        {t('setup.recoveryTitle')}
      </Title>
      <Alert color="orange" variant="light">
        {t('setup.recoveryBody')}
      </Alert>
      <RecoveryKeyDisplay recoveryKey={recoveryKey} printLabel={t('setup.recoveryPrint')} />
      <Checkbox checked={kept} onChange={(event) => setKept(event.currentTarget.checked)} label={t('setup.recoveryConfirm')} data-testid="recovery-key-kept" />
      <Button disabled={!kept} onClick={onContinue} data-testid="recovery-key-continue">
        {t('setup.recoveryContinue')}
      </Button>
    </Stack>
  );
}
