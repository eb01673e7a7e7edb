/** 养老服务 settings and code tables (facility kinds, the ten-assistance services). */
import { z } from 'zod';
import { method } from '../define';
import { versionSchema } from '../common';
import { CODE_TABLES } from '../../domain/eldercare/codes';
import { eldercareSettingsSchema } from '../../domain/eldercare/settings';
import { codeSchema } from './common';

export const eldercareSettingsOutputSchema = eldercareSettingsSchema.extend({ version: versionSchema.nullable() });

export const codeRowSchema = z.object({
  table: z.enum(CODE_TABLES),
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  active: z.boolean(),
  /** Shipped with the app (its code cannot be removed, only retired) rather than added by the office. */
  builtIn: z.boolean(),
  sort: z.number().int(),
});
export type CodeRow = z.infer<typeof codeRowSchema>;

export const eldercareSettingsContract = {
  'eldercare.settings.get': method({ kind: 'query', access: 'records.read', input: z.object({}).strict(), output: eldercareSettingsOutputSchema }),
  'eldercare.settings.update': method({
    kind: 'mutation',
    access: 'office.manage',
    /** The whole settings object (version null: the office still has the defaults). */
    input: eldercareSettingsSchema.extend({ version: versionSchema.nullable() }),
    output: eldercareSettingsOutputSchema,
  }),
  'eldercare.codes.list': method({ kind: 'query', access: 'records.read', input: z.object({ table: z.enum(CODE_TABLES).optional() }).strict(), output: z.array(codeRowSchema) }),
  'eldercare.codes.save': method({
    kind: 'mutation',
    access: 'office.manage',
    input: z.object({
      table: z.enum(CODE_TABLES),
      code: codeSchema,
      zh: z.string().trim().min(1).max(40),
      en: z.string().trim().min(1).max(80),
      active: z.boolean(),
      sort: z.number().int().min(0).max(9999).optional(),
    }),
    output: codeRowSchema,
  }),
};
