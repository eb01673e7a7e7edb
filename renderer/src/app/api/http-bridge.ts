/**
 * The loopback HTTP door, for the browser preview and the end-to-end tests: the same contract
 * calls as the Electron preload, over `POST /api/<method>` and server-sent events.
 */
import {
  HTTP_API_PREFIX,
  HTTP_CLIENT_HEADER,
  HTTP_EVENTS_PATH,
  HTTP_FILES_PATH,
  HTTP_TOKEN_HEADER,
  type PathChoice,
  type CivicDeskBridge,
  type ContractError,
  type EventEnvelope,
  type Result,
} from '../../../../shared/contract';

const TOKEN_KEY = 'civicdesk.http.token';
const CLIENT_KEY = 'civicdesk.http.client';

export interface HttpCredentials {
  token: string;
  clientId: string;
}

/**
 * The preview opens `http://127.0.0.1:PORT/?token=…`. Keep the token for this tab only and take
 * it out of the address bar, so it is not left in history or shown to someone looking over a
 * shoulder. A reload finds it again in sessionStorage.
 */
export function takeHttpCredentials(win: Window = window): HttpCredentials {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  // One id per tab: the core keeps one session per connection, so two tabs are two sign-ins.
  let clientId = win.sessionStorage.getItem(CLIENT_KEY);
  if (!clientId) {
    clientId = win.crypto.randomUUID();
    win.sessionStorage.setItem(CLIENT_KEY, clientId);
  }
  return { token, clientId };
}

function localFailure(reason: string): Result<never> {
  // No server reference exists for a request that never arrived; a local one still lets support
  // tell "network" from "core" failures.
  const ref = `NET-${reason}`;
  const error: ContractError = { code: 'INTERNAL', message: 'The data service could not be reached.', params: { ref }, ref };
  return { ok: false, error };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null;
}

function isEnvelope(value: unknown): value is EventEnvelope {
  return typeof value === 'object' && value !== null && 'event' in value && typeof value.event === 'string' && 'payload' in value;
}

export function createHttpBridge(credentials: HttpCredentials, fetchImpl: typeof fetch = (...args) => fetch(...args)): CivicDeskBridge {
  const listeners = new Set<(envelope: EventEnvelope) => void>();
  let source: EventSource | null = null;

  const openEvents = () => {
    const query = new URLSearchParams({ token: credentials.token, client: credentials.clientId });
    source = new EventSource(`${HTTP_EVENTS_PATH}?${query.toString()}`);
    source.onmessage = (message: MessageEvent<string>) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        return; // a keep-alive or a garbled line: nothing to deliver
      }
      if (!isEnvelope(parsed)) return;
      for (const listener of listeners) listener(parsed);
    };
  };

  return {
    async invoke(method, input) {
      let response: Response;
      try {
        response = await fetchImpl(HTTP_API_PREFIX + method, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [HTTP_TOKEN_HEADER]: credentials.token,
            [HTTP_CLIENT_HEADER]: credentials.clientId,
          },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return localFailure('OFFLINE');
      }
      try {
        const body: unknown = await response.json();
        return isResult(body) ? body : localFailure(`HTTP${response.status}`);
      } catch {
        return localFailure(`HTTP${response.status}`);
      }
    },
    async choosePath(request) {
      try {
        const response = await fetchImpl(HTTP_FILES_PATH, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: credentials.token, [HTTP_CLIENT_HEADER]: credentials.clientId },
          body: JSON.stringify(request),
        });
        const body = (await response.json()) as PathChoice;
        return typeof body === 'object' && body !== null && typeof body.ok === 'boolean' ? body : { ok: false, reason: 'refused' };
      } catch {
        return { ok: false, reason: 'refused' };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      // One stream per tab, opened on first use; EventSource reconnects by itself.
      if (!source) openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
