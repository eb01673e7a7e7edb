/** The sync section's handlers: each one line into the office or bureau side. */
import type { HostHooks } from '../feature';
import type { Handlers } from '../handlers';
import { enrollOffice, setUploadUrl } from './office/enroll';
import { exportToFolder } from './office/export';
import { uploadToBureau } from './office/upload';
import { syncStatus } from './office/status';
import { importReceipt } from './office/receipt';
import { enrollOffice as bureauEnroll, exportIdentity, initBureau } from './bureau/enroll';
import { receiptFolder, receiptsFor, receiptToFolder } from './bureau/receipts';
import { publish } from './bureau/publish';
import { bureauAlarms, bureauDuplicates, bureauOffices, bureauStats, resolveAlarm } from './bureau/views';
import { importBundles } from './bureau/intake';

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
  | 'bureau.identity.export'
  | 'bureau.publish'
  | 'bureau.stats';

export function syncHandlers(host: HostHooks): Pick<Handlers, SyncMethods | BureauMethods> {
  return {
    'sync.status': (_input, ctx) => syncStatus(ctx),
    'sync.enroll': (input, ctx) => enrollOffice(ctx, input),
    'sync.settings.update': (input, ctx) => setUploadUrl(ctx, input.uploadUrl),
    'sync.export': (input, ctx, job) => exportToFolder(ctx, job, host.syncTables(), input),
    'sync.upload': (input, ctx, job) => uploadToBureau(ctx, job, host.syncTables(), input),
    'sync.receipt.import': (input, ctx) => importReceipt(ctx, host.bureauUpdates(), input),
    'bureau.init': (input, ctx) => initBureau(ctx, input),
    'bureau.enroll': (input, ctx) => bureauEnroll(ctx, input),
    'bureau.import': async (input, ctx, job) => {
      const folder = receiptFolder(ctx, input.receipts);
      const taken = await importBundles(ctx, job, host.syncTables(), input);
      return folder ? { ...taken, receipts: receiptsFor(ctx, taken.results, folder) } : taken;
    },
    'bureau.receipt': (input, ctx) => receiptToFolder(ctx, input),
    'bureau.offices': (_input, ctx) => bureauOffices(ctx, host.syncTables()),
    'bureau.alarms': (input, ctx) => bureauAlarms(ctx, input),
    'bureau.alarms.resolve': (input, ctx) => resolveAlarm(ctx, input),
    'bureau.duplicates': (input, ctx) => bureauDuplicates(ctx, input),
    'bureau.stats': (input, ctx) => bureauStats(ctx, host.bureauFigures(), input),
    'bureau.identity.export': (input, ctx) => exportIdentity(ctx, input),
    'bureau.publish': (input, ctx) => publish(ctx, host.bureauUpdates(), input),
  };
}
