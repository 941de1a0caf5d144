import express from 'express';
import request from 'supertest';
import { checkRoute, checkMessage } from '../../src/express/check';
import { PreflightError } from '../../src/errors';

// Fake values: the standard documentation IBAN and a test card number.
const IBAN = 'DE89 3704 0044 0532 0130 00';
const CARD = '4111 1111 1111 1111';
const TEXT = `Please pay to ${IBAN} by Friday.`;

function app(options: Parameters<typeof checkRoute>[0] = {}, setup?: (a: express.Express) => void): express.Express {
  const a = express();
  setup?.(a);
  a.post('/check', checkRoute({ rateLimit: false, ...options }));
  return a;
}

describe('checkRoute() options', () => {
  test('unknown option throws with a suggestion', () => {
    expect(() => checkRoute({ localez: ['en-US'] } as never)).toThrow(/unknown option `localez`.*Did you mean `locales`/);
    expect(() => checkRoute({ ratelimit: false } as never)).toThrow(/Did you mean `rateLimit`/);
  });
  test('bad values throw invalid_options', () => {
    expect(() => checkRoute({ format: 'rtf' as never })).toThrow(PreflightError);
    expect(() => checkRoute({ rateLimit: { windowMs: 0, limit: 1 } })).toThrow(/rateLimit/);
    expect(() => checkRoute({ rateLimit: { windowMs: 1000, limit: 1, max: 3 } as never })).toThrow(/unknown property `max`/);
    expect(() => checkRoute({ minConfidence: 2 })).toThrow(/minConfidence/);
    expect(() => checkRoute({ logger: {} as never })).toThrow(/logger/);
    try {
      checkRoute({ maxLength: -1 });
      throw new Error('expected a throw');
    } catch (err) {
      expect(err).toBeInstanceOf(PreflightError);
      expect((err as PreflightError).code).toBe('invalid_options');
    }
  });
});

describe('checkRoute() answers', () => {
  test('text → 200 findings with offsets, masked value and message; nothing raw', async () => {
    const res = await request(app()).post('/check').send({ text: TEXT }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.findings).toHaveLength(1);
    const f = res.body.findings[0];
    expect(Object.keys(f).sort()).toEqual(['action', 'end', 'masked', 'message', 'start', 'type']);
    expect(f.action).toBe('warn');
    expect(f.type).toBe('iban');
    expect(TEXT.slice(f.start, f.end)).toBe(IBAN);
    expect(f.masked).not.toContain('3704');
    expect(f.message).toBe(checkMessage('iban', 'en'));
    expect(JSON.stringify(res.body)).not.toContain('3704 0044');
  });

  test('fields → findings carry the field name', async () => {
    const res = await request(app()).post('/check').send({ fields: { title: 'Card ' + CARD, body: TEXT } }).expect(200);
    const byField = Object.fromEntries(res.body.findings.map((f: { field: string; type: string }) => [f.field, f.type]));
    expect(byField).toEqual({ title: 'payment_card', body: 'iban' });
  });

  test('no finding → empty list', async () => {
    const res = await request(app()).post('/check').send({ text: 'Nothing to see here, version 1.2.3.' }).expect(200);
    expect(res.body).toEqual({ findings: [] });
  });

  test('format: markdown offsets point into the original source', async () => {
    const md = `**Bank:** [${IBAN}](https://example.com)`;
    const res = await request(app()).post('/check').send({ text: md, format: 'markdown' }).expect(200);
    const f = res.body.findings[0];
    expect(md.slice(f.start, f.end)).toBe(IBAN);
  });

  test('messages follow Accept-Language (en, de, fr, es)', async () => {
    expect(checkMessage('phone', 'en')).toBe('This looks like a phone number. Anyone who reads the post can see it.');
    for (const [header, lang] of [['de-DE,de;q=0.9', 'de'], ['fr', 'fr'], ['es-ES', 'es'], ['ja', 'en']] as const) {
      const res = await request(app()).post('/check').set('Accept-Language', header).send({ text: TEXT }).expect(200);
      expect(res.headers['content-language']).toBe(lang);
      expect(res.body.findings[0].message).toBe(checkMessage('iban', lang));
    }
    expect(checkMessage('iban', 'de')).not.toBe(checkMessage('iban', 'en'));
    expect(checkMessage('iban', 'fr')).not.toBe(checkMessage('iban', 'es'));
  });

  test('works behind an app-level express.json() too', async () => {
    const res = await request(app({}, (a) => a.use(express.json()))).post('/check').send({ text: TEXT }).expect(200);
    expect(res.body.findings[0].type).toBe('iban');
  });
});

