import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../src-shared/ipc/base64';
import { CounterRng } from '../../../src-shared/math/rng';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('encodeBase64(bytes) and decodeBase64(text)', () => {
  it('encodeBase64 gives the RFC 4648 §10 test vectors', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(ascii(plain))).toBe(encoded);
      expect(decodeBase64(encoded)).toEqual(ascii(plain));
    }
  });

  it('encodeBase64 equals Node’s Buffer encoder, and decodeBase64 inverts it, for every length 0–300 and 100 random arrays up to 20 kB', () => {
    const rng = new CounterRng(20261122, 7);
    const lengths = [...Array.from({ length: 301 }, (_, n) => n), ...Array.from({ length: 100 }, () => rng.nextInt(20_000))];
    for (const n of lengths) {
      const bytes = Uint8Array.from({ length: n }, () => rng.nextInt(256));
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      // Buffer.equals: vitest's deep equality walks typed arrays element by element, far too slowly here.
      expect(Buffer.from(decodeBase64(text)).equals(bytes)).toBe(true);
    }
  });

  it('decodeBase64 refuses text that is not padded base64, naming the argument', () => {
    for (const bad of ['abc', 'ab=c', '!!!!', 'YQ', 'Zg=', 'Zg===', 'Z m9v', 'Zm9v\n']) {
      expect(() => decodeBase64(bad, 'artifact.data'), bad).toThrow(/^artifact\.data: expected padded base64/u);
    }
  });
});
