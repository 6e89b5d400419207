import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The package a user installs: `npm pack`, then a global install of the tarball into a temporary prefix
 * (its dependencies from npm's cache where it has them, else the registry; skipped when neither can be
 * reached), then the installed command on the bundled capture.
 */

const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });

test('npm pack ships dist/, and the tarball installs and runs', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'icq2-pack-'));
  try {
    const packed = npm(['pack', '--pack-destination', dir], process.cwd());
    assert.equal(packed.status, 0, packed.stderr);
    const [tarball] = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
    assert.ok(tarball, 'no tarball');
    const listed = spawnSync('tar', ['-tzf', join(dir, tarball)], { encoding: 'utf8' }).stdout.split('\n');
    assert.ok(listed.includes('package/dist/cli/main.js'), 'dist/cli/main.js is in the package');
    assert.ok(!listed.some((f) => f.startsWith('package/test/') || f.startsWith('package/src/')), 'no tests or sources in the package');
    const prefix = join(dir, 'prefix');
    const installed = npm(['install', '--global', '--prefer-offline', '--no-audit', '--no-fund', '--prefix', prefix, join(dir, tarball)], dir);
    if (installed.status !== 0 && /ENOTCACHED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET/.test(installed.stderr)) {
      t.skip(`the dependencies are neither in npm's cache nor reachable: ${installed.stderr.trim().split('\n')[0]}`);
      return;
    }
    assert.equal(installed.status, 0, installed.stderr);
    const bin = join(prefix, 'bin', 'icq2-dissect');
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^icq2-dissect \d+\.\d+\.\d+\n$/);
    const run = spawnSync(bin, ['-T', 'fields', '-e', 'frame', '-e', 'command', '-c', '2', resolve('test/data/micq-0.2.5-session.pcap')], { encoding: 'utf8' });
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, '1\tLOGIN\n2\tACK\n', '']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
