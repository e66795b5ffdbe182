import { inflateRawSync } from 'node:zlib';
import { discoverLimits } from '../limits.js';
import type { RegularFile } from '../../load/read-file.js';
import { BufferStream, ByteStream } from '../read.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/**
 * The central directory of a zip archive (zip64 included), read from the end of the file: the
 * names, sizes and offsets of its entries, nothing else. Null when the bytes are not a zip.
 */
export function readZipDirectory(file: RegularFile): { entries: ZipEntry[]; problem: string | null } | null {
  const fileSize = file.size;
  const tailLength = Math.min(fileSize, 65_557);
  const tail = file.readAt(fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = tail.readUInt16LE(eocd + 10);
  let directorySize = tail.readUInt32LE(eocd + 12);
  let directoryOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) return { entries: [], problem: 'zip64 archive without its locator' };
    const record = file.readAt(Number(tail.readBigUInt64LE(locator + 8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) return { entries: [], problem: 'zip64 end record missing' };
    count = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  if (directoryOffset + directorySize > fileSize) return { entries: [], problem: 'the central directory lies past the end of the file' };
  const limit = Math.min(count, discoverLimits.maxZipEntries);
  const directory = new ByteStream(file, directoryOffset, directoryOffset + directorySize);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < limit; i++) {
    const header = directory.bytes(46);
    if (!header || header.readUInt32LE(0) !== 0x02014b50) return { entries, problem: `central directory entry ${i} is damaged` };
    const nameLength = header.readUInt16LE(28);
    const extraLength = header.readUInt16LE(30);
    const commentLength = header.readUInt16LE(32);
    const name = directory.bytes(nameLength)?.toString('utf8') ?? '';
    const extra = directory.bytes(extraLength) ?? Buffer.alloc(0);
    directory.skip(commentLength);
    let compressedSize = header.readUInt32LE(20);
    let size = header.readUInt32LE(24);
    let localHeaderOffset = header.readUInt32LE(42);
    for (let at = 0; at + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(at);
      const length = extra.readUInt16LE(at + 2);
      if (id === 0x0001) {
        let field = at + 4;
        const next = () => {
          const v = field + 8 <= extra.length ? Number(extra.readBigUInt64LE(field)) : 0;
          field += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      at += 4 + length;
    }
    entries.push({ name, method: header.readUInt16LE(10), compressedSize, size, localHeaderOffset });
  }
  return { entries, problem: count > limit ? `more than ${limit} entries; the rest were not read` : null };
}

/** A stream over one entry's bytes: stored entries are read in place, deflated ones inflated within the limit. */
export function openZipEntry(file: RegularFile, entry: ZipEntry): ByteStream | string {
  const local = file.readAt(entry.localHeaderOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) return `${entry.name}: local header missing`;
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (start + entry.compressedSize > file.size) return `${entry.name}: runs past the end of the file`;
  if (entry.method === 0) return new ByteStream(file, start, start + entry.compressedSize);
  if (entry.method !== 8) return `${entry.name}: compression method ${entry.method} is not read`;
  if (entry.compressedSize > discoverLimits.maxInflatedBytes) return `${entry.name}: ${entry.compressedSize} compressed bytes; larger than the limit`;
  try {
    return new BufferStream(inflateRawSync(file.readAt(start, entry.compressedSize), { maxOutputLength: discoverLimits.maxInflatedBytes }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ERR_BUFFER_TOO_LARGE' ? `${entry.name}: inflates to more than ${discoverLimits.maxInflatedBytes} bytes; not read` : `${entry.name}: cannot be inflated`;
  }
}
