/** 户 households: members and relations, moves, splits (分户) and merges (合户), with history. */
import { z } from 'zod';
import { method } from './define';
import { idSchema, optionalText, versionSchema } from './common';
import { RELATIONS, RESIDENT_STATUSES, SEXES } from '../domain/residents';

export const householdMemberSchema = z.object({
  residentId: idSchema,
  name: z.string(),
  relation: z.enum(RELATIONS),
  idNumberMasked: z.string(),
  age: z.number().int(),
  sex: z.enum(SEXES),
  status: z.enum(RESIDENT_STATUSES),
});

export const householdSchema = z.object({
  id: idSchema,
  version: versionSchema,
  address: z.string().nullable(),
  gridId: z.string().nullable(),
  headResidentId: z.string().nullable(),
  members: z.array(householdMemberSchema),
  /** Who was a member when (户籍变动历史). */
  history: z.array(
    z.object({ residentId: z.string(), name: z.string(), relation: z.enum(RELATIONS), from: z.string(), to: z.string().nullable() }),
  ),
});
export type Household = z.infer<typeof householdSchema>;

/** Registering someone: into a new household of their own (as its head), or joining one. */
export const householdChoiceSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('new'), address: optionalText(120), gridId: idSchema.optional().nullable() }),
  z.object({ mode: z.literal('existing'), householdId: idSchema, relation: z.enum(RELATIONS).exclude(['head']) }),
]);

export const householdsContract = {
  'households.get': method({ kind: 'query', access: 'records.read', input: z.object({ id: idSchema }), output: householdSchema }),
  /**
   * One person's membership periods in every household they belonged to, oldest first — including
   * households since closed by a merge or by their last member leaving (`closed`), so a split or a
   * merge never hides where someone was registered before.
   */
  'households.periodsOf': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ residentId: idSchema }),
    output: z.array(
      z.object({ householdId: z.string(), address: z.string().nullable(), closed: z.boolean(), relation: z.enum(RELATIONS), from: z.string(), to: z.string().nullable() }),
    ),
  }),
  'households.update': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ id: idSchema, version: versionSchema, address: optionalText(120), gridId: idSchema.optional().nullable() }),
    output: householdSchema,
  }),
  /** Move a person into another household (or a new one of their own, as its head). */
  'households.moveMember': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({
      residentId: idSchema,
      to: z.discriminatedUnion('mode', [
        z.object({ mode: z.literal('existing'), householdId: idSchema, relation: z.enum(RELATIONS).exclude(['head']) }),
        z.object({ mode: z.literal('new'), address: optionalText(120), gridId: idSchema.optional().nullable() }),
      ]),
      newHeadId: idSchema.optional(),
    }),
    output: householdSchema,
  }),
  'households.setHead': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ id: idSchema, version: versionSchema, headResidentId: idSchema, relations: z.record(z.string(), z.enum(RELATIONS)).default({}) }),
    output: householdSchema,
  }),
  /**
   * Split: the named members leave to a new household headed by `newHeadId` (分户), at `address` and
   * `gridId` (the old household's when left out; a null grid means none), each leaver's relation to
   * the new head in `relations` (else "other"). If the head leaves, `remainingHeadId` heads the old one.
   */
  'households.split': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({
      id: idSchema,
      version: versionSchema,
      memberIds: z.array(idSchema).min(1),
      newHeadId: idSchema,
      address: optionalText(120),
      gridId: idSchema.optional().nullable(),
      relations: z.record(z.string(), z.enum(RELATIONS)).default({}),
      remainingHeadId: idSchema.optional(),
    }),
    output: householdSchema,
  }),
  /**
   * Merge: every member of `mergeId` joins `keepId` (合户); the emptied household is closed.
   * `headId` (a member of either; else the kept household's head) heads the result, and `relations`
   * says how the others relate to that head (incoming members default to "other").
   */
  'households.merge': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({
      keepId: idSchema,
      keepVersion: versionSchema,
      mergeId: idSchema,
      mergeVersion: versionSchema,
      relations: z.record(z.string(), z.enum(RELATIONS)).default({}),
      headId: idSchema.optional(),
    }),
    output: householdSchema,
  }),
};
