/**
 * Worker-thread entry for the core host. The parent (Electron main or the browser preview) sends
 * calls; the worker answers with Results and forwards events and log lines. A long write here never
 * freezes the window.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CoreHost, type HostOptions } from './host';
import type { Logger } from './log';
import { redact } from './log';
import type { WorkerRequest, WorkerMessage } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('core worker must run in a worker thread');

const post = (message: WorkerMessage) => port.postMessage(message);
const log: Logger = {
  info: (message) => post({ type: 'log', level: 'info', message: redact(message) }),
  warn: (message) => post({ type: 'log', level: 'warn', message: redact(message) }),
  error: (message) => post({ type: 'log', level: 'error', message: redact(message) }),
};

let host: CoreHost | undefined;
try {
  // The window and the preview name files only by the handles their dialogs got, whatever the options say.
  host = new CoreHost({ ...(workerData as Omit<HostOptions, 'log'>), log, filePaths: 'handles' });
  host.onEvent((connectionId, event, payload) => post({ type: 'event', connectionId, event, payload }));
  post({ type: 'ready' });
} catch (error) {
  // Report the refusal as a message only (no rethrow): an uncaught error could overtake it and
  // reach the parent without its reason. The parent terminates this worker on 'fatal'.
  post({ type: 'fatal', error: serializeError(error) });
}

if (host) serve(host);

function serve(host: CoreHost) {
  port!.on('message', (request: WorkerRequest) => {
    if (request.type === 'call') {
      void host.dispatch(request.connectionId, request.method, request.input).then((result) => post({ type: 'result', id: request.id, result }));
    } else if (request.type === 'grant') {
      let file = null;
      try {
        file = host.grantFile(request.connectionId, request);
      } catch (error) {
        log.warn(`refused a file grant: ${error instanceof Error ? error.message : String(error)}`);
      }
      post({ type: 'granted', id: request.id, file });
    } else if (request.type === 'close') {
      void host.close({ backup: request.backup }).then(() => post({ type: 'closed' }));
    }
  });
}

function serializeError(error: unknown): { name: string; message: string; reason?: string; details?: unknown } {
  if (error instanceof Error) {
    const e = error as Error & { reason?: string; details?: unknown };
    return { name: e.name, message: e.message, reason: e.reason, details: e.details };
  }
  return { name: 'Error', message: String(error) };
}
