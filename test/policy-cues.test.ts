/**
 * The policy-cue rule files (rules/policy-cues/<language>.json): each must parse, carry positive
 * and negative examples, and every example must behave as it says through the publish flow with
 * the default policy — a positive example (a contact value next to a cue) is held for review
 * after the author acknowledges it; a negative one is not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request } from 'express';
import request from 'supertest';
import { preflight } from '../src/express';
import { createStore, type Store } from '../src';
import { findCues, CUE_KINDS, CueIndex } from '../src/policy/cues';
import { checkRuleFile } from '../src/rules/schema';
import { PreflightError } from '../src/errors';

const SECRET = 'rxk7GIJZJfNSchFIgD1e4fPKMh3CJ2odXmlN46cnr4g';
const DIR = join(__dirname, '..', 'rules', 'policy-cues');
const LOCALE: Record<string, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', it: 'it-IT', nl: 'nl-NL', pt: 'pt-BR' };
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

interface CueExample { text: string; cue?: string; why?: string }

const stores: Store[] = [];
afterAll(async () => { for (const s of stores) await s.close(); });

async function publish(locale: string, body: string): Promise<{ first: request.Response; done?: request.Response; store: Store }> {
  const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  stores.push(store);
  const app = express();
  app.use((req, _res, next) => { (req as Request & { user?: { id: string } }).user = { id: 'author' }; next(); });
  app.post('/posts', express.json(), preflight({ store, secret: SECRET, locales: [locale], logger: { warn: () => undefined, error: () => undefined } }),
    (req, res) => { res.status(201).json({ preflight: req.preflight }); });
  const first = await request(app).post('/posts').send({ body });
  if (first.status !== 422 || !first.body.acknowledgement) return { first, store };
  const done = await request(app).post('/posts').send({ body, piiAcknowledgement: first.body.acknowledgement.token, piiAcknowledgementReason: 'intended' });
  return { first, done, store };
}

test('there is a cue file for each of the seven languages', () => {
  expect(files).toEqual(['de.json', 'en.json', 'es.json', 'fr.json', 'it.json', 'nl.json', 'pt.json']);
});

describe.each(files)('rules/policy-cues/%s', (file) => {
  const json = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;
  const rule = checkRuleFile(json, file);
  const lang = String(json.language);
  const locale = LOCALE[lang] ?? 'en-US';
  const valid = rule.examples.valid as CueExample[];
  const invalid = rule.examples.invalid as CueExample[];

  test('names every cue kind', () => {
    expect(Object.keys(json.cues as object).sort()).toEqual([...CUE_KINDS].sort());
  });

  test.each(valid.map((ex, i) => [i, ex.text, ex] as const))('valid[%i] %s → cue found, post held for review', async (_i, _t, ex) => {
    expect(CUE_KINDS).toContain(ex.cue);
    expect(findCues({ body: ex.text }).map((h) => h.kind)).toContain(ex.cue);
    const { first, done } = await publish(locale, ex.text);
    expect(first.status).toBe(422);
    expect(done?.status).toBe(201);
    expect(done?.body.preflight).toMatchObject({ action: 'acknowledged', policyAction: 'review' });
  });

  test.each(invalid.map((ex, i) => [i, ex.text, ex] as const))('invalid[%i] %s → no cue, not held for one', async (_i, _t, ex) => {
    expect(findCues({ body: ex.text })).toEqual([]);
    const { first, done, store } = await publish(locale, ex.text);
    expect([201, 422]).toContain(first.status);
    // The subject reading may still call the value someone else's (a per-finding rule): the
    // cue rule must not be what holds it.
    if (done?.body.preflight.review) {
      expect((await store.reviews.get(done.body.preflight.review.id))?.heldBecause.rule).not.toBe('review-contact-exposing-cues');
    }
  });
});

describe('cue matching', () => {
  test('whole words, case- and accent-insensitive; `$` needs the sentence to end', () => {
    expect(findCues({ body: 'SPREAD IT!' }).map((h) => h.phrase)).toEqual(['spread it $']);
    expect(findCues({ body: 'spread it on bread' })).toEqual([]);
    expect(findCues({ body: 'respread it.' })).toEqual([]);
    expect(findCues({ body: 'Faites en ce que vous voulez' }).map((h) => h.kind)).toEqual(['hostile']);
    expect(findCues({ body: 'Façam o que quiserem com isso' }).map((h) => h.kind)).toEqual(['hostile']);
    expect(findCues({ body: 'faCAM o que QUISEREM com isso' }).map((h) => h.kind)).toEqual(['hostile']);
  });
  test('a phrase never spans two fields', () => {
    expect(findCues({ title: 'spread', body: 'it.' })).toEqual([]);
  });
  test('"<handle> = <name>" unmasks someone; code and arithmetic do not', () => {
    expect(findCues({ body: 'u/throwaway123 = John Smith' })).toEqual([{ kind: 'exposing', phrase: '<handle> = <name>' }]);
    expect(findCues({ body: '@kim_88 aka Kimberly' })).toEqual([{ kind: 'exposing', phrase: '<handle> = <name>' }]);
    expect(findCues({ body: 'let x = 5; total = Sum(a)' })).toEqual([]);
    expect(findCues({ body: 'mail me: kim@example.com = Kim' })).toEqual([]);
  });
  test('a broken cue file is refused naming file and field', () => {
    const base = { id: 'x', type: 'policy-cues', description: 'd', language: 'en', examples: { valid: [{ text: 'a' }], invalid: [{ text: 'b', why: 'because' }] } };
    const attempt = (cues: unknown): PreflightError | undefined => {
      try { new CueIndex([[{ ...base, cues }, 'bad.json']]); } catch (err) { return err as PreflightError; }
      return undefined;
    };
    expect(attempt({ angry: ['x y'] })?.message).toMatch(/bad\.json: field "cues\.angry" is not a cue kind/);
    expect(attempt({ hostile: ['* visit'] })?.message).toMatch(/bad\.json: field "cues\.hostile\[0\]" must start with a word/);
    expect(attempt({ hostile: 'spread it' })?.code).toBe('invalid_rule');
    expect(attempt({ hostile: ['spread it $'] })).toBeUndefined();
  });
});
