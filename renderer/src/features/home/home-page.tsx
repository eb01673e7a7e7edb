import { Alert, Card, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KNOWN_DIVISIONS } from '../../../../shared/domain/office';
import { useContractQuery } from '../../app/api/queries';
import { ErrorText } from '../../app/forms/contract-errors';
import { currentLanguage } from '../../app/i18n/i18n';
import { useCan, useSession } from '../../app/session/session-context';

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={500} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const { session, office } = useSession();
  const can = useCan();
  const mayReadOffice = can('office.read');
  // Roles without office.read never ask; the core would refuse anyway.
  const info = useContractQuery('system.info', {}, { enabled: mayReadOffice });
  const language = currentLanguage(i18n);
  const known = KNOWN_DIVISIONS.find((d) => d.code === office.divisionCode);
  const division = known ? `${office.divisionCode} ${language === 'zh-CN' ? known.zh : known.en}` : office.divisionCode;

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('home.welcome', { name: session.displayName })}</Title>
        <Text c="dimmed">{office.name}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Fact label={t('home.office')} value={office.name} testId="home-office-name" />
        <Fact label={t('home.officeCode')} value={office.code} />
        <Fact label={t('home.division')} value={division} testId="home-division" />
        <Fact label={t('home.role')} value={t(`roles.${session.role}`)} testId="home-role" />
        {mayReadOffice && info.data && (
          <>
            <Fact label={t('home.appVersion')} value={info.data.appVersion} testId="home-app-version" />
            <Fact label={t('home.schemaVersion')} value={String(info.data.schemaVersion)} testId="home-schema-version" />
          </>
        )}
      </SimpleGrid>
      {mayReadOffice && info.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {info.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={info.error.error} />
        </Alert>
      )}
      {!mayReadOffice && <Text c="dimmed">{t('home.noOfficeAccess')}</Text>}
    </Stack>
  );
}
