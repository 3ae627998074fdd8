import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS } from '../../src/domain/exportRows';
import { FAST_DELIVERY } from '../support/delivery';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, OTHER_OWNER, OWNER, TENANT } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { TO_PRIORITISED, invokeCard, moveTo, submitted } from '../support/casework';
import { fakeClock, nowOf } from '../support/clock';

/** The Action.OpenUrl links of a card, by title. */
function linksOf(card: any): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Action.OpenUrl') out[n.title] = n.url;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

/** RFC 4180 with semicolons: quoted fields may hold ; " and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const col = (header: string) => EXPORT_COLUMNS.findIndex((c) => c.header === header);

describe("the round's export", function () {
  this.timeout(60_000);
  const clock = fakeClock('2026-12-01T09:00:00Z');
  const STORED_OFFICER = { name: 'Liv Lagret', aadObjectId: '00000000-0000-4000-8000-000000000008', tenantId: TENANT };
  let h: Harness;
  let refs: { two: string; one: string; decided: string };

  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, EXPORT_LINK_MINUTES: '10' }, { now: nowOf(clock) });
    const two = await submitted(h, OWNER);
    const one = await submitted(h, OTHER_OWNER, {
      measure: { ...GOOD_INPUT.measure, title: '=HYPERLINK("http://evil.example";"klikk")', needAndGoal: 'Behov; mål og "sitat"\nandre linje' },
      money: {
        startYear: '2027',
        years: '1',
        year1Owner: '400 000',
        year1Uh: '100 000',
        year1OwnContribution: '150 000',
        year2Owner: '',
        year2Uh: '',
        year2OwnContribution: '',
      },
    });
    const decided = await submitted(h, OWNER);
    await moveTo(h, decided, TO_PRIORITISED);
    await invokeCard(h, OFFICER, 'decision.record', {
      ...decided,
      outcome: 'partly_granted',
      grant1: '1 000 000',
      grant2: '500 000',
      reason: 'Delvis; se brev',
    });
    refs = { two: two.reference, one: one.reference, decided: decided.reference };
  });
  after(async () => {
    await h.stop();
  });
  beforeEach(() => {
    clock.setSystemTime(new Date('2026-12-01T09:00:00Z'));
  });

  async function links(who = OFFICER) {
    const [reply] = await h.send(who, 'eksport 2027');
    const card = cardOf(reply);
    assert.match(cardText(card), /Eksport av innmeldingsrunden 2027/);
    assert.match(cardText(card), /går ut kl\. 10:10 \(om 10 minutter\)/);
    const l = linksOf(card);
    return { xlsx: l['Last ned Excel (.xlsx)'], csv: l['Last ned CSV'] };
  }

  it('gives an officer an Excel workbook with Norwegian headings, one row per report and year, amounts as numbers', async () => {
    const { xlsx } = await links();
    assert.match(xlsx, /^http:\/\/localhost:\d+\/exports\/[\w-]+\.[\w-]+$/);
    const res = await fetch(xlsx);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="behovsmeldinger-demo-2027-2026-12-01\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(
      header,
      EXPORT_COLUMNS.map((c) => c.header),
    );
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    assert.equal(rows.length, 2 + 1 + 2, 'two 2-year reports and one 1-year report');
    const byRef = (ref: string) => rows.filter((r) => r[col('Referanse')] === ref);
    assert.deepEqual(
      byRef(refs.two).map((r) => r[col('Søkt tilskudd (kr)')]),
      [1_250_000, 1_000_000],
    );
    assert.deepEqual(
      byRef(refs.one).map((r) => r[col('Søkt tilskudd (kr)')]),
      [500_000],
    );
    assert.equal(byRef(refs.one)[0][col('Tittel på tiltaket')], '=HYPERLINK("http://evil.example";"klikk")', 'text stays text, not a formula');
    const decided = byRef(refs.decided);
    assert.deepEqual(
      decided.map((r) => r[col('Vedtatt beløp (kr)')]),
      [1_000_000, 500_000],
    );
    assert.equal(decided[0][col('Vedtak')], 'Delvis innvilget');
    assert.equal(decided[0][col('Status')], 'Delvis innvilget');
    assert.equal(decided[0][col('Begrunnelse for vedtaket')], 'Delvis; se brev');
    for (const row of rows) {
      EXPORT_COLUMNS.forEach((c, i) => {
        if (c.kind === 'number' && row[i] !== undefined && row[i] !== null) assert.equal(typeof row[i], 'number', `${c.header}: ${String(row[i])}`);
      });
      assert.ok(row[col('Sendt inn')] instanceof Date);
      assert.equal(typeof row[col('Runde')], 'number');
    }
  });

  it('gives the same rows as CSV that Norwegian Excel opens: UTF-8 with BOM, semicolons, quoted text, formulas disarmed', async () => {
    const { csv } = await links();
    const res = await fetch(csv);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'byte order mark');
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    assert.deepEqual(
      rows[0],
      EXPORT_COLUMNS.map((c) => c.header),
    );
    const data = rows.slice(1);
    assert.equal(data.length, 5);
    const one = data.find((r) => r[col('Referanse')] === refs.one)!;
    assert.equal(one[col('Kompetansebehov og mål')], 'Behov; mål og "sitat"\nandre linje');
    assert.equal(one[col('Tittel på tiltaket')], '\'=HYPERLINK("http://evil.example";"klikk")');
    assert.equal(one[col('Søkt tilskudd (kr)')], '500000', 'plain digits, so Excel reads a number');
    assert.match(one[col('Sendt inn')], /^01\.12\.2026$/);
    assert.equal(data.find((r) => r[col('Referanse')] === refs.decided)![col('Vedtatt beløp (kr)')], '1000000');
  });

  it('refuses the link to anyone it was not made for: forged, expired, or an officer who left', async () => {
    const { xlsx } = await links();
    const [base, token] = xlsx.split('/exports/');
    const [payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, u: OWNER.aadObjectId })).toString('base64url');
    assert.equal((await fetch(`${base}/exports/${forged}.${signature}`)).status, 404, 'someone else in the token');
    assert.equal((await fetch(`${base}/exports/${payload}.${'A'.repeat(43)}`)).status, 404, 'made-up signature');
    assert.equal((await fetch(`${base}/exports/nothing`)).status, 404);

    clock.setSystemTime(new Date('2026-12-01T09:10:01Z'));
    const expired = await fetch(xlsx);
    assert.equal(expired.status, 410);
    assert.match(await expired.text(), /Lenken har gått ut/);

    // An officer granted in Teams and later removed: their link stops working at once.
    clock.setSystemTime(new Date('2026-12-01T09:00:00Z'));
    const grant = {
      person: { tenantId: TENANT, aadObjectId: STORED_OFFICER.aadObjectId },
      forum: h.app.services.regions.id,
      role: 'secretariat' as const,
      group: 'secretariat',
      organisations: [],
      grantedBy: 'test',
      grantedAt: new clock.Date().toISOString(),
    };
    await h.app.services.roles.grant(grant);
    const theirs = await links(STORED_OFFICER);
    assert.equal((await fetch(theirs.csv)).status, 200);
    await h.app.services.roles.revoke(grant.person, grant.forum, 'secretariat', 'secretariat');
    const gone = await fetch(theirs.csv, { headers: { 'accept-language': 'en-GB' } });
    assert.equal(gone.status, 403);
    assert.match(await gone.text(), /no longer in the secretariat/);
  });

  it('says truly what the links are: anyone holding one downloads until it expires, so do not share it (nb, nn, en)', async () => {
    const told = {
      nb: /Alle som har lenkene, kan laste ned filen til de går ut kl\. 10:10 \(om 10 minutter\), så ikke del dem\./,
      nn: /Alle som har lenkjene, kan laste ned fila til dei går ut kl\. 10:10 \(om 10 minutt\), så ikkje del dei\./,
      en: /Anyone who has the links can download the file until they expire at 10:10 \(in 10 minutes\), so do not share them\./,
    };
    for (const [lang, text] of Object.entries(told)) {
      const card = cardOf((await h.send({ ...OFFICER, locale: lang === 'en' ? 'en-GB' : `${lang}-NO` }, 'eksport 2027'))[0]);
      assert.match(cardText(card), text, lang);
      assert.doesNotMatch(cardText(card), /bare for deg|berre for deg|for you only/, lang);
    }
    // What it says is what it does: a request with no Teams identity at all gets the file.
    const { csv } = await links();
    assert.equal((await fetch(csv, { headers: {} })).status, 200);
  });

  it('gives no link to someone who is not an officer', async () => {
    for (const who of [OWNER, OTHER_OWNER]) {
      const card = await invokeCard(h, who, 'export.round', { roundId: 'demo-2027' });
      assert.match(cardText(card), /bare for sekretariatet/);
      assert.deepEqual(linksOf(card), {});
    }
  });
});
