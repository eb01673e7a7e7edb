/** 机构 office: first-run setup, identity and settings. */
import { z } from 'zod';
import { divisionCodeSchema, officeCodeSchema, officeNameSchema, passwordSchema, usernameSchema } from '../domain/office';
import { method } from './define';
import { versionSchema } from './common';

export const officeSchema = z.object({ code: z.string(), name: z.string(), divisionCode: z.string() });
export type Office = z.infer<typeof officeSchema>;

export const settingsSchema = z.object({
  idleLockMinutes: z.number().int(),
  lockoutThreshold: z.number().int(),
  lockoutMinutes: z.number().int(),
  version: versionSchema,
});
export type OfficeSettings = z.infer<typeof settingsSchema>;

export const setupInputSchema = z.object({
  office: z.object({ code: officeCodeSchema, name: officeNameSchema, divisionCode: divisionCodeSchema }),
  admin: z.object({
    username: usernameSchema,
    displayName: z.string().trim().min(1, { message: 'required' }).max(40, { message: 'too_long' }),
    password: passwordSchema,
  }),
});
export type SetupInput = z.infer<typeof setupInputSchema>;

export const officeContract = {
  'office.status': method({
    kind: 'query',
    access: 'public',
    whileLocked: true,
    input: z.object({}).strict(),
    output: z.object({
      initialized: z.boolean(),
      office: officeSchema.nullable(),
      appVersion: z.string(),
      /** 0 while the database is sealed or not yet created: its version is known once it is open. */
      schemaVersion: z.number().int(),
    }),
  }),
  /** The recovery key comes back once, here, to be printed and kept in the office safe; null for an unencrypted database. */
  'office.setup': method({ kind: 'mutation', access: 'public', input: setupInputSchema, output: officeSchema.extend({ recoveryKey: z.string().nullable() }) }),
  'office.settings.get': method({ kind: 'query', access: 'office.read', input: z.object({}).strict(), output: settingsSchema }),
  'office.settings.update': method({
    kind: 'mutation',
    access: 'office.manage',
    input: z.object({
      version: versionSchema,
      idleLockMinutes: z.number().int().min(1, { message: 'too_small' }).max(240, { message: 'too_big' }).optional(),
      lockoutThreshold: z.number().int().min(3, { message: 'too_small' }).max(20, { message: 'too_big' }).optional(),
      lockoutMinutes: z.number().int().min(1, { message: 'too_small' }).max(1440, { message: 'too_big' }).optional(),
    }),
    output: settingsSchema,
  }),
};
