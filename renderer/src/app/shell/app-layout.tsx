import { ActionIcon, Alert, Anchor, AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { LockIcon } from '../components/icons';
import { LanguageToggle } from '../components/language-toggle';
import { ThemeToggle } from '../components/theme-toggle';
import { useCan, useSession } from '../session/session-context';
import { useSignOut } from '../session/use-sign-out';
import { useLockNow } from '../session/use-lock-now';
import { useRegistry } from '../registry/registry-context';
import { AppRoutes } from './app-routes';
import { DatabaseCheckBadge } from './database-check-badge';

export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const { session, office } = useSession();
  const can = useCan();
  const signOut = useSignOut();
  const lockNow = useLockNow();
  const { pathname } = useLocation();
  const { nav } = useRegistry();

  const items = nav.filter((entry) => !entry.permission || can(entry.permission)).map((entry) => ({ id: entry.id, path: entry.path, label: t(`nav.${entry.label}`) }));

  return (
    <AppShell
      data-testid="app-shell"
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={t('shell.openNavigation')} />
            <Title order={1} size="h4" lineClamp={1} data-testid="office-name">
              {office.name}
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <DatabaseCheckBadge />
            <Text size="sm" visibleFrom="xs" data-testid="user-display-name" title={t('shell.signedInAs', { name: session.displayName, role: t(`roles.${session.role}`) })}>
              {session.displayName}
            </Text>
            <Badge variant="light" tt="none" visibleFrom="xs" data-testid="user-role">
              {t(`roles.${session.role}`)}
            </Badge>
            <LanguageToggle />
            <ThemeToggle />
            {/* A clerk stepping away locks the window at once instead of waiting for the idle timer. */}
            <ActionIcon variant="default" size="lg" aria-label={t('shell.lockNow')} title={t('shell.lockNow')} onClick={lockNow} data-testid="lock-now">
              <LockIcon />
            </ActionIcon>
            <Button variant="default" size="xs" onClick={() => void signOut()} data-testid="logout-button">
              {t('shell.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          {items.map((item) => {
            const active = item.path === '/' ? pathname === '/' : pathname.startsWith(item.path);
            return (
              <NavLink
                key={item.id}
                label={item.label}
                active={active}
                aria-current={active ? 'page' : undefined}
                data-testid={`nav-${item.id}`}
                onClick={closeNav}
                renderRoot={(props) => <Link to={item.path} {...props} />}
              />
            );
          })}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content">
        {session.mustChangePassword && <ChangePasswordNotice />}
        <AppRoutes />
      </AppShell.Main>
    </AppShell>
  );
}

/**
 * Signed in with a password shorter than today's rule (an older one): work goes on, but every page
 * asks for a new password until it is changed in Settings.
 */
function ChangePasswordNotice() {
  const { t } = useTranslation();
  return (
    <Alert color="orange" mb="md" title={t('mustChangePassword.title')} data-testid="must-change-password">
      {t('mustChangePassword.body')}{' '}
      <Anchor component={Link} to="/settings">
        {t('mustChangePassword.action')}
      </Anchor>
    </Alert>
  );
}
