/**
 * The normalisation passes stay linear on hostile input: for each shape, 4× the input costs at most
 * 10× the time (ratios, not wall-clock limits; the best of several runs each).
 */
import { toView } from '../../src/text/formats';
import { normaliseView } from '../../src/text/normalise';
import type { Format } from '../../src/types';

/**
 * CPU time per call in µs: the best of 5 rounds, each repeating the call for at least 10 ms of this
 * process's CPU time (user + system; as in linear.test.ts, so a busy neighbour's turn on the core
 * does not count — wall time on the shared 2-core machine failed shapes at random).
 */
function perCall(text: string, format: Format): number {
  let min = Infinity;
  for (let r = 0; r < 5; r++) {
    let calls = 0;
    const t0 = process.cpuUsage();
    let elapsed = 0;
    do {
      normaliseView(toView(text, format));
      calls++;
      const d = process.cpuUsage(t0);
      elapsed = d.user + d.system;
    } while (elapsed < 10e3);
    min = Math.min(min, elapsed / calls);
  }
  return min;
}

const SHAPES: [string, string, Format][] = [
  ['Arabic-Indic digits', '٤١٥ ٥٥٥ ٠١٣٤ ', 'plain'],
  // Keycap digits (digit + U+FE0F + U+20E3): one offset piece per keycap, kept in typed arrays.
  ['keycap digits', '4\ufe0f\u20e3', 'plain'],
  ['keycap digits in HTML', '4\ufe0f\u20e3<b>1\ufe0f\u20e3</b>', 'html'],
  ['mathematical digits', '𝟒𝟏𝟓𝟓 ', 'plain'],
  ['marks on one digit', '4' + '\u0301'.repeat(64), 'plain'],
  ['marks on a non-ASCII letter', 'é' + '\u0301'.repeat(64), 'plain'],
  ['format characters', '4\u200e\u2066\u{e0020}', 'plain'],
  ['look-alike tokens', 'O1 l2 O l3 4l5 ', 'plain'],
  ['long look-alike runs', 'O1l1O1l1O1l1O1l1O1l1O1l1O1l1O1l1 ', 'plain'],
  ['street names with digits', '12 E1m 34 O1d ', 'plain'],
  ['digit lines', '415\n', 'plain'],
  ['digit lines between blank lines', '1\n\n\n\n', 'plain'],
  ['line ends and starts with digits', 'a 12\n34 b\n', 'plain'],
  ['underscored groups', '415_555_0134 ', 'plain'],
  ['line breaks at @', 'jane\n@example.com ', 'plain'],
  ['number words', 'twelve thirty-four Elm 1 ', 'plain'],
  ['number words without a number', 'often Elm teen Oak ', 'plain'],
  ['Cyrillic look-alikes in Latin tokens', 'jаnе1 ', 'plain'],
  ['HTML entities of digit forms', '&#x661;&#x1D7D2;<br>', 'html'],
];

describe('normalisation grows linearly', () => {
  test.each(SHAPES)('%s', (_name, unit, format) => {
    const small = unit.repeat(Math.ceil(32768 / unit.length));
    const large = unit.repeat(Math.ceil(131072 / unit.length));
    // Warm-up on both sizes first, so the JIT and the heap are in the same state for both; then the
    // median of three interleaved measurements, to ride out a busy machine.
    perCall(large, format);
    perCall(small, format);
    const ratios = [0, 1, 2].map(() => perCall(large, format) / perCall(small, format)).sort((a, b) => a - b);
    const ratio = ratios[1] as number;
    expect(ratio).toBeLessThan(10);
  });
});
