/**
 * 养老服务 on the resident page (the registry's `services` panel): for a resident 60 and over, the
 * care profile (living situation, care needs, emergency contacts, serving facility), the capability
 * assessments, what they are eligible for this month, their latest orders, and a shortcut to record
 * a service demand. Under 60, one line says the profile starts at 60.
 */
import { PlaceSection } from './place-section';
import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CareView, Resident } from '../../../../../shared/contract';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useCan } from '../../../app/session/session-context';
import { DemandDialog } from '../orders/demand-dialog';
import { formatYuan, useServiceLabels } from '../orders/format';
import { AssessmentDialog } from './assessment-dialog';
import { ProfileDialog } from './profile-dialog';

export function CarePanel({ resident }: { resident: Resident }) {
  const { t } = useTranslation();
  const view = useContractQuery('eldercare.profile.get', { residentId: resident.id });
  return (
    <Card withBorder component="section" aria-labelledby="care-panel-title" data-testid="care-panel">
      <Title order={3} size="h5" id="care-panel-title" mb="xs">
        {t('eldercare.careUi.panel.title')}
      </Title>
      {view.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {view.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={view.error.error} />
        </Alert>
      )}
      {view.data && !view.data.isOlder && (
        <Text size="sm" c="dimmed" data-testid="care-panel-under-60">
          {t('eldercare.older.underSixty')}
        </Text>
      )}
      {view.data && view.data.isOlder && <OlderCare view={view.data} resident={resident} />}
      {view.data && view.data.isOlder && <PlaceSection resident={resident} />}
    </Card>
  );
}

function OlderCare({ view, resident }: { view: CareView; resident: Resident }) {
  const { t } = useTranslation();
  const can = useCan();
  const services = useServiceLabels();
  const [dialog, setDialog] = useState<'profile' | 'assessment' | 'demand' | null>(null);
  const profile = view.profile;
  const writable = can('records.write') && view.residentStatus === 'active';
  const latest = view.assessments[0];

  const living = profile
    ? t(`eldercare.living.${profile.living}`)
    : view.registerLivingAlone
      ? t('eldercare.careUi.panel.livingFromRegister', { living: t('eldercare.living.alone') })
      : t('eldercare.living.none');

  return (
    <Stack gap="sm">
      <Facts>
        <Fact label={t('eldercare.older.living')} testId="care-living">
          {living}
        </Fact>
        <Fact label={t('eldercare.older.careNeeds')} testId="care-needs">
          {profile && profile.careNeeds.length > 0 ? (
            <Group gap={4}>
              {profile.careNeeds.map((c) => (
                <Badge key={c} variant="light" size="sm">
                  {services.label(c)}
                </Badge>
              ))}
            </Group>
          ) : (
            t('eldercare.careUi.panel.noneRecorded')
          )}
        </Fact>
        <Fact label={t('eldercare.older.emergencyContacts')} testId="care-contacts">
          {profile && profile.emergencyContacts.length > 0
            ? profile.emergencyContacts.map((c, i) => (
                <Text size="sm" key={i}>
                  {c.name}（{t(`eldercare.relations.${c.relation}`)}）{c.phone}
                </Text>
              ))
            : t('eldercare.careUi.panel.noneRecorded')}
        </Fact>
        <Fact label={t('eldercare.older.facility')} testId="care-facility">
          {profile?.facilityName ?? t('eldercare.careUi.panel.noFacility')}
        </Fact>
        <Fact label={t('eldercare.older.eligibility')} testId="care-eligibility">
          {view.eligibility.length === 0
            ? t('eldercare.careUi.panel.eligibilityNone')
            : view.eligibility.map((e) => (
                <Text size="sm" key={e.kind}>
                  {t(e.kind === 'allowance' ? 'eldercare.careUi.panel.allowanceLine' : 'eldercare.careUi.panel.subsidyLine', { amount: formatYuan(e.monthlyCents) })}
                </Text>
              ))}
        </Fact>
      </Facts>
      {writable && (
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={() => setDialog('profile')} data-testid="care-edit-profile">
            {t(profile ? 'eldercare.careUi.panel.editProfile' : 'eldercare.careUi.panel.createProfile')}
          </Button>
        </Group>
      )}

      <Title order={4} size="h6">
        {t('eldercare.careUi.panel.assessments')}
      </Title>
      {latest ? (
        <>
          <Text size="sm" data-testid="care-latest-level">
            {t(`eldercare.levels.${latest.level}`)}
            {latest.total !== null ? ` · ${t('eldercare.indicators.total')} ${latest.total}` : ''} · {t('eldercare.careUi.panel.nextDue', { date: latest.nextDue })}
          </Text>
          <Table fz="xs" withTableBorder data-testid="care-assessments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eldercare.older.assessedOn')}</Table.Th>
                <Table.Th>{t('eldercare.older.level')}</Table.Th>
                <Table.Th>{t('eldercare.indicators.total')}</Table.Th>
                <Table.Th>{t('eldercare.older.assessor')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.assessments.slice(0, 5).map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.assessedOn}</Table.Td>
                  <Table.Td>{t(`eldercare.levels.${a.level}`)}</Table.Td>
                  <Table.Td>{a.total ?? '—'}</Table.Td>
                  <Table.Td>{a.assessor}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('eldercare.careUi.panel.noAssessments')}
        </Text>
      )}
      {writable && (
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={() => setDialog('assessment')} data-testid="care-add-assessment">
            {t('eldercare.older.addAssessment')}
          </Button>
        </Group>
      )}

      <Title order={4} size="h6">
        {t('eldercare.older.recentOrders')}
      </Title>
      {view.recentOrders.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('eldercare.careUi.panel.noOrders')}
        </Text>
      ) : (
        <Stack gap={2} data-testid="care-orders">
          {view.recentOrders.slice(0, 5).map((o) => (
            <Text size="sm" key={o.id}>
              {o.doneOn ?? o.requestedOn} · {services.label(o.service)} · {t(`eldercare.orders.status.${o.status}`)}
              {o.overdue ? ` · ${t('eldercare.careUi.board.overdueMark')}` : ''}
            </Text>
          ))}
          <Anchor component={Link} to="/eldercare/orders" size="xs">
            {t('eldercare.careUi.board.boardLink')}
          </Anchor>
        </Stack>
      )}
      {writable && (
        <Group>
          <Button size="xs" onClick={() => setDialog('demand')} data-testid="care-record-demand">
            {t('eldercare.careUi.board.recordDemand')}
          </Button>
        </Group>
      )}

      <ProfileDialog
        opened={dialog === 'profile'}
        onClose={() => setDialog(null)}
        residentId={resident.id}
        profile={profile}
        registerLiving={resident.livingAlone ? 'alone' : resident.emptyNest ? 'empty_nest' : resident.leftBehind ? 'left_behind' : 'with_family'}
      />
      <AssessmentDialog opened={dialog === 'assessment'} onClose={() => setDialog(null)} residentId={resident.id} />
      <DemandDialog opened={dialog === 'demand'} onClose={() => setDialog(null)} resident={{ id: resident.id, name: resident.name, idMasked: resident.idNumberMasked, age: resident.age }} />
    </Stack>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return (
    <Stack gap={6} component="dl" m={0}>
      {children}
    </Stack>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}
