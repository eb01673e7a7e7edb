/** Who this office reports to: the bureau, since when, and the upload address (an administrator may change it). */
import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contract, type MethodOutput } from '../../../../../shared/contract';
import { useContractMutation } from '../../../app/api/queries';
import { notifySuccess } from '../../../app/components/notify';
import { EnterForm } from '../../../app/forms/enter-to-next';
import { useFormatters } from '../../../app/i18n/format';
import { useCan } from '../../../app/session/session-context';
import { fieldIssues, schemaIssues, SyncErrorText } from '../format';

type Enrollment = NonNullable<MethodOutput<'sync.status'>['enrollment']>;

export function EnrollmentCard({ enrollment, onChanged }: { enrollment: Enrollment; onChanged(): void }) {
  const { t } = useTranslation();
  const { formatDate } = useFormatters();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const title = t('syncUi.enrollment.title');
  return (
    <Paper withBorder p="lg" component="section" aria-label={title} data-testid="sync-enrollment">
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      <Table withRowBorders={false} verticalSpacing={4} maw={720}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={160}>{t('syncUi.enrollment.bureau')}</Table.Th>
            <Table.Td data-testid="sync-bureau-name">{enrollment.bureauName}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('syncUi.enrollment.officeCode')}</Table.Th>
            <Table.Td>{enrollment.officeCode}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('syncUi.enrollment.enrolledAt')}</Table.Th>
            <Table.Td data-testid="sync-enrolled-at">{formatDate(enrollment.enrolledAt)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('syncUi.enrollment.uploadUrl')}</Table.Th>
            <Table.Td data-testid="sync-upload-url">
              {enrollment.uploadUrl ?? (
                <Text span size="sm" c="dimmed">
                  {t('syncUi.enrollment.noUploadUrl')}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {can('office.manage') &&
        (editing ? (
          <UploadUrlForm
            current={enrollment.uploadUrl}
            onDone={(saved) => {
              setEditing(false);
              if (saved) onChanged();
            }}
          />
        ) : (
          <Button mt="sm" variant="default" size="xs" onClick={() => setEditing(true)} data-testid="sync-upload-url-edit">
            {t('syncUi.enrollment.editUploadUrl')}
          </Button>
        ))}
    </Paper>
  );
}

function UploadUrlForm({ current, onDone }: { current: string | null; onDone(saved: boolean): void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(current ?? '');
  const [submitted, setSubmitted] = useState(false);
  const save = useContractMutation('sync.settings.update', {
    onSuccess: () => {
      notifySuccess(t, t('syncUi.enrollment.uploadUrlSaved'));
      onDone(true);
    },
  });
  const values = { uploadUrl: url.trim() === '' ? null : url.trim() };
  const checked = submitted ? schemaIssues(contract['sync.settings.update'].input, values) : [];
  const issues = fieldIssues(checked, save.error?.error, ['uploadUrl']);
  return (
    <EnterForm
      onSubmit={(event) => {
        event?.preventDefault();
        setSubmitted(true);
        if (schemaIssues(contract['sync.settings.update'].input, values).length === 0) save.mutate(values);
      }}
      data-testid="sync-upload-url-form"
    >
      <Stack gap="sm" mt="sm" maw={720}>
        <TextInput
          label={t('syncUi.enrollment.uploadUrl')}
          description={t('syncUi.enrollment.uploadUrlHint')}
          placeholder="https://"
          value={url}
          onChange={(event) => {
            setUrl(event.currentTarget.value);
            save.reset();
          }}
          error={issues.field('uploadUrl')}
          autoComplete="off"
          spellCheck={false}
          data-testid="sync-upload-url-input"
        />
        {issues.rest && (
          <Alert color="red" role="alert">
            <SyncErrorText error={issues.rest} />
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="sync-upload-url-save">
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={() => onDone(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}
