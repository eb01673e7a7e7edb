/** The trail's filters: who, what, on which kind of record, between which days (local dates). */
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useContractQuery } from '../../app/api/queries';
import { useAuditLabels } from './labels';

export interface AuditFilterValues {
  username: string;
  action: string;
  entity: string;
  /** `YYYY-MM-DD` as the date inputs give them, in local time; '' for open-ended. */
  fromDate: string;
  toDate: string;
}

export const NO_FILTERS: AuditFilterValues = { username: '', action: '', entity: '', fromDate: '', toDate: '' };

export function AuditFilters({ value, onChange }: { value: AuditFilterValues; onChange: (next: AuditFilterValues) => void }) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  // The menus offer what occurs in the trail, so a supervisor never filters on something absent.
  const facets = useContractQuery('audit.facets', {}, { staleTime: 30_000 });
  const any = { value: '', label: t('audit.filters.any') };
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch });

  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('audit.filters.label')}>
      <NativeSelect
        label={t('audit.filters.user')}
        data={[any, ...(facets.data?.usernames ?? []).map((u) => ({ value: u, label: u }))]}
        value={value.username}
        onChange={(e) => set({ username: e.currentTarget.value })}
        data-testid="audit-filter-user"
      />
      <NativeSelect
        label={t('audit.filters.action')}
        data={[any, ...(facets.data?.actions ?? []).map((a) => ({ value: a, label: labels.action(a) }))]}
        value={value.action}
        onChange={(e) => set({ action: e.currentTarget.value })}
        data-testid="audit-filter-action"
      />
      <NativeSelect
        label={t('audit.filters.entity')}
        data={[any, ...(facets.data?.entities ?? []).map((e) => ({ value: e, label: labels.entity(e) }))]}
        value={value.entity}
        onChange={(e) => set({ entity: e.currentTarget.value })}
        data-testid="audit-filter-entity"
      />
      <TextInput type="date" label={t('audit.filters.from')} value={value.fromDate} onChange={(e) => set({ fromDate: e.currentTarget.value })} data-testid="audit-filter-from" />
      <TextInput type="date" label={t('audit.filters.to')} value={value.toDate} onChange={(e) => set({ toDate: e.currentTarget.value })} data-testid="audit-filter-to" />
      <Button variant="default" onClick={() => onChange(NO_FILTERS)} data-testid="audit-filter-clear">
        {t('audit.filters.clear')}
      </Button>
    </Group>
  );
}
