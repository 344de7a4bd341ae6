import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A single-member gzip file (RFC 1952) of `payload` whose header carries its own CRC (FHCRC), so
 * that every byte of the file is checked on reading: the header by its CRC-16, the deflate stream
 * and the payload by the trailer's CRC-32 and length. Node's gzip writer leaves the header (time,
 * OS) unchecked; a flipped bit there would go unnoticed. The only bits no check sees are the 0–7
 * padding bits after the deflate stream's last block (in its last byte), which carry no data: a
 * flip there reads back the same payload. Readable by gunzip, zcat and zlib.
 */
export function gzipChecked(payload: Uint8Array): Buffer {
  // ID1 ID2 CM=deflate FLG=FHCRC MTIME=0 XFL=0 OS=255 (unknown).
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0x02, 0, 0, 0, 0, 0, 0xff]);
  const headerCrc = Buffer.alloc(2);
  headerCrc.writeUInt16LE(crc32(header) & 0xffff);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(payload) >>> 0, 0);
  trailer.writeUInt32LE(payload.byteLength % 2 ** 32, 4);
  return Buffer.concat([header, headerCrc, deflateRawSync(payload), trailer]);
}
