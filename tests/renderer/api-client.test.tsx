import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { HTTP_CLIENT_HEADER, HTTP_TOKEN_HEADER, type CivicDeskBridge, type EventEnvelope, type Result } from '../../shared/contract';
import { createHttpBridge, takeHttpCredentials } from '../../renderer/src/app/api/http-bridge';
import { ApiError, createApiClient } from '../../renderer/src/app/api/client';
import { describeContractError, ErrorText } from '../../renderer/src/app/forms/contract-errors';
import { createI18n } from '../../renderer/src/app/i18n/i18n';
import { formatDate, formatDateTime } from '../../renderer/src/app/i18n/format';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the loopback HTTP bridge', () => {
  it('takes the token out of the address bar, keeps it for the tab, and gives the tab a stable client id', () => {
    window.history.replaceState(null, '', '/?token=tok-123&x=1#/settings');
    const first = takeHttpCredentials();
    expect(first.token).toBe('tok-123');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#/settings');
    expect(first.clientId).toMatch(/^[0-9a-f-]{36}$/);
    const again = takeHttpCredentials(); // a reload: the token is gone from the URL but remembered
    expect(again).toEqual(first);
  });

  it('posts each call with the token and client headers and returns the Result body', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => new Response(JSON.stringify({ ok: true, value: { initialized: false } })));
    const bridge = createHttpBridge({ token: 't', clientId: 'c' }, fetchImpl);
    const result = await bridge.invoke('office.status', {});
    expect(result).toEqual({ ok: true, value: { initialized: false } });
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe('/api/office.status');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: 't', [HTTP_CLIENT_HEADER]: 'c' });
    expect(init?.body).toBe('{}');
  });

  it('turns a network failure or a non-Result body into a calm INTERNAL, never a throw', async () => {
    const offline = createHttpBridge({ token: 't', clientId: 'c' }, async () => {
      throw new TypeError('Failed to fetch');
    });
    const down = await offline.invoke('office.status', {});
    expect(down.ok).toBe(false);
    expect(!down.ok && down.error.code).toBe('INTERNAL');
    expect(!down.ok && down.error.params?.ref).toBe('NET-OFFLINE');

    const garbled = createHttpBridge({ token: 't', clientId: 'c' }, async () => new Response('<html>oops</html>', { status: 502 }));
    const bad = await garbled.invoke('office.status', {});
    expect(!bad.ok && bad.error.params?.ref).toBe('NET-HTTP502');
  });

  it('listens to server-sent events with token and client in the query, and delivers envelopes', () => {
    const sources: FakeEventSource[] = [];
    class FakeEventSource {
      onmessage: ((message: MessageEvent<string>) => void) | null = null;
      closed = false;
      constructor(readonly url: string) {
        sources.push(this);
      }
      close() {
        this.closed = true;
      }
    }
    vi.stubGlobal('EventSource', FakeEventSource);
    const bridge = createHttpBridge({ token: 't 1', clientId: 'c' });
    const seen: EventEnvelope[] = [];
    const off = bridge.subscribe((e) => seen.push(e));
    expect(sources[0].url).toBe('/api-events?token=t+1&client=c');
    const envelope: EventEnvelope = { event: 'session.changed', payload: { state: 'locked' } };
    sources[0].onmessage?.(new MessageEvent('message', { data: JSON.stringify(envelope) }));
    sources[0].onmessage?.(new MessageEvent('message', { data: 'not json' }));
    expect(seen).toEqual([envelope]);
    off();
    expect(sources[0].closed).toBe(true);
  });
});

function bridgeAnswering(result: Result<unknown>): CivicDeskBridge {
  return { invoke: async () => result, subscribe: () => () => undefined };
}

describe('the contract client', () => {
  it('returns parsed outputs and throws a typed ApiError for failures', async () => {
    const ok = createApiClient(bridgeAnswering({ ok: true, value: { cancelled: true } }));
    expect(await ok.call('jobs.cancel', { jobId: 'x' })).toEqual({ cancelled: true });

    const failing = createApiClient(bridgeAnswering({ ok: false, error: { code: 'FORBIDDEN', message: 'no', params: { permission: 'accounts.manage' } } }));
    const error = await failing.call('accounts.users.list', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error instanceof ApiError && error.code).toBe('FORBIDDEN');
  });

  it('announces UNAUTHENTICATED and SESSION_LOCKED so the app can show login or the lock screen', async () => {
    const client = createApiClient(bridgeAnswering({ ok: false, error: { code: 'SESSION_LOCKED', message: 'locked' } }));
    const problems: string[] = [];
    client.onSessionProblem((p) => problems.push(p));
    await client.call('system.info', {}).catch(() => undefined);
    expect(problems).toEqual(['SESSION_LOCKED']);
  });

  it('treats an answer of the wrong shape as INTERNAL', async () => {
    const client = createApiClient(bridgeAnswering({ ok: true, value: { nonsense: 1 } }));
    const error = await client.call('office.status', {}).catch((e: unknown) => e);
    expect(error instanceof ApiError && error.code).toBe('INTERNAL');
  });
});

describe('error messages', () => {
  it('shows INTERNAL as the calm message with the support reference, never the raw text', () => {
    const i18n = createI18n('zh-CN');
    render(
      <I18nextProvider i18n={i18n}>
        <ErrorText error={{ code: 'INTERNAL', message: 'TypeError: x is undefined at foo.ts:12', params: { ref: 'AB12CD34' }, ref: 'AB12CD34' }} />
      </I18nextProvider>,
    );
    expect(screen.getByText('系统出现意外错误，数据未作更改。请重试；如仍出错，请将参考编号 AB12CD34 告知技术支持。')).toBeTruthy();
    expect(screen.queryByText(/TypeError/)).toBeNull();
  });

  it('puts issues on the fields the form has and keeps the rest for the general message', () => {
    const feedback = describeContractError(
      {
        code: 'INVALID_INPUT',
        message: 'x',
        issues: [
          { path: ['office', 'code'], code: 'office.office_code', message: 'x' },
          { path: ['elsewhere'], code: 'required', message: 'x' },
        ],
      },
      new Set(['office.code']),
    );
    expect(Object.keys(feedback.fieldErrors)).toEqual(['office.code']);
    expect(feedback.general?.unplaced.map((i) => i.path.join('.'))).toEqual(['elsewhere']);
  });
});

describe('dates', () => {
  it('are written the Chinese way in zh-CN', () => {
    const at = new Date(2026, 10, 29, 14, 5);
    expect(formatDate(at, 'zh-CN')).toBe('2026年11月29日');
    expect(formatDateTime(at, 'zh-CN')).toBe('2026-11-29 14:05');
    expect(formatDate(at, 'en')).toBe('29 Nov 2026');
  });
});
