/**
 * 发布标准: an administrator publishes a standard or code table for every office — the kind (each
 * one a feature offers: today the elderly-care allowance and subsidy standards) and its JSON file
 * from the open dialog. The core checks the file against the kind's form and says what is wrong
 * under the field; once published, the version every later receipt carries is shown.
 */
import { useState } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contract, type ChosenFile, type ContractError } from '../../../../../shared/contract';
import { useContractMutation } from '../../../app/api/queries';
import { EnterForm } from '../../../app/forms/enter-to-next';
import { ChosenPath } from '../../../app/platform/chosen-path';
import { useFilePicker } from '../../../app/platform/file-picker';
import { fieldIssues, schemaIssues, SyncErrorText, UPDATE_KINDS, useSyncLabels } from '../format';

export function PublishDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('syncUi.bureau.publish.title')} size="lg">
      {/* Mounted only while open, so each opening starts empty. */}
      {opened && <PublishForm onClose={onClose} />}
    </Modal>
  );
}

function PublishForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const picker = useFilePicker();
  const labels = useSyncLabels();
  const [kind, setKind] = useState(UPDATE_KINDS[0] ?? '');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const publish = useContractMutation('bureau.publish');
  const values = { kind, file: file?.handle ?? '' };
  const checked = submitted ? schemaIssues(contract['bureau.publish'].input, values) : [];
  // The core names kinds by their keys (eldercare.standards); the clerk reads them by their names.
  const named = (error: ContractError | undefined): ContractError | undefined =>
    error && {
      ...error,
      issues: error.issues?.map((issue) => {
        const params = { ...issue.params };
        if (typeof params.kind === 'string') params.kind = labels.updateKind(params.kind);
        if (typeof params.kinds === 'string') params.kinds = params.kinds.split('、').map(labels.updateKind).join(t('syncUi.listSeparator'));
        return { ...issue, params };
      }),
    };
  const issues = fieldIssues(checked, named(publish.error?.error), ['kind', 'file']);
  const published = publish.data;

  return (
    <EnterForm
      onSubmit={(event) => {
        event?.preventDefault();
        setSubmitted(true);
        if (!published && schemaIssues(contract['bureau.publish'].input, values).length === 0) publish.mutate(values);
      }}
      data-testid="bureau-publish-form"
    >
      <Stack gap="md">
        <Text size="sm">{t('syncUi.bureau.publish.intro')}</Text>
        <NativeSelect
          label={t('syncUi.bureau.publish.kind')}
          value={kind}
          onChange={(event) => {
            setKind(event.currentTarget.value);
            publish.reset();
          }}
          data={UPDATE_KINDS.map((value) => ({ value, label: labels.updateKind(value) }))}
          error={issues.field('kind')}
          disabled={publish.isPending}
          data-testid="bureau-publish-kind"
        />
        <ChosenPath
          label={t('syncUi.bureau.publish.file')}
          description={t('syncUi.bureau.publish.fileHint')}
          placeholder={t('syncUi.noFileChosen')}
          value={file}
          testId="bureau-publish-file"
          chooseLabel={t('syncUi.chooseFile')}
          chooseTestId="bureau-publish-choose"
          choose={() => picker.openFile({ kind: 'json', title: t('syncUi.bureau.publish.dialogTitle'), filterName: t('syncUi.bureau.publish.filterName') })}
          onChosen={(chosen) => {
            setFile(chosen);
            publish.reset();
          }}
          disabled={publish.isPending}
          error={issues.field('file')}
        />
        {issues.rest && (
          <Alert color="red" role="alert" data-testid="bureau-publish-error">
            <SyncErrorText error={issues.rest} />
          </Alert>
        )}
        {published && (
          <Alert color="green" data-testid="bureau-publish-result" data-version={published.version}>
            <Text size="sm">{t('syncUi.bureau.publish.done', { kind: labels.updateKind(published.kind), version: published.version })}</Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="bureau-publish-close">
            {published ? t('common.close') : t('common.cancel')}
          </Button>
          {!published && (
            <Button type="submit" loading={publish.isPending} data-testid="bureau-publish-submit">
              {t('syncUi.bureau.publish.submit')}
            </Button>
          )}
        </Group>
      </Stack>
    </EnterForm>
  );
}
