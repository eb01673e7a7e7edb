/**
 * 补贴资格: who is paid the old-age allowance (by age band) or the home-care service subsidy (by
 * level) for a month, judged on its last day, with the monthly totals per band and overall.
 */
import { useState } from 'react';
import { Alert, Anchor, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { formatCount, formatYuan, todayIso } from '../orders/format';
import { Pager } from './pager';

type Kind = 'allowance' | 'homeCareSubsidy';
const LIMIT = 100;

export function bandLabel(t: TFunction, fromAge: number | null, toAge: number | null): string {
  if (fromAge === null) return '—';
  return toAge === null ? t('eldercare.careUi.older.bandOpen', { from: fromAge }) : t('eldercare.careUi.older.band', { from: fromAge, to: toAge });
}

export function EligibilityLists() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('allowance');
  const [month, setMonth] = useState(todayIso().slice(0, 7));
  const [offset, setOffset] = useState(0);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const list = useContractQuery('eldercare.eligibility', { kind, month, offset, limit: LIMIT }, { enabled: valid, placeholderData: (previous) => previous });
  const data = list.data;
  return (
    <Stack gap="sm" data-testid="older-eligibility">
      <Group align="flex-end" gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="eligibility-kind-label">
            {t('eldercare.careUi.older.eligibilityKind')}
          </Text>
          <SegmentedControl
            aria-labelledby="eligibility-kind-label"
            value={kind}
            onChange={(v) => {
              setKind(v as Kind);
              setOffset(0);
            }}
            data={[
              { value: 'allowance', label: t('eldercare.eligibility.allowance') },
              { value: 'homeCareSubsidy', label: t('eldercare.eligibility.homeCareSubsidy') },
            ]}
            data-testid="eligibility-kind"
          />
        </Stack>
        <TextInput
          type="month"
          label={t('eldercare.eligibility.month')}
          value={month}
          onChange={(e) => {
            setMonth(e.currentTarget.value);
            setOffset(0);
          }}
          error={!valid ? t('validation.eldercare.month') : undefined}
          data-testid="eligibility-month"
        />
      </Group>
      {list.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={list.error.error} />
        </Alert>
      )}
      {data && !data.enabled && (
        <Text size="sm" c="dimmed" data-testid="eligibility-disabled">
          {t('eldercare.eligibility.disabled')}
        </Text>
      )}
      {data && data.enabled && (
        <>
          <Title order={3} size="h5">
            {t(`eldercare.eligibility.${data.kind}`)} · {data.month}
          </Title>
          <Table withTableBorder maw={640} data-testid="eligibility-groups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eldercare.careUi.older.group')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.older.peopleCol')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.older.amountCol')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.groups.map((g, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{g.level ? t(`eldercare.levels.${g.level}`) : bandLabel(t, g.fromAge, g.toAge)}</Table.Td>
                  <Table.Td>{formatCount(g.people)}</Table.Td>
                  <Table.Td>{formatYuan(g.cents)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={700}>
                <Table.Td>{t('eldercare.careUi.older.sum')}</Table.Td>
                <Table.Td data-testid="eligibility-total-people">{formatCount(data.total)}</Table.Td>
                <Table.Td data-testid="eligibility-total-amount">{formatYuan(data.totalCents)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {data.items.length > 0 && (
            <Table.ScrollContainer minWidth={720}>
              <Table striped data-testid="eligibility-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('eldercare.careUi.common.resident')}</Table.Th>
                    <Table.Th>{t('eldercare.older.age')}</Table.Th>
                    <Table.Th>{t('eldercare.careUi.older.grid')}</Table.Th>
                    <Table.Th>{t('eldercare.careUi.older.group')}</Table.Th>
                    <Table.Th>{t('eldercare.careUi.older.perPerson')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((r) => (
                    <Table.Tr key={r.person.residentId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/residents/${r.person.residentId}`} size="sm">
                          {r.person.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {r.person.idMasked}
                        </Text>
                      </Table.Td>
                      <Table.Td>{r.age}</Table.Td>
                      <Table.Td>{r.gridName ?? t('eldercare.careUi.older.noGrid')}</Table.Td>
                      <Table.Td>{r.level ? t(`eldercare.levels.${r.level}`) : bandLabel(t, r.fromAge, r.toAge)}</Table.Td>
                      <Table.Td>{formatYuan(r.monthlyCents)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager offset={offset} limit={LIMIT} total={data.total} onChange={setOffset} />
        </>
      )}
    </Stack>
  );
}
