import { describe, expect, it } from 'vitest';
import { readLinkedRequest } from './openurl-citation';

describe('the resolver’s interlibrary-loan link', () => {
  it('reads an article of a journal as a copy request with its part', () => {
    const link = new URLSearchParams(
      'url_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal&rft.genre=article&rft.atitle=%E8%AE%BA%E7%BA%A2%E6%A5%BC%E6%A2%A6&rft.jtitle=%E6%96%87%E5%AD%A6%E8%AF%84%E8%AE%BA&rft.au=%E5%BC%A0%E4%B8%89&rft.issn=0511-4683&rft.date=1985-03&rft.volume=12&rft.issue=3&rft.spage=45&rft.epage=60&cluster=17',
    );
    expect(readLinkedRequest(link)).toEqual({
      clusterId: 17,
      citation: { title: '文学评论', author: '张三', issn: '0511-4683', year: 1985 },
      draft: { service: 'copy', articleTitle: '论红楼梦', pages: '45-60', volume: '12', issue: '3' },
    });
  });

  it('reads an OpenURL 0.1 book link, leaving out a number that is not an ISBN', () => {
    const link = new URLSearchParams('sid=CNKI&genre=book&title=Dream+of+the+Red+Chamber&aulast=Cao&aufirst=Xueqin&isbn=not-a-number&date=1982');
    expect(readLinkedRequest(link)).toEqual({
      clusterId: null,
      citation: { title: 'Dream of the Red Chamber', author: 'Cao, Xueqin', year: 1982 },
      draft: {},
    });
  });

  it('has no citation without a title', () => {
    expect(readLinkedRequest(new URLSearchParams('rft.isbn=9787020002207')).citation).toBeNull();
  });
});
