/**
 * What the search index holds for a resident: pinyin read in surname mode (单 shan, 曾 zeng), every
 * mix of initials and full syllables so any of them finds the name by prefix, name tails for the
 * given name, ID and phone tails, and address bigrams.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigrams, buildSearchDocument, nameSyllables, pinyinSortKey, pinyinTokens } from '../../electron/core/residents/search/document';

/** Does a pinyin query (as planSearch sends it: a prefix) find this name? */
const findsByPinyin = (name: string, query: string) => pinyinTokens(name).some((token) => token.startsWith(query));

describe('pinyin of names', () => {
  it('reads polyphonic surnames as surnames', () => {
    expect(nameSyllables('单雄信')).toEqual(['shan', 'xiong', 'xin']);
    expect(nameSyllables('曾国藩')).toEqual(['zeng', 'guo', 'fan']);
    expect(nameSyllables('解放')[0]).toBe('xie');
    expect(nameSyllables('仇英')[0]).toBe('qiu');
    expect(nameSyllables('吕梅')).toEqual(['lv', 'mei']);
    // …but a polyphonic character inside the given name keeps its ordinary reading.
    expect(nameSyllables('张单')).toEqual(['zhang', 'dan']);
  });

  it('zs, zhs, zhsan, zhangs and zhangsan all find 张三; nothing out of order or misspelt does', () => {
    for (const query of ['z', 'zs', 'zhs', 'zsan', 'zhsan', 'zhang', 'zhangs', 'zhangsa', 'zhangsan']) expect(findsByPinyin('张三', query), query).toBe(true);
    for (const query of ['s', 'sz', 'zangsan', 'zhangshan', 'zhangsanf', 'ch']) expect(findsByPinyin('张三', query), query).toBe(false);
  });

  it('compound surnames and three-character names mix forms syllable by syllable', () => {
    for (const query of ['oyx', 'ouyx', 'ouyangx', 'oyangxiu', 'ouyangxiu']) expect(findsByPinyin('欧阳修', query), query).toBe(true);
    for (const query of ['zsf', 'zhsf', 'zsanf', 'zhangsanfeng', 'zhsfeng']) expect(findsByPinyin('张三丰', query), query).toBe(true);
    // Five syllables or more: only the whole reading and the initials, to keep the index small.
    expect(pinyinTokens('阿依古丽娜')).toEqual(['ayigulina', 'aygln']);
  });

  it('for any name of common characters: the initials and the full reading each find it, and the tokens are letters only', () => {
    const chars = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董单伟芳娜敏静秀英华强军磊洋勇艳杰娟涛明超兰霞平刚桂';
    const name = fc.array(fc.constantFrom(...chars), { minLength: 2, maxLength: 4 }).map((c) => c.join(''));
    fc.assert(
      fc.property(name, (n) => {
        const syllables = nameSyllables(n);
        expect(syllables).toHaveLength(n.length);
        const tokens = pinyinTokens(n);
        expect(tokens).toContain(syllables.join(''));
        expect(findsByPinyin(n, syllables.map((s) => s[0]).join(''))).toBe(true);
        expect(tokens.every((t) => /^[a-z]+$/.test(t))).toBe(true);
        expect(new Set(tokens).size).toBe(tokens.length);
      }),
    );
  });

  it('names in latin letters index as themselves, and the sort key puts the reading first', () => {
    expect(pinyinTokens('Anna')).toEqual(['anna']);
    expect(pinyinSortKey('张三')).toBe('zhangsan 张三');
  });
});

describe('the search document', () => {
  it('holds name tails, ID tails (lower-case x), phone tails and address bigrams', () => {
    const doc = buildSearchDocument({ name: '欧阳娜娜', idNumber: '64020519721103001X', phone: '13995123456', phone2: '09522012345', address: '朝阳街3号' });
    expect(doc.name.split(' ')).toEqual(['欧阳娜娜', '阳娜娜', '娜娜', '娜']);
    expect(doc.py.split(' ')).toContain('oynna'); // the last syllable is always whole: 'oynn' finds it as a prefix
    expect(doc.idn.split(' ')).toEqual(['64020519721103001x', '001x', '3001x', '03001x']);
    expect(doc.phone.split(' ')).toEqual(['13995123456', '3456', '09522012345', '2345']);
    expect(doc.addr.split(' ')).toEqual(['朝阳', '阳街', '街3', '3号']);
  });

  it('bigrams ignore punctuation and spacing; a single character stays itself', () => {
    expect(bigrams('朝阳街（3号）')).toEqual(['朝阳', '阳街', '街3', '3号']);
    expect(bigrams('  康 乐 ')).toEqual(['康乐']);
    expect(bigrams('区')).toEqual(['区']);
    expect(bigrams('')).toEqual([]);
  });
});
