import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/src/app/app';
import { createApiClient } from '../../../renderer/src/app/api/client';
import { resolveBridge } from '../../../renderer/src/app/api/bridge';

/** Render the whole app over whatever bridge `window.civicdesk` holds (see core-harness). */
export function renderApp() {
  const user = userEvent.setup();
  const client = createApiClient(resolveBridge());
  const view = render(<App client={client} />);
  return { user, client, ...view };
}

/** Sign in through the login screen and wait for the shell. */
export async function signIn(user: ReturnType<typeof userEvent.setup>, username: string, password: string) {
  await user.type(await screen.findByTestId('login-username'), username);
  await user.type(screen.getByTestId('login-password'), `${password}{Enter}`);
  return screen.findByTestId('app-shell');
}

/**
 * After first-run setup an encrypted database shows its recovery key once; confirm keeping it
 * (when shown) and wait for the shell.
 */
export async function finishSetup(user: ReturnType<typeof userEvent.setup>) {
  await waitFor(() => {
    if (!screen.queryByTestId('app-shell') && !screen.queryByTestId('recovery-key-notice')) throw new Error('still setting up');
  });
  if (screen.queryByTestId('recovery-key-notice')) {
    await user.click(screen.getByTestId('recovery-key-kept'));
    await user.click(screen.getByTestId('recovery-key-continue'));
  }
  return screen.findByTestId('app-shell');
}
