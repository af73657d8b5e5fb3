/**
 * Builds the Teams app package to sideload or upload: a zip of manifest.json (with your bot's Microsoft App ID
 * in place of the placeholder) and the two icons. Run:
 *   node manifests/teams/make-package.ts <MICROSOFT_APP_ID> [out.zip]
 * The zip is written by hand (stored entries, CRC-32 from ./crc32.ts), so no archiver is needed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from './crc32.ts';

const PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** A zip archive with the files stored uncompressed (Teams accepts any valid zip). */
export function zip(files: readonly { name: string; data: Uint8Array }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(file.data.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(file.data));
    centrals.push(central, name);
    offset += local.length + name.length + file.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The package's files, with the app id written into the manifest (as the app's id and the bot's). */
export function packageFiles(appId: string): { name: string; data: Uint8Array }[] {
  if (!GUID.test(appId)) throw new Error(`"${appId}" is not a Microsoft App ID (a GUID)`);
  const dir = new URL('.', import.meta.url);
  const manifest = readFileSync(new URL('manifest.json', dir), 'utf8').replaceAll(
    PLACEHOLDER,
    appId.toLowerCase(),
  );
  return [
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: readFileSync(new URL('color.png', dir)) },
    { name: 'outline.png', data: readFileSync(new URL('outline.png', dir)) },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [appId, out = 'changeboard-teams.zip'] = process.argv.slice(2);
  if (!appId) {
    console.error('usage: node manifests/teams/make-package.ts <MICROSOFT_APP_ID> [out.zip]');
    process.exit(2);
  }
  writeFileSync(out, zip(packageFiles(appId)));
  console.log(`wrote ${out}: upload it in Teams (Apps → Manage your apps → Upload an app)`);
}
