/** 居民 residents: the register clerks type into all day (households and grids have their own sections). */
import { z } from 'zod';
import { method } from './define';
import { idSchema, isoDateSchema, optionalText, timestampSchema, versionSchema } from './common';
import { householdChoiceSchema } from './households';
import {
  DISABILITY_CATEGORIES,
  DISABILITY_GRADES,
  EMPLOYMENT_STATUSES,
  HEALTH_STATUSES,
  HUKOU_TYPES,
  LOW_INCOME_CATEGORIES,
  MARITAL_STATUSES,
  RELATIONS,
  RESIDENT_STATUSES,
  RESIDENT_TAGS,
  SEXES,
  idNumberSchema,
  phoneSchema,
} from '../domain/residents';

const isoDate = isoDateSchema;
const nameSchema = z
  .string()
  .transform((v) => v.normalize('NFKC').trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, { message: 'required' }).max(40, { message: 'too_long' }));

/** Fields a clerk edits; the ID's birth date, sex and division are derived, never typed. */
export const residentFieldsSchema = z.object({
  name: nameSchema,
  phone: phoneSchema.optional().nullable(),
  phone2: phoneSchema.optional().nullable(),
  address: optionalText(120),
  gridId: idSchema.optional().nullable(),
  ethnicity: optionalText(20),
  maritalStatus: z.enum(MARITAL_STATUSES).optional().nullable(),
  hukouType: z.enum(HUKOU_TYPES).optional().nullable(),
  employment: z.enum(EMPLOYMENT_STATUSES).optional().nullable(),
  healthStatus: z.enum(HEALTH_STATUSES).optional().nullable(),
  livingAlone: z.boolean().optional(),
  emptyNest: z.boolean().optional(),
  leftBehind: z.boolean().optional(),
  seriousIllness: z.boolean().optional(),
  disabilityCert: z.string().trim().optional().nullable(),
  disabilityCategory: z.union(DISABILITY_CATEGORIES.map((n) => z.literal(n))).optional().nullable(),
  disabilityGrade: z.union(DISABILITY_GRADES.map((n) => z.literal(n))).optional().nullable(),
  lowIncomeCategory: z.enum(LOW_INCOME_CATEGORIES).optional().nullable(),
  notes: optionalText(1000),
});

export const residentSchema = z.object({
  id: idSchema,
  version: versionSchema,
  name: z.string(),
  /** Masked (640202********123X) unless revealed through residents.revealId. */
  idNumberMasked: z.string(),
  idLegacy: z.boolean(),
  birthDate: z.string(),
  sex: z.enum(SEXES),
  age: z.number().int(),
  divisionCode: z.string(),
  phone: z.string().nullable(),
  phone2: z.string().nullable(),
  address: z.string().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  householdId: z.string().nullable(),
  relation: z.enum(RELATIONS).nullable(),
  ethnicity: z.string().nullable(),
  maritalStatus: z.enum(MARITAL_STATUSES).nullable(),
  hukouType: z.enum(HUKOU_TYPES).nullable(),
  employment: z.enum(EMPLOYMENT_STATUSES).nullable(),
  healthStatus: z.enum(HEALTH_STATUSES).nullable(),
  livingAlone: z.boolean(),
  emptyNest: z.boolean(),
  leftBehind: z.boolean(),
  seriousIllness: z.boolean(),
  disabilityCertMasked: z.string().nullable(),
  disabilityCategory: z.number().int().nullable(),
  disabilityGrade: z.number().int().nullable(),
  lowIncomeCategory: z.enum(LOW_INCOME_CATEGORIES).nullable(),
  notes: z.string().nullable(),
  status: z.enum(RESIDENT_STATUSES),
  statusDate: z.string().nullable(),
  tags: z.array(z.enum(RESIDENT_TAGS)),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Resident = z.infer<typeof residentSchema>;

export const residentFiltersSchema = z.object({
  gridId: idSchema.optional(),
  tag: z.enum(RESIDENT_TAGS).optional(),
  lowIncomeCategory: z.enum(LOW_INCOME_CATEGORIES).optional(),
  status: z.enum(RESIDENT_STATUSES).optional(),
  ageMin: z.number().int().min(0).max(130).optional(),
  ageMax: z.number().int().min(0).max(130).optional(),
});
export type ResidentFilters = z.infer<typeof residentFiltersSchema>;

export const MATCH_KINDS = ['id_exact', 'name_exact', 'name_prefix', 'pinyin', 'id_suffix', 'phone', 'address', 'name_part'] as const;
export const searchHitSchema = residentSchema.extend({ match: z.enum(MATCH_KINDS) });
export type SearchHit = z.infer<typeof searchHitSchema>;

export const RESIDENT_SORTS = ['registered', 'name', 'age', 'updated'] as const;

export const likelyDuplicateSchema = z.object({ id: idSchema, name: z.string(), idNumberMasked: z.string(), reason: z.enum(['name_birth', 'name_phone']) });

export const residentCreateSchema = residentFieldsSchema.extend({ idNumber: idNumberSchema, household: householdChoiceSchema });

export const residentsContract = {
  'residents.search': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({
      query: z.string().max(60, { message: 'too_long' }).default(''),
      filters: residentFiltersSchema.default({}),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ items: z.array(searchHitSchema) }),
  }),
  /** Pages for the virtualized list: sort and filters on an index, total for the scrollbar. */
  'residents.list': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({
      filters: residentFiltersSchema.default({}),
      sort: z.enum(RESIDENT_SORTS).default('registered'),
      descending: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      /** Count every matching row (`total`)? A scrolled-to page needs only its rows: at 500,000 the count is most of a page's cost. */
      withTotal: z.boolean().default(true),
    }),
    output: z.object({ items: z.array(residentSchema), total: z.number().int().nullable() }),
  }),
  'residents.get': method({ kind: 'query', access: 'records.read', input: z.object({ id: idSchema }), output: residentSchema }),
  /** Likely duplicates (same name + birth date, or name + phone), shown before save. */
  'residents.checkDuplicates': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ name: z.string().trim().min(1), idNumber: z.string().optional(), phone: z.string().optional(), excludeId: idSchema.optional() }),
    output: z.array(likelyDuplicateSchema),
  }),
  'residents.create': method({ kind: 'mutation', access: 'records.write', input: residentCreateSchema, output: residentSchema }),
  'residents.update': method({
    kind: 'mutation',
    access: 'records.write',
    input: residentFieldsSchema.partial().extend({ id: idSchema, version: versionSchema, idNumber: idNumberSchema.optional() }),
    output: residentSchema,
  }),
  'residents.setStatus': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ id: idSchema, version: versionSchema, status: z.enum(RESIDENT_STATUSES), date: isoDate }),
    output: residentSchema,
  }),
  /** Show a full ID number: permission-checked and recorded (who, whose, when). */
  'residents.revealId': method({
    kind: 'mutation',
    access: 'records.revealId',
    input: z.object({ id: idSchema, purpose: z.enum(['view', 'edit', 'print']).default('view') }),
    output: z.object({ idNumber: z.string(), disabilityCert: z.string().nullable() }),
  }),
  /** A supervisor merges a duplicate record into the one kept; the other becomes a tombstone pointing at it. */
  'residents.merge': method({
    kind: 'mutation',
    access: 'records.approve',
    input: z.object({ keepId: idSchema, keepVersion: versionSchema, mergeId: idSchema, mergeVersion: versionSchema }),
    output: residentSchema,
  }),
};
