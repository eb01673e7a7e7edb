/**
 * 登记能力评估 (GB/T 42195-2022): the four first-level scores — the level they make shows as they are
 * typed, by the same shared rule the core applies — or, for the standard's overriding findings, a
 * level chosen directly.
 */
import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, NumberInput, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_INDICATORS, ASSESSMENT_LEVELS, INDICATOR_MAX, levelFromScores, totalScore, type AssessmentIndicator, type AssessmentLevel, type AssessmentScores } from '../../../../../shared/domain/eldercare/assessment';
import { useApi } from '../../../app/api/api-context';
import { notifySuccess } from '../../../app/components/notify';
import { useCallState } from '../orders/call-state';
import { todayIso } from '../orders/format';

type Scores = Record<AssessmentIndicator, number | string>;

export function AssessmentDialog({ opened, onClose, residentId }: { opened: boolean; onClose(): void; residentId: string }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('eldercare.older.addAssessment')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {opened && <AssessmentForm residentId={residentId} onClose={onClose} />}
    </Modal>
  );
}

/** The four scores as numbers when every one is filled in and within its range; otherwise null. */
function complete(scores: Scores): AssessmentScores | null {
  const out = {} as AssessmentScores;
  for (const k of ASSESSMENT_INDICATORS) {
    const v = scores[k];
    if (v === '' || !Number.isInteger(Number(v)) || Number(v) < 0 || Number(v) > INDICATOR_MAX[k]) return null;
    out[k] = Number(v);
  }
  return out;
}

function AssessmentForm({ residentId, onClose }: { residentId: string; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCallState();
  const [assessedOn, setAssessedOn] = useState(todayIso());
  const [assessor, setAssessor] = useState('');
  const [mode, setMode] = useState<'scores' | 'level'>('scores');
  const [scores, setScores] = useState<Scores>({ selfCare: '', motor: '', mental: '', perception: '' });
  const [level, setLevel] = useState<AssessmentLevel | ''>('');
  const [notes, setNotes] = useState('');
  const filled = complete(scores);

  const submit = async () => {
    const numbers = Object.fromEntries(ASSESSMENT_INDICATORS.map((k) => [k, scores[k] === '' ? Number.NaN : Number(scores[k])])) as AssessmentScores;
    const saved = await call.run(() =>
      api.call('eldercare.assessments.add', {
        residentId,
        assessedOn,
        assessor,
        ...(mode === 'scores' ? { scores: numbers, level: null } : { scores: null, level: level || null }),
        notes: notes.trim() || null,
      }),
    );
    if (saved) {
      notifySuccess(t, t('eldercare.careUi.panel.assessmentSaved'));
      onClose();
    }
  };

  return (
    <Stack gap="sm" data-testid="assessment-form">
      <Group grow align="flex-start">
        <TextInput type="date" label={t('eldercare.older.assessedOn')} value={assessedOn} max={todayIso()} onChange={(e) => setAssessedOn(e.currentTarget.value)} error={call.field('assessedOn')} data-testid="assessment-date" />
        <TextInput label={t('eldercare.older.assessor')} value={assessor} onChange={(e) => setAssessor(e.currentTarget.value)} error={call.field('assessor')} data-testid="assessment-assessor" />
      </Group>
      <Radio.Group label={t('eldercare.careUi.panel.mode')} value={mode} onChange={(v) => setMode(v as 'scores' | 'level')}>
        <Group mt={4}>
          <Radio value="scores" label={t('eldercare.careUi.panel.modeScores')} data-testid="assessment-mode-scores" />
          <Radio value="level" label={t('eldercare.careUi.panel.modeLevel')} data-testid="assessment-mode-level" />
        </Group>
      </Radio.Group>
      {mode === 'scores' ? (
        <>
          <SimpleGrid cols={2} spacing="sm">
            {ASSESSMENT_INDICATORS.map((k) => (
              <NumberInput
                key={k}
                label={t(`eldercare.indicators.${k}`)}
                description={t('eldercare.careUi.panel.scoreHint', { max: INDICATOR_MAX[k] })}
                value={scores[k]}
                onChange={(v) => setScores((s) => ({ ...s, [k]: v }))}
                min={0}
                max={INDICATOR_MAX[k]}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="strict"
                error={call.field(`scores.${k}`)}
                data-testid={`assessment-score-${k}`}
              />
            ))}
          </SimpleGrid>
          <Text size="sm" fw={600} aria-live="polite" data-testid="assessment-derived">
            {filled ? t('eldercare.careUi.panel.derived', { total: totalScore(filled), level: t(`eldercare.levels.${levelFromScores(filled)}`) }) : t('eldercare.careUi.panel.derivedIncomplete')}
          </Text>
        </>
      ) : (
        <NativeSelect
          label={t('eldercare.careUi.panel.levelLabel')}
          value={level}
          onChange={(e) => setLevel(e.currentTarget.value as AssessmentLevel | '')}
          data={[{ value: '', label: '—' }, ...ASSESSMENT_LEVELS.map((l) => ({ value: l, label: t(`eldercare.levels.${l}`) }))]}
          error={call.field('level')}
          data-testid="assessment-level"
        />
      )}
      <Textarea label={t('eldercare.older.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} rows={2} error={call.field('notes')} />
      {call.alert(['assessedOn', 'assessor', 'level', 'notes', ...ASSESSMENT_INDICATORS.map((k) => `scores.${k}`)], 'assessment-error')}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => void submit()} loading={call.busy} data-testid="assessment-submit">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
