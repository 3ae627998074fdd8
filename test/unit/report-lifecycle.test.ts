import { strict as assert } from 'node:assert';
import {
  REPORT_STATUSES,
  canEdit,
  canTransition,
  isFinal,
  nextStatuses,
  statusAfterEdit,
  transition,
  type ActorRole,
  type ReportStatus,
} from '../../src/domain/report/lifecycle';

const deadline = new Date('2027-02-01T22:59:59Z'); // 1 February, 23:59:59 in Oslo
const before = new Date('2027-01-20T10:00:00Z');
const after = new Date('2027-02-02T08:00:00Z');

describe('the life of a needs report', () => {
  // [from, to, who, when, reason] → allowed?
  const allowed: Array<[ReportStatus, ReportStatus, ActorRole, Date, string?]> = [
    ['draft', 'submitted', 'owner', before],
    ['submitted', 'formally_checked', 'secretariat', after],
    ['submitted', 'returned', 'secretariat', after, 'Mangler UH-partner'],
    ['submitted', 'withdrawn', 'owner', before],
    ['formally_checked', 'submitted', 'owner', before],
    ['formally_checked', 'withdrawn', 'owner', before],
    ['formally_checked', 'on_agenda', 'secretariat', after],
    ['returned', 'submitted', 'owner', after],
    ['returned', 'withdrawn', 'owner', after],
    ['on_agenda', 'prioritised', 'secretariat', after],
    ['on_agenda', 'not_prioritised', 'secretariat', after],
    ['on_agenda', 'formally_checked', 'secretariat', after],
    ['prioritised', 'granted', 'secretariat', after],
    ['prioritised', 'partly_granted', 'secretariat', after],
    ['prioritised', 'rejected', 'secretariat', after],
    ['not_prioritised', 'rejected', 'secretariat', after],
    ['granted', 'paid', 'secretariat', after],
    ['partly_granted', 'paid', 'secretariat', after],
    ['paid', 'reported', 'owner', after],
    ['reported', 'on_agenda', 'secretariat', after],
    ['reported', 'closed', 'system', after],
    ['rejected', 'closed', 'secretariat', after],
  ];
  for (const [from, to, role, at, reason] of allowed) {
    it(`lets the ${role} move a report from ${from} to ${to}`, () => {
      const r = transition({ status: from }, to, { actor: { role, id: 't1:u1' }, at, deadline, reason });
      assert.equal(r.ok, true, JSON.stringify(r));
      if (r.ok) {
        assert.equal(r.status, to);
        assert.deepEqual(r.entry, { from, to, at: at.toISOString(), actor: { role, id: 't1:u1' }, ...(reason ? { reason } : {}) });
      }
      assert.equal(canTransition(from, to), true);
    });
  }

  const refused: Array<[ReportStatus, ReportStatus, ActorRole, Date, string, string?]> = [
    ['draft', 'granted', 'secretariat', before, 'notAllowed'],
    ['submitted', 'paid', 'secretariat', after, 'notAllowed'],
    ['withdrawn', 'submitted', 'owner', before, 'notAllowed'],
    ['closed', 'on_agenda', 'secretariat', after, 'notAllowed'],
    ['granted', 'withdrawn', 'owner', before, 'notAllowed'],
    ['on_agenda', 'withdrawn', 'owner', before, 'notAllowed'],
    ['draft', 'submitted', 'owner', after, 'afterDeadline'],
    ['submitted', 'withdrawn', 'owner', after, 'afterDeadline'],
    ['formally_checked', 'withdrawn', 'owner', after, 'afterDeadline'],
    ['submitted', 'formally_checked', 'owner', before, 'role'],
    ['prioritised', 'granted', 'owner', after, 'role'],
    ['submitted', 'withdrawn', 'secretariat', before, 'role'],
    ['submitted', 'returned', 'secretariat', after, 'reasonRequired', '   '],
  ];
  for (const [from, to, role, at, why, reason] of refused) {
    it(`refuses ${from} → ${to} by the ${role} (${why})`, () => {
      const r = transition({ status: from }, to, { actor: { role }, at, deadline, reason });
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.reason, why);
    });
  }

  it('says when the deadline was when refusing a late withdrawal', () => {
    const r = transition({ status: 'submitted' }, 'withdrawn', { actor: { role: 'owner' }, at: after, deadline });
    assert.deepEqual(r, { ok: false, reason: 'afterDeadline', key: 'report.lifecycle.afterDeadline', params: { deadline: '1. februar 2027' } });
  });

  it('accepts a withdrawal at the very last second of the deadline', () => {
    assert.equal(transition({ status: 'submitted' }, 'withdrawn', { actor: { role: 'owner' }, at: deadline, deadline }).ok, true);
  });

  it('keeps a return comment as text, without control characters, and limits its size', () => {
    const r = transition({ status: 'submitted' }, 'returned', {
      actor: { role: 'secretariat' },
      at: after,
      deadline,
      reason: ' <b>${x}</b>\u0000 fiks\r\nsummen ',
    });
    assert.equal(r.ok && r.entry.reason, '<b>${x}</b> fiks\nsummen');
    const long = transition({ status: 'submitted' }, 'returned', { actor: { role: 'secretariat' }, at: after, deadline, reason: 'x'.repeat(1024 * 1024) });
    assert.equal(!long.ok && long.reason, 'reasonTooLong');
  });

  it('lets the owner edit drafts and returned reports any time, submitted ones only before the deadline', () => {
    assert.equal(canEdit({ status: 'draft' }, after, deadline).ok, true);
    assert.equal(canEdit({ status: 'returned' }, after, deadline).ok, true);
    assert.equal(canEdit({ status: 'submitted' }, before, deadline).ok, true);
    assert.equal(canEdit({ status: 'formally_checked' }, before, deadline).ok, true);
    const late = canEdit({ status: 'submitted' }, after, deadline, 'en');
    assert.deepEqual(late, { ok: false, reason: 'afterDeadline', key: 'report.lifecycle.afterDeadline', params: { deadline: '1 February 2027' } });
    assert.equal(canEdit({ status: 'on_agenda' }, before, deadline).ok, false);
    assert.equal(canEdit({ status: 'withdrawn' }, before, deadline).ok, false);
  });

  it('sends an edited, already checked report back for a new check', () => {
    assert.equal(statusAfterEdit('formally_checked'), 'submitted');
    assert.equal(statusAfterEdit('submitted'), 'submitted');
  });

  it('ends in closed or withdrawn, and every other status has a way on', () => {
    assert.deepEqual(REPORT_STATUSES.filter(isFinal), ['closed', 'withdrawn']);
    assert.deepEqual(nextStatuses('submitted', 'owner'), ['withdrawn']);
  });
});
