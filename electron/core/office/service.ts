import type { SectionHandlers } from '../handlers';
import { ContractFailure } from '../errors';
import { uuidv7 } from '../ids';
import { schemaVersion } from '../db/migrate';
import { hashPassword, insertUser } from '../accounts';
import { findOffice, findSettings, insertOffice, insertSettings, updateSettings } from './repository';
import { recordAudit } from '../audit';

export const officeHandlers: SectionHandlers<'office'> = {
  'office.status': (_input, ctx) => {
    const office = findOffice(ctx.db);
    return {
      initialized: office !== undefined,
      office: office ? { code: office.code, name: office.name, divisionCode: office.divisionCode } : null,
      appVersion: ctx.services.appVersion,
      schemaVersion: schemaVersion(ctx.db),
    };
  },

  /** First run (初始化): the office, its settings and the first administrator, in one transaction. */
  'office.setup': (input, ctx) => {
    if (findOffice(ctx.db)) throw new ContractFailure('ALREADY_INITIALIZED');
    const w = ctx.write();
    const officeId = uuidv7();
    insertOffice(w, officeId, input.office);
    insertSettings(w, uuidv7());
    const adminId = uuidv7();
    insertUser({ ...w, userId: adminId }, adminId, {
      username: input.admin.username,
      displayName: input.admin.displayName,
      role: 'admin',
      passwordHash: hashPassword(input.admin.password, ctx.services.passwordCostLog2),
    });
    // Written last, inside the transaction: if writing the slots fails, no office exists either.
    recordAudit(ctx, 'office.setup', { code: input.office.code, divisionCode: input.office.divisionCode, encrypted: ctx.services.vault.encrypted }, {
      user: { id: adminId, username: input.admin.username },
      entity: 'office',
      entityId: officeId,
    });
    const recoveryKey = ctx.services.vault.completeSetup(input.office, { userId: adminId, username: input.admin.username, password: input.admin.password });
    return { ...input.office, recoveryKey };
  },

  'office.settings.get': (_input, ctx) => {
    const settings = findSettings(ctx.db);
    if (!settings) throw new ContractFailure('NOT_INITIALIZED');
    const { id: _id, ...rest } = settings;
    return rest;
  },

  'office.settings.update': (input, ctx) => {
    const settings = findSettings(ctx.db);
    if (!settings) throw new ContractFailure('NOT_INITIALIZED');
    const { version, ...patch } = input;
    updateSettings(ctx.write(), settings.id, version, patch);
    const { id: _id, ...rest } = findSettings(ctx.db)!;
    // The sealed door (next start, every CLI call) cannot read the settings: it keeps the rule beside the database.
    ctx.services.sealedFailures.setRule({ lockoutThreshold: rest.lockoutThreshold, lockoutMinutes: rest.lockoutMinutes });
    return rest;
  },
};