describe('checkRoute() errors', () => {
  test.each([
    ['not an object', [1, 2]],
    ['neither text nor fields', { format: 'plain' }],
    ['both text and fields', { text: 'a', fields: { body: 'b' } }],
    ['text not a string', { text: 42 }],
    ['fields not an object', { fields: 'body' }],
    ['field not a string', { fields: { body: 7 } }],
    ['bad format', { text: 'a', format: 'docx' }],
  ])('400 invalid_input: %s', async (_name, body) => {
    const res = await request(app()).post('/check').send(body as object).expect(400);
    expect(res.body.error).toBe('invalid_input');
    expect(typeof res.body.message).toBe('string');
  });

  test('400 for malformed JSON and for a non-JSON body', async () => {
    const bad = await request(app()).post('/check').set('Content-Type', 'application/json').send('{"text": ').expect(400);
    expect(bad.body.error).toBe('invalid_input');
    const form = await request(app()).post('/check').type('form').send({ text: TEXT }).expect(400);
    expect(form.body.error).toBe('invalid_input');
  });

  test('413 input_too_large: over maxLength, and over the body limit (parser 413 mapped to JSON)', async () => {
    const a = app({ maxLength: 100 });
    const over = await request(a).post('/check').send({ text: 'x'.repeat(101) }).expect(413);
    expect(over.body.error).toBe('input_too_large');
    const fieldOver = await request(a).post('/check').send({ fields: { title: 'ok', body: 'y'.repeat(101) } }).expect(413);
    expect(fieldOver.body.error).toBe('input_too_large');
    // 100 * 3 + 65536 bytes is the parser limit: a body beyond it never reaches the scanner.
    const huge = await request(a).post('/check').send({ text: 'z'.repeat(70_000) }).expect(413);
    expect(huge.headers['content-type']).toMatch(/application\/json/);
    expect(huge.body.error).toBe('input_too_large');
    await request(a).post('/check').send({ text: 'x'.repeat(100) }).expect(200);
  });

  test('429 rate_limited per user, other users unaffected', async () => {
    const a = express();
    a.use((req, _res, next) => { (req as express.Request & { user?: { id: string } }).user = { id: String(req.get('x-user')) }; next(); });
    a.post('/check', checkRoute({ rateLimit: { windowMs: 60_000, limit: 2 } }));
    await request(a).post('/check').set('x-user', 'alice').send({ text: 'hi' }).expect(200);
    await request(a).post('/check').set('x-user', 'alice').send({ text: 'hi' }).expect(200);
    const limited = await request(a).post('/check').set('x-user', 'alice').send({ text: 'hi' }).expect(429);
    expect(limited.body.error).toBe('rate_limited');
    expect(limited.headers['ratelimit-policy'] ?? limited.headers.ratelimit).toBeDefined();
    await request(a).post('/check').set('x-user', 'bob').send({ text: 'hi' }).expect(200);
  });

  test('429 per IP without a user; a custom userId keys the limiter', async () => {
    const byIp = express();
    byIp.post('/check', checkRoute({ rateLimit: { windowMs: 60_000, limit: 1 } }));
    await request(byIp).post('/check').send({ text: 'hi' }).expect(200);
    expect((await request(byIp).post('/check').send({ text: 'hi' }).expect(429)).body.error).toBe('rate_limited');

    const custom = express();
    custom.post('/check', checkRoute({ rateLimit: { windowMs: 60_000, limit: 1 }, userId: (req) => req.get('x-session') }));
    await request(custom).post('/check').set('x-session', 's1').send({ text: 'hi' }).expect(200);
    await request(custom).post('/check').set('x-session', 's2').send({ text: 'hi' }).expect(200);
    await request(custom).post('/check').set('x-session', 's1').send({ text: 'hi' }).expect(429);
  });
});

