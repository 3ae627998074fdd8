import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../src/app/paths';

// Start-up time is mostly module loading (docs/benchmarks.md, `startup`): what only the export,
// the first card or the local emulator needs must not be loaded by the start path.
describe('what the bot loads at start', () => {
  it('leaves exceljs, the card templating engine, botbuilder, the Playground launcher and the features (verbs, commands, jobs) for first use', () => {
    const start = path.join(ROOT, 'dist', 'src', 'app', 'start.js');
    const loaded = JSON.parse(
      execFileSync(
        process.execPath,
        ['--no-deprecation', '-e', `require(${JSON.stringify(start)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      ),
    ) as string[];
    assert.ok(
      loaded.some((f) => f.includes(`${path.sep}node_modules${path.sep}restify${path.sep}`)),
      'the check sees node_modules (restify is loaded at start)',
    );
    // botbuilder (the endpoint and the delivery's sender) loads with the first activity or send.
    for (const heavy of ['exceljs', 'adaptivecards-templating', 'adaptive-expressions', 'botbuilder', 'botbuilder-core', 'botframework-connector']) {
      assert.deepEqual(
        loaded.filter((f) => f.includes(`${path.sep}node_modules${path.sep}${heavy}${path.sep}`)).slice(0, 1),
        [],
        `${heavy} is loaded at start`,
      );
    }
    assert.ok(!loaded.includes(path.join(ROOT, 'dist', 'src', 'app', 'playground.js')), 'the Playground launcher is loaded at start');
    // The features are assembled at the composition root and loaded with the first activity or job.
    for (const feature of [
      ['app', 'registry.js'],
      ['teams', 'wizard', 'reportSubmit.js'],
      ['teams', 'casework', 'decisionBulk.js'],
    ]) {
      assert.ok(!loaded.includes(path.join(ROOT, 'dist', 'src', ...feature)), `${feature.join('/')} is loaded at start`);
    }
  });
});
