/**
 * 养老服务 — older residents: the list (60+, derived from the register, never re-typed), the worklist,
 * care profiles, capability assessments (GB/T 42195-2022) and eligibility lists (高龄津贴, the
 * home-care service subsidy). Rules: shared/domain/eldercare/{care,assessment}.ts.
 */
import { z } from 'zod';
import { method } from '../define';
import { idSchema, optionalText, timestampSchema, versionSchema } from '../common';
import { phoneSchema } from '../../domain/residents';
import { codeSchema, isoDate, personRefSchema } from './common';
import { orderSchema } from './orders';
import { ASSESSMENT_LEVELS, INDICATOR_MAX } from '../../domain/eldercare/assessment';
import { CONTACT_RELATIONS, LIVING_SITUATIONS } from '../../domain/eldercare/care';

const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'eldercare.month' });

/** One row of the older-residents list (and of the worklist). */
export const olderResidentSchema = z.object({
  person: personRefSchema,
  age: z.number().int(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  /** From the care profile; null = no profile yet. */
  living: z.enum(LIVING_SITUATIONS).nullable(),
  /** The register's own flag (居民 living alone), shown while there is no profile. */
  registerLivingAlone: z.boolean(),
  hasProfile: z.boolean(),
  /** The latest assessment's level and dates; null = never assessed. */
  level: z.enum(ASSESSMENT_LEVELS).nullable(),
  lastAssessedOn: z.string().nullable(),
  nextAssessmentDue: z.string().nullable(),
  facilityId: z.string().nullable(),
  facilityName: z.string().nullable(),
});
export type OlderResident = z.infer<typeof olderResidentSchema>;

export const emergencyContactSchema = z.object({
  name: z.string().trim().min(1, { message: 'required' }).max(40, { message: 'too_long' }),
  relation: z.enum(CONTACT_RELATIONS),
  phone: phoneSchema,
});

export const careProfileSchema = z.object({
  id: idSchema,
  version: versionSchema,
  residentId: idSchema,
  living: z.enum(LIVING_SITUATIONS),
  /** Service codes they need. */
  careNeeds: z.array(z.string()),
  emergencyContacts: z.array(z.object({ name: z.string(), relation: z.enum(CONTACT_RELATIONS), phone: z.string() })),
  facilityId: z.string().nullable(),
  facilityName: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type CareProfile = z.infer<typeof careProfileSchema>;

const score = (max: number) => z.number().int().min(0, { message: 'eldercare.score_range' }).max(max, { message: 'eldercare.score_range' });
export const assessmentScoresSchema = z.object({
  /** 自理能力 */
  selfCare: score(INDICATOR_MAX.selfCare),
  /** 基础运动能力 */
  motor: score(INDICATOR_MAX.motor),
  /** 精神状态 */
  mental: score(INDICATOR_MAX.mental),
  /** 感知觉与社会参与 */
  perception: score(INDICATOR_MAX.perception),
});

export const assessmentSchema = z.object({
  id: idSchema,
  version: versionSchema,
  residentId: idSchema,
  assessedOn: z.string(),
  assessor: z.string(),
  scores: z
    .object({ selfCare: z.number().int(), motor: z.number().int(), mental: z.number().int(), perception: z.number().int() })
    .nullable(),
  total: z.number().int().nullable(),
  level: z.enum(ASSESSMENT_LEVELS),
  nextDue: z.string(),
  notes: z.string().nullable(),
  createdAt: timestampSchema,
});
export type CareAssessment = z.infer<typeof assessmentSchema>;

export const eligibilityEntrySchema = z.object({
  kind: z.enum(['allowance', 'homeCareSubsidy']),
  monthlyCents: z.number().int(),
  /** The allowance band (ages) that applies; null for the subsidy. */
  fromAge: z.number().int().nullable(),
  toAge: z.number().int().nullable(),
  /** The level that qualifies for the subsidy; null for the allowance. */
  level: z.enum(ASSESSMENT_LEVELS).nullable(),
});

export const careViewSchema = z.object({
  person: personRefSchema,
  age: z.number().int(),
  residentStatus: z.enum(['active', 'moved_out', 'deceased']),
  /** 60 or over: only older residents have a profile. */
  isOlder: z.boolean(),
  registerLivingAlone: z.boolean(),
  profile: careProfileSchema.nullable(),
  /** Newest first. */
  assessments: z.array(assessmentSchema),
  /** What they are eligible for this month. */
  eligibility: z.array(eligibilityEntrySchema),
  /** The latest orders, newest first (at most 20). */
  recentOrders: z.array(orderSchema),
});
export type CareView = z.infer<typeof careViewSchema>;

export const worklistEntrySchema = olderResidentSchema.extend({
  /** The latest delivered service's done date (the person-time rule), null = none. */
  lastContactOn: z.string().nullable(),
  /** Their birthday this month (the turning-60/80 lists). */
  birthdayOn: z.string(),
});
const worklistGroup = z.object({ total: z.number().int(), items: z.array(worklistEntrySchema) });

export const eligibilityRowSchema = z.object({
  person: personRefSchema,
  age: z.number().int(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  fromAge: z.number().int().nullable(),
  toAge: z.number().int().nullable(),
  level: z.enum(ASSESSMENT_LEVELS).nullable(),
  monthlyCents: z.number().int(),
});

export const careContract = {
  /** Older residents (60+, active in the register), with what their profile and latest assessment say. */
  'eldercare.older.list': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({
      /** Name prefix. */
      query: z.string().trim().max(40, { message: 'too_long' }).optional(),
      /** 'none' = no profile yet. */
      living: z.enum([...LIVING_SITUATIONS, 'none']).optional(),
      /** 'none' = never assessed. */
      level: z.enum([...ASSESSMENT_LEVELS, 'none']).optional(),
      ageFrom: z.number().int().min(60).max(130).optional(),
      ageTo: z.number().int().min(60).max(130).optional(),
      gridId: idSchema.optional(),
      facilityId: idSchema.optional(),
      ...page,
    }),
    output: z.object({ items: z.array(olderResidentSchema), total: z.number().int() }),
  }),
  /**
   * What needs doing (today by the office's clock): assessments due (never assessed with a profile, or
   * the next one due by the end of this month), living alone with no contact in aloneNoContactDays,
   * turning 60 or 80 this month. Each list gives its total and at most `limit` rows.
   */
  'eldercare.worklist': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ gridId: idSchema.optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({
      today: z.string(),
      assessmentsDue: worklistGroup,
      aloneNoContact: worklistGroup,
      turning60ThisMonth: worklistGroup,
      turning80ThisMonth: worklistGroup,
    }),
  }),
  /** The care panel of a resident's page (any resident: isOlder says whether a profile may be made). */
  'eldercare.profile.get': method({ kind: 'query', access: 'records.read', input: z.object({ residentId: idSchema }), output: careViewSchema }),
  /** Create (no version) or update a care profile; refused for a resident under 60. */
  'eldercare.profile.save': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({
      residentId: idSchema,
      version: versionSchema.optional().nullable(),
      living: z.enum(LIVING_SITUATIONS),
      careNeeds: z.array(codeSchema).max(30).default([]),
      emergencyContacts: z.array(emergencyContactSchema).max(5).default([]),
      facilityId: idSchema.optional().nullable(),
      notes: optionalText(1000),
    }),
    output: careViewSchema,
  }),
  /** Record an assessment: the four scores (the level follows from the total), or a level alone. */
  'eldercare.assessments.add': method({
    kind: 'mutation',
    access: 'records.write',
    input: z
      .object({
        residentId: idSchema,
        assessedOn: isoDate,
        assessor: z.string().trim().min(1, { message: 'required' }).max(40, { message: 'too_long' }),
        scores: assessmentScoresSchema.optional().nullable(),
        level: z.enum(ASSESSMENT_LEVELS).optional().nullable(),
        notes: optionalText(500),
      })
      .refine((v) => !!v.scores || !!v.level, { message: 'eldercare.assessment_needs_level', path: ['level'] }),
    output: assessmentSchema,
  }),
  /** Remove an assessment recorded by mistake. */
  'eldercare.assessments.delete': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ id: idSchema, version: versionSchema }),
    output: z.object({ id: idSchema }),
  }),
  /** Who is eligible in a month (judged on its last day): band or level, the monthly amount, totals. */
  'eldercare.eligibility': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ kind: z.enum(['allowance', 'homeCareSubsidy']), month: monthSchema, gridId: idSchema.optional(), ...page }),
    output: z.object({
      kind: z.enum(['allowance', 'homeCareSubsidy']),
      month: z.string(),
      /** false: the city pays no such thing (no bands, or the subsidy switched off in settings). */
      enabled: z.boolean(),
      items: z.array(eligibilityRowSchema),
      total: z.number().int(),
      totalCents: z.number().int(),
      /** Per allowance band, or per qualifying level for the subsidy. */
      groups: z.array(z.object({ fromAge: z.number().int().nullable(), toAge: z.number().int().nullable(), level: z.enum(ASSESSMENT_LEVELS).nullable(), people: z.number().int(), cents: z.number().int() })),
    }),
  }),
};