describe('checkRoute() stores and logs nothing raw', () => {
  test('the logger gets counts and codes, never a value from the draft', async () => {
    const calls: unknown[] = [];
    const logger = {
      info: (...args: unknown[]) => { calls.push(args); },
      warn: (...args: unknown[]) => { calls.push(args); },
      error: (...args: unknown[]) => { calls.push(args); },
    };
    const a = express();
    a.post('/check', checkRoute({ logger, maxLength: 200, rateLimit: { windowMs: 60_000, limit: 3 } }));
    await request(a).post('/check').send({ text: TEXT }).expect(200);
    await request(a).post('/check').send({ fields: { title: `Card ${CARD}`, body: TEXT } }).expect(200);
    await request(a).post('/check').send({ fields: { [`my ${IBAN}`]: 1 } }).expect(400);
    await request(a).post('/check').send({ text: TEXT }).expect(429);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    const logged = JSON.stringify(calls);
    expect(logged).toContain('iban');
    expect(logged).toContain('rate_limited');
    for (const raw of [IBAN, IBAN.replace(/ /g, ''), '3704', CARD, '4111', 'Please pay']) expect(logged).not.toContain(raw);
  });
});

describe('checkRoute() and the publish policy', () => {
  // A test card number (Visa test range) and a fictional phone number.
  const DRAFT = 'Card 4111 1111 1111 1111, or call me on (202) 555-0134.';
  const actions = (body: { findings: Array<{ type: string; action?: string }> }): Record<string, string | undefined> =>
    Object.fromEntries(body.findings.map((f) => [f.type, f.action]));

  test('without configuration each finding carries the default policy\'s action: the poster learns a card is blocked while typing', async () => {
    const res = await request(app()).post('/check').send({ text: DRAFT });
    expect(res.status).toBe(200);
    expect(actions(res.body)).toEqual({ payment_card: 'block', phone: 'warn' });
    // The same in fields (a card in the title).
    const fields = await request(app()).post('/check').send({ fields: { title: `Card ${CARD}`, body: 'hello' } });
    expect(fields.body.findings).toEqual([expect.objectContaining({ field: 'title', type: 'payment_card', action: 'block' })]);
  });

  test('policy: false answers findings without actions; a bad policy throws at setup', async () => {
    const plain = await request(app({ policy: false })).post('/check').send({ text: DRAFT });
    expect(plain.body.findings).toHaveLength(2);
    for (const f of plain.body.findings) expect(f.action).toBeUndefined();
    expect(() => checkRoute({ policy: { version: '1', rules: 'x' } as never })).toThrow(PreflightError);
  });

  test('a custom publish policy is shared from preflight(): checkRoute({ scanner, policy }) answers what publishing decides', async () => {
    const { preflight } = await import('../../src/express/preflight');
    const { createStore } = await import('../../src/store');
    const { defaultPolicy } = await import('../../src/policy');
    const store = await createStore({ url: 'sqlite::memory:', secret: 'KsDY8VeHgDeRsPG3wDhtlWy6aA3-soTP57NSD3X79r8' });
    try {
      // A forum that blocks phone numbers too, and lets payment cards through with a warning.
      const strict = {
        ...defaultPolicy, version: 'strict-phones-1',
        rules: [{ id: 'no-phones', types: ['phone'], action: 'block' as const }, { id: 'cards-warn', types: ['payment_card'], action: 'warn' as const }, ...defaultPolicy.rules],
      };
      const publish = preflight({ store, secret: 'KsDY8VeHgDeRsPG3wDhtlWy6aA3-soTP57NSD3X79r8', policy: strict, rateLimit: false, userId: () => 'u1' });
      expect(publish.policy.version).toBe('strict-phones-1');
      const a = express();
      a.post('/check', checkRoute({ rateLimit: false, scanner: publish.scanner, policy: publish.policy }));
      a.post('/posts', express.json(), publish, (_req, res) => { res.status(201).end(); });
      const res = await request(a).post('/check').send({ text: DRAFT });
      expect(actions(res.body)).toEqual({ payment_card: 'warn', phone: 'block' });
      // And publishing agrees: the phone blocks the post.
      const posted = await request(a).post('/posts').send({ title: 'x', body: DRAFT });
      expect(posted.status).toBe(422);
      expect(posted.body.error).toBe('pii_blocked');
    } finally {
      await store.close();
    }
  });
});
