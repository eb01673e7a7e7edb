/**
 * One resident: profile, tags, household, change history, and the panels other modules add (cases,
 * services and visits — placeholders until those modules exist). Actions follow the role: clerks
 * edit, change status and move; supervisors also merge a duplicate record into this one.
 */
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Grid, Group, Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useCan } from '../../../app/session/session-context';
import { HouseholdCard } from '../../households/household-card';
import { MoveDialog } from '../../households/move-dialog';
import { STATUS_COLORS, useCodes } from '../codes';
import { ChangeHistory } from './change-history';
import { MergeDialog } from './merge-dialog';
import { ResidentPanels } from './resident-panels';
import { ProfileCard } from './profile-card';
import { StatusDialog } from './status-dialog';

type Dialog = 'status' | 'move' | 'merge' | null;

export function ResidentPage() {
  const { id = '' } = useParams();
  // Keyed by id: a revealed ID number, open dialogs and the like never carry over to another person.
  return <ResidentView key={id} id={id} />;
}

function ResidentView({ id }: { id: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const codes = useCodes();
  const resident = useContractQuery('residents.get', { id });
  const [dialog, setDialog] = useState<Dialog>(null);

  if (resident.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (resident.isError) {
    return (
      <Stack gap="sm">
        <Alert color="red" role="alert" data-testid="resident-error">
          <ErrorText error={resident.error.error} />
        </Alert>
        <Anchor component={Link} to="/residents">
          {t('residents.page.back')}
        </Anchor>
      </Stack>
    );
  }
  const r = resident.data;

  return (
    <Stack gap="md" data-testid="resident-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Anchor component={Link} to="/residents" size="sm" data-testid="resident-back">
            ← {t('residents.page.back')}
          </Anchor>
          <Group gap="sm">
            <Title order={2} data-testid="resident-name-title">
              {r.name}
            </Title>
            <Badge color={STATUS_COLORS[r.status]} variant="light">
              {codes.status(r.status)}
            </Badge>
          </Group>
        </Stack>
        <Group gap="xs">
          {can('records.write') && (
            <>
              <Button component={Link} to={`/residents/${r.id}/edit`} data-testid="resident-edit">
                {t('residents.page.edit')}
              </Button>
              <Button variant="default" onClick={() => setDialog('status')} data-testid="resident-change-status">
                {t('residents.page.changeStatus')}
              </Button>
              <Button variant="default" onClick={() => setDialog('move')} data-testid="resident-move">
                {t('residents.page.move')}
              </Button>
            </>
          )}
          {can('records.approve') && (
            <Button variant="default" color="orange" onClick={() => setDialog('merge')} data-testid="resident-merge">
              {t('residents.page.merge')}
            </Button>
          )}
        </Group>
      </Group>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ProfileCard resident={r} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <HouseholdCard resident={r} />
        </Grid.Col>
      </Grid>
      <ResidentPanels resident={r} />
      <ChangeHistory residentId={r.id} />

      <StatusDialog resident={r} opened={dialog === 'status'} onClose={() => setDialog(null)} />
      <MoveDialog resident={r} opened={dialog === 'move'} onClose={() => setDialog(null)} />
      <MergeDialog resident={r} opened={dialog === 'merge'} onClose={() => setDialog(null)} />
    </Stack>
  );
}
