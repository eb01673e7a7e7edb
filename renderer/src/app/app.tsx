import { HashRouter } from 'react-router';
import { Providers, type ProvidersProps } from './providers';
import { SessionGate } from './session/session-gate';

/**
 * HashRouter because the page is one file, index.html, whether Electron serves it as
 * app://civicdesk/index.html or the preview over HTTP; both answer a path only with the file of
 * that name, so routes live in the hash. The gate decides between first-run setup, login and the
 * signed-in shell.
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
