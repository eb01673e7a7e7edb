/**
 * A real CoreHost over a real SQLite file in a temp folder, with a fixed clock, cheap scrypt,
 * a captured log and a record of every event. Never a mocked database.
 */
import path from 'node:path';
import { CoreHost, type HostOptions } from '../../electron/core/host';
import type { Handlers } from '../../electron/core/handlers';
import type { ContractEvents, EventName, MethodInput, MethodName, MethodOutput, Result } from '../../shared/contract';
import { captureLogger, type LogLine } from './captured-log';
import { TestClock } from './test-clock';
import { makeTempDir, onDispose } from './temp-dir';

export const TEST_APP_VERSION = '0.0.0-test';
/** 2^10 instead of the app's 2^15: the same algorithm, fast enough for hundreds of logins. */
export const TEST_PASSWORD_COST = 10;

export interface RecordedEvent<E extends EventName = EventName> {
  connectionId: string | null;
  event: E;
  payload: ContractEvents[E];
}

export interface TestHost {
  host: CoreHost;
  clock: TestClock;
  dir: string;
  dbPath: string;
  logs: LogLine[];
  events: RecordedEvent[];
  /** Typed dispatch: the input is checked by the compiler, the output is the method's. */
  call<M extends MethodName>(connectionId: string, method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** Events sent to one connection, optionally of one name. */
  eventsFor<E extends EventName>(connectionId: string, event: E): Array<ContractEvents[E]>;
  close(): Promise<void>;
}

export interface TestHostOptions {
  dir?: string;
  dbPath?: string;
  clock?: TestClock;
  handlerOverrides?: Partial<Handlers>;
  extra?: Partial<Omit<HostOptions, 'dbPath' | 'clock' | 'log' | 'handlerOverrides'>>;
}

export function createTestHost(options: TestHostOptions = {}): TestHost {
  const dir = options.dir ?? makeTempDir();
  const dbPath = options.dbPath ?? path.join(dir, 'office.civicdesk');
  const clock = options.clock ?? new TestClock();
  const { logger, lines } = captureLogger();
  const host = new CoreHost({
    dbPath,
    create: true,
    appVersion: TEST_APP_VERSION,
    passwordCostLog2: TEST_PASSWORD_COST,
    clock,
    log: logger,
    handlerOverrides: options.handlerOverrides,
    // Core tests name files by path as the CLI does; tests/core/file-access.test.ts runs the window's handle mode.
    filePaths: 'terminal',
    ...options.extra,
  });
  const events: RecordedEvent[] = [];
  host.onEvent((connectionId, event, payload) => events.push({ connectionId, event, payload }));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await host.close();
  };
  onDispose(close);
  return {
    host,
    clock,
    dir,
    dbPath,
    logs: lines,
    events,
    call: async (connectionId, method, input) => (await host.dispatch(connectionId, method, input)) as Result<MethodOutput<typeof method>>,
    eventsFor: <E extends EventName>(connectionId: string, event: E) =>
      events.filter((e): e is RecordedEvent<E> => e.connectionId === connectionId && e.event === event).map((e) => e.payload),
    close,
  };
}
