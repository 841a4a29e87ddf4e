// published.best: the single day the evidence argues for inside an inferred window.
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../pipeline/doc.js';
import { validateAnalysis } from '../../pipeline/schema/index.js';
import { createDoc } from '../../text/index.js';
import { createTemporalStage } from '../temporal/index.js';
import { createDatelineStage } from './index.js';

const dateline = createDatelineStage({ now: '2026-11-22' });
// the pipeline makes both time stages (the temporal one registers the time words the tokens mark)
createTemporalStage();
function run(text: string, published: string | null = null): Doc {
  const doc = createDoc({ text, published });
  dateline.run(doc);
  return doc;
}

describe('published.best', () => {
  it.each<[string, string, RegExp]>([
    // the latest day named as past, moved on to the weekday the text gives the dateline
    // (14 October 2018 was a Sunday; «اليوم الاثنين»: the dateline is a Monday)
    ['قال مسؤول اليوم الاثنين إن الاجتماع الذي عقد في 14 أكتوبر 2018 انتهى دون اتفاق.', '2018-10-15', /latest day named.*Monday/],
    // the latest of two days named; the one still ahead (future tense) is not a candidate
    ['وأعلنت اللجنة في 3 مايو 2018 تأجيل الانتخابات التي جرت أولى جولاتها في 12 مارس 2018، وستجرى الجولة الثانية في 20 ديسمبر 2018.', '2018-05-03', /latest day named/],
    // a day named without its year, in a window of one year («عام 2018 الجاري»)
    ['وتستمر الاحتجاجات في عام 2018 الجاري، وقال المتظاهرون إنهم تجمعوا في 5 مارس أمام البرلمان.', '2018-03-05', /latest day named/],
    // «أمس الأحد» with «الأحد 14 أكتوبر 2018»: a window of one day
    ['وقال الوزير أمس الأحد 14 أكتوبر 2018 إن المفاوضات مستمرة.', '2018-10-15', /one day/],
    // no day named, a short window: its middle, on the weekday given (the Mondays of October 2018)
    ['قال مسؤول أمس الأحد إن المهام ستنتهي في أكتوبر الجاري من عام 2018 الجاري.', '2018-10-15', /middle/],
  ])('%s', (text, best, why) => {
    const doc = run(text);
    const p = doc.published!;
    expect(p.best).toBeDefined();
    expect(p.best!.date).toBe(best);
    expect(p.best!.why).toMatch(why);
    // inside the window, and `date` stays null unless the window is one day
    expect(p.best!.date >= p.earliest! && p.best!.date <= p.latest!).toBe(true);
    if (p.earliest !== p.latest) expect(p.date).toBeNull();
    for (const e of p.best!.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
  });

  it('none for a wide window with no day named', () => {
    expect(run('ويعود سبب التأجيل لجائحة كورونا.').published!.best).toBeUndefined();
    expect(run('التقى رئيس الوزراء العراقي حيدر العبادي الرئيس الأمريكي دونالد ترامب في واشنطن.').published!.best).toBeUndefined();
  });

  it.each<[string, string | null]>([
    // a window open to the horizon with no day named: the last day of the latest month or year
    // named as past or with no tense
    ['وكانت الشركة قد أعلنت في أغسطس 2016 عن خطتها، وحققت أرباحا قياسية عام 2017.', '2017-12-31'],
    ['وتراجعت المبيعات في أغسطس 2016 بعد أن بلغت ذروتها عام 2015.', '2016-08-31'],
    // a year after the horizon's is not a candidate; one before the window's start neither
    ['وستفتتح المحطة في عام 2027، بعد أن بدأ العمل فيها عام 2019.', '2019-12-31'],
    // the latest year written in digits, whatever the matcher made of it («منذ 2014», a
    // competition's year): measured, it argues better than the matched dates alone
    ['وتعمل الشركة في السوق منذ 2014 وافتتحت فرعها الأول عام 2012.', '2014-12-31'],
    ['وشارك اللاعب في تصفيات كأس العالم 2018 مع منتخب بلاده.', '2018-12-31'],
    // a window bounded at both ends (Obama in office): its middle stands, no best day
    ['وقال الرئيس الأمريكي باراك أوباما إن الاتفاق وقع عام 2013.', null],
  ])('wide windows: %s', (text, best) => {
    const p = run(text).published!;
    if (best == null) expect(p.best).toBeUndefined();
    else {
      expect(p.best?.date).toBe(best);
      expect(p.best!.why).toMatch(/latest (month or year|year written)/);
      expect(p.best!.date >= p.earliest! && p.best!.date <= p.latest!).toBe(true);
    }
  });

  it('none for a given dateline', () => {
    expect(run('وقال الوزير في 14 أكتوبر 2018 إن المفاوضات مستمرة.', '2018-10-20').published!.best).toBeUndefined();
  });

  it('a day named without its year is not placed in a wide window with no month named', () => {
    // the window is open (a lower bound only): no year can be argued for «5 مارس»
    expect(run('وقال المتظاهرون إنهم تجمعوا في 5 مارس أمام مقر تنظيم داعش.').published!.best).toBeUndefined();
  });
});
