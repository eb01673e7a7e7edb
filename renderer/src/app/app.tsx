import { HashRouter } from 'react-router';
import { Providers, type ProvidersProps } from './providers';
import { SessionGate } from './session/session-gate';

/**
 * HashRouter because Electron loads the page from file://, where path-based URLs would point at
 * files. The gate decides between first-run setup, login and the signed-in shell.
 */
export function App(props: Omit<ProvidersProps, 'children'>) {
  return (
    <Providers {...props}>
      <HashRouter>
        <SessionGate />
      </HashRouter>
    </Providers>
  );
}
