import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../manifests/teams/crc32.ts';
import { colorIcon, outlineIcon } from '../../../manifests/teams/make-icons.ts';
import { packageFiles, zip } from '../../../manifests/teams/make-package.ts';
import { MENU_COMMANDS } from '../../../src/platforms/teams/commands.ts';

const dir = new URL('../../../manifests/teams/', import.meta.url);
const manifestText = readFileSync(new URL('manifest.json', dir), 'utf8');
const manifest = JSON.parse(manifestText);

/** The schema of the manifest's own version, from the copies @microsoft/app-manifest ships (no network). */
function schemaFor(version: string) {
  const require = createRequire(import.meta.url);
  const path = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
  );
  return JSON.parse(readFileSync(path, 'utf8'));
}

type TeamsManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
const validate = (m: unknown): Promise<string[]> =>
  AppManifestUtils.validateAgainstSchema(m as TeamsManifest, schemaFor(manifest.manifestVersion));

interface Png {
  width: number;
  height: number;
  colorType: number;
  pixels: Buffer;
  chunks: { type: string; data: Buffer; crc: number }[];
}

/** Reads an RGBA PNG written with filter 0 on every row (what make-icons writes). */
function readPng(bytes: Buffer): Png {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Png['chunks'] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    chunks.push({
      type: bytes.toString('ascii', at + 4, at + 8),
      data: bytes.subarray(at + 8, at + 8 + length),
      crc: bytes.readUInt32BE(at + 8 + length),
    });
    at += 12 + length;
  }
  const ihdr = chunks[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, colorType: ihdr[9]!, pixels, chunks };
}

describe('the Teams app manifest', () => {
  it('is valid against the Teams manifest schema of its manifestVersion', async () => {
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(await validate(manifest)).toEqual([]);
  });

  it('is checked for real: a manifest without its accent colour or with a bad bot id fails', async () => {
    const { accentColor: _, ...withoutAccent } = manifest;
    expect(await validate(withoutAccent)).not.toEqual([]);
    expect(await validate({ ...manifest, bots: [{ ...manifest.bots[0], botId: 'not-a-guid' }] })).not.toEqual(
      [],
    );
  });

  it('offers the bot in personal chats, teams and group chats, with the command list of the bot', () => {
    const [bot] = manifest.bots;
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    for (const list of bot.commandLists) {
      expect(list.commands.map((c: { title: string }) => c.title)).toEqual(MENU_COMMANDS.map((c) => c.name));
      expect(list.commands.length).toBeLessThanOrEqual(10);
    }
  });

  it('has a 192×192 colour icon and a 32×32 outline icon in white on transparent', () => {
    const color = readPng(readFileSync(new URL(manifest.icons.color, dir)));
    expect([color.width, color.height, color.colorType]).toEqual([192, 192, 6]);
    const outline = readPng(readFileSync(new URL(manifest.icons.outline, dir)));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    let opaque = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) continue;
      opaque++;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(100);
  });

  it('keeps the icons the script draws, with correct chunk checksums', () => {
    expect(readFileSync(new URL('color.png', dir)).equals(colorIcon())).toBe(true);
    expect(readFileSync(new URL('outline.png', dir)).equals(outlineIcon())).toBe(true);
    for (const chunk of readPng(colorIcon()).chunks) {
      expect(chunk.crc).toBe(zlibCrc32(Buffer.concat([Buffer.from(chunk.type, 'ascii'), chunk.data])));
    }
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('packages the manifest with the bot’s app id and both icons into a zip Teams can read', async () => {
    const appId = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
    const archive = zip(packageFiles(appId));
    const names: string[] = [];
    let at = 0;
    let packaged: unknown = null;
    while (archive.readUInt32LE(at) === 0x04034b50) {
      const size = archive.readUInt32LE(at + 18);
      const nameLength = archive.readUInt16LE(at + 26);
      const name = archive.toString('utf8', at + 30, at + 30 + nameLength);
      const data = archive.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
      expect(archive.readUInt32LE(at + 14)).toBe(zlibCrc32(data));
      names.push(name);
      if (name === 'manifest.json') packaged = JSON.parse(data.toString('utf8'));
      at += 30 + nameLength + size;
    }
    expect(archive.readUInt32LE(archive.length - 22)).toBe(0x06054b50);
    expect(names).toEqual(['manifest.json', 'color.png', 'outline.png']);
    expect(packaged).toMatchObject({ id: appId, bots: [{ botId: appId }] });
    expect(await validate(packaged)).toEqual([]);
    expect(() => packageFiles('my-bot')).toThrow('is not a Microsoft App ID');
  });
});
