import assert from 'node:assert/strict';
import { action } from '../../src/teams/cards/action';
import { renderCard } from '../../src/teams/cards/render';
import { voteCardBody, type VoteCardData } from '../../src/teams/forum/voteCardBody';

// The voting card is built without the templating engine (a press's CPU); it must stay exactly
// what cards/vote.json expands to, for every combination of what may be present or empty.
describe('the voting card built directly', () => {
  const full: VoteCardData = {
    progress: 'Sak 1 av 2 · Arbeidsgruppe Vest · Vårmøte',
    heading: 'BM-2027-0001 – *Lesing* i [alle](https://x.example) fag',
    facts: [
      { title: 'Eier', value: '1. desember 2026: Eier kommune (974 760 673)' },
      { title: 'Søkt per år', value: '2027–2028: 1 250 000 kr' },
    ],
    tallyTitle: 'Markeringer så langt',
    tallyStyle: 'emphasis',
    tally: [
      { title: 'Prioriter', value: '3' },
      { title: 'Ikke prioriter', value: '0' },
    ],
    result: 'Prioritert (konsensus)',
    resultColor: 'Good',
    turnout: '3 av 4 stemmeberettigede har markert.',
    rules: 'Regler: # beslutningsdyktig når flere enn 50 %',
    yourMark: 'Din markering: Prioriter.',
    notice: 'Markeringen din er lagret: Prioriter.',
    warning: 'Avstemningen er lukket.',
    closes: 'Lukkes 12. mars 2027 kl. 12.00.',
    actions: [
      action('✓ Prioriter', 'vote.mark', { meetingId: 'm', reportId: 'r', v: 'v', mark: 'prioritise' }, { style: 'positive' }),
      action('Lukk', 'vote.close', { meetingId: 'm' }, { style: 'destructive' }),
      action('Oppdater', 'vote.refresh', { meetingId: 'm', reportId: 'r', v: 'v' }),
    ],
  };
  const optional = ['result', 'turnout', 'rules', 'yourMark', 'notice', 'warning', 'closes'] as const;

  it('equals the template for every optional line present or empty, and with no facts or buttons', () => {
    let compared = 0;
    for (let mask = 0; mask < 1 << optional.length; mask++) {
      const d: VoteCardData = { ...full, facts: mask % 3 ? full.facts : [], actions: mask % 5 ? full.actions : [] };
      for (const [i, key] of optional.entries()) if (mask & (1 << i)) d[key] = '';
      assert.deepEqual(voteCardBody(d), renderCard('vote', d), `mask ${mask}`);
      compared++;
    }
    // The member's own mark is not repeated when it is the warning itself (a disqualified member).
    const same = { ...full, yourMark: full.warning };
    assert.deepEqual(voteCardBody(same), renderCard('vote', same));
    assert.equal(compared, 128);
  });
});
