// node bench/detectors.cjs — per-detector latency (median / p90 / p99 / max, µs) of the built
// scanner on a PII-free 1.5 KB post made of corpus posts, to see which detector costs what.
// Build first (npm run build). Numbers, not assertions.
'use strict';
const fs = require('fs');
const path = require('path');
const { createScanner } = require(path.join(__dirname, '..', 'dist', 'cjs', 'index.js'));

const dir = path.join(__dirname, '..', 'fixtures', 'posts');
const posts = [];
for (const f of fs.readdirSync(dir)) {
  for (const l of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) if (l.trim()) posts.push(JSON.parse(l));
}
const clean = posts.filter((p) => p.labels.length === 0);
let text = '';
for (let i = 0; text.length < 1536; i++) text += clean[i % clean.length].text + '\n\n';
text = text.slice(0, 1536);

for (const types of [undefined, ['email'], ['phone'], ['address'], ['payment_card', 'iban', 'national_id']]) {
  const s = createScanner({ types });
  for (let i = 0; i < 300; i++) s.scan(text);
  const times = [];
  for (let i = 0; i < 5000; i++) {
    const a = process.hrtime.bigint();
    s.scan(text);
    times.push(Number(process.hrtime.bigint() - a) / 1000);
  }
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
  console.log(`${(types || ['all detectors']).join(', ').padEnd(36)} median ${q(0.5)}  p90 ${q(0.9)}  p99 ${q(0.99)}  max ${times[times.length - 1].toFixed(0)}`);
}
