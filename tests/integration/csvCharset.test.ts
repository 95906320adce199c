import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE_HEADER, TestApp } from '../support/harness';

/**
 * CSV uploads are decoded in slices (admin/api/csvBody.ts): UTF-8 by default, a leading BOM dropped, a character
 * split across slices kept whole, the declared charset honoured (GBK from older Excel exports), an unknown one refused.
 */
describe('CSV upload decoding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => t.destroy());

  const post = (body: Buffer, contentType: string) =>
    fetch(`${t.url}/api/people/import`, { method: 'POST', headers: { cookie: t.cookie, 'x-csrf-token': t.csrf, 'content-type': contentType }, body: new Uint8Array(body) });

  it('reads UTF-8 with a BOM and a name split across the 256 KB slices, and GBK when declared', async () => {
    // the first employee number is padded until the slice seam (byte 262,144) falls inside a three-byte character
    const build = (pad: number) => {
      const rows = Array.from({ length: 4000 }, (_, i) => `E${i === 0 ? 'x'.repeat(pad) : ''}${i},张三丰${i},p${i}@example.com,研发部,,rnd,Asia/Shanghai,zh-CN,,,employee`);
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([PEOPLE_HEADER, ...rows].join('\n'))]);
    };
    let pad = 0;
    while ((build(pad)[256 * 1024] & 0xc0) !== 0x80) pad++;
    const utf8 = build(pad);
    expect(pad).toBeLessThan(80);
    const res = await post(utf8, 'text/csv');
    expect(res.status).toBe(200);
    expect(t.sql(`select count(*) as n from people where name like '张三丰%'`)).toEqual([{ n: 4000 }]);
    expect(t.sql(`select count(*) as n from people where name not like '张三丰%' and email like 'p%@example.com'`)).toEqual([{ n: 0 }]);

    // 你好 in GBK is C4 E3 BA C3
    const gbk = Buffer.concat([Buffer.from(`${PEOPLE_HEADER}\nG1,`), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from(',gbk@example.com,研发部,,rnd,Asia/Shanghai,zh-CN,,,employee'.replace('研发部', 'RD'))]);
    expect((await post(gbk, 'text/csv; charset=gbk')).status).toBe(200);
    expect(t.sql(`select name from people where email = 'gbk@example.com'`)).toEqual([{ name: '你好' }]);
  });

  it('refuses a charset it does not know with 415 and changes nothing', async () => {
    const before = t.sql(`select count(*) as n from people`);
    const res = await post(Buffer.from(`${PEOPLE_HEADER}\nX1,x,x@example.com,RD,,rnd,Asia/Shanghai,zh-CN,,,employee`), 'text/csv; charset=klingon');
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    expect(t.sql(`select count(*) as n from people`)).toEqual(before);
  });
});
