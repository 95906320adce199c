import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { environment } from '../../bot/envFile';

const dir = mkdtempSync(join(tmpdir(), 'perf-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('.env', () => {
  it('is read, with the real environment winning key by key; no file is fine', () => {
    const file = join(dir, 'a.env');
    writeFileSync(file, '# comment\nPORT=4000\nDEFAULT_LOCALE=en\nANNOUNCE_CHANNEL="team news"\n');
    expect(environment({ PORT: '5000' }, file)).toMatchObject({ PORT: '5000', DEFAULT_LOCALE: 'en', ANNOUNCE_CHANNEL: 'team news' });
    expect(environment({ PORT: '5000' }, join(dir, 'missing.env'))).toEqual({ PORT: '5000' });
  });

  it('configures npm start from the working directory: its problems are listed, and real variables override it', () => {
    writeFileSync(join(dir, '.env'), 'STANDUP_PROMPT_TIME=25:99\nDEMO_DATA=maybe\nDATABASE_PATH=/nonexistent/never.db\n');
    const { PORT: _port, STANDUP_PROMPT_TIME: _s, DEMO_DATA: _d, ...clean } = process.env;
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(resolve('node_modules/tsx/dist/esm/index.mjs')).href, resolve('bot/main.ts')], {
      cwd: dir,
      env: { ...clean, DEMO_DATA: 'off' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('STANDUP_PROMPT_TIME');
    expect(run.stderr).not.toContain('DEMO_DATA');
  });
});
