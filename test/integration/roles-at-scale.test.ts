import assert from 'node:assert/strict';
import { FORUM_GROUP, type MemberCategory, MEMBER_CATEGORIES } from '../../src/domain/roles';
import { forumIdOfGroup, forumsOf } from '../../src/domain/regions';
import { MAX_ACTIVITY_BYTES, activityBytes } from '../../src/teams/cards/budget';
import { CardRenderer } from '../support/gallery/render';
import { cardText, startHarness, type Harness } from '../support/harness';
import { validOrgnrs } from '../support/maxReport';
import { OFFICER, TENANT } from '../support/personas';
import { cardElements } from '../support/wizard';

// The roles card of a forum with many people (issue 26: it once grew 62 px and 1.25 KB a person,
// over Teams' 100 KB at about 74 people). Rendered as Teams would at 500 px, every page stays within
// the size budget and 1 500 px, and every person is on one of the pages, once.

const CARD = 'application/vnd.microsoft.card.adaptive';
const HEIGHT_BUDGET = 1500;
const aad = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;

describe('the roles card at scale: paged within the size and height budget, everyone reachable', function () {
  this.timeout(300_000);
  let h: Harness;
  let renderer: CardRenderer;
  before(async () => {
    h = await startHarness({ BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId });
    renderer = await CardRenderer.start();
  });
  after(async () => {
    await renderer?.stop();
    await h?.stop();
  });

  /** Grants people up to `total`, spread over every working group and forum, as an officer would add them. */
  let granted = 0;
  async function growTo(total: number): Promise<void> {
    const { regions } = h.app.services;
    const places = [
      ...regions.workingGroups.map((g) => ({ forum: forumIdOfGroup(regions, g.id), group: g.id })),
      ...forumsOf(regions).map((f) => ({ forum: f.id, group: FORUM_GROUP })),
    ];
    const orgnrs = validOrgnrs(3);
    for (; granted < total; granted++) {
      const i = granted;
      const place = places[i % places.length];
      await h.app.services.roles.grant({
        person: { tenantId: TENANT, aadObjectId: aad(i) },
        forum: place.forum,
        group: place.group,
        role: i % 17 === 0 ? 'chair' : 'member',
        // A full name as Teams gives it, some long enough to wrap.
        displayName: `Person ${String(i).padStart(3, '0')} ${i % 4 === 0 ? 'Kristiansen-Bergersen Haugland' : 'Nordmann'}`,
        ...(place.group === FORUM_GROUP ? { category: MEMBER_CATEGORIES[i % MEMBER_CATEGORIES.length] as MemberCategory } : {}),
        organisations: orgnrs.slice(0, 1 + (i % 3)),
        grantedBy: 'test',
        grantedAt: '2027-01-15T10:00:00.000Z',
      });
    }
  }

  /** Every page of `roller` in the officer's chat: its card, size as Teams counts it, and rendered height. */
  async function everyPage(): Promise<Array<{ card: any; bytes: number; height: number }>> {
    const [first] = await h.send(OFFICER, 'roller');
    assert.equal(first.attachments?.[0]?.contentType, CARD);
    const pages = [{ card: first.attachments[0].content, bytes: activityBytes(first) }];
    for (;;) {
      const next = cardElements(pages.at(-1)!.card).find((e) => e.type === 'Action.Execute' && e.verb === 'roles.list' && e.data?.page === pages.length);
      if (!next) break;
      const res = await h.invoke(OFFICER, 'roles.list', next.data);
      assert.equal(res.body.type, CARD);
      pages.push({ card: res.body.value, bytes: activityBytes(res.body) });
      assert.ok(pages.length < 100, 'the pages end');
    }
    const out = [];
    for (const p of pages) out.push({ ...p, height: (await renderer.render(p.card)).height });
    return out;
  }

  for (const people of [41, 80, 200]) {
    it(`${people} people: every page ≤ 80 KB and ≤ ${HEIGHT_BUDGET} px, each person on exactly one page`, async () => {
      await growTo(people);
      const pages = await everyPage();
      const kb = (b: number) => (b / 1024).toFixed(1);
      console.log(
        `      roles card, ${people} people: ${pages.length} pages; largest ${kb(Math.max(...pages.map((p) => p.bytes)))} KB, tallest ${Math.max(...pages.map((p) => p.height))} px`,
      );
      for (const [n, p] of pages.entries()) {
        assert.ok(p.bytes <= MAX_ACTIVITY_BYTES, `page ${n + 1}: ${p.bytes} bytes as UTF-16`);
        assert.ok(p.height <= HEIGHT_BUDGET, `page ${n + 1}: ${p.height} px tall`);
      }
      const seen = pages.flatMap((p) => [...cardText(p.card).matchAll(/Person (\d{3})/g)].map((m) => Number(m[1])));
      assert.deepEqual(
        [...seen].sort((a, b) => a - b),
        Array.from({ length: people }, (_, i) => i),
        'everyone once',
      );
      // Each person's organisations, date and id are one press away on the page: hidden, and named by its toggle.
      for (const p of pages) {
        const toggle = cardElements(p.card).find((e) => e.type === 'Action.ToggleVisibility');
        const hidden = cardElements(p.card).filter((e) => e.type === 'TextBlock' && e.isVisible === false);
        assert.ok(hidden.length > 0 && hidden.every((e) => /ID 0000/.test(e.text) && toggle?.targetElements.includes(e.id)));
      }
    });
  }
});
