// The third batch of dated facts (data/time/facts.tsv): office terms and named groups/events.
import { describe, expect, it } from 'vitest';
import { createDoc } from '../../text/index.js';
import { createTemporalStage } from '../temporal/index.js';
import { createDatelineStage } from './index.js';

const dateline = createDatelineStage({ now: '2026-11-22' });
createTemporalStage();

// [text, earliest, latest] of the inferred window (horizon 2026-11-22); an office's window runs
// some days past the term's end (news of a holder who has just left)
describe('dated facts (third batch)', () => {
  it.each<[string, string, string]>([
    ['وقال وزير الداخلية التركي سليمان صويلو إن قوات الأمن اعتقلت المشتبه بهم.', '2016-08-31', '2023-06-17'],
    ['وأعلن رئيس الوزراء السوري عماد خميس عن خطة لإعادة الإعمار.', '2016-06-22', '2020-06-24'],
    ['وقالت المتحدثة باسم البيت الأبيض سارة ساندرز إن الرئيس سيرد.', '2017-07-21', '2019-07-14'],
    ['التقى المفوض السامي للأمم المتحدة لشؤون اللاجئين فيليبو غراندي بعدد من اللاجئين.', '2016-01-01', '2026-02-13'],
    ['وقال رئيس البرلمان الإيراني علي لاريجاني إن بلاده لن تتفاوض.', '2008-05-28', '2020-06-10'],
    // a group named from the day it was formed
    ['وتسيطر هيئة تحرير الشام على الجزء الأكبر من إدلب.', '2017-01-28', '2026-11-22'],
    ['وشاركت قوات الحشد الشعبي في العمليات.', '2014-06-13', '2026-11-22'],
    ['ودعا الطرفان إلى العودة إلى اتفاق الصخيرات.', '2015-12-17', '2026-11-22'],
  ])('%s', (text, earliest, latest) => {
    const doc = createDoc({ text });
    dateline.run(doc);
    expect(doc.published).toMatchObject({ basis: 'inferred', earliest, latest });
    expect(doc.published!.evidence.length).toBeGreaterThan(0);
  });
});
