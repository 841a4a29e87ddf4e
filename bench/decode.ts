// Decoding speed (src/text/decode.ts): 8 MB of UTF-8 Arabic, the same as windows-1256 bytes, and
// UTF-8 with a few damaged bytes (the judged path), each decoded five times; MB/s on the CPU clock.
//   npx tsx bench/decode.ts
import { decodeBytes } from '../src/text/decode.js';
import { fmt, loadBulk, timed } from './corpus.js';

const text = loadBulk(4000).map((a) => a.text).join('\n\n').slice(0, 4_000_000);
const utf8 = Buffer.from(text, 'utf8');
const cp1256 = Buffer.from(encode1256(text));
const damaged = Buffer.concat([utf8.subarray(0, 1000), Buffer.from([0xff, 0xfe, 0x80]), utf8.subarray(1000)]);

function encode1256(s: string): Uint8Array {
  // the inverse of TextDecoder('windows-1256') over the characters the text uses; others → '?'
  const dec = new TextDecoder('windows-1256');
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(dec.decode(Uint8Array.of(b)), b);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = map.get(s[i]) ?? 63;
  return out;
}

for (const [name, bytes] of [['utf-8', utf8], ['windows-1256', cp1256], ['utf-8 with bad bytes', damaged]] as const) {
  decodeBytes(bytes, name); // warm
  const { cpu } = timed(() => {
    for (let i = 0; i < 5; i++) decodeBytes(bytes, name);
  });
  console.log(`decode ${name}: ${fmt(bytes.length / 1e6, 1)} MB x 5 → ${fmt((5 * bytes.length) / 1e6 / cpu, 0)} MB/s (CPU)`);
}
