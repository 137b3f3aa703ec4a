import { describe, expect, it } from 'vitest';
import { describeRecord, type DisplayRecord } from './describe-record';

const field = (tag: string, ind: string, ...subfields: [string, string][]) => ({ tag, ind1: ind[0], ind2: ind[1], subfields: subfields.map(([code, value]) => ({ code, value })) });

describe('what a reader reads about a union record', () => {
  it('takes the title, names and imprint in their own script from the linked 880s, romanised title beside', () => {
    const record: DisplayRecord = {
      library: 'CN-JLU',
      localId: 'demo-01242',
      flavour: 'marc21',
      leader: '01116cam a2200325 a 4500',
      fields: [
        { tag: '001', value: 'demo-01242' },
        field('020', '  ', ['a', '7020002207 (pbk.)']),
        field('100', '1 ', ['6', '880-01'], ['a', 'Liu, Shaoji.']),
        field('245', '10', ['6', '880-02'], ['a', 'Zhongguo zhe xue xin lun ='], ['b', 'A new view of the Chinese philosophy /'], ['c', 'Liu Shaoji zhu.']),
        field('260', '  ', ['6', '880-04'], ['a', 'Taibei Shi :'], ['b', 'Shi jie shu ju,'], ['c', '1985.']),
        field('300', '  ', ['a', '424 p. :'], ['b', 'ill. ;'], ['c', '27 cm.']),
        field('650', ' 0', ['a', 'Philosophy, Chinese.']),
        field('880', '1 ', ['6', '100-01/$1'], ['a', '劉　紹基.']),
        field('880', '10', ['6', '245-02/$1'], ['a', '中國　哲學　新論 ='], ['b', 'A new view of the Chinese philosophy /']),
        field('880', '  ', ['6', '260-04/$1'], ['a', '台北市 :'], ['b', '世界　書局,'], ['c', '1985.']),
      ],
    };
    expect(describeRecord(record)).toMatchObject({
      title: '中國哲學新論 = A new view of the Chinese philosophy',
      romanisedTitle: 'Zhongguo zhe xue xin lun = A new view of the Chinese philosophy',
      authors: ['劉紹基'],
      publication: '台北市 : 世界書局, 1985',
      physical: '424 p. : ill. ; 27 cm',
      subjects: ['Philosophy, Chinese'],
      isbns: ['7020002207'],
    });
  });

  it('reads a UNIMARC record from its own tags', () => {
    const record: DisplayRecord = {
      library: 'CN-NLC',
      localId: '1',
      flavour: 'unimarc',
      leader: '00000nam0 2200000   450 ',
      fields: [
        field('010', '  ', ['a', '978-7-02-000220-7'], ['d', 'CNY59.70']),
        field('200', '1 ', ['a', '红楼梦'], ['f', '曹雪芹著']),
        field('210', '  ', ['a', '北京'], ['c', '人民文学出版社'], ['d', '1982']),
        field('701', ' 0', ['a', '曹雪芹']),
      ],
    };
    expect(describeRecord(record)).toMatchObject({ title: '红楼梦', romanisedTitle: null, authors: ['曹雪芹'], publication: '北京 : 人民文学出版社, 1982', isbns: ['978-7-02-000220-7'] });
  });
});
