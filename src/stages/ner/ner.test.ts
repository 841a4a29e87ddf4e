import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDoc } from '../../text/index.js';
import { parseConll, scoreSpans } from './conll.js';
import { analyseSentence, analyseToken, documentFeatures, emptyLexicon, phraseMarks, selfFeatures } from './features.js';
import { augmentMentions, prefixClass } from './augment.js';
import { readTriggers } from './lexicon.js';
import { ALLOWED, canonicalTag, isValidIob2, LABEL_INDEX, LABELS, NUM_LABELS, spansOf } from './labels.js';
import { emissions, NerModel, viterbi } from './model.js';
import { trainTagger } from './train.js';
import { spanCandidates, SpanModel } from './spans.js';
import { createNerStage, loadTagger, mentionName, mentionStart, tagSentences } from './index.js';

// A tiny CoNLL fixture (ANERcorp style: clitics attached, punctuation split off).
const FIXTURE = `
استقبل	O
الرئيس	O
العراقي	O
عبد	B-PERS
اللطيف	I-PERS
رشيد	I-PERS
في	O
بغداد	B-LOC
وفدا	O
من	O
حلف	B-ORG
شمال	I-ORG
الأطلسي	I-ORG
.	O

وقال	O
رشيد	B-PERS
إن	O
العراق	B-LOC
يرحب	O
بالناتو	B-ORG
.	O

زار	O
وزير	O
الخارجية	O
الفرنسي	O
جان	B-PERS
إيف	I-PERS
لودريان	I-PERS
القاهرة	B-LOC
أمس	O
.	O

وتلعب	O
الألعاب	B-MISC
الأولمبية	I-MISC
في	O
باريس	B-LOC
.	O
`;

describe('labels', () => {
  it.each([
    ['B-PERS', 'B-PER'],
    ['I-PER', 'I-PER'],
    ['b-loc', 'B-LOC'],
    ['O', 'O'],
    ['B-DATE', 'O'],
  ])('canonicalTag(%s) = %s', (tag, want) => expect(canonicalTag(tag)).toBe(want));

  it.each([
    [['B-PER', 'I-PER', 'O', 'B-LOC'], true],
    [['O', 'I-PER'], false],
    [['I-LOC'], false],
    [['B-PER', 'I-LOC'], false],
  ])('isValidIob2(%j) = %s', (tags, ok) => expect(isValidIob2(tags)).toBe(ok));

  it('reads spans the way conlleval does (an orphan I- starts an entity)', () => {
    expect(spansOf(['O', 'I-PER', 'I-PER', 'B-LOC', 'I-ORG'])).toEqual([
      { start: 1, end: 3, type: 'PER' },
      { start: 3, end: 4, type: 'LOC' },
      { start: 4, end: 5, type: 'ORG' },
    ]);
  });
});

describe('conll reading and scoring', () => {
  it('maps PERS to PER and scores exact spans', () => {
    const data = parseConll(FIXTURE);
    expect(data).toHaveLength(4);
    expect(data[0].tags[3]).toBe('B-PER');
    const gold = data.map((s) => s.tags);
    expect(scoreSpans(gold, gold).overall.f1).toBe(1);
    const pred = gold.map((t) => t.map(() => 'O'));
    pred[0][7] = 'B-LOC'; // بغداد right
    pred[0][3] = 'B-PER'; // عبد alone: wrong span
    const sc = scoreSpans(gold, pred);
    expect(sc.overall.tp).toBe(1);
    expect(sc.overall.fp).toBe(1);
    expect(sc.byType.LOC.tp).toBe(1);
  });
});

