import assert from 'node:assert/strict';
import { loadConfig } from '../../src/app/config';

describe('configuration', () => {
  it('runs with no configuration at all: anonymous, local storage, port 3978', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 3978);
    assert.equal(c.anonymous, true);
    assert.equal(c.TABLES_CONNECTION_STRING, undefined);
    assert.equal(c.PLAYGROUND, true);
    assert.equal(c.TABLE_PREFIX, 'kb');
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: '70000' }, /^Configuration error: PORT must be 0–65535$/],
    [{ PORT: '3.5' }, /^Configuration error: PORT must be a whole number$/],
    [{ MicrosoftAppId: 'my-bot' }, /^Configuration error: MicrosoftAppId must be a GUID/],
    [{ MicrosoftAppType: 'Anything' }, /^Configuration error: MicrosoftAppType /],
    [{ MicrosoftAppId: '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId is required/],
    [{ PLAYGROUND: 'maybe' }, /^Configuration error: PLAYGROUND must be/],
    [{ TABLE_PREFIX: 'kb-test' }, /^Configuration error: TABLE_PREFIX must be letters and digits/],
    [{ BOOTSTRAP_SECRETARIAT: 'siri@example.no' }, /BOOTSTRAP_SECRETARIAT must be a comma-separated list of GUIDs/],
    [{ FORUM_RULES: '{"quorumPercent":150}' }, /^Configuration error: FORUM_RULES .*quorumPercent/],
    [{ FORUM_RULES: 'steps=one' }, /^Configuration error: FORUM_RULES /],
  ];

  it('reads the forum\'s rules, with the defaults for what is left out', () => {
    assert.deepEqual(loadConfig({}).FORUM_RULES, { steps: 'two', quorumPercent: 50, consensus: 'unanimous', tieBreak: 'chair' });
    assert.deepEqual(loadConfig({ FORUM_RULES: '{"steps":"one","tieBreak":"undecided"}' }).FORUM_RULES, { steps: 'one', quorumPercent: 50, consensus: 'unanimous', tieBreak: 'undecided' });
  });
  for (const [env, message] of bad) {
    it(`stops on ${JSON.stringify(env)} with one line naming the variable`, () => {
      assert.throws(() => loadConfig(env), (err: Error) => message.test(err.message) && !err.message.includes('\n'));
    });
  }

  it('accepts a production configuration', () => {
    const c = loadConfig({ MicrosoftAppId: '4A5F2B8E-1C3D-4E6F-8A9B-0C1D2E3F4A5B', MicrosoftAppPassword: 'x', MicrosoftAppType: 'MultiTenant', TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=b;EndpointSuffix=core.windows.net', PLAYGROUND: 'false' });
    assert.equal(c.anonymous, false);
    assert.equal(c.PLAYGROUND, false);
  });
});
