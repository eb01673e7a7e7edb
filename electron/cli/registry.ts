/**
 * The CLI's registry: every `civicdesk` command, in the order help lists them, one line per
 * command file under ./commands (a test fails when a command there is missing from this list).
 * Adding a module's commands: its file under ./commands and its line here.
 */
import type { Command } from './command';
import { initCommand } from './commands/init';
import { dbInfoCommand } from './commands/db-info';
import { dbRekeyCommand } from './commands/db-rekey';
import { demoCommand } from './commands/demo';
import { idcardCheckCommand, residentsSearchCommand } from './commands/residents';
import { residentsExportCommand, residentsImportCommand } from './commands/import-export';
import { backupCommand, restoreCommand, verifyCommand } from './commands/backup';
import { auditVerifyCommand } from './commands/audit';
import { previewCommand } from './commands/preview';
import { eldercareImportCompoundsCommand, eldercareImportFacilitiesCommand } from './commands/eldercare-import';
import { eldercareCoverageCommand } from './commands/eldercare-coverage';
import { eldercareStatsCommand } from './commands/eldercare-stats';
import { bureauEnrollCommand, bureauIdentityCommand, bureauInitCommand, bureauPublishCommand, bureauReceiptCommand, bureauStatusCommand } from './commands/bureau';
import { auditHeadCommand, bundleExportCommand, bundleInspectCommand, officeEnrollCommand, receiptImportCommand } from './commands/sync';
import { bureauImportCommand } from './commands/bureau-import';
import { bundleUploadCommand } from './commands/bundle-upload';
import { bureauServeCommand } from './commands/bureau-serve';

export const COMMANDS: readonly Command[] = [
  initCommand,
  dbInfoCommand,
  dbRekeyCommand,
  demoCommand,
  residentsSearchCommand,
  residentsImportCommand,
  residentsExportCommand,
  idcardCheckCommand,
  backupCommand,
  restoreCommand,
  verifyCommand,
  auditVerifyCommand,
  previewCommand,
  eldercareImportFacilitiesCommand,
  eldercareImportCompoundsCommand,
  eldercareCoverageCommand,
  eldercareStatsCommand,
  bureauInitCommand,
  bureauEnrollCommand,
  bureauReceiptCommand,
  bureauStatusCommand,
  bureauIdentityCommand,
  bureauPublishCommand,
  officeEnrollCommand,
  bundleExportCommand,
  bundleInspectCommand,
  receiptImportCommand,
  auditHeadCommand,
  bureauImportCommand,
  bundleUploadCommand,
  bureauServeCommand,
];
