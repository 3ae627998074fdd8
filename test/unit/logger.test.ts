import assert from 'node:assert/strict';
import { createLogger, PERSONAL_FIELDS, type Level } from '../../src/app/logger';

function capture(level: Level = 'debug') {
  const lines: string[] = [];
  return { logger: createLogger(level, (l) => lines.push(l)), lines };
}

describe('logs (pino)', () => {
  it('are JSON lines with an ISO time, the level by name and the message', () => {
    const { logger, lines } = capture();
    logger.warn('delivery paused', { storage: true });
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0]);
    assert.deepEqual([line.level, line.msg, line.storage], ['warn', 'delivery paused', true]);
    assert.match(line.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(!('pid' in line) && !('hostname' in line));
  });

  it('write nothing below LOG_LEVEL, and nothing at all when silent', () => {
    const warn = capture('warn');
    warn.logger.debug('a');
    warn.logger.info('b');
    warn.logger.warn('c');
    warn.logger.error('d');
    assert.deepEqual(
      warn.lines.map((l) => JSON.parse(l).msg),
      ['c', 'd'],
    );
    const silent = capture('silent');
    silent.logger.error('e', { x: 1 });
    silent.logger.child({ a: 1 }).error('f');
    assert.deepEqual(silent.lines, []);
  });

  it('redact every personal field, on its own or nested two levels down', () => {
    const { logger, lines } = capture();
    for (const field of PERSONAL_FIELDS) {
      const secret = `hemmelig-${field}-verdi`;
      logger.info('x', { [field]: secret, nested: { [field]: secret }, deeper: { report: { [field]: secret } } });
    }
    assert.equal(lines.length, PERSONAL_FIELDS.length);
    lines.forEach((line, i) => {
      assert.ok(!line.includes('hemmelig-'), `${PERSONAL_FIELDS[i]} is redacted: ${line}`);
      assert.equal(line.split('[redacted]').length - 1, 3, `${PERSONAL_FIELDS[i]} is redacted at each depth`);
    });
  });

  it('keep ids and counts, and write errors as name, message and codes only', () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('Forbidden'), {
      statusCode: 403,
      code: 'AuthorizationFailure',
      request: { headers: { authorization: 'Bearer abc.def' } },
    });
    logger.error('card action failed', { verb: 'report.next', roundId: 'r2027', count: 3, error: err });
    const line = JSON.parse(lines[0]);
    assert.deepEqual([line.verb, line.roundId, line.count], ['report.next', 'r2027', 3]);
    assert.deepEqual(line.error, { type: 'Error', message: 'Forbidden', code: 'AuthorizationFailure', statusCode: 403 });
    assert.ok(!lines[0].includes('Bearer'));
  });

  it('drop the token from an export link path', () => {
    const { logger, lines } = capture();
    logger.warn('request refused', { path: '/exports/eyJyIjoiMjAyNyJ9.c2lnbmF0dXJl', statusCode: 405 });
    assert.equal(JSON.parse(lines[0]).path, '/exports/[redacted]');
  });

  it('give a child logger that adds its bindings to every line', () => {
    const { logger, lines } = capture();
    const turn = logger.child({ activityId: 'act-1', conversationId: 'a:conv-1' });
    turn.info('one', { count: 1 });
    turn.child({ verb: 'report.next' }).error('two');
    logger.info('three');
    const [one, two, three] = lines.map((l) => JSON.parse(l));
    assert.deepEqual([one.activityId, one.conversationId, one.count], ['act-1', 'a:conv-1', 1]);
    assert.deepEqual([two.activityId, two.verb, two.level], ['act-1', 'report.next', 'error']);
    assert.equal(three.activityId, undefined);
  });
});
