/**
 * 导入登记文件: the bureau's enrollment file (chosen in the open dialog) and the one-time code the
 * bureau gave by phone or in person. The core says which field is wrong (another office's file, not
 * an enrollment file, a wrong code); the message stands under that field.
 */
import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contract, type ChosenFile, type MethodOutput } from '../../../../../shared/contract';
import { useContractMutation } from '../../../app/api/queries';
import { EnterForm } from '../../../app/forms/enter-to-next';
import { ChosenPath } from '../../../app/platform/chosen-path';
import { useFilePicker } from '../../../app/platform/file-picker';
import { fieldIssues, schemaIssues, SyncErrorText } from '../format';

export function EnrollDialog({ opened, onClose, onEnrolled }: { opened: boolean; onClose(): void; onEnrolled(enrollment: MethodOutput<'sync.enroll'>): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('syncUi.enroll.title')} size="lg">
      {/* Mounted only while open, so each opening starts empty. */}
      {opened && <EnrollForm onCancel={onClose} onEnrolled={onEnrolled} />}
    </Modal>
  );
}

function EnrollForm({ onCancel, onEnrolled }: { onCancel(): void; onEnrolled(enrollment: MethodOutput<'sync.enroll'>): void }) {
  const { t } = useTranslation();
  const picker = useFilePicker();
  const enroll = useContractMutation('sync.enroll', { onSuccess: onEnrolled });
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [code, setCode] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const values = { file: file?.handle ?? '', code };
  const checked = submitted ? schemaIssues(contract['sync.enroll'].input, values) : [];
  const issues = fieldIssues(checked, enroll.error?.error, ['file', 'code']);

  const submit = () => {
    setSubmitted(true);
    if (schemaIssues(contract['sync.enroll'].input, values).length > 0) return;
    enroll.mutate(values);
  };

  return (
    <EnterForm
      onSubmit={(event) => {
        event?.preventDefault();
        submit();
      }}
      data-testid="enroll-form"
    >
      <Stack gap="md">
        <Text size="sm">{t('syncUi.enroll.intro')}</Text>
        <ChosenPath
          label={t('syncUi.enroll.file')}
          placeholder={t('syncUi.noFileChosen')}
          value={file}
          testId="enroll-file"
          chooseLabel={t('syncUi.chooseFile')}
          chooseTestId="enroll-choose"
          choose={() => picker.openFile({ kind: 'enrollment', title: t('syncUi.enroll.dialogTitle'), filterName: t('syncUi.enroll.filterName') })}
          onChosen={(chosen) => {
            setFile(chosen);
            enroll.reset();
          }}
          disabled={enroll.isPending}
          error={issues.field('file')}
        />
        <TextInput
          label={t('syncUi.enroll.code')}
          description={t('syncUi.enroll.codeHint')}
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            enroll.reset();
          }}
          error={issues.field('code')}
          autoComplete="off"
          spellCheck={false}
          ff="monospace"
          data-testid="enroll-code"
        />
        {issues.rest && (
          <Alert color="red" role="alert" data-testid="enroll-error">
            <SyncErrorText error={issues.rest} />
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={enroll.isPending} data-testid="enroll-submit">
            {t('syncUi.enroll.submit')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}
