/**
 * The what-if: planned facilities placed on the map (or typed), facilities left out as if closed,
 * planned facilities on record counted as if open. Nothing here is saved, except a draft the clerk
 * explicitly saves as a planned facility (records.write).
 */
import { useState } from 'react';
import { Button, Chip, Group, MultiSelect, NumberInput, Paper, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EldercareMapData } from '../../../../../shared/contract';
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../../../../../shared/domain/eldercare/positions';
import { WEEKDAYS } from '../../../../../shared/domain/eldercare/codes';
import { IssueText } from '../../../app/forms/contract-errors';
import { useCan } from '../../../app/session/session-context';
import { draftIssues, newDraft, type PlannedDraft, type WhatIfState } from './what-if';
import { SaveAsPlanned } from './save-planned';
import type { ServiceNames } from './service-names';

type Facilities = EldercareMapData['facilities'];

export function WhatIfPanel({
  state,
  onChange,
  placing,
  onPlacing,
  activeDraft,
  onActiveDraft,
  facilities,
  services,
  defaultServices,
}: {
  state: WhatIfState;
  onChange(next: WhatIfState): void;
  placing: boolean;
  onPlacing(on: boolean): void;
  activeDraft: string | null;
  onActiveDraft(key: string | null): void;
  facilities: Facilities;
  services: ServiceNames;
  defaultServices: string[];
}) {
  const { t } = useTranslation();
  const open = facilities.filter((f) => f.status === 'active' && !state.close.includes(f.id));
  const planned = facilities.filter((f) => f.status === 'planned');
  const update = (key: string, patch: Partial<PlannedDraft>) => onChange({ ...state, add: state.add.map((d) => (d.key === key ? { ...d, ...patch } : d)) });
  const remove = (key: string) => onChange({ ...state, add: state.add.filter((d) => d.key !== key) });
  const name = (id: string) => facilities.find((f) => f.id === id)?.name ?? id;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="coverage-whatif-title" data-testid="coverage-whatif">
      <Stack gap="sm">
        <Title order={3} size="h5" id="coverage-whatif-title">
          {t('eldercare.circle.whatIf.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('eldercare.circle.whatIf.hint')}
        </Text>
        <Group gap="xs">
          <Button size="xs" variant={placing ? 'filled' : 'light'} color="grape" aria-pressed={placing} onClick={() => onPlacing(!placing)} data-testid="coverage-whatif-place">
            {placing ? t('eldercare.circle.whatIf.placing') : t('eldercare.circle.whatIf.place')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              const { state: next, draft } = newDraft(state, t('eldercare.circle.whatIf.defaultName', { n: state.next }), null, defaultServices);
              onChange(next);
              onActiveDraft(draft.key);
            }}
            data-testid="coverage-whatif-type"
          >
            {t('eldercare.circle.whatIf.type')}
          </Button>
        </Group>

        {state.add.map((d) =>
          d.key === activeDraft ? (
            <DraftForm key={d.key} draft={d} services={services} onUpdate={(patch) => update(d.key, patch)} onRemove={() => remove(d.key)} onDone={() => onActiveDraft(null)} onSaved={(id) => onChange({ ...state, add: state.add.filter((x) => x.key !== d.key), include: [...state.include, id] })} />
          ) : (
            <Group key={d.key} justify="space-between" wrap="nowrap" data-testid="coverage-whatif-draft">
              <Text size="sm">
                ◆ {d.name} · {t('eldercare.circle.whatIf.servicesCount', { count: d.services.length })}
                {!draftIssues(d).ok && ` · ${t('eldercare.circle.whatIf.incomplete')}`}
              </Text>
              <Group gap={4} wrap="nowrap">
                <Button size="compact-xs" variant="subtle" onClick={() => onActiveDraft(d.key)} aria-label={t('eldercare.circle.whatIf.editNamed', { name: d.name })}>
                  {t('eldercare.circle.whatIf.edit')}
                </Button>
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(d.key)} aria-label={t('eldercare.circle.whatIf.removeNamed', { name: d.name })}>
                  {t('eldercare.circle.whatIf.remove')}
                </Button>
              </Group>
            </Group>
          ),
        )}

        <Select
          label={t('eldercare.circle.whatIf.closeLabel')}
          placeholder={t('eldercare.circle.whatIf.closePlaceholder')}
          searchable
          data={open.map((f) => ({ value: f.id, label: f.name }))}
          value={null}
          onChange={(id) => id && onChange({ ...state, close: [...state.close, id] })}
          nothingFoundMessage={t('eldercare.circle.whatIf.nothingFound')}
          data-testid="coverage-whatif-close"
        />
        {state.close.map((id) => (
          <Group key={id} justify="space-between" wrap="nowrap" data-testid="coverage-whatif-closed">
            <Text size="sm">☒ {t('eldercare.circle.whatIf.closedItem', { name: name(id) })}</Text>
            <Button size="compact-xs" variant="subtle" onClick={() => onChange({ ...state, close: state.close.filter((x) => x !== id) })} aria-label={t('eldercare.circle.whatIf.reopenNamed', { name: name(id) })}>
              {t('eldercare.circle.whatIf.reopen')}
            </Button>
          </Group>
        ))}

        {planned.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('eldercare.circle.whatIf.plannedOnRecord')}
            </Text>
            {planned.map((f) => (
              <Switch
                key={f.id}
                size="sm"
                label={f.name}
                description={f.wgs84 && f.services.length > 0 ? undefined : t('eldercare.circle.whatIf.plannedIncomplete')}
                disabled={!f.wgs84 || f.services.length === 0}
                checked={state.include.includes(f.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  onChange({ ...state, include: on ? [...state.include, f.id] : state.include.filter((x) => x !== f.id) });
                }}
              />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function DraftForm({
  draft,
  services,
  onUpdate,
  onRemove,
  onDone,
  onSaved,
}: {
  draft: PlannedDraft;
  services: ServiceNames;
  onUpdate(patch: Partial<PlannedDraft>): void;
  onRemove(): void;
  onDone(): void;
  onSaved(id: string): void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [saving, setSaving] = useState(false);
  const checked = draftIssues(draft);
  const issues = checked.ok ? [] : checked.issues;
  const issueAt = (prefix: string) => {
    const issue = issues.find((i) => i.path.join('.').startsWith(prefix));
    return issue ? <IssueText issue={issue} /> : undefined;
  };
  const missing = !checked.ok && checked.missingPosition ? t('eldercare.circle.whatIf.positionMissing') : undefined;
  return (
    <Paper withBorder p="xs" style={{ borderLeft: '4px solid var(--mantine-color-grape-6)' }} data-testid="coverage-whatif-form">
      <Stack gap="xs">
        <TextInput label={t('eldercare.circle.whatIf.name')} value={draft.name} onChange={(e) => onUpdate({ name: e.currentTarget.value })} error={issueAt('name')} data-testid="coverage-whatif-name" />
        <Group grow align="flex-start">
          <NumberInput
            label={t('eldercare.circle.whatIf.lng')}
            decimalScale={7}
            value={draft.lng ?? ''}
            onChange={(v) => onUpdate({ lng: v === '' ? null : Number(v) })}
            error={issueAt('position') ?? missing}
            data-testid="coverage-whatif-lng"
          />
          <NumberInput label={t('eldercare.circle.whatIf.lat')} decimalScale={7} value={draft.lat ?? ''} onChange={(v) => onUpdate({ lat: v === '' ? null : Number(v) })} data-testid="coverage-whatif-lat" />
        </Group>
        <Select
          label={t('eldercare.circle.whatIf.crs')}
          data={COORDINATE_SYSTEMS.map((c) => ({ value: c, label: t(`eldercare.crs.${c}`) }))}
          value={draft.crs}
          onChange={(v) => v && onUpdate({ crs: v as CoordinateSystem })}
          allowDeselect={false}
        />
        <MultiSelect
          label={t('eldercare.circle.whatIf.services')}
          data={services.active.map((s) => ({ value: s.code, label: services.name(s.code) }))}
          value={draft.services}
          onChange={(v) => onUpdate({ services: v })}
          error={issueAt('services')}
          data-testid="coverage-whatif-services"
        />
        <Chip.Group multiple value={draft.days.map(String)} onChange={(v) => onUpdate({ days: v.map(Number).sort() })}>
          <Group gap={4} role="group" aria-label={t('eldercare.circle.whatIf.days')}>
            <Text size="sm">{t('eldercare.circle.whatIf.days')}</Text>
            {WEEKDAYS.map((d) => (
              <Chip key={d} value={String(d)} size="xs">
                {t(`eldercare.circle.weekdays.${d}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Group gap="xs">
          <Button size="xs" onClick={onDone} data-testid="coverage-whatif-done">
            {t('eldercare.circle.whatIf.done')}
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
            {t('eldercare.circle.whatIf.remove')}
          </Button>
          {can('records.write') && checked.ok && !saving && (
            <Button size="xs" variant="default" onClick={() => setSaving(true)} data-testid="coverage-whatif-save-open">
              {t('eldercare.circle.whatIf.saveAsPlanned')}
            </Button>
          )}
        </Group>
        {saving && checked.ok && <SaveAsPlanned facility={checked.facility} onCancel={() => setSaving(false)} onSaved={onSaved} />}
      </Stack>
    </Paper>
  );
}
