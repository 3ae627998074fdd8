import assert from 'node:assert/strict';
import { NO_OFFICER } from '../../src/app/start';
import { SECRETARIAT_GROUP } from '../../src/domain/roles';
import { startHarness, uniquePrefix, type Harness } from '../support/harness';
import { OFFICER } from '../support/personas';

// A production start that leaves nobody able to act as the secretariat says so, with how to fix it;
// officers granted in Teams earlier (stored) count, so a later restart without the setting is quiet.
const PRODUCTION = {
  MicrosoftAppId: '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppType: 'MultiTenant',
};

const warnings = (h: Harness) => h.logLines.map((l) => JSON.parse(l) as { level: string; msg: string }).filter((l) => l.level === 'warn');

describe('a production start and the first secretariat officer', function () {
  this.timeout(60_000);
  const running: Harness[] = [];
  const start = async (env: Record<string, string>) => {
    const h = await startHarness({ ...PRODUCTION, ...env });
    running.push(h);
    return h;
  };
  afterEach(async () => {
    for (const h of running.splice(0)) await h.stop();
  });

  it('warns once, naming BOOTSTRAP_SECRETARIAT and its format, when none is configured or stored', async () => {
    const h = await start({ TABLE_PREFIX: uniquePrefix() });
    assert.deepEqual(
      warnings(h).map((w) => w.msg),
      [NO_OFFICER],
    );
    assert.match(NO_OFFICER, /BOOTSTRAP_SECRETARIAT .*tenantId:aadObjectId/);
  });

  it('is quiet when BOOTSTRAP_SECRETARIAT names an officer', async () => {
    const h = await start({ TABLE_PREFIX: uniquePrefix(), BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId });
    assert.deepEqual(warnings(h), []);
  });

  it('is quiet without the setting when an officer was stored before (granted in Teams)', async () => {
    const prefix = uniquePrefix();
    const first = await start({ TABLE_PREFIX: prefix });
    await first.app.services.roles.grant({
      person: { tenantId: OFFICER.tenantId, aadObjectId: OFFICER.aadObjectId },
      forum: first.app.services.regions.id,
      role: 'secretariat',
      group: SECRETARIAT_GROUP,
      organisations: [],
      grantedBy: 'test',
      grantedAt: '2026-11-01T00:00:00.000Z',
    });
    await first.stop();
    running.splice(0);
    const again = await start({ TABLE_PREFIX: prefix });
    assert.deepEqual(warnings(again), []);
  });
});
