/**
 * 登记社区: the office's code and name and where to save its enrollment file (the save dialog);
 * then the one-time code, shown here once and never again — large, monospaced, copyable, with the
 * warning to give it by phone or in person, never with the file. The dialog does not close by a
 * stray click or Escape while the code shows; the clerk confirms having noted it.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, CopyButton, Code, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contract, type ChosenFile, type MethodOutput } from '../../../../../shared/contract';
import { useContractMutation } from '../../../app/api/queries';
import { EnterForm } from '../../../app/forms/enter-to-next';
import { ChosenPath } from '../../../app/platform/chosen-path';
import { useFilePicker } from '../../../app/platform/file-picker';
import { fieldIssues, schemaIssues, SyncErrorText } from '../format';

type Enrolled = MethodOutput<'bureau.enroll'>;

export function EnrollOfficeDialog({ opened, onClose, onEnrolled }: { opened: boolean; onClose(): void; onEnrolled(): void }) {
  const { t } = useTranslation();
  const [enrolled, setEnrolled] = useState<{ output: Enrolled; officeName: string } | null>(null);
  const close = () => {
    // The code is gone for good once the dialog closes.
    setEnrolled(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={enrolled ? t('syncUi.bureau.enroll.codeTitle') : t('syncUi.bureau.enroll.title')}
      size="lg"
      closeOnClickOutside={!enrolled}
      closeOnEscape={!enrolled}
      withCloseButton={!enrolled}
    >
      {opened &&
        (enrolled ? (
          <OneTimeCode enrolled={enrolled.output} officeName={enrolled.officeName} onDone={close} />
        ) : (
          <EnrollOfficeForm
            onCancel={close}
            onEnrolled={(output, officeName) => {
              setEnrolled({ output, officeName });
              onEnrolled();
            }}
          />
        ))}
    </Modal>
  );
}

function EnrollOfficeForm({ onCancel, onEnrolled }: { onCancel(): void; onEnrolled(output: Enrolled, officeName: string): void }) {
  const { t } = useTranslation();
  const picker = useFilePicker();
  const [officeCode, setOfficeCode] = useState('');
  const [officeName, setOfficeName] = useState('');
  const [out, setOut] = useState<ChosenFile | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const enroll = useContractMutation('bureau.enroll', { onSuccess: (output, input) => onEnrolled(output, input.officeName) });
  const values = { officeCode: officeCode.trim(), officeName: officeName.trim(), out: out?.handle ?? '' };
  const checked = submitted ? schemaIssues(contract['bureau.enroll'].input, values) : [];
  const issues = fieldIssues(checked, enroll.error?.error, ['officeCode', 'officeName', 'out']);
  const edited = () => enroll.reset();

  return (
    <EnterForm
      onSubmit={(event) => {
        event?.preventDefault();
        setSubmitted(true);
        if (schemaIssues(contract['bureau.enroll'].input, values).length === 0) enroll.mutate(values);
      }}
      data-testid="bureau-enroll-form"
    >
      <Stack gap="md">
        <Text size="sm">{t('syncUi.bureau.enroll.intro')}</Text>
        <TextInput
          label={t('syncUi.bureau.enroll.officeCode')}
          description={t('syncUi.bureau.enroll.officeCodeHint')}
          value={officeCode}
          onChange={(event) => {
            setOfficeCode(event.currentTarget.value);
            edited();
          }}
          error={issues.field('officeCode')}
          autoComplete="off"
          spellCheck={false}
          data-testid="bureau-enroll-code"
        />
        <TextInput
          label={t('syncUi.bureau.enroll.officeName')}
          value={officeName}
          onChange={(event) => {
            setOfficeName(event.currentTarget.value);
            edited();
          }}
          error={issues.field('officeName')}
          autoComplete="off"
          data-testid="bureau-enroll-name"
        />
        <ChosenPath
          label={t('syncUi.bureau.enroll.out')}
          description={t('syncUi.bureau.enroll.outHint')}
          placeholder={t('syncUi.noFileChosen')}
          value={out}
          testId="bureau-enroll-out"
          chooseLabel={t('syncUi.chooseSaveLocation')}
          chooseTestId="bureau-enroll-choose"
          choose={() =>
            picker.saveFile({
              kind: 'cdenroll',
              title: t('syncUi.bureau.enroll.dialogTitle'),
              filterName: t('syncUi.enroll.filterName'),
              defaultName: `${t('syncUi.bureau.enroll.defaultName', { code: officeCode.trim() || 'office', name: officeName.trim() })}.cdenroll`,
            })
          }
          onChosen={(chosen) => {
            setOut(chosen);
            edited();
          }}
          disabled={enroll.isPending}
          error={issues.field('out')}
        />
        {issues.rest && (
          <Alert color="red" role="alert" data-testid="bureau-enroll-error">
            <SyncErrorText error={issues.rest} />
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={enroll.isPending} data-testid="bureau-enroll-submit">
            {t('syncUi.bureau.enroll.submit')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}

function OneTimeCode({ enrolled, officeName, onDone }: { enrolled: Enrolled; officeName: string; onDone(): void }) {
  const { t } = useTranslation();
  const [noted, setNoted] = useState(false);
  return (
    <Stack gap="md" data-testid="bureau-enroll-result">
      <Text size="sm">{t('syncUi.bureau.enroll.fileWritten', { office: officeName, file: enrolled.file })}</Text>
      <div>
        <Text size="sm" fw={500} mb={4} id="bureau-one-time-code-label">
          {t('syncUi.bureau.enroll.codeLabel')}
        </Text>
        {/* Large and monospaced so it can be read out over the phone; focusable so a narrow window scrolls it by keyboard. */}
        <Code block fz={28} fw={700} ta="center" tabIndex={0} aria-labelledby="bureau-one-time-code-label" data-testid="bureau-one-time-code" style={{ letterSpacing: '0.08em' }}>
          {enrolled.oneTimeCode}
        </Code>
      </div>
      <Group>
        <CopyButton value={enrolled.oneTimeCode}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy} data-testid="bureau-one-time-code-copy">
              {copied ? t('syncUi.bureau.enroll.copied') : t('syncUi.bureau.enroll.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Alert color="orange" title={t('syncUi.bureau.enroll.warningTitle')} data-testid="bureau-one-time-code-warning">
        {t('syncUi.bureau.enroll.warning')}
      </Alert>
      <Checkbox label={t('syncUi.bureau.enroll.noted')} checked={noted} onChange={(event) => setNoted(event.currentTarget.checked)} data-testid="bureau-one-time-code-noted" />
      <Group justify="flex-end">
        <Button disabled={!noted} onClick={onDone} data-testid="bureau-one-time-code-done">
          {t('syncUi.bureau.enroll.done')}
        </Button>
      </Group>
    </Stack>
  );
}
