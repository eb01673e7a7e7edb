import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { ApiProvider } from './api/api-context';
import type { ApiClient } from './api/client';
import { invalidateOnChange } from './api/queries';
import { REGISTRY } from './features';
import { createI18n } from './i18n/i18n';
import { FilePickerProvider } from './platform/file-picker';
import type { Registry } from './registry/registry';
import { RegistryProvider } from './registry/registry-context';
import { cssVariablesResolver, localizedTheme } from './theme';

/** The theme choice is per computer, like the language. */
const colorSchemeManager = localStorageColorSchemeManager({ key: 'civicdesk.color-scheme' });

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The core is local: a failed call is an answer (FORBIDDEN, NOT_FOUND …), not a flaky network.
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

export interface ProvidersProps {
  client: ApiClient;
  i18n?: I18n;
  queryClient?: QueryClient;
  /** The features' registry; app/features.ts unless a test brings its own. */
  registry?: Registry;
  children: ReactNode;
}

export function Providers({ client, i18n, queryClient, registry = REGISTRY, children }: ProvidersProps) {
  const [i18nInstance] = useState(() => i18n ?? createI18n());
  const [queries] = useState(() => queryClient ?? createQueryClient());
  // Whatever a call or job wrote, the queries showing it are refetched (see invalidateOnChange).
  useEffect(() => invalidateOnChange(client, queries, registry.queriesShowing), [client, queries, registry]);
  return (
    <I18nextProvider i18n={i18nInstance}>
      <ThemeProvider>
        <Notifications position="top-right" />
        <QueryClientProvider client={queries}>
          <ApiProvider client={client}>
            <RegistryProvider registry={registry}>
              <FilePickerProvider>{children}</FilePickerProvider>
            </RegistryProvider>
          </ApiProvider>
        </QueryClientProvider>
      </ThemeProvider>
    </I18nextProvider>
  );
}

/** Mantine with the house theme, its labels in the current language and its colours at AA contrast (app/theme.ts). */
function ThemeProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const close = t('common.close');
  const theme = useMemo(() => localizedTheme({ close }), [close]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" colorSchemeManager={colorSchemeManager}>
      {children}
    </MantineProvider>
  );
}
