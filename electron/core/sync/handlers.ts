/** The sync section's handlers: each one line into the office or bureau side. */
import type { HostHooks } from '../feature';
import type { Handlers } from '../handlers';
import { ContractFailure } from '../errors';
import { enrollOffice, setUploadUrl } from './office/enroll';
import { exportToFolder } from './office/export';
import { uploadToBureau } from './office/upload';
import { syncStatus } from './office/status';
import { enrollOffice as bureauEnroll, exportIdentity, initBureau } from './bureau/enroll';

type SyncMethods = 'sync.status' | 'sync.enroll' | 'sync.settings.update' | 'sync.export' | 'sync.upload' | 'sync.receipt.import';
type BureauMethods =
  | 'bureau.init'
  | 'bureau.enroll'
  | 'bureau.import'
  | 'bureau.receipt'
  | 'bureau.offices'
  | 'bureau.alarms'
  | 'bureau.alarms.resolve'
  | 'bureau.duplicates'
  | 'bureau.identity.export';

const notYet = (): never => {
  throw new ContractFailure('INTERNAL');
};

export function syncHandlers(host: HostHooks): Pick<Handlers, SyncMethods | BureauMethods> {
  return {
    'sync.status': (_input, ctx) => syncStatus(ctx),
    'sync.enroll': (input, ctx) => enrollOffice(ctx, input),
    'sync.settings.update': (input, ctx) => setUploadUrl(ctx, input.uploadUrl),
    'sync.export': (input, ctx, job) => exportToFolder(ctx, job, host.syncTables(), input),
    'sync.upload': (input, ctx, job) => uploadToBureau(ctx, job, host.syncTables(), input),
    'sync.receipt.import': () => notYet(),
    'bureau.init': (input, ctx) => initBureau(ctx, input),
    'bureau.enroll': (input, ctx) => bureauEnroll(ctx, input),
    'bureau.import': async () => notYet(),
    'bureau.receipt': () => notYet(),
    'bureau.offices': () => notYet(),
    'bureau.alarms': () => notYet(),
    'bureau.alarms.resolve': () => notYet(),
    'bureau.duplicates': () => notYet(),
    'bureau.identity.export': (input, ctx) => exportIdentity(ctx, input),
  };
}
