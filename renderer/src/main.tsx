import './app/zod-csp';
// The bundled CJK font (see app/theme.ts): regular and bold, woff2 slices by unicode-range.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createApiClient } from './app/api/client';
import { resolveBridge } from './app/api/bridge';

// Resolve the bridge before anything renders: the preview's token leaves the address bar at once.
const client = createApiClient(resolveBridge());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
