/** What was picked on the map (or in the compounds table): a compound's uncovered older residents and its known walks, or a facility and its what-if switch. */
import { useState } from 'react';
import { Anchor, Badge, Button, CloseButton, Group, Loader, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EldercareMapData } from '../../../../../shared/contract';
import { useContractQuery } from '../../../app/api/queries';
import type { MapHit } from './map/coverage-map';
import { formatShare } from './map/shading';
import type { WhatIfState } from './what-if';
import type { ComputeInput } from './coverage-page';
import { ResidentsList } from './lists';
import { num } from './figures';
import { WalksEditor } from './walks-editor';
import type { ServiceNames } from './service-names';

const PAGE = 10;

export function SelectionPanel(props: {
  selected: MapHit;
  mapData: EldercareMapData;
  compute: ComputeInput;
  whatIf: WhatIfState;
  onWhatIf(next: WhatIfState): void;
  onClose(): void;
  services: ServiceNames;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="coverage-selection-title" data-testid="coverage-selection">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Title order={3} size="h5" id="coverage-selection-title" data-testid="coverage-selection-title">
          {props.selected.kind === 'compound' ? t('eldercare.circle.selection.compound') : t('eldercare.circle.selection.facility')}
        </Title>
        <CloseButton aria-label={t('common.close')} onClick={props.onClose} />
      </Group>
      {props.selected.kind === 'compound' ? <CompoundDetail key={props.selected.id} id={props.selected.id} {...props} /> : <FacilityDetail id={props.selected.id} {...props} />}
    </Paper>
  );
}

function CompoundDetail({ id, compute, mapData, services }: { id: string; compute: ComputeInput; mapData: EldercareMapData; services: ServiceNames }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const answer = useContractQuery('eldercare.coverage.compute', { ...compute, list: 'uncovered', listCompoundId: id, listOffset: page * PAGE, listLimit: PAGE }, { placeholderData: keepPreviousData });
  const compound = answer.data?.compounds.find((c) => c.id === id) ?? mapData.compounds.find((c) => c.id === id);
  if (!compound) return answer.isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : <Text size="sm">{t('eldercare.circle.selection.gone')}</Text>;
  return (
    <Stack gap="xs" data-testid="coverage-compound-detail">
      <Text fw={600} data-testid="coverage-compound-name">
        {compound.name}
      </Text>
      <Text size="sm">
        {t('eldercare.circle.selection.compoundFigures', { older: num(compound.older), withPosition: num(compound.withPosition), covered: num(compound.covered), share: formatShare(compound.share) })}
      </Text>
      {answer.data && (
        <ResidentsList
          list={answer.data.list}
          kind="uncovered"
          page={page}
          pageSize={PAGE}
          onPage={setPage}
          services={services}
          title={t('eldercare.circle.selection.uncoveredHere', { count: answer.data.list.total })}
          testId="coverage-compound-uncovered"
        />
      )}
      <WalksEditor compoundId={id} facilities={mapData.facilities} />
    </Stack>
  );
}

function FacilityDetail({ id, mapData, whatIf, onWhatIf, services }: { id: string; mapData: EldercareMapData; whatIf: WhatIfState; onWhatIf(next: WhatIfState): void; services: ServiceNames }) {
  const { t } = useTranslation();
  const f = mapData.facilities.find((x) => x.id === id);
  const draft = whatIf.add.find((d) => d.key === id);
  if (draft) {
    return (
      <Stack gap="xs">
        <Text fw={600}>{draft.name}</Text>
        <Badge color="grape" variant="light">
          {t('eldercare.circle.legend.whatIf')}
        </Badge>
        <Text size="sm">{draft.services.map((s) => services.name(s)).join('、') || '—'}</Text>
      </Stack>
    );
  }
  if (!f) return <Text size="sm">{t('eldercare.circle.selection.gone')}</Text>;
  const closed = whatIf.close.includes(f.id);
  const included = whatIf.include.includes(f.id);
  return (
    <Stack gap="xs" data-testid="coverage-facility-detail">
      <Group gap="xs">
        <Anchor component={Link} to={`/eldercare/facilities/${f.id}`} fw={600}>
          {f.name}
        </Anchor>
        <Badge variant="light" color={f.status === 'active' ? 'green' : f.status === 'planned' ? 'grape' : 'gray'}>
          {t(`eldercare.facilities.statuses.${f.status}`)}
        </Badge>
      </Group>
      <Text size="sm">
        {t('eldercare.circle.selection.offers')}
        {f.services.length ? f.services.map((s) => t('eldercare.circle.selection.serviceDays', { name: services.name(s.code), days: s.days.length })).join('、') : '—'}
      </Text>
      <Text size="sm">
        {t('eldercare.circle.selection.countsFor')}
        {f.countsFor.length ? f.countsFor.map((c) => services.name(c)).join('、') : t('eldercare.circle.selection.countsForNone')}
      </Text>
      {f.status === 'active' && (
        <Switch
          label={t('eldercare.circle.selection.closeInWhatIf')}
          checked={closed}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            onWhatIf({ ...whatIf, close: on ? [...whatIf.close, f.id] : whatIf.close.filter((x) => x !== f.id) });
          }}
          data-testid="coverage-facility-close"
        />
      )}
      {f.status === 'planned' && (
        <Switch
          label={t('eldercare.circle.selection.includeInWhatIf')}
          disabled={!f.wgs84 || f.services.length === 0}
          checked={included}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            onWhatIf({ ...whatIf, include: on ? [...whatIf.include, f.id] : whatIf.include.filter((x) => x !== f.id) });
          }}
        />
      )}
      {(closed || included) && (
        <Button size="compact-xs" variant="subtle" onClick={() => onWhatIf({ ...whatIf, close: whatIf.close.filter((x) => x !== f.id), include: whatIf.include.filter((x) => x !== f.id) })}>
          {t('eldercare.circle.selection.undo')}
        </Button>
      )}
    </Stack>
  );
}
