/**
 * The similarity tokenizer (src/domain/terms.ts): examples for each rule, then properties over arbitrary text —
 * the indexer runs on whatever a sender typed, and the index's upserts are only idempotent if terms are
 * deterministic.
 */
import fc from 'fast-check';
import { MAX_TERM_LENGTH, MAX_TERMS_PER_SIGNAL, STOP_WORDS, stem, termsOf, tokenize } from '../../src/domain/terms';
import { evidenceScore, RECENCY_E_FOLDING_MS } from '../../src/domain/evidence';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const termNames = (text: string): string[] => termsOf(text).map(({ term }) => term);

describe('tokenize', () => {
  it('lowercases and splits on anything but letters and numbers, across scripts', () => {
    expect(tokenize('Export to CSV, fails—again! (v2.3)')).toEqual(['export', 'to', 'csv', 'fails', 'again', 'v2', '3']);
    expect(tokenize('Überweisung fehlgeschlagen; 請求書 エラー')).toEqual(['überweisung', 'fehlgeschlagen', '請求書', 'エラー']);
  });

  it('folds compatibility forms (full-width letters) and drops apostrophes inside words', () => {
    expect(tokenize('Ｅｘｐｏｒｔ can’t don\'t')).toEqual(['export', 'cant', 'dont']);
  });
});

describe('stem', () => {
  it.each([
    ['exports', 'export'],
    ['exporting', 'export'],
    ['exported', 'export'],
    ['invoices', 'invoice'],
    ['batches', 'batch'],
    ['companies', 'company'],
    ['stopped', 'stop'],
    ['running', 'run'],
    ['installed', 'install'],
    ['address', 'address'],
    ['status', 'status'],
    ['analysis', 'analysis'],
    ['bus', 'bus'],
    ['sing', 'sing'],
    ['red', 'red'],
    ['agreed', 'agreed'],
  ])('%s → %s', (word, stemmed) => {
    expect(stem(word)).toBe(stemmed);
  });

  it('leaves words outside a–z alone (the rules are English ones)', () => {
    expect(stem('façades')).toBe('façades');
    expect(stem('請求書')).toBe('請求書');
  });
});

describe('termsOf', () => {
  it('drops stop words and one-character tokens, and folds inflections into one term', () => {
    expect(termNames('The export is failing and the exports failed: I need a fix')).toEqual(['export', 'fail', 'fix']);
  });

  it('weights a term by 1 + ln(how often it occurs), heaviest first, ties by term', () => {
    expect(termsOf('sso sso sso sso login login audit')).toEqual([
      { term: 'sso', weight: 1 + Math.log(4) },
      { term: 'login', weight: 1 + Math.log(2) },
      { term: 'audit', weight: 1 },
    ]);
  });

  it('keeps at most MAX_TERMS_PER_SIGNAL terms, the heaviest', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`);
    const terms = termsOf(`${words.join(' ')} word99 word99`);
    expect(terms).toHaveLength(MAX_TERMS_PER_SIGNAL);
    expect(terms[0]).toEqual({ term: 'word99', weight: 1 + Math.log(3) });
  });

  it('cuts a long token to MAX_TERM_LENGTH without splitting a surrogate pair', () => {
    // U+20000, a CJK letter outside the BMP (two UTF-16 units) that NFKC leaves alone, straddling the cut.
    const long = `${'a'.repeat(63)}\u{20000}${'b'.repeat(10)}`;
    const [term] = termNames(long);
    expect(term).toBe('a'.repeat(63));
    expect(termNames('x'.repeat(200))).toEqual(['x'.repeat(MAX_TERM_LENGTH)]);
  });

  it('answers no terms for text with nothing but stop words and punctuation', () => {
    expect(termsOf('The, and / or — of it!!')).toEqual([]);
    expect(termsOf('')).toEqual([]);
  });
});

describe('termsOf properties', () => {
  const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 }));

  it('never throws, and gives the same terms for the same text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(termsOf(text)).toEqual(termsOf(text));
      }),
      { numRuns: 500 },
    );
  });

  it('answers only terms of 2 to 64 characters, never a stop word, no more than the cap, each once, with weight ≥ 1', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const terms = termsOf(text);
        expect(terms.length).toBeLessThanOrEqual(MAX_TERMS_PER_SIGNAL);
        expect(new Set(terms.map(({ term }) => term)).size).toBe(terms.length);
        for (const { term, weight } of terms) {
          expect(term.length).toBeGreaterThanOrEqual(2);
          expect(term.length).toBeLessThanOrEqual(MAX_TERM_LENGTH);
          expect(STOP_WORDS.has(term)).toBe(false);
          expect(weight).toBeGreaterThanOrEqual(1);
          // A lone surrogate would not store as utf8mb4; terms are always well-formed text.
          expect(term).not.toMatch(LONE_SURROGATE);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on case or on the punctuation between words', () => {
    const word = fc.stringMatching(/^[a-z]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.constantFrom(' ', ', ', '; ', '\n', ' — '), (words, separator) => {
        expect(termsOf(words.join(separator).toUpperCase())).toEqual(termsOf(words.join(' ')));
      }),
      { numRuns: 300 },
    );
  });
});

describe('evidenceScore', () => {
  const base = { signalCount: 4, customerCount: 3, arrTotal: 120_000, lastSeenAt: Date.UTC(2026, 2, 1) };

  it('grows with signals, customers and ARR', () => {
    expect(evidenceScore({ ...base, signalCount: 5 })).toBeGreaterThan(evidenceScore(base));
    expect(evidenceScore({ ...base, customerCount: 4 })).toBeGreaterThan(evidenceScore(base));
    expect(evidenceScore({ ...base, arrTotal: 130_000 })).toBeGreaterThan(evidenceScore(base));
  });

  it('counts 30 days of age as half the evidence: ordering equals decayed evidence at any "now"', () => {
    const older = { ...base, lastSeenAt: base.lastSeenAt - 30 * 24 * 60 * 60 * 1000 };
    // Halving the evidence is −ln 2 in log space; 30 days older is the same step.
    expect(evidenceScore(base) - evidenceScore(older)).toBeCloseTo(Math.LN2, 9);
    expect(RECENCY_E_FOLDING_MS).toBeCloseTo((30 * 24 * 60 * 60 * 1000) / Math.LN2, 3);
  });
});
