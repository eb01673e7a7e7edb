/**
 * 户: the household a resident belongs to — address, grid, the current members with their relation
 * to the head (each a link), and the membership history: who was a member, as what, from when to when.
 * Clerks change the head, split members off (分户) or merge another household into this one (合户).
 */
import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Resident } from '../../../../shared/contract/residents';
import type { Relation } from '../../../../shared/domain/residents';
import { useContractQuery } from '../../app/api/queries';
import { ErrorText } from '../../app/forms/contract-errors';
import { useFormatters } from '../../app/i18n/format';
import { useCan } from '../../app/session/session-context';
import { STATUS_COLORS, useCodes } from '../residents/codes';
import { MergeHouseholdsDialog } from './merge-households-dialog';
import { SetHeadDialog } from './set-head-dialog';
import { SplitDialog } from './split-dialog';

/** Names and relations are short; wrapping them mid-word reads badly in a narrow card. */
const NOWRAP = { th: { whiteSpace: 'nowrap' }, td: { whiteSpace: 'nowrap' } } as const;

export function HouseholdCard({ resident }: { resident: Resident }) {
  const { t } = useTranslation();
  const can = useCan();
  const codes = useCodes();
  const [dialog, setDialog] = useState<'setHead' | 'split' | 'merge' | null>(null);
  const householdId = resident.householdId;
  const household = useContractQuery('households.get', { id: householdId ?? '' }, { enabled: householdId !== null });
  const grids = useContractQuery('grids.list', {}, { staleTime: 60_000 });
  const periods = useContractQuery('households.periodsOf', { residentId: resident.id });
  const h = household.data;
  const gridName = h?.gridId ? (grids.data?.find((g) => g.id === h.gridId)?.name ?? '') : '';

  return (
    <Paper withBorder p="md" component="section" aria-label={t('households.title')} data-testid="resident-household">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {t('households.title')}
        </Title>
        {h && can('records.write') && (
          <Group gap="xs">
            {h.members.length > 1 && (
              <>
                <Button size="xs" variant="default" onClick={() => setDialog('setHead')} data-testid="household-set-head">
                  {t('households.setHead')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setDialog('split')} data-testid="household-split">
                  {t('households.split.open')}
                </Button>
              </>
            )}
            <Button size="xs" variant="default" onClick={() => setDialog('merge')} data-testid="household-merge">
              {t('households.merge.open')}
            </Button>
          </Group>
        )}
      </Group>
      {!householdId && <Text c="dimmed">{t('households.none')}</Text>}
      {household.isPending && householdId && <Loader size="sm" aria-label={t('app.loading')} />}
      {household.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={household.error.error} />
        </Alert>
      )}
      {h && (
        <>
          <Text size="sm" mb="sm">
            {t('households.addressGrid', { address: h.address ?? '—', grid: gridName || '—' })}
          </Text>
          <Table.ScrollContainer minWidth={420}>
            <Table styles={NOWRAP} data-testid="household-members">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('residents.columns.name')}</Table.Th>
                  <Table.Th>{t('residents.fields.relation')}</Table.Th>
                  <Table.Th>{t('residents.columns.sex')}</Table.Th>
                  <Table.Th>{t('residents.columns.age')}</Table.Th>
                  <Table.Th>{t('residents.columns.idNumber')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {h.members.map((m) => (
                  <Table.Tr key={m.residentId} data-testid="household-member">
                    <Table.Td>
                      {m.residentId === resident.id ? (
                        <Text size="sm" fw={600}>
                          {m.name}
                        </Text>
                      ) : (
                        <Anchor component={Link} to={`/residents/${m.residentId}`} size="sm">
                          {m.name}
                        </Anchor>
                      )}
                      {m.status !== 'active' && (
                        <Badge size="xs" ml={4} color={STATUS_COLORS[m.status]} variant="light">
                          {codes.status(m.status)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {m.relation === 'head' ? (
                        <Badge size="sm" variant="light">
                          {codes.relation(m.relation)}
                        </Badge>
                      ) : (
                        codes.relation(m.relation)
                      )}
                    </Table.Td>
                    <Table.Td>{codes.sex(m.sex)}</Table.Td>
                    <Table.Td>{m.age}</Table.Td>
                    <Table.Td ff="monospace">{m.idNumberMasked}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <PeriodsTable
            title={t('households.history')}
            firstColumn={t('residents.columns.name')}
            testId="household-history"
            rows={h.history.map((entry, i) => ({ key: `${entry.residentId}-${entry.from}-${i}`, first: entry.name, ...entry }))}
          />
          <SetHeadDialog household={h} opened={dialog === 'setHead'} onClose={() => setDialog(null)} />
          <SplitDialog household={h} opened={dialog === 'split'} onClose={() => setDialog(null)} />
          <MergeHouseholdsDialog household={h} opened={dialog === 'merge'} onClose={() => setDialog(null)} />
        </>
      )}
      {periods.data?.some((p) => p.householdId !== householdId) && (
        // Splits and merges move people between households; this keeps every one of theirs in view.
        <PeriodsTable
          title={t('households.periods', { name: resident.name })}
          firstColumn={t('households.periodHousehold')}
          testId="household-periods"
          rowTestId="household-period"
          rows={periods.data.map((p, i) => ({
            key: `${p.householdId}-${p.from}-${i}`,
            first: (
              <>
                {p.householdId === householdId ? t('households.thisHousehold') : (p.address ?? '—')}
                {p.closed && (
                  <Badge size="xs" ml={4} color="gray" variant="light">
                    {t('households.closed')}
                  </Badge>
                )}
              </>
            ),
            ...p,
          }))}
        />
      )}
    </Paper>
  );
}

interface PeriodRow {
  key: string;
  /** The person (a household's history) or the household (a person's periods). */
  first: ReactNode;
  relation: Relation;
  from: string;
  to: string | null;
}

/** Membership periods under a small title: who or where, as what, from when to when (or now). */
function PeriodsTable({ title, firstColumn, rows, testId, rowTestId }: { title: string; firstColumn: string; rows: PeriodRow[]; testId: string; rowTestId?: string }) {
  const { t } = useTranslation();
  const codes = useCodes();
  const { formatDate } = useFormatters();
  return (
    <>
      <Title order={4} size="h6" mt="md" mb="xs">
        {title}
      </Title>
      <Table.ScrollContainer minWidth={420}>
        <Table styles={NOWRAP} data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{firstColumn}</Table.Th>
              <Table.Th>{t('residents.fields.relation')}</Table.Th>
              <Table.Th>{t('households.period')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key} data-testid={rowTestId}>
                <Table.Td>{row.first}</Table.Td>
                <Table.Td>{codes.relation(row.relation)}</Table.Td>
                <Table.Td>{t('households.fromTo', { from: formatDate(row.from), to: row.to ? formatDate(row.to) : t('households.now') })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
