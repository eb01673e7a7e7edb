/**
 * 老年人能力评估 (GB/T 42195-2022 "老年人能力评估规范"): four first-level indicators, summed to a
 * total of 0–90, and five ability levels.
 *
 * NOT CONFIRMED against the standard's text: the indicator maxima and the level bands below are the
 * figures commonly quoted for GB/T 42195-2022 (自理能力 0–32, 基础运动能力 0–16, 精神状态 0–28,
 * 感知觉与社会参与 0–14; total 90 = 能力完好, 66–89 轻度失能, 46–65 中度失能, 30–45 重度失能,
 * 0–29 完全失能); the searchable sources available when this was written did not print them. They
 * are kept in this one table so a correction is one edit. The standard also lowers the level for some
 * single findings (e.g. coma → 完全失能); the assessor records such a level directly (an assessment
 * with a level and no scores), which the app accepts as given.
 */

export const ASSESSMENT_LEVELS = ['intact', 'mild', 'moderate', 'severe', 'complete'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

export const ASSESSMENT_INDICATORS = ['selfCare', 'motor', 'mental', 'perception'] as const;
export type AssessmentIndicator = (typeof ASSESSMENT_INDICATORS)[number];
export type AssessmentScores = Record<AssessmentIndicator, number>;

/** The highest score of each first-level indicator (see the note above). */
export const INDICATOR_MAX: Readonly<Record<AssessmentIndicator, number>> = {
  selfCare: 32, // 自理能力
  motor: 16, // 基础运动能力
  mental: 28, // 精神状态
  perception: 14, // 感知觉与社会参与
};

export const TOTAL_MAX = ASSESSMENT_INDICATORS.reduce((sum, k) => sum + INDICATOR_MAX[k], 0);

/** Level bands by total score, best first: a total of at least `minTotal` (and below the band above) is this level. */
export const LEVEL_BANDS: readonly { level: AssessmentLevel; minTotal: number; maxTotal: number }[] = [
  { level: 'intact', minTotal: 90, maxTotal: 90 }, // 能力完好
  { level: 'mild', minTotal: 66, maxTotal: 89 }, // 轻度失能
  { level: 'moderate', minTotal: 46, maxTotal: 65 }, // 中度失能
  { level: 'severe', minTotal: 30, maxTotal: 45 }, // 重度失能
  { level: 'complete', minTotal: 0, maxTotal: 29 }, // 完全失能
];

export function totalScore(scores: AssessmentScores): number {
  return ASSESSMENT_INDICATORS.reduce((sum, k) => sum + scores[k], 0);
}

/** The level a total falls in. */
export function levelForTotal(total: number): AssessmentLevel {
  for (const band of LEVEL_BANDS) if (total >= band.minTotal) return band.level;
  return 'complete';
}

export function levelFromScores(scores: AssessmentScores): AssessmentLevel {
  return levelForTotal(totalScore(scores));
}

/** Worse levels sort later: intact 0 … complete 4. */
export function levelRank(level: AssessmentLevel): number {
  return ASSESSMENT_LEVELS.indexOf(level);
}
