/** `/residents/import`: the import wizard, the office's past imports, and the remembered column mappings. */
import { Alert, Anchor, Divider, Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorText } from '../../app/forms/contract-errors';
import { useCan } from '../../app/session/session-context';
import { ImportHistory } from './import-history';
import { ImportWizard } from './import-wizard';
import { RememberedMappings } from './remembered-mappings';

export function ImportPage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Stack gap="lg" data-testid="import-page">
      <Group justify="space-between">
        <Title order={2}>{t('importUi.title')}</Title>
        <Anchor component={Link} to="/residents" size="sm" data-testid="import-back">
          {t('importUi.backToList')}
        </Anchor>
      </Group>
      {can('records.write') ? (
        <ImportWizard />
      ) : (
        <Alert color="red" role="alert" data-testid="import-forbidden">
          <ErrorText error={{ code: 'FORBIDDEN', message: '' }} />
        </Alert>
      )}
      {can('records.read') && (
        <>
          <Divider />
          <ImportHistory />
          <Divider />
          <RememberedMappings />
        </>
      )}
    </Stack>
  );
}