describe('training', () => {
  const data = parseConll(FIXTURE);
  it.each([[false], [true]])('learns a tiny fixture (stacked second pass: %s)', (stack) => {
    const lex = emptyLexicon();
    const model = trainTagger(data, lex, { epochs: 15, seed: 7, stack, folds: 2 });
    const pred = model.tagSentences(
      data.map((s) => s.tokens),
      lex,
    );
    expect(pred).toEqual(data.map((s) => s.tags));
  });

  it('is deterministic for a seed and survives a save/load round trip', () => {
    const lex = emptyLexicon();
    const a = trainTagger(data, lex, { epochs: 5, seed: 3, folds: 2 });
    const b = trainTagger(data, lex, { epochs: 5, seed: 3, folds: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'ner-'));
    a.save(join(dir, 'a.tsv.gz'));
    b.save(join(dir, 'b.tsv.gz'));
    const la = NerModel.load(join(dir, 'a.tsv.gz'));
    const lb = NerModel.load(join(dir, 'b.tsv.gz'));
    expect(Array.from(la.passes[1].w)).toEqual(Array.from(lb.passes[1].w));
    const tokens = data.map((s) => s.tokens);
    expect(la.tagSentences(tokens, lex)).toEqual(a.tagSentences(tokens, lex));
    rmSync(dir, { recursive: true, force: true });
  });

  it('averages several perceptrons (seeds) deterministically, and pruning keeps the tags here', () => {
    const lex = emptyLexicon();
    const a = trainTagger(data, lex, { epochs: 5, seed: 3, folds: 2, seeds: 3 });
    const b = trainTagger(data, lex, { epochs: 5, seed: 3, folds: 2, seeds: 3 });
    expect(Array.from(a.passes[1].w)).toEqual(Array.from(b.passes[1].w));
    const dir = mkdtempSync(join(tmpdir(), 'ner-'));
    const full = a.save(join(dir, 'a.tsv.gz'));
    const pruned = a.save(join(dir, 'p.tsv.gz'), 50);
    expect(pruned.features).toBeLessThan(full.features);
    const tokens = data.map((s) => s.tokens);
    expect(a.tagSentences(tokens, lex)).toEqual(data.map((s) => s.tags));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('mention-replacement augmentation', () => {
  const data = parseConll(FIXTURE);
  it('swaps mentions for others of the same type and clitic class, keeping the context and valid tags', () => {
    const { sentences, src } = augmentMentions(data, { copies: 2, p: 1, seed: 5 });
    expect(src).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    let changed = 0;
    for (let k = 0; k < sentences.length; k++) {
      const a = sentences[k];
      const o = data[src[k]];
      expect(isValidIob2(a.tags)).toBe(true);
      const as = spansOf(a.tags);
      const os = spansOf(o.tags);
      expect(as.map((x) => x.type)).toEqual(os.map((x) => x.type));
      // the words outside mentions are the same, in the same order
      const outside = (s: typeof a) => s.tokens.filter((_, i) => s.tags[i] === 'O');
      expect(outside(a)).toEqual(outside(o));
      for (let m = 0; m < as.length; m++) {
        const at = a.tokens.slice(as[m].start, as[m].end).join(' ');
        const ot = o.tokens.slice(os[m].start, os[m].end).join(' ');
        expect(prefixClass(at.split(' ')[0])).toBe(prefixClass(ot.split(' ')[0]));
        if (at !== ot) changed++;
      }
    }
    // p = 1: every mention with another of its type and class in the pool is replaced (PER, LOC here)
    expect(changed).toBeGreaterThan(4);
    // the same mention string gets the same replacement within a copy
    const three = parseConll('في\tO\nبغداد\tB-LOC\n\nمن\tO\nبغداد\tB-LOC\n\nإلى\tO\nباريس\tB-LOC\n');
    const aug = augmentMentions(three, { p: 1 }).sentences;
    expect(aug.map((x) => x.tokens[1])).toEqual(['باريس', 'باريس', 'بغداد']);
  });

  it('is deterministic, replaces nothing at p = 0, and only the asked types', () => {
    expect(augmentMentions(data, { seed: 3 })).toEqual(augmentMentions(data, { seed: 3 }));
    expect(augmentMentions(data, { p: 0 }).sentences).toEqual(data);
    const onlyLoc = augmentMentions(data, { p: 1, types: ['LOC'] }).sentences;
    for (let k = 0; k < data.length; k++) {
      for (let i = 0; i < data[k].tokens.length; i++) if (!data[k].tags[i].endsWith('LOC')) expect(onlyLoc[k].tokens[i]).toBe(data[k].tokens[i]);
    }
    expect(prefixClass('وللأمم')).toBe('ولل');
    expect(prefixClass('بالناتو')).toBe('بال');
    expect(prefixClass('بغداد')).toBe('');
  });

  it('trains with the copies, deterministically', () => {
    const lex = emptyLexicon();
    const a = trainTagger(data, lex, { epochs: 5, seed: 3, folds: 2, augment: { copies: 1, p: 1 } });
    const b = trainTagger(data, lex, { epochs: 5, seed: 3, folds: 2, augment: { copies: 1, p: 1 } });
    const plain = trainTagger(data, lex, { epochs: 5, seed: 3, folds: 2 });
    expect(Array.from(a.passes[1].w)).toEqual(Array.from(b.passes[1].w));
    expect(a.size).toBeGreaterThan(plain.size);
    expect(a.meta.augment).toEqual({ copies: 1, p: 1 });
  });
});

describe('quote marks', () => {
  it('marks the words between quotation marks with their place and the word before', () => {
    const lex = emptyLexicon();
    const toks = 'قدم برنامج « الناس وأنا » و فيلم " حلم " ثم قال ( كلام طويل جدا جدا جدا جدا جدا جدا جدا )'.split(' ');
    const marks = phraseMarks(
      toks.map((t) => analyseToken(t, lex)),
      lex,
    );
    expect(marks[3]).toEqual(['q1B2', 'qB|برنامج']);
    expect(marks[4]).toEqual(['q1E2', 'qE|برنامج']);
    expect(marks[9]).toEqual(['q2S1', 'qS|فيلم']);
    // a bracket that closes more than MAX_QUOTED words on gives no marks
    for (let i = 13; i < toks.length; i++) expect(marks[i]).toEqual([]);
    expect(marks[0]).toEqual([]);
  });
});

describe('the span pass', () => {
  const lex = emptyLexicon();
  const doc = ['فاز فريق العربي على الوكرة .', 'وسجل نادي العربي هدفا في برنامج « الناس وأنا » .', 'وقال سالم إن العربي قوي .'].map((s) => s.split(' '));
  const infos = doc.map((toks) => toks.map((t) => analyseToken(t, lex)));
  const O = (s: number) => new Int32Array(doc[s].length);
  const text = (c: { s: number; start: number; end: number }) => doc[c.s].slice(c.start, c.end).join(' ');

  it('proposes the words after a head word, quoted runs and their echoes, only where every token is O', () => {
    const labels = [O(0), O(1), O(2)];
    labels[2][1] = LABEL_INDEX.get('B-PER')!; // سالم
    const cands = spanCandidates(infos, labels, lex, 10);
    const at = (s: number, t: string) => cands.find((c) => c.s === s && text(c) === t);
    expect(at(0, 'العربي')?.feats).toContain('s2'); // after فريق
    expect(at(0, 'فريق العربي')?.feats).toContain('s4'); // with the head word
    expect(at(1, 'الناس وأنا')?.feats).toEqual(expect.arrayContaining(['s1', 'q|p=برنامج']));
    // العربي of the third sentence follows no head word: proposed because it does elsewhere
    expect(at(2, 'العربي')?.feats).toEqual(expect.arrayContaining(['s128', 'e=فريق', 'e=نادي']));
    expect(cands.some((c) => c.s === 2 && c.start <= 1 && c.end > 1)).toBe(false);
    expect(cands.some((c) => !infos[c.s][c.start].core || !infos[c.s][c.end - 1].core)).toBe(false);
  });

  it('adds the spans its weights prefer, best first, without overlaps or invalid IOB2', () => {
    const labels = [O(0), O(1), O(2)];
    labels[0][4] = LABEL_INDEX.get('B-ORG')!; // الوكرة, tagged by the token passes
    // ORG for a word seen after فريق; a weaker MISC for «فريق العربي»; O elsewhere
    const w = new Map<string, Float32Array>([
      ['b', Float32Array.from([1, 0, 0, 0, 0])],
      ['e=فريق', Float32Array.from([0, 0, 0, 3, 0])],
      ['all=فريق العربي', Float32Array.from([0, 0, 0, 0, 2])],
    ]);
    new SpanModel(w).apply(infos, labels, lex, 10);
    const tags = labels.map((y) => Array.from(y, (k) => LABELS[k]));
    expect(tags[0]).toEqual(['O', 'O', 'B-ORG', 'O', 'B-ORG', 'O']);
    expect(tags[1][2]).toBe('B-ORG');
    expect(tags[2]).toEqual(['O', 'O', 'O', 'B-ORG', 'O', 'O']);
    for (const t of tags) expect(isValidIob2(t)).toBe(true);
  });

  it('trains from the fixture deterministically and survives a save/load round trip', () => {
    // the fixture and sentences with head words (clubs after فريق, a programme's title in quotes)
    const extra = [
      ['فاز فريق العربي على الوكرة .', 'O O B-ORG O B-ORG O'],
      ['وقال مدرب فريق السد إن الفوز مهم .', 'O O O B-ORG O O O O'],
      ['وعمل فريق الإنقاذ طويلا .', 'O O O O O'],
      ['وقدم برنامج « الناس وأنا » أمس .', 'O O O B-MISC I-MISC O O O'],
    ].map(([t, g]) => ({ tokens: t.split(' '), tags: g.split(' ') }));
    const data = [...parseConll(FIXTURE), ...extra];
    const a = trainTagger(data, lex, { epochs: 5, seed: 3, folds: 2, spans: true });
    const b = trainTagger(data, lex, { epochs: 5, seed: 3, folds: 2, spans: true });
    expect(a.spans!.weights.size).toBeGreaterThan(0);
    expect([...a.spans!.weights.entries()].map(([k, v]) => [k, Array.from(v)])).toEqual([...b.spans!.weights.entries()].map(([k, v]) => [k, Array.from(v)]));
    const dir = mkdtempSync(join(tmpdir(), 'ner-'));
    a.save(join(dir, 'a.tsv.gz'));
    const la = NerModel.load(join(dir, 'a.tsv.gz'));
    expect(la.spans!.weights.size).toBeGreaterThan(0);
    const tokens = [...data.map((s) => s.tokens), ...doc];
    expect(la.tagSentences(tokens, lex)).toEqual(a.tagSentences(tokens, lex));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('trigger statistics', () => {
  it('reads the buckets and gives them to a word and its clitic forms', () => {
    const lex = emptyLexicon();
    readTriggers('# header\nالاهلي\t0 0 3 1\nاولمرت\t0 4 0 0\n', '<t>', lex);
    expect(lex.triggers.get('الاهلي')).toBe((3 << 6) | (1 << 9));
    const t = analyseToken('للأهلي', lex);
    expect(t.trig).toBe(lex.triggers.get('الاهلي'));
    const f = selfFeatures(t, 'للأهلي', lex);
    expect(f).toContain('tg2=3');
    expect(f).toContain('tg3=1');
    expect(analyseToken('بغداد', lex).trig).toBe(0);
    expect(() => readTriggers('x\t9 0 0 0\n', '<t>', lex)).toThrow();
  });
});

describe('decoding', () => {
  it('never emits invalid IOB2, whatever the weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 12 * NUM_LABELS, maxLength: 12 * NUM_LABELS }),
        fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: (NUM_LABELS + 1) * NUM_LABELS, maxLength: (NUM_LABELS + 1) * NUM_LABELS }),
        (n, e, t) => {
          const y = viterbi(Float64Array.from(e.slice(0, n * NUM_LABELS)), Float64Array.from(t), n);
          return isValidIob2(Array.from(y, (k) => LABELS[k]));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('allows I-X only after B-X or I-X', () => {
    const L = NUM_LABELS;
    expect(ALLOWED[0 * L + LABELS.indexOf('I-PER')]).toBe(0); // at the start
    expect(ALLOWED[(LABELS.indexOf('B-PER') + 1) * L + LABELS.indexOf('I-PER')]).toBe(1);
    expect(ALLOWED[(LABELS.indexOf('B-LOC') + 1) * L + LABELS.indexOf('I-PER')]).toBe(0);
  });
});

describe('the committed model', () => {
  const tagger = loadTagger();
  const split = (s: string) => s.split(' ');
  const found = (s: string) => {
    const toks = split(s);
    const tags = tagSentences(tagger, [toks])[0];
    expect(isValidIob2(tags)).toBe(true);
    return spansOf(tags).map((x) => `${x.type}:${toks.slice(x.start, x.end).join(' ')}`);
  };

  it.each([
    ['استقبل رئيس الوزراء محمد شياع السوداني قائد بعثة الناتو في بغداد', ['LOC:بغداد']],
    ['وقال الرئيس الأمريكي جو بايدن إن الولايات المتحدة ستدعم أوكرانيا', ['PER:جو بايدن', 'LOC:الولايات المتحدة', 'LOC:أوكرانيا']],
    ['أعلنت وزارة الخارجية السعودية في الرياض عن زيارة الأمين العام للأمم المتحدة', ['LOC:الرياض']],
  ])('tags «%s»', (sentence, want) => {
    const got = found(sentence);
    for (const w of want) expect(got).toContain(w);
  });

  it('finds the prime minister as a person (at least his given names)', () => {
    // «السوداني» is also the nisba «the Sudanese»: the tagger may leave it out
    expect(found('استقبل رئيس الوزراء محمد شياع السوداني قائد بعثة الناتو في بغداد').some((x) => x.startsWith('PER:محمد شياع'))).toBe(true);
  });

  it('has every feature weight a whole multiple of 2^-30 below 64, so summed weights are exact in any order', () => {
    // a token's emission sums at most a few hundred weights: < 2^23, within float64's 53 bits at 2^-30
    for (const { w } of tagger.model.passes) {
      let ok = true;
      for (const v of w) ok &&= Number.isInteger(v * 2 ** 30) && Math.abs(v) < 64;
      expect(ok).toBe(true);
    }
  });

  it('tags as the plain reference does (feature rows, emissions, Viterbi per pass, then any span pass), with cold or warm caches', () => {
    const doc = [
      'استقبل رئيس الوزراء محمد شياع السوداني قائد بعثة الناتو في بغداد',
      'وقال الرئيس الأمريكي جو بايدن إن الولايات المتحدة ستدعم أوكرانيا',
      'وأكد السوداني أن بغداد تدعم جهود الأمم المتحدة ، وقال بايدن للصحفيين في واشنطن',
      'أعلنت وزارة الخارجية السعودية في الرياض عن زيارة الأمين العام للأمم المتحدة',
      'وقالت صحيفة « نيويورك تايمز » إن برنامج " حوار من القلب " يذاع على قناة ( أوربت )',
      'وقدم برنامج « حكايات المساء » على شاشة « الأولى » أمس',
    ].map(split);
    const { model, lexicon: lex } = tagger;
    const an = doc.map((s) => analyseSentence(s, lex));
    const y1 = an.map((a, k) => {
      const { ids, offs } = model.featureIds(a.feats, a.keys);
      return viterbi(emissions(model.passes[0].w, ids, offs, doc[k].length), model.passes[0].t, doc[k].length);
    });
    const extra = documentFeatures(
      an.map((a) => a.infos),
      y1,
      10,
    );
    const e2 = an.map((a, k) => {
      const { ids, offs } = model.featureIds(a.feats, a.keys, extra[k]);
      return emissions(model.passes[1].w, ids, offs, doc[k].length);
    });
    const y2 = e2.map((e, k) => viterbi(e, model.passes[1].t, doc[k].length));
    // then the span pass (when the model has one), on the second pass's labels and emission scores
    model.spans?.apply(
      an.map((a) => a.infos),
      y2,
      lex,
      10,
      model.meta.spanScores ? e2 : undefined,
    );
    const want = y2.map((y) => Array.from(y, (x) => LABELS[x]));
    model.clearCaches(lex);
    expect(model.tagSentences(doc, lex, 10)).toEqual(want);
    expect(model.tagSentences(doc, lex, 10)).toEqual(want);
  });

  it('finds NATO and the ministry as organisations', () => {
    expect(found('استقبل رئيس الوزراء محمد شياع السوداني قائد بعثة الناتو في بغداد').some((x) => /^ORG:.*الناتو/.test(x) || /^LOC:.*الناتو/.test(x))).toBe(true);
    expect(found('أعلنت وزارة الخارجية السعودية في الرياض عن زيارة الأمين العام للأمم المتحدة').some((x) => x.startsWith('ORG:'))).toBe(true);
  });
});

describe('the stage', () => {
  it.each([
    ['وبغداد', 'بغداد'],
    ['والعراق', 'العراق'],
    ['بالناتو', 'الناتو'],
    ['للأمم', 'للأمم'],
    ['لبنان', 'لبنان'],
  ])('a mention starting with «%s» reads «%s»', (word, want) => {
    const doc = createDoc({ text: word });
    const t = doc.tokens[0];
    expect(doc.text.slice(mentionStart(t, doc.text), t.end)).toBe(want);
  });

  it.each([
    ['لوكاس', 'لوكاس'],
    ['ولوكاس', 'لوكاس'],
    ['وبغداد', 'بغداد'],
  ])('a person mention starting with «%s» reads «%s» (a name may begin with ب/ك/ل)', (word, want) => {
    const doc = createDoc({ text: word });
    const t = doc.tokens[0];
    expect(doc.text.slice(mentionStart(t, doc.text, 'PER'), t.end)).toBe(want);
  });

  it('names a mention by its normalised text', () => {
    expect(mentionName('للأمم المتحدة')).toBe('الامم المتحده');
  });

  it('fills doc.entities with one entity per mention, spans exact', () => {
    const text =
      'استقبل رئيس الوزراء محمد شياع السوداني، اليوم، قائد بعثة الناتو في بغداد.\nوقال السوداني إن العراق يرحب بالتعاون مع حلف شمال الأطلسي.';
    const doc = createDoc({ text });
    createNerStage().run(doc);
    expect(doc.entities.length).toBeGreaterThan(2);
    doc.entities.forEach((e, i) => {
      expect(e.id).toBe(`e${i + 1}`);
      expect(e.kb).toBeNull();
      expect(['PER', 'ORG', 'LOC', 'MISC']).toContain(e.type);
      expect(e.mentions).toHaveLength(1);
      const m = e.mentions[0];
      expect(doc.text.slice(m.start, m.end)).toBe(m.text);
    });
    const texts = doc.entities.map((e) => `${e.type}:${e.mentions[0].text}`);
    expect(texts.some((x) => x.startsWith('PER:محمد شياع'))).toBe(true);
    expect(texts).toContain('LOC:بغداد');
    expect(texts).toContain('LOC:العراق');
  });

  it.each([[''], ['...'], ['Hello from London.'], ['١٢٣ ٤٥']])('finds nothing in «%s» without failing', (text) => {
    const doc = createDoc({ text });
    createNerStage().run(doc);
    expect(doc.entities).toEqual([]);
  });

  it('skips boilerplate but reads the byline', () => {
    const text = 'ليث الجنيدي/ الأناضول\nاستقبل الرئيس العراقي عبد اللطيف رشيد في بغداد وفدا أمريكيا.\nاضف تعليق';
    const doc = createDoc({ text });
    doc.boilerplate = [{ start: 0, end: 22, kind: 'byline' }, { start: text.length - 9, end: text.length, kind: 'comments' }];
    createNerStage().run(doc);
    expect(doc.entities.every((e) => e.mentions[0].start < text.length - 9)).toBe(true);
    createNerStage({ bylines: false }).run(doc);
    expect(doc.entities.every((e) => e.mentions[0].start >= 22)).toBe(true);
  });
});
