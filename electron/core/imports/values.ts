/**
 * Reading coded values the way clerks type them: 男/女, 户主/本人/妻/长子, 城镇/非农业, 是/否/√ …
 * Every export label of ours (both languages) is recognized too, so an export imports back as it was.
 */
import { CODE_TABLES, type CodeOf, type CodeTable } from '../../../shared/domain/import-issues';
import { catalogs } from '../../../shared/i18n';
import { headerKey } from './cells';

/** Local words for each code, beyond our own labels. */
const WORDS: { [T in CodeTable]: Partial<Record<CodeOf<T>, string[]>> } = {
  sex: { male: ['男', '男性', 'm', '1'], female: ['女', '女性', 'f', '2'] },
  relation: {
    head: ['户主', '本人', '户主本人', 'self'],
    spouse: ['配偶', '妻', '妻子', '夫', '丈夫', '之妻', '之夫', '老伴', 'wife', 'husband'],
    child: [
      '子', '女', '儿子', '女儿', '之子', '之女', '长子', '次子', '三子', '四子', '长女', '次女', '三女', '四女', '独生子', '独生女',
      '养子', '养女', '继子', '继女', '子女', 'son', 'daughter',
    ],
    parent: ['父亲', '母亲', '父', '母', '父母', 'father', 'mother'],
    grandchild: ['孙子', '孙女', '外孙', '外孙子', '外孙女', '孙', 'grandson', 'granddaughter'],
    sibling: ['兄', '弟', '姐', '妹', '兄弟', '姐妹', '兄弟姐妹', '哥哥', '弟弟', '姐姐', '妹妹', 'brother', 'sister'],
    other: ['其他', '其它', '儿媳', '女婿', '岳父', '岳母', '公公', '婆婆', '祖父', '祖母', '外祖父', '外祖母', '侄子', '侄女', '外甥', '外甥女'],
  },
  maritalStatus: { unmarried: ['未婚'], married: ['已婚', '初婚', '再婚', '复婚', '有配偶'], widowed: ['丧偶'], divorced: ['离婚', '离异'] },
  hukouType: { urban: ['城镇', '城市', '城镇户口', '非农', '非农业', '非农业户口', '城镇居民'], rural: ['农村', '农业', '农业户口', '农村户口', '农村居民'] },
  employment: {
    employed: ['在业', '就业', '在职', '务工', '务农'],
    flexible: ['灵活就业'],
    unemployed: ['失业', '无业', '待业'],
    retired: ['退休', '离退休', '离休'],
    student: ['学生', '在校', '在校生', '在读'],
    preschool: ['学龄前', '学龄前儿童'],
    unable: ['丧失劳动能力', '无劳动能力', '无劳动力'],
  },
  healthStatus: { healthy: ['健康', '良好'], chronic: ['慢性病', '患慢性病'], serious: ['重病', '大病', '重大疾病', '患重病'], disabled: ['残疾'] },
  lowIncomeCategory: {
    dibao: ['低保', '低保户', '低保对象', '城市低保', '农村低保'],
    tekun: ['特困', '特困供养', '五保', '五保户'],
    dibao_marginal: ['低保边缘', '低保边缘户'],
    rigid_expenditure: ['刚性支出', '刚性支出困难'],
    relapse_monitoring: ['防返贫', '防返贫监测', '监测户', '防止返贫监测'],
    other_low_income: ['其他低收入', '其他低收入人口'],
  },
};

const indexes = new Map<CodeTable, Map<string, string>>();

function indexOf(table: CodeTable): Map<string, string> {
  let index = indexes.get(table);
  if (index) return index;
  index = new Map();
  for (const code of CODE_TABLES[table]) {
    const words: string[] = [code, ...((WORDS[table] as Record<string, string[] | undefined>)[code] ?? [])];
    for (const catalog of Object.values(catalogs)) words.push((catalog.imports.values[table] as Record<string, string>)[code]);
    for (const word of words) if (word) index.set(headerKey(word), code);
  }
  indexes.set(table, index);
  return index;
}

/** The code a clerk's word stands for, or undefined when it is none of them. */
export function readCode<T extends CodeTable>(table: T, text: string): CodeOf<T> | undefined {
  return indexOf(table).get(headerKey(text)) as CodeOf<T> | undefined;
}

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1', '√', '✓', '✔', 'v']);
const NO = new Set(['否', '无', '不是', 'n', 'no', 'false', '0', '×', '✗', 'x']);

/** 是/否, yes/no, √/×, 1/0 … — and our own export labels for each. */
export function readFlag(text: string): boolean | undefined {
  const key = text.normalize('NFKC').trim().toLowerCase();
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  for (const catalog of Object.values(catalogs)) {
    if (key === catalog.imports.values.flag.yes.toLowerCase()) return true;
    if (key === catalog.imports.values.flag.no.toLowerCase()) return false;
  }
  return undefined;
}

/** Words for "none" in an optional coded column (低收入类别: 无). */
export function isNone(text: string): boolean {
  return ['无', '否', '-', '—', '/', 'none', 'n/a'].includes(text.normalize('NFKC').trim().toLowerCase());
}
